"""Lines of a flattened table (项目 | 年度目标 | 累计完成 | 完成率): each column's kind from its header.

A header line names its columns with no figures; each following line with as many cells gives
one statement per figure, its kind from the column (目标/计划/任务 → target, 完成率/比例/进度 →
share, 完成/累计/进展/实际 → actual), its name from the first cell, paired within its row.
A bare number takes the unit written in its header (年度目标（个） → 个).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..text.normal import normal
from .extract import Quantity, quantities

CELL_SPLIT = re.compile(r"\t|\s{2,}|\s*[|｜]\s*")
SERIAL = re.compile(r"^\s*(?:序号|编号|序|No\.?)\s*$")
BARE_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([%％]?)\s*$")


@dataclass
class TableHeader:
    kinds: list[str | None]
    units: list[str]
    name_column: int
    serial: bool = False  # the first column numbers the rows (序号): a row under the same number leaves it empty
    interim: int | None = None  # the column of a target for part of the year (8月份目标), beside the year's task
    planned: tuple[int, ...] = ()  # columns of plans alone (月度工作计划, 季度目标): every figure there is planned


def cells(line: str) -> list[str]:
    return [c.strip() for c in CELL_SPLIT.split(line.strip().strip("|｜")) if c.strip()]


def _column_kind(cell: str) -> str | None:
    if re.search(r"完成率|比例|百分比|[%％]|^占", cell):  # 占全年计划: the part of the plan done
        return "share"
    if re.search(r"目标|计划|任务", cell):
        return "target"
    if re.search(r"完成|进展|进度|累计|实际|已|落实", cell):
        return "actual"
    return None


def read_header(line: str) -> TableHeader | None:
    row = cells(line)
    if len(row) < 3 or _has_figure(line):
        return None
    kinds = [_column_kind(normal(c)) for c in row]  # 目標/計畫 read as 目标/计划
    serial = SERIAL.match(normal(row[0])) is not None
    # 序号 | 项目内容 | 当前进度 | …: a numbered table whose only figure column is progress states
    # its task in the name column (read_row, and the reader's prose rows, read it as the target)
    progress_only = serial and "actual" in kinds and kinds.count(None) >= 2
    if "actual" not in kinds or not ({"target", "share"} & set(kinds) or progress_only) or None not in kinds:
        return None
    units = []
    for c in row:
        found = re.search(r"[（(]([^）)]{1,4})[）)]", c)
        units.append(found.group(1) if found else "")
    plain = [normal(c) for c in row]
    names = [i for i, k in enumerate(kinds) if k is None and not SERIAL.match(plain[i])]
    name, interim = names[0] if names else kinds.index(None), _interim_column(row, kinds)
    return TableHeader(kinds, units, name, serial, interim, _planned(kinds, plain, interim))


def _planned(kinds: list[str | None], plain: list[str], interim: int | None) -> tuple[int, ...]:
    """A month's plan (4月:完成筛查1480人) is a stage target, done or not; so is any column of plans alone."""
    plans = [k == "target" and not DONE_WORD.search(c) for k, c in zip(kinds, plain, strict=True)]
    return tuple(i for i, plan in enumerate(plans) if plan or i == interim)


# 目标完成情况, 计划执行进度: a column heading that names a target but holds what was done of it
DONE_WORD = re.compile(r"完成|进展|进度|累计|实际|落实|情况|执行")


def _has_figure(line: str) -> bool:
    """A figure in the line other than the month or quarter a column's target is for (8月份目标)."""
    if not re.search(r"\d", line):
        return False
    if "月" not in line and "季" not in line:  # (cheap first: a table's every row is asked)
        return True
    return bool(re.search(r"\d", MONTHS.sub("", PERIOD.sub("", normal(line)))))  # 8月份目標 too


def _interim_column(row: list[str], kinds: list[str | None]) -> int | None:
    return next((i for i, c in enumerate(row) if kinds[i] == "target" and PERIOD.search(normal(c))), None)


# 8月份目标, 三季度目标, 本月计划: a column's target for a month or a quarter, the year's task being another's
# 1-8月实际完成: the months a column's figures cover, no figure of the header
MONTHS = re.compile(r"\d{1,2}\s*[-－—~～至]\s*\d{1,2}\s*月(?:份|底|末)?")
# 月度工作计划, 季度目标: a column of each month's (quarter's) plan is such a target too
PERIOD = re.compile(
    r"(?:\d{1,2}|[一二三四五六七八九十]{1,2}|本|当)\s*(?:月份?|季度)(?=目标|计划|任务)|(?:月度|季度)(?:工作)?(?=目标|计划|任务)"
)


