"""Checks made before a reader opens a file: emptiness, passwords, zip bombs, and
that the content is what the extension says (a .pdf is a PDF, a .docx a Word file)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from .errors import DocumentError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An office file's parts unpack to a few MB; far more is a zip bomb, not a plan.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200
ZIP_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".xlsm": "xl/workbook.xml"}
# Signatures of binary files that a text or web-page extension must not hide.
BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", OLE_MAGIC, b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"MZ")
TEXT_SUFFIXES = {".html", ".htm", ".txt", ".text"}


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
    else:
        _check_kind(path, suffix)


def _check_zip(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        raise DocumentError("文件已损坏，无法打开（不是有效的 Office 文件）", path.name) from None
    part = ZIP_PARTS.get(path.suffix.lower())
    if part and part not in {m.filename for m in members}:
        raise DocumentError(f"文件内容与扩展名“{path.suffix}”不符（不是 {path.suffix} 文件），已拒绝", path.name)
    unpacked = sum(m.file_size for m in members)
    packed = max(1, sum(m.compress_size for m in members))
    if unpacked > MAX_UNPACKED or unpacked / packed > MAX_RATIO and unpacked > 10 * 1024 * 1024:
        raise DocumentError(f"文件解压后过大（{unpacked // 1024 // 1024} MB），疑似压缩炸弹，已拒绝", path.name)


def _check_kind(path: Path, suffix: str) -> None:
    with path.open("rb") as handle:
        head = handle.read(8192)
    if suffix == ".pdf" and b"%PDF-" not in head[:1024]:
        raise DocumentError("文件内容与扩展名“.pdf”不符（不是 PDF 文件），已拒绝", path.name)
    if suffix in TEXT_SUFFIXES and (head.startswith(BINARY_MAGIC) or b"\x00" in head and not _utf16(head)):
        raise DocumentError(f"文件内容与扩展名“{path.suffix}”不符（不是文本或网页文件），已拒绝", path.name)


def _utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff"))
