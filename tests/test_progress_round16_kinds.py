"""Issue #28, the kinds blind round 16 failed on, each on small texts written for the test (never the
round's pages): how far a figure stands from the plan, written with the plan first (比年度计划高N个百分点,
较计划投资多N亿元), is no statement; a project's heading broken over two lines before its joining word
(…改造 / 和…提升) is one heading."""

from __future__ import annotations

from decimal import Decimal

import pytest

from minsheng.indicators.progress_reader import read_progress

from .progress_said import found


@pytest.mark.parametrize(
    "text",
    [
        "完成投资3.2亿元,比年度计划高8.5个百分点。",
        "完成投资3.2亿元,较计划投资多0.4亿元。",
        "完成投资3.2亿元,比全年目标快6个百分点。",
    ],
)
def test_how_far_from_the_plan_written_plan_first_is_no_statement(text: str) -> None:
    assert found(text) == [("actual", Decimal("320000000"), "元")]


@pytest.mark.parametrize(
    ("first", "second"), [("农贸市场提档升级", "和周边环境整治"), ("背街小巷改造", "及路灯照明完善")]
)
def test_a_heading_broken_before_its_joining_word_is_one_heading(first: str, second: str) -> None:
    text = "\n".join(
        [
            "全区民生实事年终完成情况如下:",
            "城区停车设施建设",
            "完成投资0.8亿元。新增停车泊位1200个。",
            first,
            second,
            "完成投资0.5亿元。改造市场6个。",
        ]
    )
    groups = read_progress(text).groups
    assert [g.heading for g in groups if g.statements][-2:] == ["城区停车设施建设", first + second]
    assert [s.value for s in groups[-1].statements] == [Decimal("50000000"), Decimal("6")]


def test_a_heading_over_a_paragraph_opening_with_he_is_not_joined() -> None:
    text = "城区停车设施建设\n和谐社区建成投用12个。\n"
    assert [s.value for s in read_progress(text).statements()] == [Decimal("12")]
