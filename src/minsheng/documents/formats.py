"""The file formats an import accepts: one table, read by parse.READERS (one reader per kind),
the upload form's file picker and messages, and the `minsheng` command's help. Light on
purpose (no reader imported), so that the command starts quickly."""

from __future__ import annotations

PLAIN = {
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".html": "html",
    ".htm": "html",
    ".pdf": "pdf",
    ".txt": "text",
    ".text": "text",
}
LEGACY = {".doc": "doc", ".wps": "doc", ".xls": "xls", ".et": "xls"}  # through LibreOffice
SCANS = {".png": "image", ".jpg": "image", ".jpeg": "image", ".tif": "image", ".tiff": "image"}  # OCR
FORMATS = {**PLAIN, **LEGACY, **SCANS}


def formats_text() -> str:
    """The accepted formats in words."""
    return f"{' '.join(PLAIN)}（{' '.join(LEGACY)} 需 LibreOffice；扫描件 {' '.join(SCANS)} 需文字识别组件）"
