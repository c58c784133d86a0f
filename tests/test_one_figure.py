"""Finding 8 of #27: one question, one number. The same plan's completion read through the
dashboard, the roll-up, the public page, the API and the bulletin: the same figure for the same
definition, with the definition printed beside it; a dashboard row counts one period only."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from minsheng.plans.models import Task
from minsheng.progress.metrics import Basis
from minsheng.progress.models import Figure, Report
from minsheng.progress.services import recount
from minsheng.reports.bulletin import build_bulletin

from .jurisdiction_world import city_world

pytestmark = pytest.mark.django_db
APRIL_10 = datetime.datetime(2026, 4, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
MARCH = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(APRIL_10, tick=False):
        yield


def _file(task: Task, actual: int, review: str) -> None:
    report = Report.objects.create(task=task, period_end=MARCH, version=1, status="in_progress", review=review)
    Figure.objects.create(report=report, indicator=task.indicators.get(), actual=Decimal(actual))
    recount(task)  # as the filing services do: the counting flag and the task's standing


@pytest.fixture
def world(django_user_model: Any) -> dict[str, Any]:
    """武进区's plan of three tasks (target 10 each): one approved at 8, one awaiting review at 2,
    one not reported. Approved only: 1/3 reported, 80.0 %; all filed: 2/3, (80 + 20) / 2 = 50.0 %."""
    world = city_world(django_user_model, districts=1, tasks=3)
    approved, pending, _ = Task.objects.filter(project__plan=world["plans"][0]).order_by("pk")
    _file(approved, 8, Report.Review.APPROVED)
    _file(pending, 2, Report.Review.SUBMITTED)
    return world


def _percent(text: str) -> str:
    found = re.search(r"平均完成 ?(\d+\.\d)%", text)
    assert found, text
    return found.group(1)


def test_it_answers_one_question_with_one_number_everywhere(world: dict[str, Any], client: Client) -> None:
    plan = world["plans"][0]
    client.force_login(world["offices"][0])
    dashboard = client.get(reverse("progress:dashboard", args=[plan.pk])).content.decode()
    inside = client.get(f"/api/plans/{plan.pk}/progress?basis=filed").json()
    inside_approved = client.get(f"/api/plans/{plan.pk}/progress").json()
    bulletin = build_bulletin(plan, datetime.date(2026, 4, 10)).summary
    client.force_login(world["city_office"])
    rollup = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
    client.logout()
    public = client.get(reverse("reports:public_plan", args=[plan.pk])).content.decode()

    filed, approved = Basis.FILED.label, Basis.APPROVED.label
    # All filed: the office's dashboard, the API asked for it and the bulletin, under their words.
    assert inside["completion"] == 50.0 and inside["basis_text"] == filed
    assert _percent(inside["coverage_text"]) == "50.0" and filed in inside["coverage_text"]
    assert "已报送 2/3 项，其中平均完成 50.0%（" + filed in dashboard
    assert "已报送2/3项，其中平均完成50.0%（" + filed.replace(" ", "") in bulletin
    # Approved only: the city's roll-up, the API's default (#31 finding 2) and the public page
    # say 80.0 %, under their own words.
    area = re.search(r'data-area="武进区">.*?</tr>', rollup, re.S)
    assert area and "80.0%" in area.group(0) and "已报送 1/3 项" in area.group(0)
    assert approved in rollup and filed not in rollup
    assert inside_approved["completion"] == 80.0 and inside_approved["basis_text"] == approved
    assert "已报送 1/3 项，其中平均完成 80.0%（" + approved in public


def test_it_keeps_a_dashboard_row_to_one_period(world: dict[str, Any], client: Client) -> None:
    """On 3 April the period reported is March (due 5 April): of the three tasks two filed it and
    one owes it, so a row says 应报 3 = 已报 2 + 未报送 1 for March, never 已报送 2/3 beside it."""
    plan = world["plans"][0]
    client.force_login(world["offices"][0])
    with time_machine.travel(datetime.datetime(2026, 4, 3, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        page = client.get(reverse("progress:dashboard", args=[plan.pk])).content.decode()
    rows = re.findall(r"data-asked>(\d+)</td><td[^>]*data-filed>(\d+)</td><td[^>]*data-missing>(\d+)<", page)
    assert ("3", "2", "1") in rows
    for asked, filed, missing in rows:
        assert int(asked) == int(filed) + int(missing)
    table = page[page.index("分类完成情况") :]
    assert not re.search(r'data-label="已报送">\d+/\d+', table)
