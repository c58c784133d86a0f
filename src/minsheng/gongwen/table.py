"""Annexed tables of a 公文 (GB/T 9704-2012 clauses 8 附件 and 10.2 表格).

An annex starts on a new page, landscape when it is a wide table: "附件1" in 3号黑体 at the
top left (8), its title centred on the second line (8), then the table, whose header row
repeats on every page, whose rows are not split across pages and whose cells are centred
vertically. Column widths come from the content: each column gets at least its header,
and the rest of the 版心 goes, a character at a time, where it saves the most lines.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from .document import BODY_FONT as CELL_FONT
from .document import CHAR_SPACING_TWIPS as _SPACING
from .document import (
    HEADING_FONT,
    SIZE_2HAO,
    SIZE_3HAO,
    TEXT_HEIGHT_MM,
    TITLE_FONT,
    Gongwen,
    exact,
    set_font,
    text_width_chars,
)

# 10.2 表格 leaves the size to the office; task tables are printed in 小四 仿宋, headers 黑体.
TABLE_SIZE = 12.0
TABLE_LINE = Pt(TABLE_SIZE * 1.25)
# Word's default cell margins, 0.19 cm each side, in points.
CELL_PADDING_PT = 108 / 20 * 2
MIN_COLUMN_CHARS = 2.0
# LibreOffice's cell needs about one character more than its text to keep a header on one line.
HEADER_SLACK_CHARS = 1.0
# A landscape annex's 版心 runs 225 mm across (5.2.2 turned by 10.2).
LANDSCAPE_TEXT_WIDTH_MM = TEXT_HEIGHT_MM
LOOKAHEAD_CHARS = 8


@dataclass(frozen=True)
class Column:
    header: str
    align: str = "center"  # "center" for short values, "left" (justified) for prose


Spans = dict[int, list[tuple[int, int]]]  # column index -> body row ranges (first, last) merged


Measured = list[list[tuple[float, ...]]]  # each cell: the width in characters of each of its lines


def _measure(rows: Sequence[Sequence[str]]) -> Measured:
    """Each cell's line widths, measured once: the search below asks for them thousands of times."""
    return [[tuple(text_width_chars(part) for part in text.split("\n")) for text in row] for row in rows]


def _lines(parts: tuple[float, ...], width: float) -> int:
    return sum(max(1, math.ceil(part / width - 1e-9)) for part in parts)


def table_lines(measured: Measured, widths: Sequence[float], spans: Spans | None = None) -> int:
    """Lines the table body needs at these widths (in characters); a merged cell's text
    spreads over its rows and only adds lines where it needs more than they have."""
    spans = spans or {}
    heights = [1] * len(measured)
    for c, width in enumerate(widths):
        if c in spans:
            continue
        for r, row in enumerate(measured):
            heights[r] = max(heights[r], _lines(row[c], width))
    for c, ranges in sorted(spans.items(), key=lambda item: len(item[1]), reverse=True):
        for first, last in ranges:
            need = _lines(measured[first][c], widths[c]) - sum(heights[first : last + 1])
            if need > 0:
                heights[last] += need
    return sum(heights)


def column_widths(
    columns: Sequence[Column], rows: Sequence[Sequence[str]], available: float, spans: Spans | None = None
) -> list[float]:
    """Widths in characters summing to `available`: headers never wrap (序号 stays narrow),
    then each next character goes to the column where it saves the most lines per character."""
    widths = [max(text_width_chars(col.header), MIN_COLUMN_CHARS) + HEADER_SLACK_CHARS for col in columns]
    measured = _measure(rows)
    longest = [max([part for row in measured for part in row[c]] + [widths[c]]) for c in range(len(columns))]
    left = available - sum(widths)
    current = table_lines(measured, widths, spans)
    while left >= 1:
        best: tuple[float, int, int] | None = None
        for c in range(len(columns)):
            for extra in range(1, min(LOOKAHEAD_CHARS, int(left)) + 1):
                if widths[c] + extra > longest[c] + 1:
                    break
                trial = list(widths)
                trial[c] += extra
                saved = current - table_lines(measured, trial, spans)
                if saved > 0 and (best is None or saved / extra > best[0]):
                    best = (saved / extra, c, extra)
        if best is None:
            break
        _, c, extra = best
        widths[c] += extra
        left -= extra
        current = table_lines(measured, widths, spans)
    if left > 0:  # nothing saves a line any more: share the rest by content
        total = sum(longest) or 1
        widths = [w + left * n / total for w, n in zip(widths, longest, strict=True)]
    return widths


