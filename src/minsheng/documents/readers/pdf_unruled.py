"""A PDF table printed without ruling lines (an Excel sheet or Word table with no borders set).

pdfplumber finds tables by their lines; without them a page is only words at places.
The columns are where the words are: the x ranges that the words of multi-word lines
cover, with gutters of white between them. The table is the run of lines whose words
each stay inside one column; its header is the lines above the first 序号 (header cells
wrap over several lines in narrow columns), and a row starts at each line with text in
the first column (cells print from their top; later lines of a row continue its cells).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..shapes.headers import field_for

_LINE_TOLERANCE = 3.0  # points: words this close in height are one printed line
_EDGE = 2.0  # points a word may overhang its column
_MIN_FIELDS = 3
_ROW_START = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3}|[（(][一二三四五六七八九十\d]{1,3}[)）])[、.．]?$")


@dataclass
class Unruled:
    above: list[str]
    rows: list[list[str]]  # the header row first, unless the table continues from the page before
    below: list[str]
    columns: list[tuple[float, float]] = field(default_factory=list)


@dataclass
class _Line:
    top: float
    words: list[dict[str, Any]] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


def read_unruled(page: Any) -> Unruled | None:
    """The page's borderless table with the text above and below it, or None when it has none."""
    lines = _lines(page.extract_words(keep_blank_chars=False, x_tolerance=1.5))
    columns = _columns(lines)
    if len(columns) < _MIN_FIELDS:
        return None
    inside = [_within(line, columns) for line in lines]
    for start in range(len(lines)):
        if not inside[start] or len(lines[start].words) < _MIN_FIELDS:
            continue
        end = start
        while end < len(lines) and inside[end]:
            end += 1
        while start > 0 and inside[start - 1] and lines[start].top - lines[start - 1].top < 1.6 * _size(lines):
            start -= 1  # a header cell's first line, printed above the others when cells are centred
        table = _table(lines[start:end], columns)
        if table is not None:
            return Unruled([x.text for x in lines[:start]], table, [x.text for x in lines[end:]], columns)
    return None


def read_continued(page: Any, columns: list[tuple[float, float]]) -> Unruled | None:
    """The rest of a borderless table from the page before, on a page that prints no header:
    the lines at its top that stay inside the same columns, in rows."""
    lines = _lines(page.extract_words(keep_blank_chars=False, x_tolerance=1.5))
    inside = [_within(line, columns) for line in lines]
    start = next((i for i, line in enumerate(lines) if inside[i] and len(line.words) >= 2), None)
    if start is None:
        return None
    end = start
    while end < len(lines) and inside[end]:
        end += 1
    body, cells = lines[start:end], [_cells(line, columns) for line in lines[start:end]]
    groups = _by_white(body, cells, header=False) or _by_first_column(cells, header=False)
    rows = [_merge(group) for group in groups]
    return Unruled([x.text for x in lines[:start]], rows, [x.text for x in lines[end:]], columns)


def join_rows(above: list[str | None], below: list[str]) -> list[str | None]:
    """A row the page break split: its lines on the next page continue its cells."""
    return [_join(a or "", b) for a, b in zip(above, below, strict=True)]


def _lines(words: list[dict[str, Any]]) -> list[_Line]:
    lines: list[_Line] = []
    for word in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if lines and abs(word["top"] - lines[-1].top) <= _LINE_TOLERANCE:
            lines[-1].words.append(word)
        else:
            lines.append(_Line(word["top"], [word]))
    for line in lines:
        line.words = _chunks(sorted(line.words, key=lambda w: w["x0"]))
    return lines


