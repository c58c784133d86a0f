"""The roll-up aggregated by plan in SQL (regions.rollup_sql) gives each area the figures the
per-task computation gives (tests/rollup_reference.py: the roll-up as it was, a row, a light and
序时进度 per task in Python), on a generated province with tasks in every state."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

import pytest

from minsheng.indicators.models import Indicator
from minsheng.plans.models import Jurisdiction, Plan, Project, Task, TaskUnit
from minsheng.progress import metrics
from minsheng.progress.models import Figure, Milestone, Report
from minsheng.progress.services import recount
from minsheng.regions.models import Allotment
from minsheng.regions.rollup import build_rollup

from .factories import PlanFactory, ProjectFactory, TaskFactory, UnitFactory
from .rollup_reference import per_task

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 4, 10)
DUES = [
    None,
    datetime.date(2025, 11, 30),  # before the plan's year: overdue, 序时 100%
    datetime.date(2026, 3, 31),
    datetime.date(2026, 4, 20),
    datetime.date(2026, 6, 30),
    datetime.date(2026, 12, 31),
]
PERIODS = [datetime.date(2026, 2, 28), datetime.date(2026, 3, 31), datetime.date(2026, 4, 30)]


def _report(rng: random.Random, task: Task, indicators: list[Indicator]) -> None:
    """One to three versions of a period, some returned, each with figures for some targets."""
    period = rng.choice(PERIODS)
    for version in range(1, rng.randint(1, 3) + 1):
        status = rng.choice(list(Report.Status))
        review = rng.choice(list(Report.Review))
        report = Report.objects.create(task=task, period_end=period, version=version, status=status, review=review)
        for indicator in indicators:
            if rng.random() < 0.8:
                Figure.objects.create(report=report, indicator=indicator, actual=Decimal(rng.randint(0, 130)) / 10)
    recount(task)


def _task(rng: random.Random, project: Project, n: int) -> Task:
    # a task voted in mid-year runs its 序时进度 from its own start (PlanCalendar.span)
    start = rng.choice([None, None, datetime.date(2026, 3, 10)])
    task = TaskFactory(project=project, due=rng.choice(DUES), start=start)
    TaskUnit.objects.create(task=task, unit=UnitFactory(name=f"单位{rng.randint(1, 25)}"), role=TaskUnit.Role.LEAD)
    indicators = [
        Indicator.objects.create(task=task, name=f"指标{i}", value=Decimal(10), unit="个", text="10个", order=i)
        for i in range(rng.choice([0, 1, 1, 2]))
    ]
    if rng.random() < 0.2:  # 节点进度: 序时进度 from them, not from the plan and due date
        Milestone.objects.create(task=task, date=datetime.date(2026, 3, 31), share=Decimal(rng.randint(5, 60)))
        Milestone.objects.create(task=task, date=datetime.date(2026, 5, 31), share=Decimal(70))
    if rng.random() < 0.7:
        _report(rng, task, indicators)
    return task


def _plan(rng: random.Random, county: Jurisdiction, state: str) -> Plan:
    plan = PlanFactory(
        jurisdiction=county,
        state=state,
        cycle=rng.choice(list(Plan.Cycle)),
        report_day=rng.choice([5, 15]),
        yellow_margin=Decimal(rng.choice([5, 10])),
        red_margin=Decimal(rng.choice([15, 20])),
        blue_days=rng.choice([15, 30]),
        start=rng.choice([None, datetime.date(2026, 2, 1)]),
        # published after some deadlines: unreported, those tasks are 未报送, not red (as the board)
        published_on=rng.choice([None, datetime.date(2026, 1, 5), datetime.date(2026, 4, 1)]),
    )
    formal = ProjectFactory(plan=plan)
    for n in range(rng.randint(6, 14)):
        _task(rng, formal, n)
    near = TaskFactory(project=formal, due=datetime.date(2026, 4, 20))  # on schedule, ten days left: blue
    target = Indicator.objects.create(task=near, name="指标", value=Decimal(10), unit="个", text="10个")
    report = Report.objects.create(task=near, period_end=PERIODS[1], version=1, status="in_progress", review="approved")
    Figure.objects.create(report=report, indicator=target, actual=Decimal("9.9"))
    recount(near)
    TaskFactory(project=ProjectFactory(plan=plan, status=Project.Status.CANDIDATE))  # not counted
    return plan


def _province(seed: int) -> Jurisdiction:
    rng = random.Random(seed)
    province = Jurisdiction.objects.create(name="江苏省", level=Jurisdiction.Level.PROVINCE)
    for c in range(2):
        city = Jurisdiction.objects.create(name=f"市{c}", level=Jurisdiction.Level.CITY, parent=province)
        city_plan = _plan(rng, city, Plan.State.PUBLISHED)
        parent = Task.objects.filter(project__plan=city_plan).first()
        for d in range(3):
            county = Jurisdiction.objects.create(name=f"县{c}{d}", level=Jurisdiction.Level.COUNTY, parent=city)
            plan = _plan(rng, county, rng.choice([Plan.State.PUBLISHED, Plan.State.PUBLISHED, Plan.State.CLOSED]))
            if parent and d < 2:  # allotted downward: counted in its allotments, not itself
                child = Task.objects.filter(project__plan=plan).first()
                Allotment.objects.create(parent=parent, task=child, jurisdiction=county)
        _plan(rng, city, Plan.State.DRAFT)  # a draft counts nowhere
    return province


def _same(sql: Any, reference: tuple[Any, set[str]]) -> None:
    group, late = reference
    assert (sql.group.tasks, sql.group.reported, sql.group.measured) == (group.tasks, group.reported, group.measured)
    assert (sql.group.missing, sql.group.filed) == (group.missing, group.filed)
    assert dict(sql.group.lights) == {k: v for k, v in group.lights.items() if v}
    assert sql.late_units == late
    for mine, theirs in [(sql.group.completion, group.completion), (sql.group.expected, group.expected)]:
        # Sums of the same floats in another order: equal to the last bits, and as printed.
        assert (mine is None) == (theirs is None) and (mine is None or mine == pytest.approx(theirs, rel=1e-12))
    assert sql.group.coverage_text == group.coverage_text


@pytest.mark.parametrize("seed", [1, 2])
def test_the_sql_rollup_equals_the_per_task_computation(seed: int) -> None:
    province = _province(seed)
    places = [province, *Jurisdiction.objects.filter(level=Jurisdiction.Level.CITY)]
    lights_seen: set[str] = set()
    for place in places:
        rollup = build_rollup(place, 2026, AS_OF)
        reference = per_task(place.pk, 2026, AS_OF)
        assert {a.jurisdiction.pk for a in rollup.areas} == set(reference)
        for area in rollup.areas:
            _same(area, reference[area.jurisdiction.pk])
            lights_seen |= set(area.group.lights)
    assert lights_seen == {str(light) for light in metrics.Light}  # the world has a task of every light
    cities = build_rollup(province, 2026, AS_OF).areas
    assert sum(a.group.missing for a in cities) > 0 and sum(a.group.measured for a in cities) > 0