def _cell(cell: object, text: str, *, font: str, align: str) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER  # type: ignore[attr-defined]
    first = cell.paragraphs[0]  # type: ignore[attr-defined]
    for i, line in enumerate(text.split("\n")):
        para = exact(first if i == 0 else cell.add_paragraph(), TABLE_LINE)  # type: ignore[attr-defined]
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER if align == "center" else WD_ALIGN_PARAGRAPH.JUSTIFY
        if line:
            set_font(para.add_run(line), font, TABLE_SIZE)


def _row_flags(row: object, *, header: bool) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    for tag, on in (("w:cantSplit", True), ("w:tblHeader", header)):
        if on:
            flag = OxmlElement(tag)
            flag.set(qn("w:val"), "true")
            tr_pr.append(flag)


def _fixed_layout(table: object, twips: list[int]) -> None:
    tbl_pr = table._tbl.tblPr  # type: ignore[attr-defined]
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for grid_col, width in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), twips, strict=True):  # type: ignore[attr-defined]
        grid_col.set(qn("w:w"), str(width))
    for row in table.rows:  # type: ignore[attr-defined]
        for cell, width in zip(row.cells, twips, strict=True):
            cell.width = Twips(width)


def annex_table(
    gw: Gongwen,
    label: str,
    title: str,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    spans: Spans | None = None,
) -> object:
    """A landscape annex: label, title, and the table; merged `spans` show their first row's text."""
    gw.new_section(landscape=True)
    gw.line(label, font=HEADING_FONT, size=SIZE_3HAO)
    gw.line(title, font=TITLE_FONT, size=SIZE_2HAO, align="center")
    spans = spans or {}
    char_pt = TABLE_SIZE + _SPACING / 20
    width_pt = LANDSCAPE_TEXT_WIDTH_MM / 25.4 * 72
    available = (width_pt - CELL_PADDING_PT * len(columns)) / char_pt
    widths = column_widths(columns, rows, available, spans)
    twips = [round((w * char_pt + CELL_PADDING_PT) * 20) for w in widths]
    table = gw.doc.add_table(rows=len(rows) + 1, cols=len(columns))
    table.style = "Table Grid"
    _fixed_layout(table, twips)
    for cell, column in zip(table.rows[0].cells, columns, strict=True):
        _cell(cell, column.header, font=HEADING_FONT, align="center")
    _row_flags(table.rows[0], header=True)
    covered = {(r, c) for c, ranges in spans.items() for first, last in ranges for r in range(first + 1, last + 1)}
    # The grid is read once: python-docx's table.cell(r, c) walks every cell of the table on each
    # call, which made a 300-row annex take seconds. Merges below are vertical within one column,
    # so the cells read before them are the ones table.cell would have found.
    body_rows = list(table.rows)[1:]  # type: ignore[attr-defined]
    body = [row.cells for row in body_rows]
    for r, (row, cells, values) in enumerate(zip(body_rows, body, rows, strict=True)):
        _row_flags(row, header=False)
        for c, (value, column) in enumerate(zip(values, columns, strict=True)):
            if (r, c) not in covered:
                _cell(cells[c], value, font=CELL_FONT, align=column.align)
    for c, ranges in spans.items():
        for first, last in ranges:
            if last > first:
                body[first][c].merge(body[last][c])
    return table
