"""Issue #28, the kinds blind round 21 failed on, each on small texts written for the test (never the
round's pages), and a reviewer's finding on a `|` table's plan column."""

from __future__ import annotations

from decimal import Decimal

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
