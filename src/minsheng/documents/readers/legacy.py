"""Old binary formats (.doc, .wps, .xls, .et) through LibreOffice, when it is installed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import DocumentError
from ..parsed import Document

TARGET = {".doc": "docx", ".wps": "docx", ".xls": "xlsx", ".et": "xlsx"}
INSTALL_HINT = "请安装 LibreOffice（Debian: apt-get install libreoffice-writer libreoffice-calc）或另存为 .docx/.xlsx"


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def read_legacy(path: Path, read_converted: Callable[[Path], Document]) -> Document:
    program = soffice()
    if program is None:
        raise DocumentError(f"读取 {path.suffix} 文件需要 LibreOffice，本机没有安装；{INSTALL_HINT}", path.name)
    target = TARGET[path.suffix.lower()]
    with tempfile.TemporaryDirectory() as folder:
        try:
            subprocess.run(
                [
                    program,
                    "--headless",
                    f"-env:UserInstallation=file://{folder}/profile",
                    "--convert-to",
                    target,
                    "--outdir",
                    folder,
                    str(path),
                ],
                check=True,
                capture_output=True,
                timeout=120,
            )
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            raise DocumentError(f"LibreOffice 无法转换此文件（{type(exc).__name__}）", path.name) from exc
        converted = Path(folder) / f"{path.stem}.{target}"
        if not converted.exists():
            raise DocumentError("LibreOffice 没有产出转换结果，文件可能已损坏", path.name)
        document = read_converted(converted)
    document.name = path.name
    return document
