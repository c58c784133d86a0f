"""PDF text taken out block by block (seed 003): a cell's lines, then the next cell's.

Cells are recognised by their shape, not position: content opens with a long
line or a `名称：` prefix and runs until its sentence ends; short lines ending
like an organisation (局, 办, 会 …) are units; lone numbers are 序号; other
short lines are pieces of 实事名称. The result is the same grid of cells the
other readers return.

A category label is printed vertically centred over its group of rows, but the
text gives no y positions: blocks come out cell by cell, so a label only says
which row it follows. Two things pin it down better. A label often shares a
printed line with another cell: `农业局 1` puts 序号 1 level with the third
unit of that row, `卫生服务 群众健康守护工程：…` puts the label's second line
level with that row's first line. And row heights are known in printed lines.
Groups are then chosen so that each label's centre is where its anchor says,
or at least inside the row it follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import DocumentError
from ..parsed import Cell, Document, Table
from ..shapes.headers import field_for
from ..shapes.rules import UNIT_ENDINGS

SENTENCE_END = ("。", "；", "！", "？")
NAME_PREFIX = re.compile(r"^[^：:，。\s]{2,20}[：:]")
TRAILING_SEQ = re.compile(r"^(.*?)\s+(\d{1,3})$")


@dataclass
class _Row:
    first: int
    last: int
    content: list[str] = field(default_factory=list)
    units: list[str] = field(default_factory=list)
    closed: bool = False
    content_lines: list[int] = field(default_factory=list)
    unit_lines: list[int] = field(default_factory=list)


@dataclass
class _Anchor:
    """A label part printed on the same line as part of row `row`."""

    row: int
    kind: str  # "unit": level with unit `index`; "first": label line `index` level with the row's first line
    index: int


@dataclass
class _Label:
    after: int  # index of the row this label follows in the text (-1: before every row)
    seq: str = ""
    words: list[str] = field(default_factory=list)
    anchor: _Anchor | None = None


def _squash(text: str) -> str:
    """Drop the spaces layout text puts around numbers in Chinese: 岗位 4.8 万个 → 岗位4.8万个."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text).strip()


def _is_header(line: str) -> bool:
    """A header line: three or more bare header words (序号 实事名称 项目概况 …), not labelled
    values (`责任单位：市公安局` names a unit, it is no column)."""
    return sum(1 for w in line.split() if len(w) <= 8 and not re.search(r"[：:]", w) and field_for(w)) >= 3


def read_layout_text(name: str, text: str) -> Document:
    lines = text.split("\n")
    header_at = next((i for i, line in enumerate(lines) if _is_header(line)), None)
    if header_at is None:
        paragraphs = [line.strip() for line in lines if line.strip()]
        same, parted = blocks(lines)
        return Document(name=name, tables=[], paragraphs=paragraphs, same_block=same, parted=parted)
    _refuse_aligned_columns(name, lines, header_at)
    fields = [field_for(w) for w in lines[header_at].split() if field_for(w)]
    rows, labels = _scan(lines[header_at + 1 :], header_at + 1)
    groups = _group(rows, labels)
    table = _table(name, fields, rows, labels, groups)
    table.caption = [line.strip() for line in lines[:header_at] if line.strip()]
    return Document(name=name, tables=[table], paragraphs=table.caption)


def blocks(lines: list[str]) -> tuple[frozenset[int], frozenset[int]]:
    """In a text whose blocks are parted by blank lines (most of its breaks), the breaks inside a
    block and those between blocks, numbered as its non-blank lines (i: the break after line i);
    nothing is known of a text that does not part its blocks so."""
    kept: list[int] = []
    parted: list[bool] = []  # for each break between kept lines: a blank line stands in it
    for number, line in enumerate(lines):
        if line.strip():
            if kept:
                parted.append(number > kept[-1] + 1)
            kept.append(number)
    if sum(parted) <= len(parted) - sum(parted):
        return frozenset(), frozenset()
    return frozenset(i for i, blank in enumerate(parted) if not blank), frozenset(i for i, b in enumerate(parted) if b)


ALIGNED_GAP = re.compile(r"\S {3,}\S")


def _refuse_aligned_columns(name: str, lines: list[str], header_at: int) -> None:
    """Text laid out in space-aligned columns (`pdftotext -layout`) is not guessed at.

    Its column edges drift from page to page and cells touch with one space
    (`2026 年 张小虎`), so a reading would be wrong without saying so. The PDF
    itself is read through its ruling lines instead."""
    body = [line for line in lines[header_at + 1 :] if line.strip()]
    aligned = sum(1 for line in body if ALIGNED_GAP.search(line.strip()))
    if body and aligned >= 0.3 * len(body):
        raise DocumentError(
            "这是按版面空格对齐的 PDF 文字（如 pdftotext -layout 所得），表格的列无法可靠还原；"
            "请直接导入 PDF 原件，或导入 Word/Excel 文件",
            f"{name} 第{header_at + 1}行（表头）",
        )


