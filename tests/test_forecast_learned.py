"""Curves learned from the database's past years: with enough finished tasks of a kind in the
same place's earlier plans, their median shape replaces the built-in curve (the reason says so);
with fewer than MIN_TASKS the built-in curve stays."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from minsheng.progress.forecast_learned import MIN_TASKS, learned_curve, path_at
from minsheng.progress.forecast_shapes import Kind, kind_curve
from tests.test_forecast_pages import _frozen, year  # noqa: F401  (fixtures: 10 July 2026)

# A late-running service: 10 % of its year's work by June, all of it by December.
LATE = [(3, 4), (6, 10), (9, 45), (12, 100)]


def _path(points: list[tuple[int, int]]) -> list[tuple[float, float]]:
    return [(month / 12, float(share)) for month, share in points]


def test_too_few_past_tasks_keep_the_built_in_curve() -> None:
    assert learned_curve([_path(LATE)] * (MIN_TASKS - 1)) is None
    curve = learned_curve([_path(LATE)] * MIN_TASKS)
    assert curve is not None and curve.points[-1] == (1.0, 100.0)
    ys = [y for _, y in curve.points]
    assert all(b > a for a, b in zip(ys, ys[1:], strict=False))  # strictly rising: it inverts
    assert curve.share_at(0.5) == pytest.approx(path_at(_path(LATE), 0.5)) and curve.share_at(0.5) < 15
    assert kind_curve(Kind.SERVICE).share_at(0.5) > 40


def _past_year(plan: Any, tasks: int) -> None:
    from minsheng.indicators.models import Indicator
    from minsheng.plans.models import Plan
    from minsheng.progress.models import Figure, Report
    from tests.factories import ProjectFactory, TaskFactory

    past = Plan.objects.create(
        title="2025年民生实事", year=2025, jurisdiction=plan.jurisdiction, state=Plan.State.CLOSED
    )
    for i in range(tasks):
        task = TaskFactory(project=ProjectFactory(plan=past, name=f"培训{i}"), content="开展技能培训200人次")
        target = Indicator.objects.create(task=task, name="培训", value=Decimal(200), unit="人次", text="200人次")
        for month, share in LATE:
            day = datetime.date(2025, month, 30 if month in (6, 9) else 31)
            report = Report.objects.create(task=task, period_end=day, status="in_progress", review="approved")
            Figure.objects.create(report=report, indicator=target, actual=Decimal(2 * share))


@pytest.mark.django_db
@pytest.mark.parametrize("tasks", [MIN_TASKS - 1, MIN_TASKS])
def test_the_forecast_reads_the_past_years_curve_when_there_are_enough(year: dict[str, Any], tasks: int) -> None:  # noqa: F811
    from django.utils import timezone

    from minsheng.progress.board import build_board
    from minsheng.progress.forecast_board import board_risks

    before = board_risks(build_board(year["plan"], timezone.localdate()))[year["training"].pk]
    _past_year(year["plan"], tasks)
    from django.core.cache import cache

    from minsheng.progress.forecast_cache import forget_local
    from minsheng.progress.forecast_learned import _LEARNED

    # The next day, as it were: past years are read once a day (the shared cache kept today's).
    cache.clear()
    forget_local()
    _LEARNED.clear()
    after = board_risks(build_board(year["plan"], timezone.localdate()))[year["training"].pk]
    if tasks < MIN_TASKS:
        assert after == before and "同类项目（服务类）的常见节奏" in after.reason
    else:
        # Against a late-running local habit, 49 % in June is far ahead: the stall matters less.
        assert "本地往年同类项目（服务类）的节奏" in after.reason
        assert after.share is not None and before.share is not None and after.share > before.share
