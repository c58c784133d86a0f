"""Issue #28, the kinds blind round 19 failed on, each on small texts written for the test (never the
round's pages): a table flattened one cell per line whose empty cells are bars alone and whose header
names the months its figures cover, each row's bare figures counted in its target cell's unit (a row
spanning sub-rows, a row whose task prints its own figures); a share said after an actual and a clause
saying whom that actual reaches (涉及/惠及…); a numbered task closed by the unit in charge, its figures
the target of the 完成情况 line under it; dashed items under numbered sections; and the words around a
figure: 多 before 万, a figure whose noun is its target or quota, work said to go as planned, projects
named by the facilities they build."""

from __future__ import annotations

from decimal import Decimal

import pytest

from minsheng.indicators.progress_reader import read_progress

from .progress_said import found, grouped_pairs, pairs


def grouped(text: str) -> list[tuple[str, list[Decimal]]]:
    """Each group's heading with the values of its statements, in order."""
    return [(g.heading, [s.value for s in g.statements]) for g in read_progress(text).groups if g.statements]


def cells_per_line(*rows: list[str]) -> str:
    """A table as a copied page prints it: one cell a line, each closed by |, an empty cell a bar alone."""
    return "\n".join(f"{cell} |" if cell else "|" for row in rows for cell in row) + "\n"


HEADER = ["序号", "民生项目", "牵头部门", "年度任务", "1-6月完成数", "1-6月完成率%", "说明"]


# ---------------------------------------------------------------- a table flattened one cell per line
def test_empty_cells_keep_their_place_and_bare_figures_take_the_target_cells_unit() -> None:
    text = "县民生项目上半年推进表\n" + cells_per_line(
        HEADER,
        ["1", "新建村卫生室", "卫健局", "40所", "31", "78%", ""],
        ["2", "改造农村危房", "住建局", "560户", "", "45%", "正在施工"],
        ["3", "培训农民工", "人社局", "2000人", "1650", "83%", ""],
    )
    assert found(text) == [
        ("target", 40, "所"),
        ("actual", 31, "所"),
        ("share", 78, "%"),
        ("target", 560, "户"),
        ("share", 45, "%"),
        ("target", 2000, "人"),
        ("actual", 1650, "人"),
        ("share", 83, "%"),
    ]
    assert pairs(text)[1] == (31, 40) and pairs(text)[2] == (78, 40) and pairs(text)[4] == (45, 560)


def test_two_empty_cells_on_one_line_are_two_cells() -> None:
    text = cells_per_line(
        HEADER,
        ["1", "新增公交线路", "交通局", "6条", "", "", "招标中"],
        ["2", "新建公厕", "城管局", "30座", "12", "40%", ""],
    )
    text = text.replace("|\n|\n招标中", "| |\n招标中")
    assert found(text) == [("target", 6, "条"), ("target", 30, "座"), ("actual", 12, "座"), ("share", 40, "%")]


def test_a_target_in_wan_with_no_unit_is_its_tasks_figure_and_the_bare_actual_is_in_wan_too() -> None:
    text = cells_per_line(
        HEADER,
        ["1", "发放创业担保贷款5000万元", "人社局", "5000万", "3100", "62%", ""],
        ["2", "新增停车泊位", "公安局", "1200个", "960", "80%", ""],
    )
    assert found(text)[:2] == [("target", 50_000_000, "元"), ("actual", 31_000_000, "元")]
    assert pairs(text)[1] == (31_000_000, 50_000_000)


def test_a_row_spanning_sub_rows_reads_each_task_under_its_number() -> None:
    text = cells_per_line(
        HEADER,
        ["1", "健全养老服务体系", "新增护理床位300张", "民政局", "300张", "240", "80%", ""],
        ["完成适老化改造150户", "民政局", "150户", "90", "60%", ""],
        ["2", "新建城市书房", "文旅局", "8个", "8", "100%", ""],
    )
    assert found(text) == [
        ("target", 300, "张"),
        ("actual", 240, "张"),
        ("share", 80, "%"),
        ("target", 150, "户"),
        ("actual", 90, "户"),
        ("share", 60, "%"),
        ("target", 8, "个"),
        ("actual", 8, "个"),
        ("share", 100, "%"),
    ]


