"""Issue #28, the kinds blind round 21 failed on, each on small texts written for the test (never the
round's pages), and a reviewer's finding on a `|` table's plan column."""

from __future__ import annotations

from decimal import Decimal

from minsheng.indicators.progress_reader import read_progress

from .progress_said import found

# ---------------------------------------------------------------- a | table's plan column
PLAN_COLUMN = """民生实事项目推进情况表
序号 | 项目内容 | {plan} | 责任单位 | 工作进展 |
1 | 改造老旧小区电梯80部 | 9月:完成招标3批,累计完工电梯52部(65%)。 | 住建局 | 已完工电梯47部 |
"""


def test_every_figure_of_a_plan_column_is_planned_whatever_its_verb() -> None:
    for plan in ("工作计划", "季度目标", "月度工作计划"):
        said = [f for f in found(PLAN_COLUMN.format(plan=plan)) if f[0] != "share" and f[1] != 80]
        assert said == [
            ("target", Decimal(3), "批"),
            ("target", Decimal(52), "部"),
            ("actual", Decimal(47), "部"),
        ], plan


def test_a_column_of_what_was_done_of_the_target_stays_done() -> None:
    said = found(PLAN_COLUMN.format(plan="目标完成情况"))
    assert ("actual", Decimal(52), "部") in said


def headings(text: str) -> list[str]:
    return [g.heading for g in read_progress(text).groups if g.statements]


# ---------------------------------------------------------------- a news sub-heading set over two lines
TWO_LINE_SUBHEADS = """本报讯 上半年全市民生工程进展如何?记者进行了采访。
绿道建设
提速增效
今年以来,全市已建成城市绿道86公里。
公交服务
持续优化
截至6月底已新开公交线路12条。
"""


def test_a_sub_heading_over_two_short_lines_is_one_heading() -> None:
    assert headings(TWO_LINE_SUBHEADS) == ["绿道建设提速增效", "公交服务持续优化"]


def test_a_numbered_heading_over_a_sub_heading_stays_two() -> None:
    text = "一、民生保障\n（一）就业帮扶\n已帮扶就业困难人员420人。\n"
    assert headings(text) == ["（一）就业帮扶"]


# ---------------------------------------------------------------- numbered task lines, each over its result
TARGET_THEN_RESULT = """现将年度目标任务完成情况汇报如下:
1.新建农村公路30公里。
已建成农村公路32公里,完成率107%。
2.改造农村危房120户,农户入住率达到90%以上。
已改造危房120户,达到100%。
3.开展送戏下乡演出60场。
全年演出65场。
4.完成全县中小学校舍维修加固8所。全县植树造林0.3万亩
"""


def test_numbered_task_lines_over_result_lines_are_the_targets() -> None:
    assert found(TARGET_THEN_RESULT) == [
        ("target", Decimal(30), "公里"),
        ("actual", Decimal(32), "公里"),
        ("share", Decimal(107), "%"),
        ("target", Decimal(120), "户"),
        ("target", Decimal(90), "%"),
        ("actual", Decimal(120), "户"),
        ("actual", Decimal(100), "%"),
        ("target", Decimal(60), "场"),
        ("actual", Decimal(65), "场"),
        ("target", Decimal(8), "所"),
        ("target", Decimal(3000), "亩"),
    ]


def test_numbered_lines_telling_progress_are_not_taken_for_tasks() -> None:
    text = (
        "1.已建成农村公路32公里。\n另有12公里在建。\n2.已改造危房120户。\n其中C级80户。\n"
        "3.累计演出65场。\n观众2万人次。\n"
    )
    assert [k for k, _, _ in found(text)][:2] == ["actual", "actual"]


# ---------------------------------------------------------------- how many units lead the programme
def test_the_count_of_units_leading_the_programme_is_no_statement() -> None:
    text = "全年任务分解为15类,由9个市级部门牵头实施。截至6月底,已完成改造燃气管道46公里。"
    assert found(text) == [("actual", Decimal(46), "公里")]


def test_numbered_results_over_their_details_stay_done() -> None:
    # a year-end list: each numbered line a result, the line under it its detail (no done-word)
    text = (
        "1.全年新建城市书房12家。\n其中城区8家,乡镇4家。\n2.新开公交线路5条。\n其中城乡线路3条。\n"
        "3.新建公厕20座。\n其中旅游厕所6座。\n"
    )
    assert {kind for kind, _, _ in found(text)} == {"actual"}
