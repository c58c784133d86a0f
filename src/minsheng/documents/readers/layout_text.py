"""PDF layout text (what `pdftotext -layout` gives): columns flattened into lines.

Cells are recognised by their shape, not position: content opens with a long
line or a `名称：` prefix and runs until its sentence ends; short lines ending
like an organisation (局, 办, 会 …) are units; lone numbers are 序号; other
short lines are pieces of 实事名称. A category label is printed vertically
centred over its group of rows, so groups are chosen so that each label sits
as near the middle of its group as possible. The result is the same grid of
cells the other readers return.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..headers import field_for
from ..model import Cell, Document, Table
from ..rules import UNIT_ENDINGS

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


@dataclass
class _Label:
    line: float
    seq: str = ""
    words: list[str] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)


def _squash(text: str) -> str:
    """Drop the spaces layout text puts around numbers in Chinese: 岗位 4.8 万个 → 岗位4.8万个."""
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", text).strip()


def read_layout_text(name: str, text: str) -> Document:
    lines = text.split("\n")
    header_at = next((i for i, line in enumerate(lines) if sum(1 for w in line.split() if field_for(w)) >= 3), None)
    if header_at is None:
        return Document(name=name, tables=[], paragraphs=[line.strip() for line in lines if line.strip()])
    fields = [field_for(w) for w in lines[header_at].split() if field_for(w)]
    rows, labels = _scan(lines[header_at + 1 :], header_at + 1)
    groups = _group(rows, labels)
    table = _table(name, fields, rows, labels, groups)
    table.caption = [line.strip() for line in lines[:header_at] if line.strip()]
    return Document(name=name, tables=[table], paragraphs=table.caption)


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

    def label_part(self, number: int, word: str = "", seq: str = "") -> None:
        if self.label is None:
            self.label = _Label(line=0)
            self.labels.append(self.label)
        if word:
            self.label.words.append(_squash(word))
        if seq:
            self.label.seq = seq
        self.label.lines.append(number)

    def line(self, number: int, raw: str) -> None:
        open_row = self.rows[-1] if self.rows and not self.rows[-1].closed else None
        piece, line, seq, unit_after = _split_line(raw.strip(), open_row is not None)
        if piece:
            self.label_part(number, word=piece)
        if line and (open_row is not None or NAME_PREFIX.match(line) or len(line) >= 16):
            if open_row is None:
                open_row = _Row(first=number, last=number)
                self.rows.append(open_row)
                self.label = None
            open_row.content.append(line)
            open_row.last = number
            open_row.closed = _squash(line).endswith(SENTENCE_END)
            if unit_after:
                open_row.units.append(unit_after)
        elif line and line.endswith(UNIT_ENDINGS) and self.rows:
            self.rows[-1].units.append(_squash(line))
            self.rows[-1].last = number
        elif line:
            self.label_part(number, word=line)
        if seq:
            self.label_part(number, seq=seq)


def _scan(lines: list[str], offset: int) -> tuple[list[_Row], list[_Label]]:
    scanner = _Scanner()
    for number, raw in enumerate(lines, start=offset):
        if raw.strip():
            scanner.line(number, raw)
    for item in scanner.labels:
        item.line = sum(item.lines) / len(item.lines)
    return scanner.rows, scanner.labels


def _group(rows: list[_Row], labels: list[_Label]) -> list[int]:
    """First row of each label's group: contiguous groups, each label near its group's middle."""
    n, k = len(rows), len(labels)
    if k == 0 or n == 0:
        return []
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
                middle = (rows[start].first + rows[i - 1].last) / 2
                value = cost[j - 1][start] + abs(middle - labels[j - 1].line)
                if value < cost[j][i]:
                    cost[j][i], back[j][i] = value, start
    starts, i = [], n
    for j in range(k, 0, -1):
        i = back[j][i]
        starts.append(i)
    return starts[::-1]


def _table(name: str, fields: list[str | None], rows: list[_Row], labels: list[_Label], starts: list[int]) -> Table:
    header = {"seq": "序号", "category": "实事名称", "content": "项目概况", "lead_units": "牵头单位"}
    columns = [f for f in fields if f in header]
    cells = [Cell(row=0, col=c, text=header[f]) for c, f in enumerate(columns)]
    first_of = dict(zip(starts, labels, strict=False))
    for r, row in enumerate(rows, start=1):
        label = first_of.get(r - 1)
        values = {
            "seq": label.seq if label else "",
            "category": "".join(label.words) if label else "",
            "content": _squash("".join(row.content)),
            "lead_units": "\n".join(row.units),
        }
        cells.extend(Cell(row=r, col=c, text=values[f]) for c, f in enumerate(columns))
    cell_where = {
        (r, c): f"{name} 第{rows[r - 1].first + 1}行起" for r in range(1, len(rows) + 1) for c in range(len(columns))
    }
    return Table(cells=cells, where=name, cell_where=cell_where)