def test_a_row_whose_task_prints_its_figures_reads_its_note_as_what_was_done() -> None:
    text = cells_per_line(
        HEADER,
        [
            "1",
            "城乡特困人员供养标准分别提高到900元/人、700元/人",
            "民政局",
            "100%",
            "100%",
            "",
            "城市:912元/月,农村:705元/月",
        ],
        ["2", "新建公厕", "城管局", "30座", "12", "40%", ""],
    )
    assert pairs(text)[:4] == [(900, None), (700, None), (912, 900), (705, 700)]
    assert ("target", 100, "%") not in found(text)


def test_a_table_printing_only_some_numbers_still_cuts_full_rows() -> None:
    text = cells_per_line(
        ["序号", "重点任务", "牵头单位", "推进情况"],
        ["7", "新建口袋公园12个", "园林局", "已建成5个，完成年度任务的41.7%。"],
        ["15", "改造燃气管网80公里", "城管局", "已改造52公里，完成年度任务的65%。"],
    )
    assert [v for _, v, _ in found(text)] == [12, 5, Decimal("41.7"), 80, 52, 65]


def test_control_a_header_naming_a_month_of_its_own_is_still_a_header_and_a_dated_line_no_table() -> None:
    lines = "2024年1-9月民生实事进展\n新增就业岗位3200个，完成年度目标的80%。\n"
    assert found(lines) == [("actual", 3200, "个"), ("share", 80, "%")]


# ---------------------------------------------------------------- a share after an actual and its reach
@pytest.mark.parametrize(
    ("text", "actual", "share"),
    [
        ("改造农村公路桥梁38座、惠及群众4.2万人，完成年度目标任务的76%。", 38, 76),
        ("新建污水管网126公里，覆盖人口8万人，完成全年目标的63%。", 126, 63),
        ("建成保障性住房2100套、涉及家庭2050户，完成年度目标任务的70%。", 2100, 70),
    ],
)
def test_a_share_after_a_reach_clause_is_the_works_share(text: str, actual: int, share: int) -> None:
    assert (actual, share) in pairs(text)
    assert all(partner != share for value, partner in pairs(text) if value != actual)


def test_control_with_no_reach_clause_the_share_is_the_nearest_actuals() -> None:
    text = "新建污水管网126公里，改造泵站8座，完成全年目标的63%。"
    assert (8, 63) in pairs(text) and (126, 63) not in pairs(text)


# ---------------------------------------------------------------- a task closed by its unit in charge
def test_a_task_closed_by_its_unit_in_charge_is_a_heading_whose_figure_is_the_target() -> None:
    text = (
        "年终盘点\n(一)新建社区养老服务站30个。(市民政局负责)\n完成情况:30个社区养老服务站已全部建成,服务老人1.2万人次。\n"
        "(二)改造老旧供水管网200公里。(市水务局、市城建局负责)\n完成情况:已改造老旧供水管网210公里。\n"
    )
    readings = read_progress(text)
    assert [g.heading for g in readings.groups if g.statements] == [
        "(一)新建社区养老服务站30个",
        "(二)改造老旧供水管网200公里",
    ]
    assert grouped_pairs(text) == [(30, None), (30, 30), (12000, None), (200, None), (210, 200)]
    assert found(text)[0] == ("target", 30, "个")


def test_the_unit_in_charge_is_told_in_traditional_script_too() -> None:
    text = "(一)新建社區養老服務站30個。(市民政局負責)\n完成情況:已建成社區養老服務站30個。\n"
    assert [g.heading for g in read_progress(text).groups if g.statements] == ["(一)新建社區養老服務站30個"]
    assert grouped_pairs(text) == [(30, None), (30, 30)]


