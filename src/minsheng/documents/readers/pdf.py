"""PDF with a text layer, through pdfplumber's ruling lines.

Each page's table is cut into cells along its drawn lines; a cell that covers
several rows or columns (a merged cell) gives `None` for the places it covers,
and those become blanks that inherit, as in the other formats. A table that
runs over several pages is one table: the header printed again on each page is
dropped later by the layout reader, and a row that Word split at the page end
is joined back to its first half here.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pdfplumber

from ..errors import DocumentError
from ..parsed import Document
from .pdf_unruled import Unruled, join_rows, read_continued, read_unruled
from .scan import read_scan_pdf
from .split_rows import SENTENCE_END, PageTables


def read_pdf(path: Path) -> Document:
    try:
        pdf = pdfplumber.open(str(path))
    except Exception as exc:  # pdfminer raises several kinds
        raise DocumentError(f"PDF 文件已损坏或无法打开（{type(exc).__name__}）", path.name) from exc
    with pdf:
        scanned = not any(page.chars for page in pdf.pages)
        if not scanned:
            _check_text_layer(pdf, path.name)
            return _read_pages(pdf, path.name)
    return read_scan_pdf(path)  # image-only pages: text recognition (readers/scan.py)


def _check_text_layer(pdf: pdfplumber.PDF, name: str) -> None:
    sample = "".join((page.extract_text() or "") for page in pdf.pages[:3])
    if sample.count("(cid:") > 10:
        raise DocumentError("PDF 字体无法解码为文字（出现 (cid:…)），请提供 Word/Excel 原件", name)


def _read_pages(pdf: pdfplumber.PDF, name: str) -> Document:
    pages = PageTables(name)
    columns: list[tuple[float, float]] = []  # an open borderless table's, which the next page may continue
    for number, page in enumerate(pdf.pages, start=1):
        found = page.find_tables()
        part, joined = (None, False) if found else _unruled(page, pages, columns)
        if part is not None:
            pages.paragraphs.extend(part.above + part.below)
            pages.places.extend(pages.place(number, len(part.rows), first=1 + joined))
            pages.rows.extend(list(row) for row in part.rows)
            columns = part.columns if not _closes(part.below) else []
            continue
        columns = []
        if not found:
            pages.paragraphs.extend(_paragraphs(page))
        top = 0.0
        for table in sorted(found, key=lambda t: t.bbox[1]):
            above = _paragraphs(page.crop((0, top, page.width, max(top + 1, table.bbox[1] - 2))))
            top = table.bbox[3]
            pages.paragraphs.extend(above)
            page_rows = [list(r) for r in table.extract()]
            pages.start(above, max(map(len, page_rows), default=0))
            pages.extend(page_rows, number)
    pages.flush()
    return Document(name=name, tables=pages.tables, paragraphs=pages.paragraphs)


def _unruled(page: Any, pages: PageTables, columns: list[tuple[float, float]]) -> tuple[Unruled | None, bool]:
    """A borderless table (columns from where the words are): a new one, or the open one
    going on in `columns`, its first row joined to the last when the page broke it (True)."""
    part = read_unruled(page)
    if part is not None:
        pages.flush()
        pages.caption = list(part.above)
    elif columns:
        part = read_continued(page, columns)
        if part is not None and pages.rows and part.rows and not part.rows[0][0]:
            pages.rows[-1] = join_rows(pages.rows[-1], part.rows.pop(0))
            return part, True
    return part, False


def _closes(below: list[str]) -> bool:
    """Whether text under a borderless table ends it (a note, a signature) rather than only
    numbering the page (— 1 —, 第1页, 1)."""
    return any(not re.fullmatch(r"[-—\s]*(?:第\s*)?\d+\s*(?:页)?(?:\s*/\s*\d+)?[-—\s]*", line) for line in below)


def _paragraphs(page: Any) -> list[str]:
    """The page's text as printed paragraphs: a line that runs to the right margin without
    ending its sentence is wrapped, and the next line continues it (七 / 是新建… is 七是新建…)."""
    lines = [line for line in page.extract_text_lines() if line["text"].strip()]
    if not lines:
        return []
    right = max(line["x1"] for line in lines)
    sizes = sorted(char["size"] for line in lines for char in line["chars"])
    em = sizes[len(sizes) // 2] if sizes else 10.0
    out: list[str] = []
    joining = False
    for line in lines:
        text = line["text"].strip()
        if joining and out:
            out[-1] += text if _cjk_edge(out[-1], text) else " " + text
        else:
            out.append(text)
        joining = line["x1"] >= right - 1.5 * em and not text.endswith(SENTENCE_END + ("：", ":"))
    return out


def _cjk_edge(before: str, after: str) -> bool:
    """Chinese text wraps without a space; Latin words wrap at one."""
    return not (before[-1:].isascii() and after[:1].isascii())