def row_cells(line: str, header: TableHeader) -> list[str]:
    """A row's cells in the header's columns: a row continuing the number above (no 序号 of its own,
    its cells shifted left and an empty one at the end) gets its empty 序号 back."""
    row = cells(line)
    if not header.serial or re.fullmatch(r"\d{1,3}", row[0] if row else "0"):
        return _merged_cell_back(row, line, header)
    if len(row) == len(header.kinds) - 1:
        return ["", *row]
    if 2 <= len(row) < len(header.kinds) and EMPTY_TAIL.search(line):
        # 新增托位500个 | 新增托位600个 | ||: a further task of the number above, printed with its trailing
        # cells (the unit in charge) left empty: it fills the columns from the name on
        return ["", *row, *[""] * (len(header.kinds) - len(row) - 1)]
    return row


def _merged_cell_back(row: list[str], line: str, header: TableHeader) -> list[str]:
    """A numbered row one cell short: a cell merged over several rows in the source (the unit in charge)
    was printed on the first of them only, the later cells shifted left and an empty one at the end
    (… | 已完成… | |). Cells go by what they hold: the first word column (no kind, not the name) whose
    cell holds no unit's name but progress is the merged one, put back empty. A row the stored copy cut
    (no closing bar) keeps the cells it has, the rest empty."""
    width = len(header.kinds)
    if len(row) >= width or len(row) <= header.name_column:
        return row
    if not re.search(r"[|｜]\s*$", line):
        return row + [""] * (width - len(row))
    if len(row) != width - 1 or not EMPTY_TAIL.search(line):
        return row
    for column, kind in enumerate(header.kinds[: len(row)]):
        if kind is None and column > header.name_column and not UNIT_CELL.fullmatch(row[column]):
            return [*row[:column], "", *row[column:]]
    return row


# 县卫生健康局, 市红十字会, 区住建局、区财政局: the name of a unit in charge (no figure, no sentence)
UNIT_CELL = re.compile(r"[^\d，,。；;：:]{2,30}?(?:局|委|办|会|院|厅|部|中心|政府|公司|所|队|站|馆|街道|镇|乡)")


EMPTY_TAIL = re.compile(r"[|｜]\s*[|｜]\s*$")  # a row printed with empty cells at its end (… | ||)


def read_row(line: str, header: TableHeader, row_id: int, make: Callable[..., Any]) -> list[Any]:
    row = row_cells(line, header)
    if len(row) != len(header.kinds):
        return []
    name = row[header.name_column]
    named_unit = re.search(r"[（(]([^）)]{1,4})[）)]\s*$", name)
    if named_unit:
        name = name[: named_unit.start()].strip()
    tasked = _task_in_its_words(row, header, name, row_id, make)
    if tasked:
        return tasked
    found = []
    task = quantities(name) if "target" not in header.kinds else []
    # 新增3000张养老床位 | 3215 | 107%: the name states the row's target, the bare figures its unit; with no
    # column of shares either (序号 | 项目内容 | 当前进度), every figure of the name is a target of the row
    for stated in task if "share" not in header.kinds else task[:1]:
        found.append(make(name, name, "target", stated, row_id, row_id))
    measure = _row_measure(row, header, name)
    for cell, kind, unit in zip(row, header.kinds, header.units, strict=True):
        if kind is None:
            continue
        kind = "share" if kind == "actual" and rate_cell(cell) else kind
        fallback = (named_unit.group(1) if named_unit else "") or (task[0].unit if task else "")
        q = _quantity(cell, kind, unit or measure[0] or fallback, measure[1])
        if q is not None:
            found.append(make(f"{name} {cell}", name, kind, q, row_id, row_id))
    return found


