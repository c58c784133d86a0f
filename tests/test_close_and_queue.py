"""Findings 7 and 9 of #27. Closing forgets no report: what awaited review when the plan closed
can still be reviewed (we chose this over refusing to close: the office may close on time and
finish its checks after), and a closed task's form is neither shown nor accepted. The review
queue names reports in words, reporters by unit, lets a superseded version leave 待审核, and
its header counts what the list reaches."""

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


def _file(client: Client, task: Any, actual: str, base: int = 0) -> Any:
    data = {
        "period_end": "2026-03-31",
        "status": "in_progress",
        "narrative": "推进中。",
        f"fig_{task.indicators.get().pk}": actual,
        "base_version": str(base),
    }
    return client.post(reverse("progress:report", args=[task.pk]), data)


@pytest.fixture
def desks(member: Any, office: Any, parking_task: Any) -> tuple[Client, Client]:
    unit, desk = Client(), Client()
    unit.force_login(member("城管局", username="chengguan-zhang"))
    desk.force_login(office)
    return unit, desk


def _close(desk: Client, plan: Plan) -> str:
    page = desk.get(reverse("plans:state", args=[plan.pk]) + "?to=closed").content.decode()
    desk.post(reverse("plans:state", args=[plan.pk]), {"to": "closed"})
    plan.refresh_from_db()
    assert plan.state == Plan.State.CLOSED
    return page


def test_it_reviews_what_awaited_review_after_closing(desks: tuple[Client, Client], parking_task: Any) -> None:
    unit, desk = desks
    assert _file(unit, parking_task, "303").status_code == 302
    confirmation = _close(desk, parking_task.project.plan)
    assert "1</strong> 份报告待审核" in confirmation and "可继续审核" in confirmation
    queue = desk.get(reverse("progress:queue")).content.decode()
    report = Report.objects.get(task=parking_task)
    assert f'data-report="{report.pk}"' in queue
    desk.post(reverse("progress:queue_review", args=[report.pk]), {"decision": "approve"})
    report.refresh_from_db()
    assert report.review == Report.Review.APPROVED


def test_it_neither_shows_nor_takes_a_closed_tasks_form(desks: tuple[Client, Client], parking_task: Any) -> None:
    unit, desk = desks
    _close(desk, parking_task.project.plan)
    page = unit.get(reverse("progress:task", args=[parking_task.pk])).content.decode()
    assert 'id="report-form"' not in page and "该计划已结束，不再报送进度" in page
    response = _file(unit, parking_task, "303")
    assert response.status_code == 302 and not Report.objects.filter(task=parking_task).exists()
    after = unit.get(response["Location"]).content.decode()
    assert "该计划已结束，不再报送进度，本次提交未保存" in after


def test_the_queue_speaks_in_words_and_counts_what_it_reaches(desks: tuple[Client, Client], parking_task: Any) -> None:
    unit, desk = desks
    _file(unit, parking_task, "303")
    _file(unit, parking_task, "310", base=1)  # v2 replaces v1 before anyone reviewed it
    queue = desk.get(reverse("progress:queue")).content.decode()
    name = parking_task.project.name
    assert f"{name} 2026年3月 第2版" in queue and "城管局" in queue and "chengguan-zhang" not in queue
    assert "共 1 份待审核" in queue  # v1 is superseded, not waiting
    page = desk.get(reverse("progress:task", args=[parking_task.pk])).content.decode()
    assert "已被第2版取代，不再审核" in page and "chengguan-zhang" not in page
    second = Report.objects.get(task=parking_task, version=2)
    done = desk.post(reverse("progress:queue_review", args=[second.pk]), {"decision": "approve"}, follow=True)
    text = done.content.decode()
    assert f"已通过：{name} 2026年3月 第2版" in text and " v2" not in text
    assert "没有待审核的报告了" in text


def test_the_header_says_what_a_skip_leaves(desks: tuple[Client, Client], parking_task: Any) -> None:
    unit, desk = desks
    _file(unit, parking_task, "303")
    report = Report.objects.get(task=parking_task)
    end = desk.get(reverse("progress:queue") + f"?after={report.pk}").content.decode()
    assert "已到队尾；跳过的 1 份仍待审核" in end and "没有更多" not in end
