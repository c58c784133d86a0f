"""Issue #28: a progress page's structure decided before its figures, tokens that survive the page,
kinds from the words around a figure, names from the measured thing. One test per rule."""

from __future__ import annotations

from decimal import Decimal

from minsheng.indicators.progress_reader import read_progress
from minsheng.indicators.progress_structure import page_lines, sections


def groups(text: str) -> list[tuple[str, list[tuple[str, Decimal, str]]]]:
    return [(g.heading, [(s.kind, s.value, s.unit) for s in g.statements]) for g in read_progress(text).groups]


def test_a_task_printed_as_its_heading_is_a_group_and_its_figures_are_targets() -> None:
    text = "一、新增普惠托位1.2万个,改造托育点300个\n全省新增普惠托位13580个,完成年度计划的113.2%。"
    ((heading, statements),) = groups(text)
    assert heading == "一、新增普惠托位1.2万个,改造托育点300个"
    assert statements[:3] == [("target", 12000, "个"), ("target", 300, "个"), ("actual", 13580, "个")]
    assert read_progress(text).groups[0].statements[2].pairs_with == 0


def test_a_count_of_indicators_in_brackets_notes_its_heading() -> None:
    text = (
        "东陵县 一、就业帮扶行动\n(4项指标)\n1.募集见习岗位420个 完成388个,完成率92.38%\n"
        "二、助餐行动(2项指标) *1.新增助餐点8个 完成3个"
    )
    found = groups(text)
    assert [h for h, _ in found] == ["一、就业帮扶行动", "二、助餐行动"]
    assert found[1][1] == [("target", 8, "个"), ("actual", 3, "个")]


def test_a_lead_paragraph_before_the_first_heading_is_the_group_with_no_heading() -> None:
    title, found = sections(["关于民生实事的通报", "今年以来,下达资金8.6亿元。", "一、托育", "新增托位100个。"])
    assert title == "关于民生实事的通报"
    assert [(s.heading, s.paragraphs) for s in found] == [
        ("", ["今年以来,下达资金8.6亿元。"]),
        ("一、托育", ["新增托位100个。"]),
    ]


def test_an_items_number_never_joins_the_figure_before_it() -> None:
    text = "1.新增泊位2600个 完成1450个,完成率55.77%\n2.新增托位400个 完成300个,完成率75%"
    assert [v for _, v, _ in groups(text)[0][1]] == [2600, 1450, Decimal("55.77"), 400, 300, 75]


def test_a_figure_broken_by_a_stray_space_is_one_figure() -> None:
    assert page_lines("累计完成1 258人") == ["累计完成1258人"]
    assert page_lines("完成10个 2.募集") == ["完成10个 2.募集"]


def test_furniture_lines_are_left_out() -> None:
    assert page_lines(
        "发布时间:2025-07-11 09:20信息来源:市发改委文字大小:[ ] 背景色:\n新增100个\n扫一扫打开当前页"
    ) == ["新增100个"]


def test_the_rate_of_any_verb_of_progress_is_a_share() -> None:
    text = "累计拨付资金1286万元，拨付率100%；开工12个，开工率85.7%。"
    assert [k for k, _, _ in groups(text)[0][1]] == ["actual", "share", "actual", "share"]


def test_the_part_of_the_works_done_is_a_share_unless_a_part_is_planned() -> None:
    assert groups("截至9月底，累计完成工程量72%。")[0][1] == [("share", 72, "%")]
    planned = groups("项目计划二季度完成工程量8%，实际完成工程量11%。")[0][1]
    assert [k for k, _, _ in planned] == ["target", "actual"]


def test_a_starting_point_is_not_a_statement_and_the_raised_standard_is_the_target() -> None:
    assert groups("基础养老金最低标准从每人每月180元提高到200元。")[0][1] == [("target", 200, "元")]


def test_what_is_needed_is_the_target() -> None:
    found = read_progress("全年所需拨付资金1286.4万元，已拨付1286.4万元，拨付率100%。").statements()
    assert [s.kind for s in found] == ["target", "actual", "share"]
    assert [s.pairs_with for s in found] == [None, 0, 0]


def test_counts_of_projects_are_not_statements() -> None:
    text = (
        "十件民生实事共分为31项工作，已完成19项。城区公厕、2个(金沙湾、翠湖苑)住宅小区雨污分流改造工程等3项需加快。"
        "进展缓慢工作1项(新增完成240条污水治理工作),经督办后于9月底已完成212条,完成率88.3%。已完成项目占项目总数的61%。"
    )
    assert groups(text)[0][1] == [("target", 240, "条"), ("actual", 212, "条"), ("share", Decimal("88.3"), "%")]


def test_traditional_units_count_projects_as_simplified_ones_do() -> None:
    assert read_progress("有力保障24項為民辦實事項目全面完成。").statements() == []


def test_names_are_the_measured_thing_not_a_marker_an_op_word_or_a_clause_edge() -> None:
    found = read_progress("*1.新增城市老年食堂(助餐点)不少于8个 完成3个,完成率37.5%").statements()
    assert [s.name for s in found] == ["城市老年食堂(助餐点)", "", "完成率"]
    assert found[0].text == "新增城市老年食堂(助餐点)不少于8个"


def test_a_tables_name_cell_states_the_target_and_a_row_under_the_same_number_keeps_its_columns() -> None:
    text = (
        "序号 | 实事项目名称 | 完成情况 | 占全年计划 |\n1 | 新增3000张养老床位 | 3215 | 107% |\n"
        "新增600张养护床位 | 618 | 103% | |"
    )
    found = read_progress(text).statements()
    assert [(s.kind, s.value, s.unit, s.pairs_with) for s in found] == [
        ("target", 3000, "张", None),
        ("actual", 3215, "张", 0),
        ("share", 107, "%", 0),
        ("target", 600, "张", None),
        ("actual", 618, "张", 3),
        ("share", 103, "%", 3),
    ]


def test_a_count_of_areas_is_not_a_statement() -> None:
    assert groups("聚焦就业、教育等10个方面，新增学位500个。")[0][1] == [("actual", 500, "个")]


def test_a_lead_in_ending_with_a_colon_is_not_a_heading() -> None:
    _, found = sections(["办好58件民生实事是庄严承诺。", "现将进展情况通报如下：", "截至9月底，已建成5家。"])
    assert [s.heading for s in found] == [""]
