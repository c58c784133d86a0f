"""Kinds of page from review round 14, each on a small table of its own: a table copied one cell
per line with every cell closed by a delimiter (no line opening a row), and a one-cell-per-line
table whose project names are as short as a person's name. A table reading that stops before
the rows end says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from minsheng.documents.parsed import ParsedPlan

from .pages import read_page

HEADER = ["序号", "项目名称", "实施内容", "责任单位", "完成时间"]
ROWS = [
    ["1", "城区公厕改造", "改造城区公厕12座", "县城管局", "2026年9月底"],
    ["2", "停车便民工程", "新增公共停车位300个", "县教育局", "2026年8月底"],
    ["3", "农村道路养护", "养护农村公路60公里", "县交通运输局", "2026年11月"],
]
NAMES = ["城区公厕改造", "停车便民工程", "农村道路养护"]


def _cells(rows: list[list[str]], closer: str = "", blank_between: bool = False, title: bool = False) -> str:
    lines = ["南溪县2026年为民办实事项目表"] if title else []
    for n, row in enumerate([HEADER, *rows]):
        if blank_between and n:
            lines.append("")
        lines.extend(cell + closer for cell in row)
    return "\n".join(lines) + "\n"


def _summary(plan: ParsedPlan) -> list[tuple[str, list[str], str | None]]:
    return [(p.name, p.tasks[0].lead_units, p.tasks[0].deadline) for p in plan.projects]


@pytest.mark.parametrize("closer", [" |", "|", "｜", "\t", " ｜"])
@pytest.mark.parametrize("blank_between", [False, True])
@pytest.mark.parametrize("title", [False, True])
def test_cells_closed_by_a_delimiter_read_as_their_bare_form(
    tmp_path: Path, closer: str, blank_between: bool, title: bool
) -> None:
    bare = _summary(read_page(tmp_path, _cells(ROWS)))
    closed = _summary(read_page(tmp_path, _cells(ROWS, closer, blank_between, title)))
    assert [name for name, _, _ in bare] == NAMES
    assert closed == bare
    assert closed[2][1] == ["县交通运输局"]


def test_a_caption_closed_by_a_bar_is_no_table(tmp_path: Path) -> None:
    # two lines ending with a bar are a caption's, not a table's cells: the page is left as it is
    text = "工作安排 |\n说明 |\n" + _cells(ROWS)
    assert [p.name for p in read_page(tmp_path, text).projects] == NAMES


@pytest.mark.parametrize("short", ["供水惠民", "托育便民", "助医"])
@pytest.mark.parametrize("at", [0, 1, 2])
@pytest.mark.parametrize("closer", ["", " |"])
def test_a_short_project_name_is_still_a_name(tmp_path: Path, short: str, at: int, closer: str) -> None:
    rows = [list(row) for row in ROWS]
    rows[at][1] = short
    plan = read_page(tmp_path, _cells(rows, closer))
    names = list(NAMES)
    names[at] = short
    assert [p.name for p in plan.projects] == names
    assert [p.tasks[0].content for p in plan.projects] == [row[2] for row in rows]
    assert not plan.warnings


def test_a_short_name_before_a_leader_column(tmp_path: Path) -> None:
    # the header has a leader column (a 2–4 character name's place), and a row's content wraps
    # over two lines: the line after the 序号 is still the project's name
    text = """序号
项目名称
建设内容
牵头单位
责任领导
1
城区公厕改造
改造城区公厕12座
县城管局
周敏
2
供水惠民
新建农村供水站6座
惠及群众2万余人
县水利局
陈立
3
农村道路养护
养护农村公路60公里
县交通运输局
吴刚
"""
    plan = read_page(tmp_path, text)
    assert [p.name for p in plan.projects] == ["城区公厕改造", "供水惠民", "农村道路养护"]
    assert plan.projects[1].tasks[0].lead_units == ["县水利局"]


def test_rows_the_reading_leaves_out_are_warned_of(tmp_path: Path) -> None:
    # a note line in the middle stops the one-cell-per-line reading: the rows after it must not
    # vanish without a word on the preview
    lines = _cells(ROWS[:2]).splitlines() + ["注：下页续表"] + ROWS[2]
    plan = read_page(tmp_path, "\n".join(lines) + "\n")
    assert [p.name for p in plan.projects] == NAMES[:2]
    assert any("序号 3" in str(w) for w in plan.warnings)


def test_a_complete_reading_has_no_left_out_warning(tmp_path: Path) -> None:
    plan = read_page(tmp_path, _cells(ROWS) + "注：以上项目由县政府督查室跟踪督办\n")
    assert [p.name for p in plan.projects] == NAMES
    assert not any("未能读入" in str(w) for w in plan.warnings)
