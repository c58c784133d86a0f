"""A filing that leaves an indicator out keeps the task's last figure for it (one rule for the
unit's form, the office's bulletin upload, the workbook and the API): completion is reckoned on
every indicator, not jumped by a report that gave only some of them."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db.models import Count

from minsheng.plans.models import Task
from minsheng.progress import services
from minsheng.progress.bulletin_reading import BulletinReading, Proposal, accept
from minsheng.progress.models import Report, TaskProgress

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def _two_indicator_task(plan: Any) -> Task:
    task = Task.objects.annotate(n=Count("indicators")).filter(project__plan=plan, n__gte=2).order_by("pk").first()
    assert task is not None, "the 武进区 plan has a task with two indicators"
    return task


def _first_period(task: Task, office: Any) -> tuple[Any, Any, datetime.date, datetime.date]:
    first, second = task.indicators.order_by("pk")[:2]
    earlier, later = services.allowed_periods(task.project.plan, datetime.date(2026, 4, 2))[-2:]
    filing = services.Filing(
        period_end=earlier, status="in_progress", figures={first.pk: Decimal(2), second.pk: Decimal(1)}
    )
    services.enter_for_unit(user=office, task=task, filing=filing, sources={})
    return first, second, earlier, later


def test_a_bulletin_giving_one_figure_keeps_the_other_as_carried(office: Any, wujin_plan: Any) -> None:
    task = _two_indicator_task(wujin_plan)
    first, second, _, later = _first_period(task, office)
    proposal = Proposal(
        key="k1",
        task_id=task.pk,
        indicator_id=first.pk,
        indicator_name=first.name,
        target=Decimal(first.value),
        unit=first.unit,
        value=Decimal(3),
        sentence="已完成3。",
        heading="",
        score=1.0,
        words="",
    )
    reading = BulletinReading(name="通报.txt", as_of=None, proposals=[proposal], tasks={task.pk: task})
    accept(reading, {"k1"}, later, office)
    report = Report.objects.get(task=task, period_end=later)
    figures = {f.indicator_id: (f.actual, f.carried) for f in report.figures.all()}
    assert figures == {first.pk: (Decimal(3), False), second.pk: (Decimal(1), True)}
    # completion is what the same two figures given explicitly give, not the first one's alone
    carried = TaskProgress.objects.get(task=task).completion
    both = {first.pk: Decimal(3), second.pk: Decimal(1)}
    filing = services.Filing(period_end=later, status="in_progress", figures=both, base_version=None)
    services.enter_for_unit(user=office, task=task, filing=filing, sources={})
    assert TaskProgress.objects.get(task=task).completion == carried


def test_any_filing_leaving_an_indicator_out_keeps_its_last_figure(office: Any, wujin_plan: Any) -> None:
    task = _two_indicator_task(wujin_plan)
    first, second, earlier, later = _first_period(task, office)
    filing = services.Filing(period_end=later, status="in_progress", figures={second.pk: Decimal(2)}, base_version=None)
    report = services.enter_for_unit(user=office, task=task, filing=filing, sources={})
    figures = {f.indicator_id: (f.actual, f.carried) for f in report.figures.all()}
    assert figures == {first.pk: (Decimal(2), True), second.pk: (Decimal(2), False)}
    # a filing for a period with nothing before it carries nothing (no figure is invented)
    assert not Report.objects.filter(task=task, period_end__lt=earlier).exists()


def test_the_units_form_left_empty_for_one_indicator_keeps_its_last_figure(
    client: Any, office: Any, member: Any, wujin_plan: Any
) -> None:
    from django.urls import reverse

    from minsheng.plans.models import TaskUnit

    task = _two_indicator_task(wujin_plan)
    first, second, _, later = _first_period(task, office)
    lead = TaskUnit.objects.filter(task=task, role=TaskUnit.Role.LEAD).select_related("unit").first()
    assert lead is not None
    client.force_login(member(lead.unit.name))
    posted = {"period_end": later.isoformat(), "status": "in_progress", "narrative": "推进中", "base_version": 0}
    response = client.post(reverse("progress:report", args=[task.pk]), posted | {f"fig_{first.pk}": "4"})
    assert response.status_code == 302
    report = Report.objects.get(task=task, period_end=later)
    figures = {f.indicator_id: (f.actual, f.carried) for f in report.figures.all()}
    assert figures == {first.pk: (Decimal(4), False), second.pk: (Decimal(1), True)}
