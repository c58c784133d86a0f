"""Each task's standing (progress.summary, what the roll-ups read) follows every service that
changes it — a filing, a review, a target changed from a date, a target corrected, weights — and
always equals the rule recomputed from the records; `minsheng rebuild-progress` checks and rebuilds
it. The simulated year checks the same every day (tests/sim/checks.py: standing)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import Q

from minsheng.cli import main
from minsheng.indicators.services import indicator_save, target_value_change
from minsheng.progress import services
from minsheng.progress.models import TaskProgress
from minsheng.progress.summary import compute, stored

pytestmark = pytest.mark.django_db
APRIL_10 = datetime.datetime(2026, 4, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
MARCH = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(APRIL_10, tick=False):
        yield


def _standing(task: Any) -> tuple[int, float | None] | None:
    """(report, completion) as kept, after checking that the rule gives the same now."""
    scope = Q(pk=task.pk)
    assert stored(scope) == compute(scope)
    row = TaskProgress.objects.filter(task=task).first()
    return None if row is None else (row.report_id, None if row.completion is None else round(row.completion, 1))


def _file(user: Any, task: Any, actual: int, version: int = 0) -> Any:
    target = task.indicators.get()
    filing = services.Filing(MARCH, "in_progress", "一季度", {target.pk: Decimal(actual)}, base_version=version)
    return services.file_report(user=user, task=task, filing=filing)


def test_the_standing_follows_filing_review_and_targets(parking_task: Any, member: Any, office: Any) -> None:
    lead = member("城管局")
    assert _standing(parking_task) is None
    first = _file(lead, parking_task, 303)
    assert _standing(parking_task) == (first.pk, 20.2)  # 303 of 1500
    services.review_report(user=office, report=first, approve=False, comment="数据有误")
    assert _standing(parking_task) is None  # a returned report does not count, and nothing else does
    second = _file(lead, parking_task, 600, version=1)
    services.review_report(user=office, report=second, approve=True)
    assert _standing(parking_task) == (second.pk, 40.0)
    target = parking_task.indicators.get()
    target_value_change(user=office, indicator=target, value=Decimal(1000), high=None, effective_from=MARCH)
    assert _standing(parking_task) == (second.pk, 60.0)  # in force at the period's end: 600 of 1000
    target.refresh_from_db()
    data = {"name": target.name, "text": target.text, "value": target.value, "high": None, "unit": target.unit}
    data["op"] = "lte"
    indicator_save(user=office, task=parking_task, data=data, indicator=target)
    assert _standing(parking_task) == (second.pk, 100.0)  # 不超过 1000: 600 keeps within it
    services.set_schedule(user=office, task=parking_task, milestones=[], weights={target.pk: Decimal(3)})
    assert _standing(parking_task) == (second.pk, 100.0)


def test_rebuild_progress_finds_and_mends_a_wrong_row(
    parking_task: Any, member: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _file(member("城管局"), parking_task, 303)
    assert main(["rebuild-progress", "--check"]) == 0
    TaskProgress.objects.filter(task=parking_task).update(completion=99.0)  # behind the services' back
    assert main(["rebuild-progress", "--check"]) != 0
    assert "不一致的任务 1 项" in capsys.readouterr().err
    assert main(["rebuild-progress"]) == 0
    assert main(["rebuild-progress", "--check"]) == 0
    assert _standing(parking_task) is not None and _standing(parking_task)[1] == 20.2  # type: ignore[index]


def test_the_kept_standing_equals_a_full_recount_after_many_filings(
    wujin_plan: Any, member: Any, office: Any
) -> None:
    """Each filing and review keeps its task's row from the one report `recount` has just marked
    (summary.keep); after every step of a long mixed run (several tasks, some with several
    indicators, figures left out and carried, earlier periods filed late, returns, approvals,
    targets changed from a date) the kept rows equal `compute` over the whole plan."""
    import random

    from minsheng.plans.models import Task, TaskUnit
    from minsheng.progress.models import Report

    plan_scope = Q(project__plan=wujin_plan)
    tasks = [t for t in Task.objects.filter(plan_scope).prefetch_related("indicators") if t.indicators.all()]
    tasks = sorted(tasks, key=lambda t: (-len(t.indicators.all()), t.pk))[:5]
    assert max(len(t.indicators.all()) for t in tasks) >= 2  # weighted sums, not only one share
    leads = {}
    for task in tasks:
        lead = TaskUnit.objects.filter(task=task, role="lead").select_related("unit").first()
        leads[task.pk] = member(lead.unit.name, username=f"lead{task.pk}")
    periods = services.allowed_periods(wujin_plan, APRIL_10.date())
    rng, statuses = random.Random(31), list(Report.Status.values)
    changed: dict[int, datetime.date] = {}
    for step in range(60):
        task = rng.choice(tasks)
        indicators = list(task.indicators.all())
        move = rng.random()
        if move < 0.6:
            given = rng.sample(indicators, rng.randint(1, len(indicators)))  # the rest are carried
            figures = {i.pk: Decimal(rng.randint(0, 3000)) / 4 for i in given}
            period, status = rng.choice(periods), rng.choice(statuses)
            filing = services.Filing(period, status, f"第{step}步", figures, base_version=None)
            filing.confirm_lower = True
            services.file_report(user=leads[task.pk], task=task, filing=filing)
        elif move < 0.85:
            newest = {r.period_end: r for r in Report.objects.filter(task=task).order_by("version")}
            pending = [r for _, r in sorted(newest.items()) if r.review == Report.Review.SUBMITTED]
            if pending:
                report = rng.choice(pending)
                services.review_report(user=office, report=report, approve=rng.random() < 0.6, comment="核对")
        else:
            target = rng.choice(indicators)
            later = [p for p in periods if p > changed.get(target.pk, datetime.date.min)]  # changes go forward
            if later:
                value, changed[target.pk] = Decimal(rng.randint(1, 2000)), rng.choice(later)
                high = None if target.high is None else value * 2  # a range keeps an upper bound
                since = changed[target.pk]
                target_value_change(user=office, indicator=target, value=value, high=high, effective_from=since)
        assert stored(plan_scope) == compute(plan_scope), step
    assert len(stored(plan_scope)) >= 3
