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
from ..model import Cell, Document, Table
from .pdf_unruled import join_rows, read_continued, read_unruled
from .scan import read_scan_pdf

SENTENCE_END = ("。", "；", ";", "！", "？", ".", "!", "?")


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
    tables: list[Table] = []
    paragraphs: list[str] = []
    rows: list[list[str | None]] = []
    places: list[str] = []
    caption: list[str] = []

    def flush() -> None:
        nonlocal rows, places, caption
        if rows:
            tables.append(_to_table(rows, places, caption, f"{name} 表格 {len(tables) + 1}"))
        rows, places, caption = [], [], []

    columns: list[tuple[float, float]] = []  # a borderless table's, while it may go on to the next page
    for number, page in enumerate(pdf.pages, start=1):
        found = page.find_tables()
        unruled = None if found else read_unruled(page)
        continued = None if found or unruled or not columns else read_continued(page, columns)
        if unruled is not None or continued is not None:  # a borderless table: columns from where words are
            if unruled is not None:
                flush()
                caption = list(unruled.above)
            part = unruled or continued
            assert part is not None
            paragraphs.extend(part.above + part.below)
            places.extend(f"{name} 第{number}页表格第{i + 1}行" for i in range(len(part.rows)))
            if continued is not None and rows and continued.rows and not continued.rows[0][0]:
                rows[-1] = join_rows(rows[-1], continued.rows.pop(0))  # the page broke a row
                places.pop()
            rows.extend(list(row) for row in part.rows)
            columns = part.columns if not _closes(part.below) else []
            continue
        columns = []
        if not found:
            paragraphs.extend(_paragraphs(page))
            continue
        top = 0.0
        for table in sorted(found, key=lambda t: t.bbox[1]):
            above = _paragraphs(page.crop((0, top, page.width, max(top + 1, table.bbox[1] - 2))))
            top = table.bbox[3]
            paragraphs.extend(above)
            page_rows = [list(r) for r in table.extract()]
            width = max(len(r) for r in page_rows)
            if rows and (above_has_title(above) or width != len(rows[0])):
                flush()
            caption.extend(above)
            if rows and page_rows:
                _continue_split_row(rows, page_rows)
            for i, r in enumerate(page_rows):
                rows.append(r)
                places.append(f"{name} 第{number}页表格第{i + 1}行")
    flush()
    return Document(name=name, tables=tables, paragraphs=paragraphs)


def _closes(below: list[str]) -> bool:
    """Whether text under a borderless table ends it (a note, a signature) rather than only
    numbering the page (— 1 —, 第1页, 1)."""
    return any(not re.fullmatch(r"[-—\s]*(?:第\s*)?\d+\s*(?:页)?(?:\s*/\s*\d+)?[-—\s]*", line) for line in below)


def above_has_title(lines: list[str]) -> bool:
    return any(("表" in line or "清单" in line) and "项目" in line for line in lines)


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


def _continue_split_row(rows: list[list[str | None]], page_rows: list[list[str | None]]) -> None:
    """Join the first body row of a page to the last row before it when Word split that row.

    A split row's second half has no 序号 and fills only cells whose text ran
    over, each continuing a filled cell above. Word splits a row wherever the
    page ends, often between two sentences, so a sentence end alone does not
    mean a new row: the row is a continuation when every cell stopped
    mid-sentence, or when it leaves blank a cell the row above filled (a new row
    of the same project prints its own units and deadline).
    """
    start = 1 if len(page_rows) > 1 and _same_row(page_rows[0], rows[0]) else 0
    if start >= len(page_rows):
        return
    first, last = page_rows[start], rows[-1]
    if (first[0] or "").strip():
        return
    filled = [i for i, text in enumerate(first) if (text or "").strip()]
    if not filled or len(first) != len(last):
        return
    if any(not (last[i] or "").strip() for i in filled):
        return
    mid_sentence = all(not (last[i] or "").strip().endswith(SENTENCE_END) for i in filled)
    merged = _merged_columns(rows)
    partial = any((last[i] or "").strip() and first[i] == "" for i in range(1, len(first)) if i not in merged)
    if not (mid_sentence or partial):
        return
    for i in filled:
        last[i] = f"{(last[i] or '').rstrip()}\n{(first[i] or '').strip()}"
    del page_rows[start]


def _merged_columns(rows: list[list[str | None]]) -> set[int]:
    """Columns merged down over rows (序号, 项目名称): at a page top they are blank in any row.

    A cell covered by a merge is None; a row with a single cell spanning the
    width (一、教育类) is a separator, not a vertical merge."""
    return {
        i for row in rows if sum(text is not None for text in row) > 1 for i, text in enumerate(row) if text is None
    }


def _same_row(a: list[str | None], b: list[str | None]) -> bool:
    return ["".join((x or "").split()) for x in a] == ["".join((x or "").split()) for x in b]


def _to_table(rows: list[list[str | None]], places: list[str], caption: list[str], where: str) -> Table:
    cells: list[Cell] = []
    cell_where: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None:
                continue  # covered by a merged cell: a blank that inherits
            cells.append(Cell(row=r, col=c, text=text.strip()))
            cell_where[(r, c)] = f"{places[r]}第{c + 1}列"
    return Table(cells=cells, where=where, caption=caption[-6:], cell_where=cell_where)
