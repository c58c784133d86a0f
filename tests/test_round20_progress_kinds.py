"""Issue #28, the kinds blind round 20 failed on, each on small texts written for the test (never the
round's pages): a `|` table one row a line whose merged cell (the unit in charge) is missing from later
rows, their cells shifted left, and whose column of each month's plan states stage targets and planned
shares; section headings with a mark (or 【】, or a label and a colon) and a counter, each over one
result line, under a lead with status counts and a deck; `目标任务:` / `目前进度:` label paragraphs; an
aggregator's page that flattened its article into one line with spaces where its line breaks were."""

from __future__ import annotations

from decimal import Decimal

from minsheng.indicators.progress_reader import read_progress

from .progress_said import found, grouped_pairs


def headings(text: str) -> list[str]:
    return [g.heading for g in read_progress(text).groups if g.statements]


# ---------------------------------------------------------------- a | table, merged cells missing
SHIFTED_TABLE = """2025年5月市政府民生实事进展情况表
序号 | 项目内容 | 月度工作计划 | 牵头单位 | 落实情况 |
1 | 新建城市书房12家。 | 5月:完成选址8家。 | 市文广旅局 | 已完成。 已完成选址9家。 |
2 | 为全市适龄女生免费接种宫颈癌疫苗3600人。 | 5月:完成接种900人(25%)。 | 已完成。 完成接种1150人,完成率31.94%。 | |
3 | 改造提升农贸市场15个。 | 5月:完成设计招标。 | 市商务局 | 已完成。 已开工6个。 |
4 | 全市公交站台无障碍改造率达95%。 | 5月:摸排站台底"""


def test_a_row_missing_its_merged_cell_gets_it_back_by_what_its_cells_hold() -> None:
    # row 2 printed no 牵头单位 (merged with row 1's): its progress cell stands where the unit's would
    assert found(SHIFTED_TABLE)[3:] == [
        ("target", Decimal(3600), "人"),
        ("target", Decimal(900), "人"),
        ("share", Decimal(25), "%"),
        ("actual", Decimal(1150), "人"),
        ("share", Decimal("31.94"), "%"),
        ("target", Decimal(15), "个"),
        ("actual", Decimal(6), "个"),
        ("target", Decimal(95), "%"),
    ]


def test_a_months_plan_is_a_stage_target_and_its_share_a_planned_part_of_the_years() -> None:
    said = grouped_pairs(SHIFTED_TABLE)
    assert (Decimal(900), None) in said  # the month's stage target: no actual measures it
    assert (Decimal(25), Decimal(3600)) in said  # (25%): the part of the year's 3600 planned for May
    assert (Decimal(1150), Decimal(3600)) in said
    assert (Decimal(8), None) in said and (Decimal(9), Decimal(12)) in said


def test_a_row_the_copy_cut_keeps_the_cells_it_has() -> None:
    assert found(SHIFTED_TABLE)[-1] == ("target", Decimal(95), "%")


# ---------------------------------------------------------------- headings with a mark and a counter
MARKED_SECTIONS = """“城北污水厂扩建”和“新增公交专用道20公里以上”受拆迁影响未能如期完成
前日,区人大常委会听取了区政府关于2013年八件实事完成情况的报告。八件实事涵盖教育、养老等8个方面45项任务,已完成43项(其中有15项是超额完成),城北污水厂扩建和新增公交专用道20公里以上两项因拆迁原因无法完成。
◆实事1 养老服务
全区新建社区老年食堂28个,完成全年目标的112%。
◆实事2 学前教育
全区共建成公办幼儿园学位4200个,超额完成“新增学位3000个”的目标。
◆实事3 旧城改造
老旧小区综合整治累计完工96项工程21360户。"""


def test_a_marked_counted_line_heads_its_section_and_its_counter_is_no_figure() -> None:
    assert headings(MARKED_SECTIONS) == ["", "实事1 养老服务", "实事2 学前教育", "实事3 旧城改造"]
    assert ("target", Decimal(1), "人") not in found(MARKED_SECTIONS)


def test_the_lead_keeps_the_task_not_done_and_drops_the_status_counts_and_the_deck() -> None:
    lead = read_progress(MARKED_SECTIONS).groups[0].statements
    # 45项任务 and 43项 count the programme, 15项是超额完成 how many stand so; the deck's figure is told again
    assert [(s.kind, s.value, s.unit, s.op) for s in lead] == [("target", Decimal(20), "公里", "gte")]


def test_an_actual_before_its_quoted_target_and_works_sized_after_their_count() -> None:
    assert (Decimal(4200), Decimal(3000)) in grouped_pairs(MARKED_SECTIONS)
    assert found(MARKED_SECTIONS)[-2:] == [("actual", Decimal(96), "项"), ("actual", Decimal(21360), "户")]


def test_a_heading_in_brackets_or_before_a_colon() -> None:
    text = "【实事三】医疗救助\n全县资助困难群众参保1.2万人。\n亮点2: 便民停车\n已新增停车泊位860个。"
    assert headings(text) == ["实事三 医疗救助", "便民停车"]


# ---------------------------------------------------------------- 目标任务: / 目前进度: label paragraphs
LABELLED = """一、农村饮水安全项目
目标任务:新建集中供水工程6处,受益人口12000人。
目前进度:今年水利部门共争取农村饮水安全建
设项目9个,资金860万元。目前已完成招标的项目5个,受益人口7300人。"""


def test_the_progress_label_makes_actuals_paired_with_the_target_label() -> None:
    assert found(LABELLED) == [
        ("target", Decimal(6), "处"),
        ("target", Decimal(12000), "人"),
        ("actual", Decimal(9), "个"),
        ("actual", Decimal(8600000), "元"),
        ("actual", Decimal(5), "个"),  # the works projects counted above, not the programme's
        ("actual", Decimal(7300), "人"),
    ]
    assert (Decimal(7300), Decimal(12000)) in grouped_pairs(LABELLED)


# ---------------------------------------------------------------- an article flattened into one line
FLATTENED = (
    "要点总结\n"
    "观点1: 口袋公园建设\n"
    "全区已新建口袋公园31个,包括新开工城东片区等18个项目和完工城西片区等13个项目。\n"
    "文章预览\n"
    "城市更新惠及 千家万户 记者最新获悉 2025年城建领域 三项民生实事 进展顺利! 一起来看看有哪些吧! "
    "1 背街小巷整治 任务目标: 整治背街小巷30条。 完成情况: 今年以来,全区结合城市更新行动, "
    "对城东片区、城西片区等31条背街小巷进行整治 ,同步完善照明和排水设施, 项目均已完工。 "
    "2 口袋公园建设 任务目标: 新建口袋公园12个。 完成情况: 全区加快推进"
)


def test_the_spaces_of_a_flattened_article_are_its_line_breaks_again() -> None:
    assert headings(FLATTENED) == ["口袋公园建设", "（1）背街小巷整治", "（2）口袋公园建设"]
    assert grouped_pairs(FLATTENED)[-3:] == [(Decimal(30), None), (Decimal(31), Decimal(30)), (Decimal(12), None)]


def test_parts_adding_up_to_the_figure_before_are_statements() -> None:
    # 18个项目 and 13个项目 after 包括 add up to the 31个 done: its parts, not counts of the programme's projects
    assert [s.value for s in read_progress(FLATTENED).groups[0].statements] == [31, 18, 13]
