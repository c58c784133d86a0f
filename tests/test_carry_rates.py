"""Carry-over carries what remains as people read it: a rate (覆盖率100%, 98% done) carries
whole, never as a 2% difference; a target already reached carries nothing and is not offered
as a row to carry (no → 0所)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.indicators.models import Indicator
from minsheng.plans.models import Task
from minsheng.progress.models import Report

from .factories import ProjectFactory, UnitFactory, full_task
from .test_carry_over import DEC31, _year

pytestmark = pytest.mark.django_db


def test_a_rate_carries_whole_and_a_reached_target_not_at_all(client: Client, office: Any) -> None:
    old, new, _, open_task = _year()
    task = full_task(ProjectFactory(plan=old, name="改扩建幼儿园"), UnitFactory(name="教育局"), open_task.leaders.get())
    schools = task.indicators.get()
    schools.value, schools.unit, schools.name = Decimal(12), "所", "改扩建幼儿园"
    schools.save()
    rate = Indicator.objects.create(
        task=task, name="普惠性幼儿园覆盖率", value=Decimal(100), unit="%", text="100%", op=schools.op
    )
    report = Report.objects.create(task=task, period_end=DEC31, status="in_progress", review="approved")
    report.figures.create(indicator=schools, actual=Decimal(12))
    report.figures.create(indicator=rate, actual=Decimal(98))
    Report.objects.filter(pk=report.pk).update(counts=True)
    client.force_login(office)
    url = reverse("plans:carry_over", args=[old.pk])
    page = client.get(url + f"?target={new.pk}").content.decode()
    assert f'data-task="{task.pk}"' in page
    assert "普惠性幼儿园覆盖率：100 / 98 → <strong>100%</strong>" in page  # whole, not → 2%
    assert "→ <strong>2%</strong>" not in page and "→ <strong>0所</strong>" not in page
    assert "改扩建幼儿园：12 / 12 已完成，不转入" in page
    client.post(url, {"target": new.pk, "task": [task.pk], "action": "carry"})
    carried = Task.objects.get(carried_from=task)
    assert list(carried.indicators.values_list("name", "value")) == [("普惠性幼儿园覆盖率", Decimal(100))]