def _chunks(words: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Words closer than a character's width are one cell's text (`2024 年民生…`, `学楼 1`):
    PDFs put spaces around numbers in Chinese; cells are further apart."""
    out: list[dict[str, Any]] = []
    for word in words:
        size = word["bottom"] - word["top"]
        if out and word["x0"] - out[-1]["x1"] < 0.8 * size:
            out[-1] = {**out[-1], "x1": word["x1"], "text": out[-1]["text"] + word["text"]}
        else:
            out.append(dict(word))
    return out


def _columns(lines: list[_Line]) -> list[tuple[float, float]]:
    """The x ranges covered by the words of lines that hold several words, merged."""
    spans = sorted((w["x0"], w["x1"]) for line in lines if len(line.words) >= 2 for w in line.words)
    columns: list[tuple[float, float]] = []
    for x0, x1 in spans:
        if columns and x0 <= columns[-1][1] + _EDGE:
            columns[-1] = (columns[-1][0], max(columns[-1][1], x1))
        else:
            columns.append((x0, x1))
    return columns


def _column_of(word: dict[str, Any], columns: list[tuple[float, float]]) -> int | None:
    for i, (x0, x1) in enumerate(columns):
        if word["x0"] >= x0 - _EDGE and word["x1"] <= x1 + _EDGE:
            return i
    return None


def _within(line: _Line, columns: list[tuple[float, float]]) -> bool:
    return all(_column_of(w, columns) is not None for w in line.words)


def _cells(line: _Line, columns: list[tuple[float, float]]) -> list[str]:
    cells = [""] * len(columns)
    for word in line.words:
        i = _column_of(word, columns)
        if i is not None:
            cells[i] = f"{cells[i]} {word['text']}".strip()
    return cells


def _table(lines: list[_Line], columns: list[tuple[float, float]]) -> list[list[str]] | None:
    """Header row, then the body rows; None when the header names no columns."""
    cells = [_cells(line, columns) for line in lines]
    groups = _by_white(lines, cells) or _by_first_column(cells)
    if len(groups) < 2:
        return None
    header = ["".join(row[c] for row in groups[0]) for c in range(len(columns))]
    if sum(1 for text in header if field_for(text)) < _MIN_FIELDS:
        return None
    return [header] + [_merge(group) for group in groups[1:]]


def _merge(group: list[list[str]]) -> list[str]:
    merged = group[0]
    for row in group[1:]:
        merged = [_join(a, b) for a, b in zip(merged, row, strict=True)]
    return merged


def _by_white(lines: list[_Line], cells: list[list[str]], header: bool = True) -> list[list[list[str]]] | None:
    """Rows set apart by more white than a cell's wrapped lines (cell padding): this holds
    whether cells print from their top or their middle (序号 level with a row's third line).
    None when the white does not tell: the header is not one group above rows that each
    hold one entry in the first column."""
    size = _size(lines)
    groups: list[list[list[str]]] = []
    for i, row in enumerate(cells):
        if i == 0 or lines[i].top - lines[i - 1].top > 1.6 * size:
            groups.append([])
        groups[-1].append(row)
    head, body = (groups[0], groups[1:]) if header else ([], groups)
    if not body or any(_ROW_START.match(row[0]) for row in head):
        return None
    # on a continued page the first group may be the end of a row the page before began
    rest = body if header or any(row[0] for row in body[0]) else body[1:]
    if all(sum(1 for row in group if row[0]) == 1 for group in rest):
        return groups
    return None


def _size(lines: list[_Line]) -> float:
    """The usual height of a word: the font size, near enough."""
    heights = sorted(w["bottom"] - w["top"] for line in lines for w in line.words)
    return heights[len(heights) // 2] if heights else 10.0


def _by_first_column(cells: list[list[str]], header: bool = True) -> list[list[list[str]]]:
    """Rows whose cells print from their top: the header is the lines above the first 序号,
    and a row starts at each line with text in the first column (on a continued page, lines
    above the first such line end the row the page before left open)."""
    first = next((i for i, row in enumerate(cells) if _ROW_START.match(row[0])), None)
    if header and not first:
        return []
    groups: list[list[list[str]]] = [cells[:first]] if header else []
    for row in cells[first if header else 0 :]:
        if row[0] or not groups or (header and len(groups) == 1):
            groups.append([])
        groups[-1].append(row)
    return groups


def _join(above: str, below: str) -> str:
    """A cell's next printed line: numbers and dates broken at the edge join without a break."""
    if not below:
        return above
    if not above:
        return below
    if above[-1] in "-—–~" or (above[-1].isdigit() and below[0].isdigit()):
        return above + below
    return f"{above}\n{below}"
