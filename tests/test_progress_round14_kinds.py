"""Issue #28, the kinds a blind round (14) failed on, each on small texts written for the test (never the
round's pages): a target stated after its actual (超额完成N的年度目标任务) with a long measure, labelled fields
(年度目标任务： / 实际进展情况：) whose progress names a concrete work's task, a share printed with the whole it
is of (占项目总投资N的Y%), durations counted in 个, a stock's make-up in percentages, a work's name run into its
paragraph as its heading, and a photo's caption glued to a sentence."""

from __future__ import annotations

from decimal import Decimal

import pytest

from minsheng.indicators.progress_reader import read_progress

from .progress_said import found, pairs


# ---------------------------------------------------------------- a target stated after its actual
@pytest.mark.parametrize(
    ("text", "actual", "target", "unit"),
    [
        ("全年完成危旧房改造94.9万平方米，超额完成70万平方米的年度目标任务。", 949000, 700000, "平方米"),
        ("全年新增供水能力3350吨/天,超额完成3000吨/天的年度目标任务。", 3350, 3000, "吨/天"),
        ("全年服务老年人12.5万人次，超额完成10万人次的年度目标任务。", 125000, 100000, "人次"),
        ("全年建成口袋公园12个，超额完成10个的年度目标任务。", 12, 10, "个"),
    ],
)
def test_a_target_stated_after_its_actual_is_the_target_whatever_its_measure(
    text: str, actual: int, target: int, unit: str
) -> None:
    # the next sentence tells progress too: the first must not be read as the paragraph's plan
    text += "新开工安置房1.6万套，超额完成1万套的年度目标任务。"
    assert found(text)[:2] == [("actual", actual, unit), ("target", target, unit)]
    assert pairs(text)[0] == (actual, target)


def test_the_target_after_its_actual_is_named_by_what_the_actual_names() -> None:
    statements = read_progress("全年新(改)扩建幼儿园48所，超额完成40所的年度目标任务。").statements()
    assert [s.name for s in statements] == ["新(改)扩建幼儿园", "新(改)扩建幼儿园"]


def test_a_plan_before_its_progress_is_still_the_plan() -> None:
    text = "改造危旧房70万平方米。截至11月底，已完成62万平方米。"
    assert found(text) == [("target", 700000, "平方米"), ("actual", 620000, "平方米")]


# ---------------------------------------------------------------- labelled fields
def test_labelled_target_and_progress_fields_read_in_their_kinds() -> None:
    text = "年度目标任务：新建城市公园3个。\n实际进展情况：1-10月份全县已建成城市公园2个。"
    assert found(text) == [("target", 3, "个"), ("actual", 2, "个")]
    name = read_progress(text).statements()[1].name
    assert name.endswith("城市公园") and "月" not in name and "份" not in name  # 1-10月份 is when, not what


@pytest.mark.parametrize(
    "text",
    [
        "实际进展情况：完成绿化造林任务长度302.4公里、面积2.8万亩。",
        "完成绿化造林任务长度302.4公里、面积2.8万亩。",
    ],
)
def test_a_concrete_works_task_named_as_completed_is_done(text: str) -> None:
    assert found(text) == [("actual", Decimal("302.4"), "公里"), ("actual", 28000, "亩")]


@pytest.mark.parametrize(
    "text",
    [
        "计划完成绿化造林任务300公里。",  # a plan word still plans it
        "完成年度任务1500个。",  # the year's task: the plan's figure
        "完成目标任务1500个。",
    ],
)
def test_the_years_task_or_a_planned_one_stays_a_target(text: str) -> None:
    assert [k for k, _, _ in found(text)] == ["target"]


# ---------------------------------------------------------------- a share printed with its whole
@pytest.mark.parametrize(
    ("text", "whole"),
    [
        ("累计完成项目投资62.8亿元，占项目总投资50亿元的125.6%。", 5000000000),
        ("全年完成改造1.2万户，占总任务1万户的120%。", 10000),
        ("累計完成出資3億元，占項目總出資5億元的60%。", 500000000),
    ],
)
def test_the_whole_a_share_is_of_is_the_target_when_the_actual_fits_it(text: str, whole: int) -> None:
    kinds = found(text)
    assert [k for k, _, _ in kinds] == ["actual", "target", "share"]
    assert kinds[1][1] == whole
    assert pairs(text)[0][1] == whole


