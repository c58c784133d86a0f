"""Rows of a table printed across pages (a text-layer PDF and a scan alike): a row Word split
at a page end is joined back; the rows become a Table with each cell's place on its page."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..parsed import Cell, Table

Row = list[str | None]
SENTENCE_END = ("。", "；", ";", "！", "？", ".", "!", "?")


def above_has_title(lines: list[str]) -> bool:
    return any(("表" in line or "清单" in line) and "项目" in line for line in lines)


def continue_split_row(rows: list[list[str | None]], page_rows: list[list[str | None]]) -> None:
    """Join the first body row of a page to the last row before it when Word split that row.

    A split row's second half has no 序号 and fills only cells whose text ran
    over, each continuing a filled cell above. Word splits a row wherever the
    page ends, often between two sentences, so a sentence end alone does not
    mean a new row: the row is a continuation when every cell stopped
    mid-sentence, or when it leaves blank a cell the row above filled (a new row
    of the same project prints its own units and deadline).
    """
    start = 1 if len(page_rows) > 1 and _same_row(page_rows[0], rows[0]) else 0
    if start >= len(page_rows):
        return
    first, last = page_rows[start], rows[-1]
    filled = _overrun_cells(first, last)
    if not filled or not _continues(rows, first, last, filled):
        return
    for i in filled:
        last[i] = f"{_text(last[i]).rstrip()}\n{_text(first[i])}"
    del page_rows[start]


def _text(cell: str | None) -> str:
    return (cell or "").strip()


def _overrun_cells(first: list[str | None], last: list[str | None]) -> list[int]:
    """The cells a page's first row fills, if it may be the rest of the row above: no 序号,
    as many cells as that row, and each filled cell continuing a filled one."""
    if _text(first[0]) or len(first) != len(last):
        return []
    filled = [i for i, text in enumerate(first) if _text(text)]
    return [] if any(not _text(last[i]) for i in filled) else filled


def _continues(rows: list[Row], first: Row, last: Row, filled: list[int]) -> bool:
    """Every filled cell above stopped mid-sentence, or the row leaves blank a cell the row above filled."""
    if all(not _text(last[i]).endswith(SENTENCE_END) for i in filled):
        return True
    merged = _merged_columns(rows)
    return any(_text(last[i]) and first[i] == "" for i in range(1, len(first)) if i not in merged)


def _merged_columns(rows: list[list[str | None]]) -> set[int]:
    """Columns merged down over rows (序号, 项目名称): at a page top they are blank in any row.

    A cell covered by a merge is None; a row with a single cell spanning the
    width (一、教育类) is a separator, not a vertical merge."""
    return {
        i for row in rows if sum(text is not None for text in row) > 1 for i, text in enumerate(row) if text is None
    }


def _same_row(a: list[str | None], b: list[str | None]) -> bool:
    return ["".join((x or "").split()) for x in a] == ["".join((x or "").split()) for x in b]


def to_table(rows: list[list[str | None]], places: list[str], caption: list[str], where: str) -> Table:
    cells: list[Cell] = []
    cell_where: dict[tuple[int, int], str] = {}
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            if text is None:
                continue  # covered by a merged cell: a blank that inherits
            cells.append(Cell(row=r, col=c, text=text.strip()))
            cell_where[(r, c)] = f"{places[r]}第{c + 1}列"
    return Table(cells=cells, where=where, caption=caption[-6:], cell_where=cell_where)


@dataclass
class PageTables:
    """Tables gathered page by page (PDF and scans alike): finished tables, paragraphs, and
    the table still open (its rows, their places, caption and recognition scores), which
    the next page may continue."""

    name: str
    tables: list[Table] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    rows: list[list[str | None]] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    caption: list[str] = field(default_factory=list)
    scores: dict[tuple[int, int], float] = field(default_factory=dict)

    def flush(self) -> None:
        if self.rows:
            where = f"{self.name} 表格 {len(self.tables) + 1}"
            self.tables.append(to_table(self.rows, self.places, self.caption, where))
            self.tables[-1].scores = self.scores
        self.rows, self.places, self.caption, self.scores = [], [], [], {}

    def start(self, above: list[str], width: int) -> None:
        """A page's table under the lines `above`: it goes on from the open table unless a
        title stands between them or its width differs."""
        if self.rows and (above_has_title(above) or width != len(self.rows[0])):
            self.flush()
        self.caption.extend(above)

    def extend(self, page_rows: list[list[str | None]], number: int) -> bool:
        """Add a page's rows; True when its first row was the rest of the row above (joined)."""
        printed = len(page_rows)
        if self.rows and page_rows:
            continue_split_row(self.rows, page_rows)
        self.rows.extend(page_rows)
        self.places.extend(self.place(number, len(page_rows)))  # as the other readers count: kept rows
        return len(page_rows) < printed

    def place(self, number: int, count: int, first: int = 1) -> list[str]:
        """Where `count` rows stand: page `number`, counted on that page from row `first`."""
        return [f"{self.name} 第{number}页表格第{i}行" for i in range(first, first + count)]
