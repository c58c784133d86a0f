"""A period that has not begun owes nothing: a plan of next year published in December is not
本期未报送 on its dashboard, in the roll-up or on the 催报 page; a plan in its year still is."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minsheng.plans.models import Plan, Task
from minsheng.progress import schedule
from minsheng.progress.board import build_board
from minsheng.progress.rules import owed_tasks
from minsheng.regions.rollup import build_rollup

from .jurisdiction_world import city_world

pytestmark = pytest.mark.django_db
DECEMBER_7 = datetime.datetime(2026, 12, 7, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TODAY = DECEMBER_7.date()


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(DECEMBER_7, tick=False):
        yield


def _plan_of(year: int, published: datetime.date, plan: Plan) -> Plan:
    Plan.objects.filter(pk=plan.pk).update(year=year, published_on=published, state=Plan.State.PUBLISHED)
    return Plan.objects.get(pk=plan.pk)


def _owed(world: dict[str, Any], plan: Plan) -> tuple[int, int, set[str]]:
    """(dashboard's 本期未报送, tasks owing the period chased, units the roll-up lists late)."""
    calendar = schedule.calendar_of(plan)
    board = build_board(plan, TODAY)
    chased = calendar.chase_period(TODAY)
    chased_owed = owed_tasks(plan, chased, TODAY).count() if chased is not None else 0
    area = next(a for a in build_rollup(world["city"], plan.year, TODAY).areas if plan in a.plans)
    return sum(1 for row in board.rows if row.owed), chased_owed, area.late_units


def test_a_plan_of_next_year_owes_nothing_yet(django_user_model: Any) -> None:
    world = city_world(django_user_model, districts=2, tasks=3)
    plan = _plan_of(2027, TODAY, world["plans"][0])
    assert schedule.calendar_of(plan).reporting_period(TODAY) == datetime.date(2027, 1, 31)
    assert _owed(world, plan) == (0, 0, set())


def test_a_plan_in_its_year_still_owes_its_period(django_user_model: Any) -> None:
    world = city_world(django_user_model, districts=2, tasks=3)
    plan = _plan_of(2026, datetime.date(2026, 1, 10), world["plans"][1])
    dashboard, chased, late = _owed(world, plan)
    assert (dashboard, chased, len(late)) == (3, 3, 3)


def test_a_deadline_passed_before_publishing_is_the_same_on_the_board_its_rows_and_the_rollup(
    django_user_model: Any,
) -> None:
    """A reviewer published a plan on 7 December with deadlines of June and November: the board
    counted those tasks 未报送 but marked their rows 已逾期, and the city's roll-up counted them red."""
    world = city_world(django_user_model, districts=2, tasks=3)
    plan = _plan_of(2026, TODAY, world["plans"][0])
    Task.objects.filter(project__plan=plan).update(due=datetime.date(2026, 6, 30))
    board = build_board(plan, TODAY)
    assert {r.light for r in board.rows} == {"none"} and not any(r.overdue for r in board.rows)
    area = next(a for a in build_rollup(world["city"], 2026, TODAY).areas if plan in a.plans)
    assert dict(area.group.lights) == {"none": len(board.rows)}
