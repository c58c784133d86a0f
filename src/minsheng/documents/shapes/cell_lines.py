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
_SUB = re.compile(r"^(?:[（(]\d{1,3}[)）]|[①-⑳])")  # a numbered target within a cell: （1）, ①
_LEADER = re.compile(r"^[\u4e00-\u9fff]{2,4}$")
# A progress cell: a rate first, its note after (`75%（城东幼儿园进度滞后`), a bracket left open or not.
_RATE_FIRST = re.compile(r"^\d+(?:\.\d+)?\s*[%％]")


def tabulate(document: Document) -> Document:
    """The document with its one-cell-per-line table as a table; unchanged when it has none."""
    if document.tables:
        return document
    lines = without_furniture(document.paragraphs)  # a page's own lines are no cells
    found = _header_run(lines)
    if found is None:
        return document
    start, fields, words, took = found
    rows, end = _rows(lines[start + took :], fields)
    if len(rows) < 2:
        return document
    header = [Cell(0, c, word) for c, word in enumerate(words)]
    cells = header + [Cell(r, c, text) for r, row in enumerate(rows, start=1) for c, text in enumerate(row) if text]
    table = Table(cells=cells, where="表格 1", caption=lines[:start])
    after = lines[start + took + end :]
    warnings = _left_rows(rows, after)
    return Document(name=document.name, tables=[table], paragraphs=lines[:start] + after, warnings=warnings)


def _left_rows(rows: list[list[str]], after: list[str]) -> list[str]:
    """A warning when the table stopped before a numbered line that would continue it (the next
    序号 below the rows read): rows the reading left out must never be lost silently."""
    numbers = [int(row[0]) for row in rows if row[0].isdigit()]
    following = (max(numbers) + 1) if numbers else 1
    for line in after:
        seq = _SEQ.match(line.strip())
        if seq and int(seq.group(1)) == following:
            return [f"逐格排列的表格只读到第 {following - 1} 行，其后从序号 {following} 起的行未能读入，请核对原件"]
    return []


def _despaced(line: str) -> str:
    """A header word or a name as printed with its characters spaced out (`工 作 标 准`, `周 明`)."""
    text = line.strip()
    return re.sub(r"(?<=[\u4e00-\u9fff])[ \u3000]+(?=[\u4e00-\u9fff])", "", text) if len(text) <= 16 else text


def _header_run(lines: list[str]) -> tuple[int, list[str], list[str], int] | None:
    """Where a run of header words starts (序号 first, then at least two more): their fields, the words
    as one cell each, and how many lines they take. A word wrapped over two lines (`区政府` / `分管领导`)
    is one cell; a short label the reader has no field for, between two it has, is a column of text
    (the content, when the header names no content column)."""
    for i, line in enumerate(lines):
        if field_for(_despaced(line)) != "seq" or len(line.strip()) > 4:
            continue
        fields, words, j = ["seq"], [line.strip()], i + 1
        while j < len(lines):
            name, word, step = _header_word(lines, j)
            if name is None and _label(word) and _header_word(lines, j + 1)[0] not in (None, "seq"):
                name = "unnamed"
            if name is None or len(word) > 10 or name == "seq":
                break
            fields.append(name)
            words.append(word)
            j += step
        if "content" not in fields and "unnamed" in fields:
            fields[fields.index("unnamed")] = "content"
        if len(fields) >= _MIN_HEADER and any(f in _TEXT_FIELDS for f in fields):
            return i, fields, words, j - i
    return None


def _header_word(lines: list[str], j: int) -> tuple[str | None, str, int]:
    """The field of the header word at line `j`, the word, and how many lines it takes (two when wrapped)."""
    word = _despaced(lines[j]) if j < len(lines) else ""
    after = _despaced(lines[j + 1]) if j + 1 < len(lines) else ""
    if field_for(word) is None and _label(word) and after and field_for(word + after):
        return field_for(word + after), word + after, 2
    return field_for(word), word, 1


def _label(word: str) -> bool:
    """A short line of words only: what a header cell holds."""
    return 2 <= len(word) <= 8 and bool(re.fullmatch(r"[\u4e00-\u9fff（）()/]+", word))


