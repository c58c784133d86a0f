"""Checks made before a reader opens a file: emptiness, passwords, zip bombs, that the
content is what the extension says (a .pdf is a PDF, a .docx a Word file), and the size
limits (cells, nesting depth, pages) that keep one upload from holding a worker for
minutes; then, after reading, the limits on rows, characters and targets per task.
Each refusal names the limit."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from ..errors import DocumentError
from ..parsed import Document, ParsedPlan

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# An office file's parts unpack to a few MB; far more is a zip bomb, not a plan.
MAX_UNPACKED = 100 * 1024 * 1024
MAX_RATIO = 200
ZIP_PARTS = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml", ".xlsm": "xl/workbook.xml"}
# Signatures of binary files that a text or web-page extension must not hide.
BINARY_MAGIC = (b"%PDF-", b"PK\x03\x04", OLE_MAGIC, b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"MZ")
TEXT_SUFFIXES = {".html", ".htm", ".txt", ".text"}


@dataclass(frozen=True)
class Limits:
    """A task table has hundreds of rows; these are far above any real one."""

    rows: int = 5_000  # rows in one table
    cells: int = 100_000  # cells in one document
    cell_chars: int = 20_000  # characters in one cell
    total_chars: int = 3_000_000  # characters in the whole document
    html_depth: int = 100  # nesting of elements in a web page (real pages: under 40)
    pdf_pages: int = 300
    targets_per_task: int = 100


def limits() -> Limits:
    """The limits, with any set in settings.MINSHENG_DOCUMENT_LIMITS ({"rows": 2000, …})."""
    from django.conf import settings

    overrides = getattr(settings, "MINSHENG_DOCUMENT_LIMITS", {}) if settings.configured else {}
    return replace(Limits(), **overrides)


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
        _check_office_cells(path, suffix)
    else:
        _check_kind(path, suffix)
        if suffix in {".html", ".htm"}:
            _check_html(path)
        elif suffix == ".pdf":
            _check_pages(path)


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


# Cells in a Word table (<w:tc>); values in a worksheet (<v>, inline <is>).
DOCX_CELL = re.compile(rb"<w:tc[ >]")
XLSX_VALUE = re.compile(rb"<(?:v|is)[ >]")


def _check_office_cells(path: Path, suffix: str) -> None:
    """Count cells (and a sheet's rows with values) in the XML before any reader builds
    objects for them: a 100,000-row sheet took 58 s to preview."""
    lim = limits()
    cells = 0
    with zipfile.ZipFile(path) as archive:
        for part in archive.namelist():
            if suffix == ".docx" and part == "word/document.xml":
                cells += _count(archive.open(part), DOCX_CELL)
            elif suffix != ".docx" and part.startswith("xl/worksheets/") and part.endswith(".xml"):
                data = archive.read(part)
                cells += len(XLSX_VALUE.findall(data))
                rows = sum(1 for row in data.split(b"<row")[1:] if XLSX_VALUE.search(row))
                if rows > lim.rows:
                    message = f"工作表 {Path(part).stem} 有 {rows} 行，超过上限 {lim.rows} 行（每表行数），已拒绝"
                    raise DocumentError(message, path.name)
    if cells > lim.cells:
        raise DocumentError(f"文件有 {cells} 个单元格，超过上限 {lim.cells} 个（单元格总数），已拒绝", path.name)


def _count(stream: IO[bytes], pattern: re.Pattern[bytes]) -> int:
    count, tail = 0, b""
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        block = tail + chunk
        count += len(pattern.findall(block))
        tail = block[-8:]
        count -= len(pattern.findall(tail))  # counted again with the next chunk
    return count


def _check_html(path: Path) -> None:
    """Nesting depth, rows and cells by a streaming C parser (linear), before BeautifulSoup,
    whose cost grows with the square of the depth (10,000 levels took 22 s)."""
    from lxml import etree

    lim = limits()
    depth = cells = 0
    table_rows: list[int] = []  # rows of each open table, innermost last
    with path.open("rb") as handle:
        for event, element in etree.iterparse(handle, events=("start", "end"), html=True, recover=True):
            if event == "end":
                depth -= 1
                if element.tag == "table" and table_rows:
                    table_rows.pop()
                continue
            depth += 1
            if depth > lim.html_depth:
                raise DocumentError(f"网页元素嵌套超过 {lim.html_depth} 层（嵌套深度上限），已拒绝", path.name)
            if element.tag == "table":
                table_rows.append(0)
            elif element.tag == "tr" and table_rows:
                table_rows[-1] += 1
                if table_rows[-1] > lim.rows:
                    raise DocumentError(f"网页表格超过 {lim.rows} 行（每表行数上限），已拒绝", path.name)
            elif element.tag in ("td", "th"):
                cells += 1
    if cells > lim.cells:
        raise DocumentError(f"网页有 {cells} 个单元格，超过上限 {lim.cells} 个（单元格总数），已拒绝", path.name)


def _check_pages(path: Path) -> None:
    import pdfplumber

    limit = limits().pdf_pages
    try:
        with pdfplumber.open(path) as pdf:
            pages = len(pdf.pages)
    except Exception:  # noqa: BLE001 - a damaged PDF is reported by its reader
        return
    if pages > limit:
        raise DocumentError(f"PDF 有 {pages} 页，超过上限 {limit} 页（页数上限），已拒绝", path.name)


def check_document(document: Document) -> None:
    """Rows, cells and characters of what a reader returned, before the layout reads it."""
    lim = limits()
    cells = total = 0
    for table in document.tables:
        if table.n_rows > lim.rows:
            message = f"{table.where} 有 {table.n_rows} 行，超过上限 {lim.rows} 行（每表行数），已拒绝"
            raise DocumentError(message, document.name)
        cells += len(table.cells)
        for cell in table.cells:
            if len(cell.text) > lim.cell_chars:
                where = table.locate(cell.row, cell.col)
                message = f"{where} 有 {len(cell.text)} 个字符，超过上限 {lim.cell_chars} 个（每格字符数），已拒绝"
                raise DocumentError(message, document.name)
            total += len(cell.text)
    if cells > lim.cells:
        raise DocumentError(f"文件有 {cells} 个单元格，超过上限 {lim.cells} 个（单元格总数），已拒绝", document.name)
    total += sum(len(p) for p in document.paragraphs)
    if total > lim.total_chars:
        raise DocumentError(f"文件共 {total} 个字符，超过上限 {lim.total_chars} 个（总字符数），已拒绝", document.name)


def check_plan(plan: ParsedPlan, name: str) -> None:
    limit = limits().targets_per_task
    for project in plan.projects:
        for task in project.tasks:
            if len(task.indicators) > limit:
                where = task.source.get("content") or project.name
                count = len(task.indicators)
                message = f"{where}：一条任务有 {count} 个量化指标，超过上限 {limit} 个（每条任务指标数），已拒绝"
                raise DocumentError(message, name)
