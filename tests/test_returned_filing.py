"""A returned report is no filing (README): the unit's /my/, the dashboard's 本期未报送, the
督办单 and 连续N期 (rules.filings_of) all count the returned period as not filed, unless an
earlier version of the period was approved (that one still counts, so the period stands filed)."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from minsheng.plans.models import Unit
from minsheng.progress.board import build_board
from minsheng.progress.models import Report
from minsheng.progress.rules import filings_of, owed_tasks
from minsheng.reports.supervision import build_notice

pytestmark = pytest.mark.django_db
APRIL_8 = datetime.datetime(2026, 4, 8, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
PERIOD = datetime.date(2026, 4, 30)  # 本期 on 8 April


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(APRIL_8, tick=False):
        yield


def _post(client: Client, task: Any, actual: str) -> None:
    data = {
        "period_end": PERIOD.isoformat(),
        "status": "in_progress",
        "narrative": f"累计新增泊位{actual}个。",
        f"fig_{task.indicators.get().pk}": actual,
        "base_version": str(Report.objects.filter(task=task, period_end=PERIOD).count()),
    }
    assert client.post(reverse("progress:report", args=[task.pk]), data).status_code == 302


def _review(desk: Client, task: Any, decision: str) -> None:
    report = Report.objects.filter(task=task, period_end=PERIOD).order_by("-version").first()
    assert report is not None
    desk.post(reverse("progress:review", args=[report.pk]), {"decision": decision, "comment": "请补充明细"})


def _counted_missing(unit_client: Client, desk: Client, task: Any) -> dict[str, bool]:
    """Whether each surface counts the task as not filed for the period."""
    plan, today = task.project.plan, APRIL_8.date()
    mine = unit_client.get(reverse("progress:mine")).context
    dashboard = desk.get(reverse("progress:dashboard", args=[plan.pk])).context
    board = build_board(plan, today)
    notice = build_notice(plan, Unit.objects.get(name="城管局"), today)
    assert board.period_end == PERIOD
    assert dashboard["counts"]["missing"] == len(board.missing)  # the dashboard reads the board
    return {
        "mine": any(r.id == task.pk for r in mine["board"].missing),
        "dashboard": any(r.id == task.pk for r in board.missing),
        "notice": any(r.id == task.pk for r in notice.unreported),
        "owed": owed_tasks(plan, PERIOD).filter(pk=task.pk).exists(),
        "streak": (task.pk, PERIOD) not in filings_of([task.pk]).first_filed,
    }


def test_a_returned_report_is_no_filing_anywhere(member: Any, office: Any, parking_task: Any) -> None:
    unit, desk = Client(), Client()
    unit.force_login(member("城管局"))
    desk.force_login(office)
    _post(unit, parking_task, "1300")
    _post(unit, parking_task, "1400")  # v2 replaces v1 before review
    assert not any(_counted_missing(unit, desk, parking_task).values())
    _review(desk, parking_task, "return")
    assert all(_counted_missing(unit, desk, parking_task).values())
    _post(unit, parking_task, "1410")  # filed again: filed once more everywhere
    assert not any(_counted_missing(unit, desk, parking_task).values())


def test_an_approved_earlier_version_keeps_the_period_filed(member: Any, office: Any, parking_task: Any) -> None:
    unit, desk = Client(), Client()
    unit.force_login(member("城管局"))
    desk.force_login(office)
    _post(unit, parking_task, "1300")
    _review(desk, parking_task, "approve")
    _post(unit, parking_task, "1400")
    _review(desk, parking_task, "return")
    assert not any(_counted_missing(unit, desk, parking_task).values())
