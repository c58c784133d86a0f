"""Checks made before a reader opens a file: emptiness, passwords, zip bombs."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import DocumentError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An office file's parts unpack to a few MB; far more is a zip bomb, not a plan.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200


def check_file(path: Path) -> None:
    name = path.name
    if path.stat().st_size == 0:
        raise DocumentError("文件是空的（0 字节），文件已损坏或未保存完整", name)
    with path.open("rb") as handle:
        head = handle.read(8)
    suffix = path.suffix.lower()
    if suffix in {".docx", ".xlsx", ".xlsm"}:
        if head == OLE_MAGIC:
            raise DocumentError(
                "文件已加密（设有打开密码）或是旧版 .doc/.xls 格式；请去掉密码后另存为 .docx/.xlsx", name
            )
        _check_zip(path)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise DocumentError("文件已损坏，无法打开（不是有效的 Office 文件）", path.name) from None
    unpacked = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO and unpacked > 10 * 1024 * 1024:
        raise DocumentError(f"文件解压后过大（{unpacked // 1024 // 1024} MB），疑似压缩炸弹，已拒绝", path.name)