def _split_line(line: str, row_open: bool) -> tuple[str, str, str, str]:
    """One layout line → (label piece, the line's own text, trailing 序号, unit after a sentence)."""
    piece = seq = unit_after = ""
    head = re.match(r"^(\S{2,8})\s+(\S.*)$", line)
    if not row_open and head and NAME_PREFIX.match(head.group(2)) and not NAME_PREFIX.match(line):
        piece, line = head.group(1), head.group(2)  # 卫生服务 群众健康守护工程：… share a line
    match = TRAILING_SEQ.match(line)
    if match and not row_open and len(match.group(1)) < 16:
        line, seq = match.group(1).strip(), match.group(2)  # 农业局 1: a unit, then 序号
    elif line.isdigit():
        line, seq = "", line
    tail = re.match(r"^(.*[。；])\s+(\S{2,10})$", line)
    if tail and tail.group(2).endswith(UNIT_ENDINGS) and (row_open or NAME_PREFIX.match(line)):
        line, unit_after = tail.group(1), tail.group(2)  # 转运站。 城管局: content, then its unit
    return piece, line, seq, unit_after


class _Scanner:
    def __init__(self) -> None:
        self.rows: list[_Row] = []
        self.labels: list[_Label] = []
        self.label: _Label | None = None

    def label_part(self, word: str = "", seq: str = "", anchor: _Anchor | None = None) -> _Label:
        if self.label is None:
            self.label = _Label(after=len(self.rows) - 1)
            self.labels.append(self.label)
        if word:
            self.label.words.append(_squash(word))
        if seq:
            self.label.seq = seq
        if anchor is not None and self.label.anchor is None:
            self.label.anchor = anchor
        return self.label

    def line(self, number: int, raw: str) -> None:
        open_row = self.rows[-1] if self.rows and not self.rows[-1].closed else None
        piece, line, seq, unit_after = _split_line(raw.strip(), open_row is not None)
        anchor = None
        if line and (open_row is not None or NAME_PREFIX.match(line) or len(line) >= 16):
            if open_row is None:
                if piece:  # the label's line level with this new row's first line
                    label = self.label_part(word=piece)
                    label.anchor = label.anchor or _Anchor(len(self.rows), "first", len(label.words) - 1)
                    piece = ""
                open_row = _Row(first=number, last=number)
                self.rows.append(open_row)
                self.label = None
            open_row.content.append(line)
            open_row.content_lines.append(number)
            open_row.last = number
            open_row.closed = _squash(line).endswith(SENTENCE_END)
            if unit_after:
                open_row.units.append(unit_after)
                open_row.unit_lines.append(number)
        elif line and line.endswith(UNIT_ENDINGS) and self.rows:
            row = self.rows[-1]
            row.units.append(_squash(line))
            row.unit_lines.append(number)
            row.last = number
            anchor = _Anchor(len(self.rows) - 1, "unit", len(row.units) - 1)
        elif line:
            self.label_part(word=line)
        if piece:
            self.label_part(word=piece)
        if seq:
            self.label_part(seq=seq, anchor=anchor)


def _scan(lines: list[str], offset: int) -> tuple[list[_Row], list[_Label]]:
    scanner = _Scanner()
    for number, raw in enumerate(lines, start=offset):
        if raw.strip():
            scanner.line(number, raw)
    return scanner.rows, scanner.labels


