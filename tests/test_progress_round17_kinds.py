"""Issue #28, the kinds blind round 17 failed on, each on small texts written for the test (never the
round's pages): a numbered table's further tasks printed as rows with no number and empty cells at
their end (… | ||); a table flattened one cell per line whose header names a month's target beside the
year's task (8月份目标), with a cell's closing bar on a line of its own; a paragraph stating a work's
scope before the clause that dates its progress (…，目前已开工 / …，现已完成N户); a figure of about so
many ten-thousands (800余万元)."""

from __future__ import annotations

import pytest

from minsheng.indicators.progress_reader import read_progress

from .progress_said import found, pairs

# ---------------------------------------------------------------- rows continuing a number, empty cells at their end
CONTINUED = [
    (
        "序号 | 项目内容 | 进展情况 | 责任单位 |\n"
        "1 | 改造老旧小区12个。 | 已开工改造老旧小区9个。 | 住建局 |\n"
        "新建口袋公园5个。 | 建成口袋公园6个。 | ||\n",
        [(12, None), (9, 12), (5, None), (6, 5)],
    ),
    (
        "序号 | 工作任务 | 完成情况 | 牵头部门 |\n"
        "1 | 培训家政人员800人次。 | 已培训家政人员620人次。 | 人社局 |\n"
        "新增就业岗位300个。 | 新增就业岗位410个。 | ||\n"
        "发放创业贷款50笔。 | 发放创业贷款37笔。 | ||\n"
        "2 | 改造农村户厕900户。 | 完成改造农村户厕650户。 | 农业农村局 |\n",
        [(800, None), (620, 800), (300, None), (410, 300), (50, None), (37, 50), (900, None), (650, 900)],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CONTINUED)
def test_a_row_continuing_the_number_above_states_a_task_and_its_progress(
    text: str, expected: list[tuple[int, int | None]]
) -> None:
    assert pairs(text) == expected
    assert [k for k, _, _ in found(text)] == ["target", "actual"] * (len(expected) // 2)


# ---------------------------------------------------------------- one cell per line, a month's target column
MONTH_COLUMN = (
    "序号 |\n项目内容 |\n牵头单位 |\n{period}目标 |\n进展情况 |\n"
    "1 |\n新建社区食堂20家、改造菜场6个 |\n区商务委 |\n新建4家、改造1个。 |\n新建11家,改造3个。 |\n"
    "2\n|\n新增公共泊位900个 |\n区交通委 |\n开展设计。 |\n已新增公共泊位350个。 |\n"
)


@pytest.mark.parametrize("period", ["6月份", "三季度", "本月"])
def test_a_month_target_column_is_a_target_and_progress_measures_the_years_task(period: str) -> None:
    text = MONTH_COLUMN.format(period=period)
    assert found(text) == [
        ("target", 20, "家"),
        ("target", 6, "个"),
        ("target", 4, "家"),
        ("target", 1, "个"),
        ("actual", 11, "家"),
        ("actual", 3, "个"),
        ("target", 900, "个"),
        ("actual", 350, "个"),
    ]
    # 11家 and 3个 measure the year's 20家 and 6个, never the month's 4家 and 1个
    assert pairs(text)[4:] == [(11, 20), (3, 6), (900, None), (350, 900)]


def test_a_month_target_column_in_traditional_script_is_one_too() -> None:
    text = MONTH_COLUMN.format(period="8月份").replace("目标", "目標").replace("进展情况", "進展情況")
    assert pairs(text)[4:] == [(11, 20), (3, 6), (900, None), (350, 900)]


def test_a_cells_bar_on_a_line_of_its_own_closes_that_cell() -> None:
    text = (
        "序号 |\n项目 |\n年度目标 |\n累计完成 |\n1\n|\n新建公厕 |\n30座 |\n22座 |\n2\n|\n改造路灯 |\n500盏 |\n460盏 |\n"
    )
    assert pairs(text) == [(30, None), (22, 30), (500, None), (460, 500)]


# ---------------------------------------------------------------- a paragraph's scope, then the dated progress
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            # 两个社区 tallies the two names before it: a count of the scope too (round 18, 68's 七个村)
            "示范片区覆盖东园、西湾两个社区共3200余亩，建设内容有道路、管网等配套设施，目前已全面开工。",
            [("target", 2, "个"), ("target", 3200, "亩")],
        ),
        (
            "按照区里部署，今年全街道1560户实施燃气改造，现工程已完成980户，约4万平方米。",
            [("target", 1560, "户"), ("actual", 980, "户"), ("actual", 40000, "平方米")],
        ),
        (
            "全县安排修缮校舍42所，主要包括屋面防水和门窗更换，截至目前已完工35所。",
            [("target", 42, "所"), ("actual", 35, "所")],
        ),
    ],
)
def test_what_a_sentence_says_before_its_dated_progress_is_the_scope(
    text: str, expected: list[tuple[str, int, str]]
) -> None:
    assert found(text) == expected


def test_progress_in_other_words_in_the_next_sentence_measures_the_scope() -> None:
    text = "今年全镇共有包括东干渠、西干渠在内的12条沟渠进行清淤。截止目前，12条沟渠全部恢复灌溉功能。"
    assert found(text) == [("target", 12, "条"), ("actual", 12, "条")]
    assert pairs(text) == [(12, None), (12, 12)]


def test_a_scope_with_progress_words_of_its_own_keeps_its_reading() -> None:
    # (a guard, read right before the change too) 已完成 before the dated clause: progress already
    text = "已完成管网改造30公里，目前正在进行路面恢复。"
    assert found(text) == [("actual", 30, "公里")]


# ---------------------------------------------------------------- about so many ten-thousands
@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("项目总投资600余万元，建设内容主要有立面整治。", 6_000_000, "元"),
        ("计划造林12余万亩。", 120_000, "亩"),
    ],
)
def test_a_figure_of_over_so_many_ten_thousands_is_read_as_at_least(text: str, value: int, unit: str) -> None:
    (statement,) = read_progress(text).statements()
    assert (statement.value, statement.unit, statement.op) == (value, unit, "gte")
