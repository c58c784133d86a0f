"""Honest figures: every completion figure shows how many tasks it stands on, and below the
plan's coverage floor the average is not the headline (dashboard, 我的任务, public, bulletin, API)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from minsheng.plans.models import Task
from minsheng.progress import metrics, services
from minsheng.progress.board import build_board
from minsheng.reports.bulletin import build_bulletin

pytestmark = pytest.mark.django_db
MARCH = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _april() -> Any:
    with time_machine.travel(datetime.datetime(2026, 4, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def one_approved(parking_task: Any, member: Any, office: Any) -> Any:
    """One task of the plan reported (303 of 1500, 20.2%) and approved."""
    unit = member("城管局")
    target = parking_task.indicators.get()
    filing = services.Filing(MARCH, "in_progress", "新增泊位303个", {target.pk: Decimal(303)})
    report = services.file_report(user=unit, task=parking_task, filing=filing)
    services.review_report(user=office, report=report, approve=True)
    return parking_task


def _formal(plan: Any) -> int:
    return Task.objects.filter(project__plan=plan, project__status="formal").count()


def test_the_coverage_text_names_reported_and_measured() -> None:
    approved, filed = metrics.Basis.APPROVED, metrics.Basis.FILED
    one = metrics.coverage_text(50, 1, 1, 86.66, approved)
    assert one == "累计已报送 1/50 项，其中平均完成 86.7%（只计督查室审核通过的报告）"
    assert (
        metrics.coverage_text(50, 3, 2, 40.0, filed)
        == "累计已报送 3/50 项，其中 2 项可计量，平均完成 40.0%（计入已报送的报告，含待审核、不含已退回）"
    )
    none = metrics.coverage_text(50, 0, 0, None, filed)
    assert none == "累计已报送 0/50 项（计入已报送的报告，含待审核、不含已退回）"


def test_below_the_floor_the_average_is_not_the_headline(one_approved: Any, office: Any) -> None:
    plan = one_approved.project.plan
    board = build_board(plan, datetime.date(2026, 4, 10))
    assert board.overall.reported == 1 and board.overall.tasks == _formal(plan)
    assert not board.headline
    client = Client()
    client.force_login(office)
    page = client.get(reverse("progress:dashboard", args=[plan.pk])).content.decode()
    assert f"已报送 1/{_formal(plan)} 项，其中平均完成 20.2%" in page
    assert "data-completion" not in page and "平均完成率不代表总体进度" in page
    plan.coverage_floor = Decimal(0)
    plan.save()
    page = client.get(reverse("progress:dashboard", args=[plan.pk])).content.decode()
    assert "data-completion" in page and f"已报送 1/{_formal(plan)} 项" in page


def test_public_bulletin_api_and_my_tasks_show_the_coverage(one_approved: Any, office: Any, member: Any) -> None:
    plan = one_approved.project.plan
    text = f"累计已报送 1/{_formal(plan)} 项，其中平均完成 20.2%"
    public = Client().get(reverse("reports:public_plan", args=[plan.pk])).content.decode()
    assert text in public
    assert text.replace(" ", "") in build_bulletin(plan, datetime.date(2026, 4, 10)).summary
    data = Client().get(f"/api/plans/{plan.pk}/progress").json()
    assert data["reported"] == 1 and data["tasks"] == _formal(plan) and data["completion"] == 20.2
    assert data["headline"] is False and data["coverage_text"] == text + "（只计督查室审核通过的报告）"
    unit = Client()
    unit.force_login(member("教育局"))
    mine = unit.get(reverse("progress:mine")).content.decode()
    assert "已报送 0/" in mine


def test_the_api_hides_drafts_and_unapproved_reports_from_outsiders(one_approved: Any, member: Any) -> None:
    plan = one_approved.project.plan
    unit = member("城管局", username="cg2")
    target = one_approved.indicators.get()
    filing = services.Filing(MARCH, "in_progress", "", {target.pk: Decimal(600)}, base_version=1)
    services.file_report(user=unit, task=one_approved, filing=filing)
    assert Client().get(f"/api/plans/{plan.pk}/progress").json()["completion"] == 20.2  # approved only
    plan.state = "draft"
    plan.save()
    assert Client().get(f"/api/plans/{plan.pk}/progress").status_code == 404
