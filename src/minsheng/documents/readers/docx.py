"""Word .docx: walk `w:tc` so vertical merges are read, not repeated.

python-docx's `cell.text` repeats a merged cell's text in every row it spans,
which would hide where a project starts; the XML says it exactly: a `w:vMerge`
without `w:val="restart"` continues the cell above in the same grid column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from ..parsed import Cell, Document, Table
from .numbering import Numbering

W_P = qn("w:p")


def read_docx(path: Path) -> Document:
    document = docx.Document(str(path))
    tables: list[Table] = []
    paragraphs: list[str] = []
    caption: list[str] = []
    numbering = Numbering(document)
    for child in document.element.body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            text = numbering.label(paragraph) + text if text else text
            if text:
                paragraphs.append(text)
                caption.append(text)
        elif child.tag == qn("w:tbl"):
            table = _read_table(DocxTable(child, document), f"表格 {len(tables) + 1}")
            table.caption = caption[-6:]
            tables.append(table)
            caption = []
    return Document(name=path.name, tables=tables, paragraphs=paragraphs)


def _cell_text(tc: Any, parent: Any) -> str:
    lines = [Paragraph(p, parent).text for p in tc.iter(W_P)]
    return "\n".join(lines).strip()


def _read_table(table: DocxTable, where: str) -> Table:
    cells: list[Cell] = []
    # grid column -> the cell that a vMerge continuation extends
    open_cells: dict[int, Cell] = {}
    for r, tr in enumerate(table._tbl.tr_lst):
        col = _grid_before(tr)
        for tc in tr.tc_lst:
            span = tc.grid_span
            vmerge = tc.vMerge  # "restart", "continue" or None
            if vmerge == "continue" and col in open_cells:
                open_cells[col].rowspan = r - open_cells[col].row + 1
            else:
                cell = Cell(row=r, col=col, text=_cell_text(tc, table), colspan=span)
                cells.append(cell)
                for c in range(col, col + span):
                    open_cells[c] = cell
            col += span
    return Table(cells=cells, where=where)


def _grid_before(tr: object) -> int:
    trPr = tr.trPr  # type: ignore[attr-defined]
    if trPr is None:
        return 0
    before = trPr.find(qn("w:gridBefore"))
    return int(before.get(qn("w:val"))) if before is not None else 0