def _pitch(rows: list[_Row]) -> float:
    """Height of a unit (or label) line in content lines.

    Layout text leaves a blank line per extra gap, so the usual spacing between
    a cell's content lines against the usual spacing between its unit lines tells
    how tightly each column is printed (1.5-spaced content, single-spaced units)."""

    def usual_gap(lists: list[list[int]]) -> float:
        gaps = sorted(b - a for lines in lists for a, b in zip(lines, lines[1:], strict=False))
        return float(gaps[len(gaps) // 2]) if gaps else 1.0

    return usual_gap([r.unit_lines for r in rows]) / usual_gap([r.content_lines for r in rows])


class _Geometry:
    """Row tops in content lines, and where each label's centre should be."""

    def __init__(self, rows: list[_Row], labels: list[_Label]) -> None:
        self.pitch = _pitch(rows)
        self.top = [0.0]
        for row in rows:
            self.top.append(self.top[-1] + max(len(row.content), len(row.units) * self.pitch, 1))
        self.rows, self.labels = rows, labels

    def anchored_centre(self, label: _Label) -> float | None:
        anchor = label.anchor
        if anchor is None:
            return None
        if anchor.kind == "first":  # label line `index` sits on the row's first line
            lines = len(label.words)
            return self.top[anchor.row] + 0.5 - (anchor.index - (lines - 1) / 2) * self.pitch
        units = len(self.rows[anchor.row].units)  # units are centred in their row
        middle = (self.top[anchor.row] + self.top[anchor.row + 1]) / 2
        return middle + (anchor.index - (units - 1) / 2) * self.pitch

    def cost(self, label: _Label, start: int, end: int) -> float:
        centre = (self.top[start] + self.top[end]) / 2
        wanted = self.anchored_centre(label)
        if wanted is not None:
            return abs(centre - wanted)
        # Blocks come out by their top edge, so the label's top edge lies in the row it follows.
        edge = centre - len(label.words) * self.pitch / 2
        row = min(max(label.after, start), end - 1)  # that row, clipped to the group
        low, high = self.top[row], self.top[row + 1]
        miss = max(low - edge, 0.0, edge - high)
        if not start <= label.after < end:
            miss += high - low
        # Several groupings can fit equally well; take the one with the edge nearest the row's middle.
        return miss + 0.01 * abs(edge - (low + high) / 2)


def _group(rows: list[_Row], labels: list[_Label]) -> list[int]:
    """First row of each label's group: contiguous groups, in label order, best fitting the geometry."""
    n, k = len(rows), len(labels)
    if k == 0 or n == 0:
        return []
    geometry = _Geometry(rows, labels)
    inf = float("inf")
    # cost[j][i]: best for the first j labels covering the first i rows
    cost = [[inf] * (n + 1) for _ in range(k + 1)]
    back = [[0] * (n + 1) for _ in range(k + 1)]
    cost[0][0] = 0.0
    for j in range(1, k + 1):
        for i in range(j, n + 1):
            for start in range(j - 1, i):
                if cost[j - 1][start] == inf:
                    continue
                value = cost[j - 1][start] + geometry.cost(labels[j - 1], start, i)
                if value < cost[j][i]:
                    cost[j][i], back[j][i] = value, start
    starts, i = [], n
    for j in range(k, 0, -1):
        i = back[j][i]
        starts.append(i)
    return starts[::-1]


def _unit_spans(rows: list[_Row], starts: list[int]) -> dict[int, int]:
    """Rows whose 牵头单位 cell is merged with the rows below it: {first row: rows spanned}.

    A merged cell prints its text once, in the middle of its span, so a row
    without units shares a cell with a neighbour. It is the row above, as
    anywhere else, unless a category starts here: a merged unit cell never
    crosses the category's own merged cell, so the row shares with the rows
    below it instead."""
    group_starts = set(starts)
    spans = {}
    for r, row in enumerate(rows):
        if row.units or r not in group_starts:
            continue
        q = r + 1
        while q < len(rows) and q not in group_starts and not rows[q].units:
            q += 1
        if q < len(rows) and q not in group_starts:
            spans[r] = q - r + 1
    return spans


def _table(name: str, fields: list[str | None], rows: list[_Row], labels: list[_Label], starts: list[int]) -> Table:
    header = {"seq": "序号", "category": "实事名称", "content": "项目概况", "lead_units": "牵头单位"}
    columns = [f for f in fields if f in header]
    cells = [Cell(row=0, col=c, text=header[f]) for c, f in enumerate(columns)]
    first_of = dict(zip(starts, labels, strict=False))
    spans = _unit_spans(rows, starts)
    covered = {r + d for r, n in spans.items() for d in range(1, n)}
    for r, row in enumerate(rows):
        label = first_of.get(r)
        units = rows[r + spans[r] - 1].units if r in spans else row.units
        values = {
            "seq": label.seq if label else "",
            "category": "".join(label.words) if label else "",
            "content": _squash("".join(row.content)),
            "lead_units": "\n".join(units),
        }
        for c, f in enumerate(columns):
            if f == "lead_units" and r in covered:
                continue
            cells.append(Cell(row=r + 1, col=c, text=values[f], rowspan=spans.get(r, 1) if f == "lead_units" else 1))
    cell_where = {
        (r, c): f"{name} 第{rows[r - 1].first + 1}行起" for r in range(1, len(rows) + 1) for c in range(len(columns))
    }
    return Table(cells=cells, where=name, cell_where=cell_where)