def _task_in_its_words(
    row: list[str], header: TableHeader, name: str, row_id: int, make: Callable[..., Any]
) -> list[Any]:
    """任务 | 单位 | 100% | 100% | | 备注: a row whose target cell holds a rate (the task met, or not) while its
    task prints the figures (…分别达到300元/人、140元/人): the task's figures are its targets, the rates say
    nothing more, and the figures of the note after the columns of figures (城市:300.1元/月,…) are what was
    done, in the task's order."""
    target = next((c for c, k in zip(row, header.kinds, strict=True) if k == "target"), "")
    stated = [q for q in quantities(name) if q.unit != "%"] if rate_cell(target) else []
    last = max(i for i, k in enumerate(header.kinds) if k is not None)
    note = row[-1] if header.kinds[-1] is None and len(row) - 1 > last else ""
    done = [q for q in quantities(note) if q.unit != "%"]
    if not stated or len(done) != len(stated):
        return []
    found = [make(name[q.start : q.end], name, "target", q, row_id, row_id) for q in stated]
    for q in done:
        label = re.split(r"[，,；;。]", note[: q.start])[-1].rstrip(":： ")
        found.append(make(note[q.start : q.end], label or name, "actual", q, row_id, row_id))
    return found


MAGNITUDE = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
IN_MAGNITUDE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([万萬亿億])\s*$")  # 10000万: a figure whose unit the cell left off


def _row_measure(row: list[str], header: TableHeader, name: str) -> tuple[str, int]:
    """The unit (and magnitude) a row's bare figures are counted in: its target cell's (1300人 | 700 → 700人).
    A target cell printed in 万 with no unit (10000万) is the figure its row's task prints whole
    (完成征缴基金10000万元): its unit is that one's, and the row's bare figures are in 万 too."""
    cell = next((c for c, k in zip(row, header.kinds, strict=True) if k == "target"), "")
    read = quantities(cell)
    if read and read[0].unit != "%":
        return read[0].unit, 1
    short = IN_MAGNITUDE.match(cell)
    if short:
        printed = next((q for q in quantities(name) if short.group(1) + short.group(2) in name[q.start : q.end]), None)
        if printed is not None and printed.unit != "%":
            return printed.unit, MAGNITUDE[short.group(2)]
    return "", 1


# 80%, 80%（新区实验幼儿园进度滞后, 95%: a progress cell that is a rate with a note after it (its bracket
# left open or not) is the part of the task done, a share, whatever its column's word.
RATE_CELL = re.compile(r"^\s*\d+(?:\.\d+)?\s*[%％]\s*(?:$|[（(])")


def rate_cell(cell: str) -> bool:
    return bool(RATE_CELL.match(cell))


def _quantity(cell: str, kind: str, unit: str, magnitude: int = 1) -> Quantity | None:
    read = quantities(cell)
    if read:
        return read[0]
    short = IN_MAGNITUDE.match(cell) if magnitude > 1 else None
    bare = BARE_NUMBER.match(cell) or short
    if not bare:
        return None
    percent = not short and bare.group(2)
    unit = "%" if percent or kind == "share" else unit
    if not unit:
        return None
    times = MAGNITUDE[short.group(2)] if short else 1 if unit == "%" else magnitude
    return Quantity(0, len(cell), Decimal(bare.group(1)) * times, None, unit, "eq")


ONE_CELL = re.compile(r"^[^|｜]*\S[^|｜]*\s*[|｜]$")  # 主要任务 |: a table flattened one cell per line
EMPTY_CELLS = re.compile(r"^[|｜](?:\s*[|｜])*$")  # | or | |: a cell (or several) left empty, each its bar
EMPTY = "—"  # an empty cell's place in a row put back together: no figure, no words, but a column


def join_cell_lines(lines: list[str]) -> list[str]:
    """A table printed one cell per line, each ending with |, back into its rows: the header's cells are the
    leading lines without a figure; every following run of that many cells is one row (a line of bars
    alone is that many empty cells). A table printed one cell per line with no mark at all is read by
    its 序号 (serial_rows)."""
    out: list[str] = []
    lines = _bars_rejoined(lines)
    i = 0
    while i < len(lines):
        serial = serial_rows(lines, i)
        if serial is not None:
            rows, i = serial
            out += [" | ".join(row) for row in rows]
            continue
        run = i
        while run < len(lines) and (ONE_CELL.match(lines[run]) or (run > i and EMPTY_CELLS.match(lines[run]))):
            run += 1
        width = _header_width(lines, i, run)
        if run - i < 6 or width < 3:
            out.append(lines[i])
            i += 1
            continue
        out += [" | ".join(row) for row in cell_rows(_cells_of(lines[i:run]), width)]
        i = run
    return out


