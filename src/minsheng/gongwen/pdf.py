"""PDFs of the 公文 through LibreOffice (soffice --headless), fonts embedded."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

# 公文 font names mapped to the Chinese fonts a Debian server has (see the file).
FONTS_CONF = Path(__file__).with_name("fonts.conf")


class PdfUnavailable(Exception):
    """LibreOffice is not installed: the PDF cannot be made here."""


def docx_to_pdf(data: bytes) -> bytes:
    """Convert with LibreOffice (soffice --headless), which embeds the fonts it uses.

    Each conversion has its own LibreOffice profile: two at once would otherwise
    share one and the second would fail.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PdfUnavailable(
            "生成 PDF 需要 LibreOffice 和中文字体（Debian：apt-get install libreoffice-writer-nogui fonts-noto-cjk）"
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bulletin.docx"
        source.write_bytes(data)
        profile = (Path(tmp) / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
        try:
            subprocess.run(
                [*command, "--outdir", tmp, str(source)], check=True, capture_output=True, timeout=120, env=env
            )
            return (Path(tmp) / "bulletin.pdf").read_bytes()
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfUnavailable(f"LibreOffice 未能生成 PDF：{exc}") from exc
