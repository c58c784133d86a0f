"""Plain text: the cell-per-line form that Word's "save as text" gives.

A table row is a block of lines between blank lines whose first line starts
with a tab; each tab-led line opens a cell and untabbed lines continue it (a
cell's own line breaks). Blocks of plain lines are body text, and split tables.
Text taken out of a PDF has no tab-led rows; it goes to `layout_text`, which
reads it block by block and refuses space-aligned columns with a clear message.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from ..errors import DocumentError
from ..parsed import Cell, Document, Table
from ..shapes.furniture import is_chrome
from ..shapes.headers import GROUP_WORDS, field_for, normalise
from ..shapes.rules import category_heading, parse_seq
from .broken_rows import rows_rejoined, unbroken_rows


def decode(raw: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError("无法识别文本编码（应为 UTF-8 或 GB18030）", name)


def read_text(path: Path) -> Document:
    text = decode(path.read_bytes(), path.name).replace("\r\n", "\n").replace("\r", "\n")
    # the page's own lines (a caption, a page number) would split a row or a block in two
    text = "\n".join(line for line in text.split("\n") if not is_chrome(line))
    text = "\n".join(unbroken_rows(text.split("\n")))  # cells closed by a delimiter each, as plain cells
    text = "\n".join(rows_rejoined(text.split("\n"), _is_header))  # a row a narrow page broke in two
    lines = _pipe_rows(_tab_rows(text.split("\n")))
    if not _is_row_text(lines):
        from .layout_text import read_layout_text

        return read_layout_text(path.name, text)
    return _cell_per_line(path.name, lines)


def _tab_rows(lines: list[str]) -> list[str]:
    """A sheet's cells pasted as text (a spreadsheet copies one line per row, cells split by tabs, a
    cell with a line break in double quotes) as the cell-per-line form, from its header row on."""
    at = next((i for i, line in enumerate(lines) if "\t" in line.strip() and _is_header(line.split("\t"))), None)
    if at is None or any(line.startswith("\t") for line in lines):
        return lines
    end = next((i for i in range(at, len(lines)) if not lines[i].strip()), len(lines))  # the table ends at a blank line
    out = lines[:at]
    for cells in csv.reader(lines[at:end], delimiter="\t"):
        if len(cells) < 2:
            out.append(cells[0] if cells else "")
            continue
        for cell in cells:
            first, *rest = cell.strip().split("\n")
            out.append("\t" + first)
            out.extend(rest)  # a cell's own line breaks continue it
        out.append("")
    return out + lines[end:]


_PIPE = re.compile(r"\s*[|｜]\s*")
_RULE = re.compile(r"[\s|｜:：\-—–]+")


def _pipe_rows(lines: list[str]) -> list[str]:
    """Rows written with bars (`序号 | 项目名称 | 牵头单位 |`, a table pasted from a page or a
    Markdown file) as the cell-per-line form: a tab-led line per cell, a blank line per row."""
    if sum(1 for line in lines if len(_PIPE.findall(line)) >= 2) < 2:
        return lines
    out: list[str] = []
    header: list[str] | None = None
    first_header = _first_pipe_header(lines)
    for index, line in enumerate(lines):
        if index < first_header and len(_PIPE.findall(line)) >= 2:
            # rows above the header (索引号 | … | 公开方式 | …) are the page's document info, not the table
            out.append(" ".join(_PIPE.split(line.strip().strip("|｜").strip())))
        elif len(_PIPE.findall(line)) < 2:
            out.append(line.strip().strip("|｜").strip())  # a caption line closed by a lone bar
        elif not _RULE.fullmatch(line):  # not the |---|---| rule under a Markdown header
            cells = _PIPE.split(line.strip().strip("|｜").strip())
            if header is None and _is_header(cells):
                header = cells
            elif header is not None:
                cells = _under_merged_seq(header, cells)
            out.extend("\t" + cell for cell in cells)
            out.append("")
    return out


def _first_pipe_header(lines: list[str]) -> int:
    """Where the first barred header row stands (0 when none: every barred row is then the table)."""
    for index, line in enumerate(lines):
        if len(_PIPE.findall(line)) >= 2 and _is_header(_PIPE.split(line.strip().strip("|｜").strip())):
            return index
    return 0


def _under_merged_seq(header: list[str], cells: list[str]) -> list[str]:
    """A row under a 序号 merged down over it (a project's second row) was pasted without that cell:
    its text sits one column to the left and an empty cell closes it. It moves back under its header."""
    if field_for(header[0]) != "seq" or len(cells) != len(header) or cells[-1].strip():
        return cells
    first = cells[0].strip()
    if not first or parse_seq(first) is not None:
        return cells
    return ["", *cells[:-1]]


def _is_row_text(lines: list[str]) -> bool:
    return any(line.startswith("\t") for line in lines)


def _is_header(cells: list[str]) -> bool:
    return sum(1 for text in cells if field_for(text)) >= 2


class _Row:
    def __init__(self, line: int, before: list[str]) -> None:
        self.line = line
        self.before = before  # plain lines held back just before this row
        self.cells: list[list[str]] = []
        self.closed = False

    def texts(self) -> list[str]:
        return ["\n".join(part.strip() for part in cell if part.strip()) for cell in self.cells]


class _CellStream:
    """Reads tab-led cells line by line into rows, then rows into tables.

    A blank line ends a row only when the row is complete (as many cells as the
    header) or is a lone heading: Word writes a cell's empty paragraphs as blank
    lines too. Plain lines after a complete row are held back: they are the rest
    of its last cell, or the caption of the next table when a header row follows.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.rows: list[_Row] = []
        self.pending: list[str] = []
        self.width: int | None = None
        # whether the held-back lines came straight after a cell, with no blank line
        self.pending_attached = False
        # where the held-back lines resumed after a blank line: a note under the table (注：…)
        self.pending_break: int | None = None
        self.after_blank = False

    def open_row(self) -> _Row | None:
        return self.rows[-1] if self.rows and not self.rows[-1].closed else None

    def complete(self, row: _Row) -> bool:
        return self.width is not None and len(row.cells) >= self.width and not self.sub_header(row)

    def sub_header(self, row: _Row) -> bool:
        """The row under a two-level header (责任单位 over 牵头单位 | 配合单位) has more cells
        than the header row, which printed the parent once: it runs to its blank line."""
        if len(self.rows) < 2 or self.rows[-1] is not row:
            return False
        above = self.rows[-2]
        return (
            len(above.cells) == self.width
            and any(normalise(t) in GROUP_WORDS for t in above.texts())
            and all(not t or field_for(t) for t in row.texts())
        )

    def tab_line(self, number: int, text: str) -> None:
        row = self.open_row()
        if row is not None and self.complete(row):
            row.closed = True
            row = None
        if row is None:
            if self.pending and _is_header_start(text):
                self.width = None
            row = _Row(number, self.pending)
            self.pending, self.pending_break = [], None
            self.rows.append(row)
        row.cells.append([text])

    def plain_line(self, text: str) -> None:
        row = self.open_row()
        if row is not None and not self.complete(row):
            row.cells[-1].append(text)
            return
        if row is not None:
            row.closed = True
        if not self.pending:
            self.pending_attached = not self.after_blank
        elif self.after_blank and self.pending_break is None:
            self.pending_break = len(self.pending)
        self.pending.append(text)

    def blank_line(self) -> None:
        row = self.open_row()
        if row is None:
            return
        heading = len(row.cells) == 1 and category_heading(row.texts()[0]) is not None
        widened = self.sub_header(row) and self.width is not None and len(row.cells) > self.width
        if self.width is None or self.complete(row) or heading or widened:
            row.closed = True
            if self.width is None or widened:
                self.width = len(row.cells)

    def finish(self) -> Document:
        tables: list[Table] = []
        paragraphs: list[str] = []
        group: list[_Row] = []
        caption: list[str] = []
        for row in self.rows:
            if row.before and group and not _is_header(row.texts()):
                group[-1].cells[-1].extend(row.before)
            elif row.before or not group:
                if group:
                    tables.append(self._table(group, caption, len(tables)))
                group, caption = [], list(row.before)
                paragraphs.extend(row.before)
            group.append(row)
        if group and self.pending and self.pending_attached:
            cut = len(self.pending) if self.pending_break is None else self.pending_break
            group[-1].cells[-1].extend(self.pending[:cut])  # the last cell ran on
            paragraphs.extend(self.pending[cut:])
        elif self.pending:
            paragraphs.extend(self.pending)
        if group:
            tables.append(self._table(group, caption, len(tables)))
        return Document(name=self.name, tables=tables, paragraphs=paragraphs)

    def _table(self, rows: list[_Row], caption: list[str], index: int) -> Table:
        texts = [r.texts() for r in rows]
        name = self.name
        cells = [Cell(row=i, col=c, text=t) for i, row in enumerate(texts) for c, t in enumerate(row)]
        if len(texts) > 1:
            _span_parent_header(cells, len(texts[0]), len(texts[1]))
        cell_where = {
            (i, c): f"{name} 第{rows[i].line}行起的表格行第{c + 1}格"
            for i, row in enumerate(texts)
            for c in range(len(row))
        }
        return Table(cells=cells, where=f"{name} 表格 {index + 1}", caption=caption[-6:], cell_where=cell_where)


def _span_parent_header(cells: list[Cell], header: int, below: int) -> None:
    """Text keeps no spans: the parent header (责任单位) covers the extra columns of the row below."""
    if below <= header:
        return
    parents = [c for c in cells if c.row == 0 and normalise(c.text) in GROUP_WORDS]
    if len(parents) != 1:
        return
    extra = below - header
    parents[0].colspan = extra + 1
    for cell in cells:
        if cell.row == 0 and cell.col > parents[0].col:
            cell.col += extra


def _is_header_start(text: str) -> bool:
    return field_for(text) == "seq" or field_for(text) is not None and len(text.strip()) <= 6


def _cell_per_line(name: str, lines: list[str]) -> Document:
    stream = _CellStream(name)
    for number, line in enumerate(lines, start=1):
        if line.startswith("\t"):
            stream.tab_line(number, line[1:].rstrip())
        elif line.strip():
            stream.plain_line(line.strip())
        else:
            stream.blank_line()
        stream.after_blank = not line.strip() and not line.startswith("\t")
    return stream.finish()
