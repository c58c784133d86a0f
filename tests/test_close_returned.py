"""Closing names the returned reports units have not filed again, and after closing the unit's
page says the plan has ended instead of asking it to 请补充 a report it can no longer send."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from minsheng.plans.models import Plan
from minsheng.progress.models import Report

pytestmark = pytest.mark.django_db
APRIL_8 = datetime.datetime(2026, 4, 8, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(APRIL_8, tick=False):
        yield


def test_close_names_returned_reports_and_the_unit_is_told_the_plan_ended(
    member: Any, office: Any, parking_task: Any
) -> None:
    unit, desk = Client(), Client()
    unit.force_login(member("城管局"))
    desk.force_login(office)
    data = {
        "period_end": "2026-03-31",
        "status": "in_progress",
        "narrative": "推进中。",
        f"fig_{parking_task.indicators.get().pk}": "303",
        "base_version": "0",
    }
    assert unit.post(reverse("progress:report", args=[parking_task.pk]), data).status_code == 302
    report = Report.objects.get(task=parking_task)
    desk.post(reverse("progress:review", args=[report.pk]), {"decision": "return", "comment": "请补充现场照片"})
    mine = unit.get(reverse("progress:mine")).content.decode()
    assert "被退回待修改" in mine and "请补充现场照片" in mine
    plan = parking_task.project.plan
    page = desk.get(reverse("plans:state", args=[plan.pk]) + "?to=closed").content.decode()
    assert 'id="returned"' in page and "<strong>1</strong> 份报告被退回、单位尚未重新报送" in page
    # each named as people name it, with the unit that owes it
    assert f"<li>{parking_task.project.name} 2026年3月 第1版（城管局）</li>" in page
    desk.post(reverse("plans:state", args=[plan.pk]), {"to": "closed"})
    plan.refresh_from_db()
    assert plan.state == Plan.State.CLOSED
    mine = unit.get(reverse("progress:mine")).content.decode()
    assert "被退回待修改" not in mine and "请补充现场照片" not in mine
    assert 'id="ended-returned"' in mine and f"{plan.title}已结束，不再报送" in mine
