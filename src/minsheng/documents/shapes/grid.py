"""The grid of a table as printed, and which column holds which field.

A table's columns are named by its header's words (`find_layout`), by a map the
clerk gave (`mapped_layout`), or by one remembered for that header's wording.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...plans.fields import BY_KEY
from ..parsed import Table
from ..store.mapping import ColumnMap
from .headers import GROUP_WORDS, field_for, normalise
from .rules import due_date, split_units, whole_unit


@dataclass
class Slot:
    text: str
    origin: bool  # False where a merged cell covers this place
    where: str


@dataclass
class Layout:
    columns: dict[str, int]
    header_rows: int
    header_texts: list[str]
    title_lines: list[str] = field(default_factory=list)
    # how the columns were named: "header" (its words), "remembered" (a saved map), "manual"
    source: str = "header"
    # the content column is a 项目名称 column (no other content): each row it fills names a project
    names_each_row: bool = False


def expand(table: Table) -> list[list[Slot]]:
    n_rows, n_cols = table.n_rows, table.n_cols
    grid = [[Slot("", False, table.locate(r, c)) for c in range(n_cols)] for r in range(n_rows)]
    for cell in table.cells:
        where = table.locate(cell.row, cell.col)
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                if dr == 0 and dc == 0:
                    grid[cell.row][cell.col] = Slot(cell.text, True, where)
                elif dr == 0:
                    grid[cell.row][cell.col + dc] = Slot("", False, where)
                else:
                    # a vertical merge: the covered place reads as the merged text
                    grid[cell.row + dr][cell.col + dc] = Slot("", False, where)
    return grid


def find_layout(grid: list[list[Slot]]) -> Layout | None:
    for r in range(min(10, len(grid))):
        columns = row_fields(grid[r])
        if "content" in columns and "name" in columns and _figures_only(grid, r, columns):
            # 项目名称 | 年度目标 = 1500: the name column holds the items, the other their figures
            columns["figure"] = columns.pop("content")
        _unnamed_content(grid, r, columns)
        names_each_row = "content" not in columns and "name" in columns
        if names_each_row:
            # one column holds the items themselves (项目名称及内容): names are split off the content
            columns["content"] = columns.pop("name")
        _second_content(grid, r, columns)
        _category_that_names(grid, r, columns)
        guessed = _columns_by_shape(grid, r, columns) if "content" in columns else {}
        if len(columns) + len(guessed) >= 2 and "content" in columns and not _figures_only(grid, r, columns):
            columns.update(guessed)
            _figure_column(grid, r, columns)
            header_rows = 1
            if r + 1 < len(grid):
                header_rows += _merge_sub_headers(grid, r, columns)
            texts = [normalise(s.text) for s in grid[r]]
            titles = [s.text for row in grid[:r] for s in row if s.origin and s.text.strip()]
            source = "shape" if guessed else "header"
            return Layout(columns, header_rows + r, texts, titles, source, names_each_row)
    return None


FIGURE = re.compile(r"[\d.,，%％\s]+")


def _figures_only(grid: list[list[Slot]], r: int, columns: dict[str, int]) -> bool:
    """A content column holding only figures (目标任务 | 进度 | 完成比例 per 地区, a statistics sheet):
    the header's words matched, but the rows are no tasks; reading them would invent projects."""
    c = columns["content"]
    cells = [row[c].text.strip() for row in grid[r + 1 :] if c < len(row) and row[c].origin and row[c].text.strip()]
    return len(cells) >= 2 and all(FIGURE.fullmatch(text) for text in cells)


PROGRESS_WORDS = re.compile(r"完成|进度|进展|比例|实际|累计")


def _figure_column(grid: list[list[Slot]], r: int, columns: dict[str, int]) -> None:
    """目标任务 holding the figure alone (24000) beside 项目内容 (城镇新增就业（人）): the target's figure.
    Its header says content, not progress; most of its cells are figures."""
    taken = set(columns.values())
    for c, slot in enumerate(grid[r]):
        text = normalise(slot.text)
        if c in taken or not slot.origin or field_for(text) != "content" or PROGRESS_WORDS.search(text):
            continue
        if _mostly_figures(grid, r, c):
            columns["figure"] = c
            return


