"""The progress reader: floors on the shared bulletin and on every fixture, and one test per rule."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from bench.common import progress_cases, progress_scores

from minsheng.indicators.progress_reader import read_progress


def read_json(text: str) -> dict[str, Any]:
    return read_progress(text).to_json()


def kinds(text: str) -> list[tuple[str, Decimal, str]]:
    return [(s.kind, s.value, s.unit) for s in read_progress(text).statements()]


def test_the_shared_bulletin_reads_to_its_gold() -> None:
    name, text, gold = progress_cases()[0]
    result = progress_scores(read_json, text, gold)
    assert name == "001"
    assert result["f1"] >= 0.95
    assert result["kind_accuracy"] >= 0.95
    assert result["pairing_accuracy"] >= 0.90


@pytest.mark.parametrize("case", progress_cases()[1:], ids=lambda c: c[0])
def test_each_fixture_style_reads_to_its_expected_reading(case: tuple[str, Any, Any]) -> None:
    _, text, gold = case
    result = progress_scores(read_json, text, gold)
    assert result["f1"] >= 0.85, result
    assert result["pairing_accuracy"] >= 0.80, result


def test_there_are_at_least_eight_fixture_styles() -> None:
    assert len(progress_cases()) - 1 >= 8


@pytest.mark.parametrize(
    "text", ["", "   \n\n", "今年以来，各项工作有序推进。", "一、教育\n\n二、医疗", "%%%；；。。1—3月"]
)
def test_a_text_without_figures_reads_to_nothing(text: str) -> None:
    reading = read_progress(text)
    assert reading.statements() == []
    assert reading.to_json()["groups"] == []


def test_bad_input_never_raises() -> None:
    assert read_progress(None).statements() == []  # type: ignore[arg-type]
    assert read_progress("\x00\ufeff（）“”：:|\t\t|").statements() == []


def test_target_actual_and_share_by_the_words_around_them() -> None:
    text = "计划全年新建城市书房12家，目前已建成5家，完成年度目标的41.7%。"
    assert kinds(text) == [("target", 12, "家"), ("actual", 5, "家"), ("share", Decimal("41.7"), "%")]


def test_a_plan_carries_to_the_next_clauses_until_progress_begins() -> None:
    text = "计划全年改造老旧小区20个，新增停车位500个，目前已改造老旧小区6个。"
    assert [k for k, _, _ in kinds(text)] == ["target", "target", "actual"]


def test_a_paragraph_opening_with_the_plan_then_progress() -> None:
    text = "新建农村公路200公里。上半年已完成新建农村公路87.5公里。"
    reading = read_progress(text)
    target, actual = reading.statements()
    assert (target.kind, actual.kind, actual.pairs_with) == ("target", "actual", 0)


def test_labels_set_the_kind_of_what_follows() -> None:
    text = "年度目标：整治背街小巷45条。\n完成情况：已完工21条，正在施工15条。"
    statements = read_progress(text).statements()
    assert [(s.kind, s.pairs_with) for s in statements] == [("target", None), ("actual", 0), ("actual", 0)]


def test_values_are_read_as_the_extractor_reads_them() -> None:
    text = "已为2.3万名老人提供服务，查处交通违法行为3.6万余起，出生缺陷筛查超1500例。"
    statements = read_progress(text).statements()
    expected = [(23000, "名", "eq"), (36000, "起", "gte"), (1500, "例", "gte")]
    assert [(s.value, s.unit, s.op) for s in statements] == expected


def test_ages_dates_ordinals_identifiers_and_project_counts_are_not_statements() -> None:
    text = (
        "2024年确定十大类31个民生实事项目。截至3月底，为65岁以上老人体检；第4图书馆开放，G312国道施工；"
        "1．其中3项提前完成全年任务，已完成子项目7个，完成率40%。"
    )
    assert read_progress(text).statements() == []


def test_a_difference_from_the_target_is_not_a_statement() -> None:
    assert kinds("城镇生活垃圾无害化处理率达到68.2%，高于目标3.2个百分点。") == [("actual", Decimal("68.2"), "%")]


def test_an_actual_with_only_a_share_points_to_it_and_implies_the_target() -> None:
    reading = read_progress("完成全民自救互救技能培训2500人（次），占年度目标的25%。")
    actual, share = reading.statements()
    assert (actual.unit, actual.pairs_with, share.pairs_with) == ("人", 1, None)
    assert reading.derived[0]["implied_target"] == 10000


def test_an_actual_pairs_with_the_target_naming_the_same_thing() -> None:
    text = "计划新增老年助餐点18家，改造睦邻点10个，目前已建成老年助餐点3个。"
    statements = read_progress(text).statements()
    assert statements[2].pairs_with == 0  # 个 and 家 both count places; the name decides


def test_a_share_that_disagrees_with_the_target_belongs_to_a_sub_plan() -> None:
    text = (
        "计划总投资31.5亿元。上半年完成投资24.36亿元，占年度计划的77.3%；"
        "其中工程类项目完成投资12.85亿元，完成年度计划的68.4%。"
    )
    statements = read_progress(text).statements()
    assert [s.pairs_with for s in statements] == [None, 0, 0, 4, None]


def test_a_remainder_does_not_measure_the_target() -> None:
    statements = read_progress("今年涉及8所学校的新改建工程，另外2所学校装修工程也在进行中。").statements()
    assert [(s.kind, s.pairs_with) for s in statements] == [("target", None), ("actual", None)]


def test_a_heading_set_inside_its_first_paragraph_takes_that_paragraph() -> None:
    text = (
        "标题\n\n“所医”工程\n\n已为22名患者提供补助。\n\n"
        "计划新增助餐点18家，目前已建成助餐点3个\n\n“所养”工程\n\n并正式运营。"
    )
    groups = read_progress(text).groups
    assert [(g.heading, len(g.statements)) for g in groups] == [("“所医”工程", 1), ("“所养”工程", 2)]


def test_a_flattened_table_takes_kinds_from_its_header() -> None:
    text = "项目\t单位\t目标任务\t完成进度\t完成比例(%)\n新增家庭养老床位（张）\t民政局\t800\t912\t114"
    statements = read_progress(text).statements()
    assert [(s.kind, s.value, s.unit, s.pairs_with) for s in statements] == [
        ("target", 800, "张", None),
        ("actual", 912, "张", 0),
        ("share", 114, "%", 0),
    ]


def test_the_target_inside_the_achievement_sentence() -> None:
    statements = read_progress("新增公租房10520套，完成年度目标9000套的116.9%。").statements()
    assert [(s.kind, s.value, s.pairs_with) for s in statements] == [
        ("actual", 10520, 1),
        ("target", 9000, None),
        ("share", Decimal("116.9"), 1),
    ]


def test_the_reading_is_in_the_gold_format() -> None:
    data = read_json("截至2024年6月底，新增公共停车位303个，完成年度目标的20.2%。")
    assert set(data) == {"jurisdiction", "year", "as_of", "title", "stated_totals", "groups", "derived_checks"}
    assert data["as_of"] == "2024-06-30"
    statement = data["groups"][0]["statements"][0]
    assert set(statement) == {"text", "name", "kind", "value", "unit", "op", "pairs_with"}
    assert statement["value"] == 303 and data["derived_checks"][0]["implied_target"] == 1500


def test_parts_after_qizhong_measure_what_their_whole_measures() -> None:
    text = (
        "年度目标为新增公共停车泊位1500个。"
        "截至3月31日，已新增公共停车泊位303个，完成20.2%，其中湖塘片区186个、牛塘片区117个。"
    )
    statements = read_progress(text).statements()
    assert [(s.kind, s.value, s.pairs_with) for s in statements] == [
        ("target", 1500, None),
        ("actual", 303, 0),
        ("share", Decimal("20.2"), 0),
        ("actual", 186, 0),
        ("actual", 117, 0),
    ]


def test_a_figure_the_actual_and_its_share_imply_is_the_target() -> None:
    statements = read_progress("为1.5万名一线职工提供免费体检12000名，完成年度目标的80%。").statements()
    assert [(s.kind, s.value, s.pairs_with) for s in statements] == [
        ("target", 15000, None),
        ("actual", 12000, 0),
        ("share", 80, 0),
    ]


def test_what_the_year_achieved_follows_the_plan() -> None:
    statements = read_progress("为中小学配备心理健康教师不少于30名。全年新招录心理健康教师34名。").statements()
    assert [(s.kind, s.op, s.pairs_with) for s in statements] == [("target", "gte", None), ("actual", "eq", 0)]


def test_scrambled_text_never_raises() -> None:
    import random

    chars = "0123456789.%，。；：、（）“”个万亿人次已完成目标计划其中另外\n\t|— "
    rng = random.Random(14)
    for _ in range(500):
        text = "".join(rng.choice(chars) for _ in range(rng.randint(0, 80)))
        reading = read_progress(text)
        for group in reading.groups:
            for s in group.statements:
                assert s.pairs_with is None or 0 <= s.pairs_with < len(group.statements)
