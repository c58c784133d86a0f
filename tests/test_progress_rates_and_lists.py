"""Kinds of progress statements from blind round 12 (issue #28), each on a new text of its kind: counts of
a programme's levels run together, a share of the year's investment with no target, a bare rate after
the part of a started whole, rates written into listed names and respectively lists of named items,
a figure scheduled for a month ahead, the part of a named work done."""

from __future__ import annotations

from decimal import Decimal

from minsheng.indicators.progress_reader import read_progress


def read(text: str) -> list[tuple[str, Decimal, str, int | None]]:
    return [(s.kind, s.value, s.unit, s.pairs_with) for s in read_progress(text).statements()]


def test_counts_of_a_programmes_levels_run_together_are_not_statements() -> None:
    text = "2025年，县政府民生实事共8类25件31个事项，其中9个事项已提前完成全年任务。"
    assert read(text) == []
    # in traditional script as well
    assert read("省政府民生實事涉及我縣6類19件22個事項。") == []


def test_an_investment_done_points_to_its_share_of_the_years_total() -> None:
    text = "截至6月底，已完成投资3.2亿元，完成年度总投资的62.5%。"
    assert read(text) == [("actual", Decimal("320000000"), "元", 1), ("share", Decimal("62.5"), "%", None)]
    assert read("全市累计完成投资7800万元，完成计划投资的41%。")[1][0] == "share"


def test_a_bare_rate_after_the_part_of_a_started_whole_is_that_parts_share() -> None:
    text = "截至8月底，老旧小区改造已启动86个，其中在建30个，竣工56个，65.1%。"
    assert read(text) == [
        ("actual", Decimal("86"), "个", None),  # what has been started, not the target the rate implies
        ("actual", Decimal("30"), "个", None),
        ("actual", Decimal("56"), "个", 3),
        ("share", Decimal("65.1"), "%", None),
    ]
    assert read_progress(text).statements()[3].name == "竣工率"  # the rate of its actual's verb
    # a whole stated without words of progress is still the target the actual and its share imply
    implied = read("为1.5万名职工体检12000名，完成年度目标的80%。")
    assert implied[0][0] == "target"


def test_rates_written_into_listed_names_are_each_their_items_share() -> None:
    reading = read_progress("4项进展较快，助餐服务提升完成率48%、口袋公园建设完成率70%、智慧停车完成率100%。")
    assert [(s.kind, s.value, s.name, s.text) for s in reading.statements()] == [
        ("share", Decimal("48"), "助餐服务提升完成率", "助餐服务提升完成率48%"),
        ("share", Decimal("70"), "口袋公园建设完成率", "口袋公园建设完成率70%"),
        ("share", Decimal("100"), "智慧停车完成率", "智慧停车完成率100%"),
    ]


def test_a_respectively_list_of_named_items_gives_each_its_rate() -> None:
    text = "12项保障类实事中，社区食堂、儿童之家、老年大学扩招等3项完成率分别为35%、52.5%、80%。"
    reading = read_progress(text)
    assert [(s.kind, s.value, s.name) for s in reading.statements()] == [
        ("share", Decimal("35"), "社区食堂"),
        ("share", Decimal("52.5"), "儿童之家"),
        ("share", Decimal("80"), "老年大学扩招"),
    ]
    # the same after a count of items in the clause before
    after = read("5项正在推进，家庭医生签约、义诊进社区完成率分别达61%、44%。")
    assert [(k, v) for k, v, _, _ in after] == [("share", Decimal("61")), ("share", Decimal("44"))]


def test_a_rate_naming_nothing_after_a_count_of_projects_is_still_no_statement() -> None:
    assert read("其中4项提前完成全年任务，已完成子项目9个，完成率60%。") == []


def test_items_counted_by_how_they_stand_are_not_statements() -> None:
    text = "8项工程类实事中，3项进展较快；农贸市场改造、公厕提升2项正在进行前期工作。"
    assert read(text) == []


def test_a_figure_scheduled_for_a_month_ahead_is_the_task() -> None:
    assert read("背街小巷整治8条6月份开工。") == [("target", Decimal("8"), "条", None)]
    assert read("目前正在招标，新建充电桩120个计划于7月底前建成。")[0][0] == "target"
    # done is written as done
    assert read("截至4月底，背街小巷整治已完成8条。")[0][0] == "actual"


def test_the_part_of_a_named_work_done_is_a_share() -> None:
    assert read("截至5月底，排水管网改造完成40%。") == [("share", Decimal("40"), "%", None)]


def test_a_figure_in_a_list_of_items_names_its_own_item_alone() -> None:
    statements = read_progress("排水管网改造完成40%、便民停车行动新增停车泊位612个、口袋公园建成5个。").statements()
    parking = statements[1]
    assert (parking.kind, parking.value, parking.name) == ("actual", Decimal("612"), "便民停车行动新增停车泊位")
    # what pairing and the office's matching compare: neither the item before nor the one after
    assert "停车泊位" in parking.core and "排水" not in parking.core and "公园" not in parking.core
