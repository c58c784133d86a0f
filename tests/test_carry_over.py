"""跨年度: unfinished tasks carried into a later plan, linked both ways; done tasks stay."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.plans.models import Leader, Plan, Task
from minsheng.plans.services import PlanStateError
from minsheng.progress.carry import plan_carry_over
from minsheng.progress.models import Report

from .factories import CategoryFactory, PlanFactory, ProjectFactory, UnitFactory, full_task

pytestmark = pytest.mark.django_db
DEC31 = datetime.date(2025, 12, 31)


def _year() -> tuple[Plan, Plan, Task, Task]:
    old = PlanFactory(year=2025, state=Plan.State.CLOSED)
    new = PlanFactory(year=2026, state=Plan.State.DRAFT)
    unit, leader = UnitFactory(name="城管局"), Leader.objects.create(name="领导")
    category = CategoryFactory(plan=old, name="住有所居")
    finished = full_task(ProjectFactory(plan=old, category=category, name="改造老旧小区"), unit, leader)
    open_task = full_task(ProjectFactory(plan=old, category=category, name="新增停车泊位"), unit, leader)
    Report.objects.create(task=finished, period_end=DEC31, status="done", review="approved", counts=True)
    report = Report.objects.create(task=open_task, period_end=DEC31, status="in_progress", review="approved")
    report.figures.create(indicator=open_task.indicators.get(), actual=Decimal(4))
    Report.objects.filter(pk=report.pk).update(counts=True)
    return old, new, finished, open_task


def test_it_carries_the_unfinished_once_with_people_and_targets(office: Any) -> None:
    old, new, finished, open_task = _year()
    created = plan_carry_over(user=office, source=old, target=new, as_of=DEC31)
    assert [t.carried_from_id for t in created] == [open_task.pk]
    task = created[0]
    assert task.project.plan == new and task.project.name == "新增停车泊位" and task.project.category.name == "住有所居"
    assert list(task.units.values_list("name", flat=True)) == list(open_task.units.values_list("name", flat=True))
    # It carries what remains: the target less the 4 done.
    assert task.indicators.get().value == open_task.indicators.get().value - 4 and not task.reports.exists()
    assert plan_carry_over(user=office, source=old, target=new, as_of=DEC31) == []  # once only
    assert AuditEntry.objects.filter(summary__startswith="跨年度转入").count() == 2


def test_it_refuses_backwards_and_outsiders(office: Any, outsider: Any) -> None:
    old, new, _, _ = _year()
    Plan.objects.filter(pk__in=[old.pk, new.pk]).update(state=Plan.State.PUBLISHED)
    old.refresh_from_db(), new.refresh_from_db()
    with pytest.raises(PlanStateError, match="以后年度"):
        plan_carry_over(user=office, source=new, target=old, as_of=DEC31)
    with pytest.raises(PlanStateError):
        plan_carry_over(user=outsider, source=old, target=new, as_of=DEC31)
    assert not Task.objects.filter(carried_from__isnull=False).exists()


def test_the_plan_and_task_pages_link_both_ways(client: Client, office: Any, outsider: Any) -> None:
    old, new, _, open_task = _year()
    client.force_login(outsider)
    assert client.post(reverse("plans:carry_over", args=[old.pk]), {"target": new.pk}).status_code == 403
    client.force_login(office)
    page = client.get(reverse("plans:detail", args=[old.pk])).content.decode()
    assert f'<option value="{new.pk}">' in page
    client.post(reverse("plans:carry_over", args=[old.pk]), {"target": new.pk, "task": [open_task.pk]})
    carried = Task.objects.get(carried_from=open_task)
    page = client.get(reverse("plans:task", args=[carried.pk])).content.decode()
    assert "跨年度任务" in page and reverse("plans:task", args=[open_task.pk]) in page
    page = client.get(reverse("plans:task", args=[open_task.pk])).content.decode()
    assert f'data-carried-to="{carried.pk}"' in page
