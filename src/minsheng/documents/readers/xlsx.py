"""Excel .xlsx through openpyxl in normal mode, so `merged_cells` is known."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl

from ..parsed import Cell, Document, Table


def read_xlsx(path: Path) -> Document:
    workbook = openpyxl.load_workbook(str(path), data_only=True)
    tables = [_read_sheet(ws) for ws in workbook.worksheets if ws.sheet_state == "visible"]
    return Document(name=path.name, tables=[t for t in tables if t.cells])


def _value_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    return str(value).strip()


def _read_sheet(ws: object) -> Table:
    where = f"工作表“{ws.title}”"  # type: ignore[attr-defined]
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for rng in ws.merged_cells.ranges:  # type: ignore[attr-defined]
        spans[(rng.min_row, rng.min_col)] = (rng.max_row - rng.min_row + 1, rng.max_col - rng.min_col + 1)
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    covered.add((r, c))
    cells: list[Cell] = []
    cell_where: dict[tuple[int, int], str] = {}
    for row in ws.iter_rows():  # type: ignore[attr-defined]
        for xcell in row:
            key = (xcell.row, xcell.column)
            if key in covered:
                continue
            rowspan, colspan = spans.get(key, (1, 1))
            cell = Cell(
                row=xcell.row - 1, col=xcell.column - 1, text=_value_text(xcell.value), rowspan=rowspan, colspan=colspan
            )
            cells.append(cell)
            cell_where[(cell.row, cell.col)] = f"{where} {xcell.coordinate} 单元格"
    return Table(cells=cells, where=where, cell_where=cell_where, sheet=ws.title)  # type: ignore[attr-defined]