def _kind(line: str) -> str:
    text = line.strip()
    if _SEQ.match(text):
        return "seq"
    if len(text) <= 24 and not text.endswith("。") and due_date(text, 2000) is not None:
        return "deadline"
    units = [] if _RATE_FIRST.match(text) else split_units(text)  # a rate is no organisation
    if units and all(whole_unit(u) for u in units):
        return "units"
    if _LEADER.match(_despaced(text)):
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
        if any(parts and _SUB.match(parts[0]) for parts in self.cells):
            return True  # a numbered target of its own (（2）…), its other cells merged with the row above
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
            i = _by_position(row, fields, lines, i + 1, expected + 1) or _fill(row, fields, lines, i + 1)
            rows.append(row)
            expected += 1
        elif rows and _kind(text) != "seq" and field_for(text) is None:
            row = _Row(len(fields))
            after = _fill(row, fields, lines, i, continued=True)
            if after == i or not row.typed():
                break
            rows.append(row)
            i = after
        else:
            break
    return [row.texts() for row in rows], i


def _by_position(row: _Row, fields: list[str], lines: list[str], i: int, following: int) -> int | None:
    """A numbered row holding exactly one line per column after its 序号, up to the next number (or
    the end), each line of the shape its column takes, is placed by position: a text cell may be
    as short as a leader's name (`数据惠民`) or read as an organisation, and is still its column's
    text. Where the row ends after its lines, or None when it is not such a row."""
    numbers = [_SEQ.match(line.strip()) for line in lines[i:]]
    end = next((i + k for k, seq in enumerate(numbers) if seq and int(seq.group(1)) == following), len(lines))
    cells = [line.strip() for line in lines[i:end]]
    if len(cells) != len(fields) - 1 or not all(cells):
        return None
    for name, text in zip(fields[1:], cells, strict=True):
        wanted = _ACCEPTS.get(name, "text" if name in _TEXT_FIELDS else None)
        if wanted == "text" and _kind(text) == "seq" or wanted not in (None, "text") and not _is(wanted, text):
            return None
    for c, text in enumerate(cells, start=1):
        row.cells[c].append(text)
    return end


def _takes(wanted: str, fields: list[str], line: str, after_seq: bool) -> bool:
    """Whether a column wanting this shape takes the line. A line shaped as a leader's name
    (`数据惠民`) is a short text where the header has no leader column to take it, or where it is
    the first line after the 序号 (a name's place)."""
    if _is(wanted, line):
        return True
    leaders = any(_ACCEPTS.get(name) == "leader" for name in fields)
    return wanted == "text" and _kind(line) == "leader" and (after_seq or not leaders)


def _wanted(name: str, merged: bool) -> str | None:
    """The shape of line a column takes; None for the 序号 and for a text cell merged from the row above."""
    if name == "seq" or merged:
        return None
    return _ACCEPTS.get(name, "text" if name in _TEXT_FIELDS else None)


def _fill(row: _Row, fields: list[str], lines: list[str], i: int, continued: bool = False) -> int:
    """Place lines from `i` in the row's columns, left to right, by their shape. A row `continued`
    from the one above (no 序号) adds a task: its text is the last text column's, the project's
    name and the other text columns above it being merged cells."""
    text_columns = [c for c, f in enumerate(fields) if f in _TEXT_FIELDS]
    for c, name in enumerate(fields):
        wanted = _wanted(name, continued and c in text_columns[:-1])
        if wanted is None:
            continue
        after_seq = c == 1 and not (continued or row.cells[c])
        while i < len(lines) and _takes(wanted, fields, lines[i], after_seq):
            if row.cells[c] and _SUB.match(row.cells[c][0]) and _SUB.match(lines[i].strip()):
                break  # （2） after （1）: a sub-row of its own, as each numbered target has
            row.cells[c].append(_despaced(lines[i]) if wanted == "leader" else lines[i].strip())
            i += 1
            if wanted in ("text", "deadline", "money") and (c != text_columns[-1] or wanted != "text"):
                break  # one line each, the last text column takes the rest
            if name == "lead_units" and "partner_units" in fields[c + 1 :]:
                break  # the first unit leads, the next column holds the rest
    return i