def test_control_a_bracket_that_names_no_unit_in_charge_stays_in_the_heading() -> None:
    text = "(一)建设城市绿道(含滨河段)\n已建成绿道45公里。\n"
    assert [g.heading for g in read_progress(text).groups if g.statements] == ["(一)建设城市绿道(含滨河段)"]


# ---------------------------------------------------------------- dashed items under numbered sections
def test_dashed_items_stand_under_the_numbered_section_before_them() -> None:
    text = (
        "--送戏下乡。全年演出420场。\n--农家书屋。新建农家书屋85个。\n"
        "3.农村道路工程。\n--通村公路。已建成通村公路126公里。\n--村内道路。硬化村内道路58公里。\n"
        "4.农村供水工程。\n完成投资3.2亿元,解决了8.6万人的饮水问题。\n"
    )
    assert grouped(text) == [
        ("", [420, 85]),
        ("3.农村道路工程", [126, 58]),
        ("4.农村供水工程", [320_000_000, 86_000]),
    ]


def test_a_numbered_section_run_into_its_first_dashed_item_still_heads_it() -> None:
    text = (
        "--送戏下乡。全年演出420场。--农家书屋。新建农家书屋85个。\n"
        "3.农村道路工程。--通村公路。已建成通村公路126公里。--村内道路。硬化村内道路58公里。\n"
        "4.农村供水工程。完成投资3.2亿元,解决了8.6万人的饮水问题。\n"
    )
    assert grouped(text) == [
        ("", [420, 85]),
        ("3.农村道路工程", [126, 58]),
        ("4.农村供水工程", [320_000_000, 86_000]),
    ]


def test_control_numbered_phrases_on_a_page_without_dashes_are_read_as_before() -> None:
    text = "1.农村道路工程。\n已建成通村公路126公里。\n2.农村供水工程。\n解决了8.6万人的饮水问题。\n"
    assert grouped(text) == [("", [126, 86_000])]  # numbered items of one group, as the reader read them before


# ---------------------------------------------------------------- the words around a figure
@pytest.mark.parametrize(
    ("text", "value", "unit", "op"),
    [
        ("累计开展义诊20多万人次。", 200_000, "人次", "gte"),
        ("发放取暖补贴3600多万元。", 36_000_000, "元", "gte"),
        ("120多万农民参加了新农合。", 1_200_000, "人", "gte"),
    ],
)
def test_duo_before_wan_reads_more_than_the_figure(text: str, value: int, unit: str, op: str) -> None:
    statements = read_progress(text).statements()
    assert [(s.value, s.unit, s.op) for s in statements] == [(value, unit, op)]


def test_a_figure_whose_noun_is_its_target_or_quota_is_that_target() -> None:
    text = "实现销售额6.3亿元，完成10亿元销售目标的63%。"
    assert pairs(text) == [(630_000_000, 1_000_000_000), (1_000_000_000, None), (63, 1_000_000_000)]
    quota = "已将300个健身广场建设指标分解到各县。"
    assert found(quota) == [("target", 300, "个")]


def test_work_said_to_go_as_planned_is_done_not_planned() -> None:
    text = "采购图书2.4万册，按计划配送到各乡镇文化站。市财政落实专项经费80万元。累计放映电影3000场。"
    assert [k for k, _, _ in found(text)] == ["actual", "actual", "actual"]


def test_projects_named_by_the_facilities_they_build_are_the_tasks_figures() -> None:
    text = "基层文化设施建设项目150个，已开工120个，开工率80%，已竣工60个。"
    assert pairs(text) == [(150, None), (120, 150), (80, 150), (60, 150)]


def test_control_a_count_of_the_programmes_projects_is_still_no_statement() -> None:
    text = "重点民生实事项目20个，已完成15个，完成率75%。"
    assert found(text) == []