def test_a_whole_the_actual_does_not_fit_is_not_made_the_target_of_a_share() -> None:
    # 3亿 is 60% of 5亿, not 70%: the printed arithmetic does not hold, the rule leaves the percentage
    assert found("完成投资3亿元，占项目总投资5亿元的70%。")[2][0] != "share"


def test_a_regions_aggregate_is_no_whole_of_the_works() -> None:
    # 4.5亿 is 1.5% of 300亿, but the whole is the city's investment, nothing the works set
    assert [k for k, _, _ in found("已完成投资4.5亿元，占全市固定资产投资300亿元的1.5%。")] == [
        "actual",
        "actual",
        "actual",
    ]


# ---------------------------------------------------------------- durations and a stock's make-up
@pytest.mark.parametrize("text", ["以前耗时近1个小时的路程。", "办理时限压缩到3个工作日。", "服务期6-18个月。"])
def test_a_duration_counted_in_ge_is_no_statement(text: str) -> None:
    assert found(text) == []


def test_a_count_in_ge_before_other_words_stays() -> None:
    assert found("新建3个小区停车场。") == [("actual", 3, "个")]


@pytest.mark.parametrize(
    "text",
    ["全省农村公路60%是双车道。", "超80%乡镇可在30分钟内上高速。", "90%的建制村都已通客车。"],
)
def test_a_percentage_of_a_stock_that_is_of_a_sort_or_can_do_something_is_no_statement(text: str) -> None:
    assert [u for _, _, u in found(text) if u == "%"] == []


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("完成率达95%。", "share"),
        ("完成年度目标的85%。", "share"),
        ("覆盖95%的行政村。", "actual"),
        ("验收合格率达到95%以上均已公示。", "actual"),
    ],
)
def test_percentages_of_the_work_stay(text: str, kind: str) -> None:
    assert [k for k, _, _ in found(text)] == [kind]


# ---------------------------------------------------------------- a work's name run into its paragraph
def test_a_works_name_run_into_its_paragraph_heads_its_group() -> None:
    text = (
        "全市民生实事进展顺利。\n"
        "    棚户区改造工程。全年完成危旧房改造94.9万平方米，超额完成70万平方米的年度目标任务。\n"
        "    “污水零直排区”创建。已完成60个乡镇创建工作。\n"
        "    居家养老服务中心建设。全年建成服务中心20个，超额完成15个的年度目标任务。"
    )
    groups = [(g.heading, len(g.statements)) for g in read_progress(text).groups if g.statements]
    assert groups == [("棚户区改造工程", 2), ("“污水零直排区”创建", 1), ("居家养老服务中心建设", 2)]


@pytest.mark.parametrize(
    "line",
    [
        "民生实事项目全面推进。全年完成危旧房改造94.9万平方米。",  # how the work stands: a sentence
        "今年我市加快建设。全年完成危旧房改造94.9万平方米。",
        "危旧房改造完成94.9万平方米。新开工安置房1.6万套。",  # a figure: a statement, never a heading
    ],
)
def test_a_sentence_opening_a_paragraph_is_no_heading(line: str) -> None:
    assert [g.heading for g in read_progress(line).groups if g.statements] == [""]


# ---------------------------------------------------------------- a caption glued to a sentence
@pytest.mark.parametrize("caption", ["(图为污水处理厂新老面貌对比)", "（图为新建的口袋公园）", "（记者 陈立 摄）"])
def test_a_photos_caption_glued_to_a_sentence_is_not_its_words(caption: str) -> None:
    statement = read_progress(f"累计完成投资935万元，占年度计划的93.5%{caption}").statements()[-1]
    assert (statement.kind, statement.value, statement.text) == ("share", Decimal("93.5"), "占年度计划的93.5%")


def test_a_bracket_of_the_sentences_own_stays() -> None:
    statements = read_progress("新建公园3个（含口袋公园2个）。").statements()
    assert statements[0].value == 3


# ---------------------------------------------------------------- a figure per head
@pytest.mark.parametrize("middle", ["样本量达到全市常住人口每千人6.8批次", "人均抽检达到0.8批次", "每万人抽检68批次"])
def test_a_figure_per_head_measures_no_total_target(middle: str) -> None:
    text = f"全年开展食品安全抽样检验5.48万批次，{middle}，超额完成4.7万批次的年度目标任务。"
    assert [paired for _, paired in pairs(text)] == [47000, None, None]


def test_a_total_beside_a_per_head_figure_still_measures_its_target() -> None:
    assert pairs("计划新建保障房1000套。已建成保障房1200套，人均住房面积32平方米。")[1] == (1200, 1000)