def _mostly_figures(grid: list[list[Slot]], r: int, c: int) -> bool:
    cells = [row[c].text.strip() for row in grid[r + 1 :] if c < len(row) and row[c].origin and row[c].text.strip()]
    return len(cells) >= 2 and sum(1 for t in cells if FIGURE.fullmatch(t)) >= 0.6 * len(cells)


def _unnamed_content(grid: list[list[Slot]], r: int, columns: dict[str, int]) -> None:
    """A 项目名称 column and no content column, beside a column whose header names nothing known
    (工作标准, 建设任务) and whose cells are longer than the names and hold figures: the content."""
    if "content" in columns or "name" not in columns:
        return
    names = _body_cells(grid, r, columns["name"])
    for c in range(columns["name"] + 1, len(grid[r])):
        header = normalise(grid[r][c].text)
        # a timetable (实施计划) is ruled out as content by the registry, here as well
        ruled_out = any(w in header for w in BY_KEY["content"].not_words)
        named = field_for(header) is not None or MONEY_OR_PLACE.search(header) or ruled_out
        if c in columns.values() or not grid[r][c].origin or named:
            continue
        cells = _body_cells(grid, r, c)
        longer = len(cells) >= 2 and sum(map(len, cells)) / len(cells) > 1.5 * sum(map(len, names)) / max(len(names), 1)
        if longer and sum(bool(re.search(r"\d", t)) for t in cells) >= 0.6 * len(cells):
            columns["content"] = c
            return


MONEY_OR_PLACE = re.compile(r"投资|资金|金额|万元|亿元|地点|地址|位置|选址|区域|范围|备注|进度|进展|完成情况")


def _body_cells(grid: list[list[Slot]], r: int, c: int) -> list[str]:
    return [row[c].text.strip() for row in grid[r + 1 :] if c < len(row) and row[c].origin and row[c].text.strip()]


def _category_that_names(grid: list[list[Slot]], r: int, columns: dict[str, int]) -> None:
    """实事名称 over a column with one name per row (not merged over a group) and no 项目名称
    column beside it: it names the projects, it does not group them."""
    c = columns.get("category")
    if c is None or "name" in columns or "content" not in columns:
        return
    body = [row for row in grid[r + 1 :] if any(s.text.strip() for s in row)]
    own = [row[c].text.strip() for row in body if c < len(row) and row[c].origin and row[c].text.strip()]
    if len(body) >= 2 and len(own) >= 0.8 * len(body) and len(set(own)) >= 0.8 * len(own):
        columns["name"] = columns.pop("category")


# 建设地点 / 实施地点: where a project is built (城北街道) reads like a unit but names none.
_PLACE = re.compile(r"地点|地址|位置|选址|区域|范围")


def _columns_by_shape(grid: list[list[Slot]], r: int, columns: dict[str, int]) -> dict[str, int]:
    """Columns whose header names nothing known (编, 承担, 节点), named by what their cells hold:
    small whole numbers are 序号, dates are 完成时间, organisations are units."""
    guessed: dict[str, int] = {}
    for c in range(len(grid[r])):
        if c in columns.values() or not grid[r][c].origin or _PLACE.search(normalise(grid[r][c].text)):
            continue
        cells = [row[c].text.strip() for row in grid[r + 1 :] if c < len(row) and row[c].origin and row[c].text.strip()]
        if len(cells) < 2:
            continue
        kind = _shape(cells)
        if kind == "lead_units" and "lead_units" in columns | guessed:
            kind = "partner_units"
        if kind and kind not in columns and kind not in guessed:
            guessed[kind] = c
    return guessed


def _shape(cells: list[str]) -> str | None:
    def share(test: Callable[[str], bool]) -> float:
        return sum(1 for text in cells if test(text)) / len(cells)

    if share(lambda t: t.isdigit() and len(t) <= 3) >= 0.8:
        return "seq"
    if share(lambda t: len(t) <= 24 and due_date(t, 2000) is not None) >= 0.8:
        return "deadline"
    if share(lambda t: all(whole_unit(u) for u in split_units(t))) >= 0.8:
        return "lead_units"
    return None


