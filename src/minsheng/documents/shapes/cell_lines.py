"""A table printed one cell per line: what a web page's table becomes when its text is copied
out, or when a site renders each cell as its own paragraph.

    序号 / 民生实事 / 责任单位 / 完成时限 / 1 / 新建2座人行天桥。 / 县住建局 / 县代建中心 / 9月底前 / 2 / …

The header is a run of header words, one per line. Each row starts at the next 序号; its
lines are placed in the header's columns by their shape (the same shapes that name a
column without a header, grid._shape): organisations are units, dates are deadlines,
short personal names are leaders, anything else is text. Lines left over after the last
column start a row without 序号 (a task under the same project, whose blank cells
continue the ones above, as a merged cell would). The grid goes to the same layout
reader as every other table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...plans.fields import FIELDS
from ...text.numbers import wan_yuan
from ..parsed import Cell, Document, Table
from .furniture import without_furniture
from .headers import field_for
from .rules import due_date, split_units, whole_unit

_MIN_HEADER = 3
_TEXT_FIELDS = tuple(f.key for f in FIELDS if f.cell == "text")
_SEQ = re.compile(r"^(\d{1,3})[.、．]?$")
_LEADER = re.compile(r"^[\u4e00-\u9fff]{2,4}$")


def tabulate(document: Document) -> Document:
    """The document with its one-cell-per-line table as a table; unchanged when it has none."""
    if document.tables:
        return document
    lines = without_furniture(document.paragraphs)  # a page's own lines are no cells
    found = _header_run(lines)
    if found is None:
        return document
    start, fields = found
    rows, end = _rows(lines[start + len(fields) :], fields)
    if len(rows) < 2:
        return document
    header = [Cell(0, c, lines[start + c]) for c in range(len(fields))]
    cells = header + [Cell(r, c, text) for r, row in enumerate(rows, start=1) for c, text in enumerate(row) if text]
    table = Table(cells=cells, where="表格 1", caption=lines[:start])
    after = lines[start + len(fields) + end :]
    return Document(name=document.name, tables=[table], paragraphs=lines[:start] + after)


def _header_run(lines: list[str]) -> tuple[int, list[str]] | None:
    """Where a run of header words starts (序号 first, then at least two more) and their fields."""
    for i, line in enumerate(lines):
        if field_for(line) != "seq" or len(line.strip()) > 4:
            continue
        fields = ["seq"]
        for word in lines[i + 1 :]:
            name = field_for(word)
            if name is None or len(word.strip()) > 10 or name == "seq":
                break
            fields.append(name)
        if len(fields) >= _MIN_HEADER and any(f in _TEXT_FIELDS for f in fields):
            return i, fields
    return None


def _kind(line: str) -> str:
    text = line.strip()
    if _SEQ.match(text):
        return "seq"
    if len(text) <= 24 and not text.endswith("。") and due_date(text, 2000) is not None:
        return "deadline"
    units = split_units(text)
    if units and all(whole_unit(u) for u in units):
        return "units"
    if _LEADER.match(text):
        return "leader"
    return "text"


# The shape of line each kind of cell takes (plans/fields.py), as _kind names it.
_SHAPES = {"units": "units", "date": "deadline", "leaders": "leader", "money": "money"}
_ACCEPTS = {f.key: _SHAPES[f.cell] for f in FIELDS if f.cell in _SHAPES}


def _is(wanted: str, line: str) -> bool:
    """A sum is told by what it is, not its shape: 980 would otherwise be a 序号."""
    return wan_yuan(line) is not None if wanted == "money" else _kind(line) == wanted


@dataclass
class _Row:
    width: int
    cells: list[list[str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.cells = [[] for _ in range(self.width)]

    def texts(self) -> list[str]:
        return ["\n".join(parts) for parts in self.cells]

    def typed(self) -> bool:
        """Whether the row holds more than text (a stray line of page furniture holds only text)."""
        return any(parts for parts in self.cells[1:]) and sum(1 for parts in self.cells if parts) >= 2


def _rows(lines: list[str], fields: list[str]) -> tuple[list[list[str]], int]:
    """The rows below the header, and how many lines they took."""
    rows: list[_Row] = []
    expected = 1
    i = 0
    while i < len(lines):
        text = lines[i].strip()
        seq = _SEQ.match(text)
        if seq and int(seq.group(1)) == expected:
            row = _Row(len(fields))
            row.cells[0].append(seq.group(1))
            i = _fill(row, fields, lines, i + 1)
            rows.append(row)
            expected += 1
        elif rows and _kind(text) != "seq" and field_for(text) is None:
            row = _Row(len(fields))
            after = _fill(row, fields, lines, i)
            if after == i or not row.typed():
                break
            rows.append(row)
            i = after
        else:
            break
    return [row.texts() for row in rows], i


def _fill(row: _Row, fields: list[str], lines: list[str], i: int) -> int:
    """Place lines from `i` in the row's columns, left to right, by their shape."""
    text_columns = [c for c, f in enumerate(fields) if f in _TEXT_FIELDS]
    for c, name in enumerate(fields):
        if name == "seq":
            continue
        wanted = _ACCEPTS.get(name, "text" if name in _TEXT_FIELDS else None)
        if wanted is None:
            continue
        while i < len(lines) and _is(wanted, lines[i]):
            row.cells[c].append(lines[i].strip())
            i += 1
            if wanted in ("text", "deadline", "money") and (c != text_columns[-1] or wanted != "text"):
                break  # one line each, the last text column takes the rest
            if name == "lead_units" and "partner_units" in fields[c + 1 :]:
                break  # the first unit leads, the next column holds the rest
    return i