def _cells_of(lines: list[str]) -> list[str]:
    found: list[str] = []
    for line in lines:
        bars = EMPTY_CELLS.match(line)
        found += [EMPTY] * len(re.findall(r"[|｜]", line)) if bars else [line.rstrip("|｜ ").strip()]
    return found


def cell_rows(cells: list[str], width: int) -> list[list[str]]:
    """The header's cells, then its rows of `width` cells. Under a 序号 header a row runs from its number to
    the next; a row longer than the header spans sub-rows (序号 | 项目 printed once, then each task's own
    cells: 任务 | 单位 | 目标 | …), each a row of its own under the row's number."""
    rows = [cells[:width]]
    if not SERIAL.match(normal(cells[0])):
        return rows + [cells[k : k + width] for k in range(width, len(cells), width)]
    at = width
    while at < len(cells):
        end = _row_end(cells, at, width)
        row = cells[at:end]
        spans = len(row) > width and (len(row) - 2) % (width - 1) == 0
        if not spans:
            rows.append(row)
        for k in range(2, len(row), width - 1) if spans else ():
            rows.append(["", *row[k : k + width - 1]])
        at = end
    return rows


def _row_end(cells: list[str], at: int, width: int) -> int:
    """Where a row ends: after a full row where a number follows (a table may print only some of its rows:
    12, 27, 31), else at the next number after whole sub-rows (2 + m·(width-1))."""
    if at + width >= len(cells) or re.fullmatch(r"\d{1,3}", cells[at + width]) or not cells[at].isdigit():
        return min(at + width, len(cells))
    number = int(cells[at]) + 1
    for k in range(at + 2 + 2 * (width - 1), len(cells), width - 1):
        if cells[k] == str(number):
            return k
    return len(cells)


def _bars_rejoined(lines: list[str]) -> list[str]:
    """A cell whose closing | fell onto a line of its own (4 / |) back on its cell's line."""
    if not any(line.strip() in ("|", "｜") for line in lines):
        return lines
    out: list[str] = []
    for line in lines:
        if line.strip() in ("|", "｜") and out and out[-1].strip() and not ONE_CELL.match(out[-1]):
            out[-1] = out[-1].rstrip() + " |"
        else:
            out.append(line)
    return out


def _header_width(lines: list[str], start: int, run: int) -> int:
    """How many cells the header has: up to the first row's number `1` where the header opens with 序号
    (a header may hold a figure of its own: 8月份目标), else up to the first cell with a figure."""
    if SERIAL.match(normal(lines[start].rstrip("|｜ "))):
        first = next((k for k in range(start, run) if lines[k].rstrip("|｜ ").strip() == "1"), None)
        if first is not None:
            return first - start
    return next((k for k in range(start, run) if re.search(r"\d", lines[k])), run) - start


HEADER_WORD = re.compile(r"^[\u4e00-\u9fff（）()/]{2,8}$")


def serial_rows(lines: list[str], start: int) -> tuple[list[list[str]], int] | None:
    """A table printed one cell per line with no mark (序号 / 项目内容 / 当前进度 / … / 1 / 新建… / 80% / …):
    its header is 序号 and the short labels after it up to the line `1`; each row runs from its number
    to the next (k, then k+1), as many cells as the header has (a row with fewer is padded, its merged
    cells left empty). ([header, rows…], the line after the table), or None where no such table starts."""
    if not SERIAL.match(normal(lines[start])):
        return None
    end = start + 1
    while end < len(lines) and HEADER_WORD.match(lines[end]) and not SERIAL.match(lines[end]):
        end += 1
    width = end - start
    if width < 3 or end >= len(lines) or lines[end].strip() != "1":
        return None
    rows, at, number = [lines[start:end]], end, 1
    while at < len(lines) and lines[at].strip() == str(number):
        following = _next_row(lines, at, width, number + 1)
        row = [c.strip() for c in lines[at:following]]
        rows.append(row + ["—"] * (width - len(row)))  # a merged cell's place: no figure, no words
        at, number = following, number + 1
    return (rows, at) if len(rows) > 2 else None


def _next_row(lines: list[str], at: int, width: int, number: int) -> int:
    """Where the row opening at `at` ends: at the next row's number, found where a full row ends or sooner
    (a row with merged cells is shorter); the last row takes a full row's cells at most."""
    if at + width >= len(lines) or lines[at + width].strip() == str(number):
        return min(at + width, len(lines))
    for k in range(at + 1, at + width):
        if lines[k].strip() == str(number):
            return k
    return at + width