def row_fields(row: list[Slot]) -> dict[str, int]:
    """Field → column for a header row; the first column with a field's word wins, except that a
    second unit column naming 协同/配合 is the partners' (责任主体与协同单位 after 牵头单位)."""
    columns: dict[str, int] = {}
    for c, slot in enumerate(row):
        name = field_for(slot.text) if slot.origin else None
        if name == "lead_units" and name in columns and PARTNER_HINT.search(normalise(slot.text)):
            name = "partner_units"
        if name == "content" and name in columns and _whole_period(row[columns[name]].text, slot.text):
            columns[name] = c
        if name and name not in columns:
            columns[name] = c
    return columns


# A target over several years (总体目标, 总目标, 2024—2026年目标) beside the year's own (年度目标)
WHOLE_PERIOD = re.compile(r"总体|总目标|总任务|[二三四五两]年|\d{4}\s*[-—–~至到]\s*\d{4}")


def _whole_period(first: str, later: str) -> bool:
    """The plan is the year's: a content column over the whole period yields to a later one that is not."""
    return bool(WHOLE_PERIOD.search(normalise(first))) and not WHOLE_PERIOD.search(normalise(later))


def _second_content(grid: list[list[Slot]], r: int, columns: dict[str, int]) -> None:
    """Two columns whose header words say content (主要任务 | 全年目标任务, 实事内容 | 工作任务):
    the left one groups the rows when it is merged down over them (a category), else it names
    each row (the project's name); the right one is the content."""
    content = columns.get("content")
    if content is None or "name" in columns:
        return
    later = [
        c
        for c in range(content + 1, len(grid[r]))
        if grid[r][c].origin and field_for(grid[r][c].text) == "content" and not _mostly_figures(grid, r, c)
    ]
    if not later:
        return
    body = [row for row in grid[r + 1 :] if any(s.text.strip() for s in row)]
    merged = sum(1 for row in body if content < len(row) and not row[content].origin)
    kind = "category" if merged >= 0.3 * max(len(body), 1) and "category" not in columns else "name"
    columns[kind], columns["content"] = content, later[0]


def _merge_sub_headers(grid: list[list[Slot]], r: int, columns: dict[str, int]) -> int:
    """Two-level headers: 责任单位 over 牵头单位 | 配合单位."""
    below = grid[r + 1]
    sub = row_fields(below)
    if not sub or "content" in sub and "content" in columns and sub["content"] != columns["content"]:
        return 0
    is_sub_header = any(not grid[r][c].origin or normalise(grid[r][c].text) in GROUP_WORDS for c in sub.values())
    if not is_sub_header:
        return 0
    for name, c in sub.items():
        for old, oc in list(columns.items()):
            if oc == c:
                del columns[old]
        columns[name] = c
    return 1


PARTNER_HINT = re.compile(r"协同|配合|协办|参与")


def header_at(grid: list[list[Slot]]) -> int:
    """Where an unrecognised table's header is: the first row with two filled cells (title rows above)."""
    for r, row in enumerate(grid[:10]):
        if sum(1 for s in row if s.origin and s.text.strip()) >= 2:
            return r
    return 0


def mapped_layout(grid: list[list[Slot]], column_map: ColumnMap, source: str = "manual") -> Layout:
    r = header_at(grid) if column_map.header_row is None else min(column_map.header_row, max(len(grid) - 1, 0))
    top = _header_top(grid, r)
    columns = column_map.layout_columns()
    names_each_row = "content" not in columns and "name" in columns
    if names_each_row:  # one column holds the items themselves (项目名称及内容), as find_layout reads it
        columns["content"] = columns.pop("name")
    return Layout(
        columns=columns,
        header_rows=r + 1,
        header_texts=[normalise(s.text) for s in grid[top]] if grid else [],
        title_lines=[s.text for row in grid[:top] for s in row if s.origin and s.text.strip()],
        source=source,
        names_each_row=names_each_row,
    )


def _header_top(grid: list[list[Slot]], r: int) -> int:
    """The first row of a header whose last row is `r`: a two-level header (责任单位 over 牵头单位 |
    配合单位) has cells merged down from the row above, which is header too, not the title."""
    top = r
    while top > 0 and any(
        not below.origin and above.origin and below.where == above.where
        for above, below in zip(grid[top - 1], grid[top], strict=False)
    ):
        top -= 1
    return top


def header_texts(grid: list[list[Slot]], layout: Layout | None) -> list[str]:
    """The printed header of a table: the recognised one, else the row `header_at` picks."""
    r = layout.header_rows - 1 if layout else header_at(grid)
    return [s.text for s in grid[r]] if grid else []
