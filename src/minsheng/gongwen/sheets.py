"""Worksheets styled for printing (the .xlsx exports): 仿宋 body and 宋体 headers, wrapped
text, row heights from the content, A4 landscape fitted to the page width, the header rows
printed on every page and frozen on screen. And the one way every .xlsx leaves the app
(`xlsx_bytes`): with no text that a spreadsheet would run as a formula."""

from __future__ import annotations

import io
import math
from typing import Any

from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from .document import BODY_FONT, text_width_chars

HEADER_FONT = "宋体"
BODY_SIZE, HEADER_SIZE = 11, 11
LINE_HEIGHT_PT = BODY_SIZE * 1.4
# Excel's column width counts Latin characters: a Chinese one takes two.
CHARS_PER_WIDTH = 0.5
MIN_WIDTH, MAX_WIDTH = 6.0, 60.0
THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


# What Excel, WPS and LibreOffice take as the start of a formula (or of a DDE call) when a
# cell is typed or a file is converted; a tab or carriage return hides such a start.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def xlsx_bytes(book: Any) -> bytes:
    """`book` saved, every text cell that begins like a formula written as text.

    The text is a task's content, a unit's narrative or a deputy's name: anyone's words,
    and the public progress.xlsx is downloaded anonymously. openpyxl stores a string
    beginning with `=` as a live formula (=HYPERLINK(...) would run in the reader's
    Excel); here it becomes a string cell with Excel's quote prefix, so it also stays text
    when the reader edits it. The words themselves are kept unchanged.
    """
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value.startswith(FORMULA_STARTS):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def print_ready(sheet: Any, header_row: int, *, widths: list[float] | None = None) -> None:
    """Style `sheet` whose header is row `header_row` and whose data follow it."""
    last_col = sheet.max_column
    merged = {
        cell for rng in sheet.merged_cells.ranges for cell in rng.cells if cell != (rng.min_row, rng.min_col)
    }
    if widths is None:
        widths = []
        for c in range(1, last_col + 1):
            longest = max(
                (text_width_chars(part) for r in range(header_row, sheet.max_row + 1)
                 for part in _text(sheet.cell(r, c).value).split("\n")),
                default=0,
            )
            widths.append(min(max(longest / CHARS_PER_WIDTH + 2, MIN_WIDTH), MAX_WIDTH))
    for c, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(c)].width = width
    for r in range(header_row, sheet.max_row + 1):
        lines = 1
        for c in range(1, last_col + 1):
            cell = sheet.cell(r, c)
            header = r == header_row
            cell.font = Font(name=HEADER_FONT if header else BODY_FONT, size=HEADER_SIZE if header else BODY_SIZE,
                             bold=header)
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center" if header else None)
            cell.border = BOX
            if (r, c) in merged:
                continue
            per_line = max((widths[c - 1] - 1) * CHARS_PER_WIDTH, 1)
            need = sum(max(1, math.ceil(text_width_chars(p) / per_line)) for p in _text(cell.value).split("\n"))
            lines = max(lines, need)
        sheet.row_dimensions[r].height = lines * LINE_HEIGHT_PT + 4
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.freeze_panes = sheet.cell(header_row + 1, 1).coordinate
