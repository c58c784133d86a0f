"""Kinds found by round 10 (issue #28), each written here in other words than the fixtures': a target
in a bracket after its actual, counts of the programme's items and of projects meeting a bar, a list of
months dating progress, a month's increment beside its running total, cases against a count of people."""

from __future__ import annotations

from decimal import Decimal

import pytest

from minsheng.indicators.progress_reader import read_progress


def flat(text: str) -> list[tuple[str, Decimal, str, int | None]]:
    return [(s.kind, s.value, s.unit, s.pairs_with) for s in read_progress(text).statements()]


@pytest.mark.parametrize("bracket", ["（年度目标任务为80所）", "（目标80所）", "（全年计划80所）", "(年度目标80所)"])
def test_a_bracket_after_an_actual_states_its_target_and_they_pair(bracket: str) -> None:
    text = f"截至9月底，全县改扩建农村幼儿园92所{bracket}，其余项目按期推进。"
    assert flat(text) == [("actual", 92, "所", 1), ("target", 80, "所", None)]


def test_the_bracketed_target_is_named_by_its_actual() -> None:
    target = read_progress("全市已完成适老化改造1200户（年度目标任务为1000户）。").statements()[1]
    assert target.text == "年度目标任务为1000户"
    assert "适老化改造" in target.name


def test_a_bracket_naming_no_target_leaves_the_figure_to_its_words() -> None:
    # （含村级站点）says what is counted, not a target: 计划 still makes the figure a target
    assert flat("计划新建养老服务站15个（含村级站点），已建成6个。") == [
        ("target", 15, "个", None),
        ("actual", 6, "个", 0),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "全区八大民生工程涉及的36个分项中，已有30个分项达到序时进度。",
        "今年确定的12件民生大事中，9件已完成全年任务。",
        "今年的10件民生好事进展顺利。",
    ],
)
def test_counts_of_the_programmes_items_are_not_statements(text: str) -> None:
    assert flat(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "全区民生项目95%达到序时进度要求，运行平稳。",
        "80%的项目已开工建设。",
        "各街道实事100%符合时间过半、任务过半要求",
    ],
)
def test_a_percentage_of_projects_meeting_a_bar_is_not_a_statement(text: str) -> None:
    assert flat(text) == []


def test_a_rate_reached_is_still_read() -> None:
    # a percentage meeting a standard (not a requirement of the projects) stays a figure
    assert flat("截至6月底，城市生活污水集中处理率达到96.5%。")[0][1:3] == (Decimal("96.5"), "%")


def test_a_list_of_months_dates_progress_so_the_sentence_is_no_plan() -> None:
    text = "5、6月，区民政局为1280名困难老人发放高温补贴。8月全区新建助餐点12个，均超过目标任务进度。"
    assert [kind for kind, *_ in flat(text)] == ["actual", "actual"]


def test_a_months_increment_measures_nothing_and_its_running_total_the_target() -> None:
    text = "“为500名听障儿童免费验配助听器”一项中，8月新增验配42例，累计达365例。"
    assert flat(text) == [
        ("target", 500, "名", None),
        ("actual", 42, "例", None),
        ("actual", 365, "例", 0),
    ]


def test_a_bare_count_right_after_a_count_of_projects_counts_projects() -> None:
    assert flat("全县46个民生项目中，39个已开工，7个正在招标。") == []


def test_a_count_after_a_task_read_between_is_the_tasks_progress() -> None:
    # a figure read after the count of projects: 已完成120个 measures the parking places, not projects
    assert flat("今年实施12个民生项目，新建停车泊位300个，已完成120个。") == [
        ("target", 300, "个", None),
        ("actual", 120, "个", 0),
    ]


def test_the_places_a_pilot_runs_in_listed_then_counted_are_no_statement() -> None:
    assert flat("全市已在江北、鄞州等4个区开展长护险试点，参保12.6万人。") == [("actual", 126000, "人", None)]
    # a count of places done, not a list of where: still read
    assert flat("已建成街道级养老服务中心4个。")[0][1:3] == (4, "个")
