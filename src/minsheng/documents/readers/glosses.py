"""A copy's pinyin glosses left out of the document before any rule reads it.

Some mirror sites print each character's reading after it, in brackets: `鎮(zhèn)`,
`學(xué)`, even inside a figure `3.2萬(wàn)人` or beside a real bracket `圩鎮(zhèn)(平安大道…)`.
The office never printed them: they belong to the copy, as a share bar does, so a name
and a content are stored without them and compare with the same plan copied elsewhere.
A bracket of Latin letters without a tone mark (`(PPP)`) is the office's and stays
(text/pinyin.GLOSS).
"""

from __future__ import annotations

from dataclasses import replace

from ...text.normal import normal
from ...text.pinyin import GLOSS, unglossed
from ..parsed import Document, Table


def _plain(text: str) -> str:
    return unglossed(text)[0] if GLOSS.search(normal(text)) else text


def _table(table: Table) -> Table:
    cells = [replace(cell, text=_plain(cell.text)) for cell in table.cells]
    return replace(table, cells=cells, caption=[_plain(line) for line in table.caption])


def without_glosses(document: Document) -> Document:
    """The document with every pinyin gloss left out of its text and its tables' cells."""
    return replace(
        document,
        paragraphs=[_plain(p) for p in document.paragraphs],
        tables=[_table(t) for t in document.tables],
    )
