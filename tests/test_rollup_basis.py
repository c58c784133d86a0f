"""The roll-up and the plan-progress API answer one question with one number (#31 findings 2
and 3): both count approved reports, each says so (`basis`, and in Chinese on the page), and an
area without a published plan is said in words (未导入计划, 未发布) with null figures, never 0."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.api.models import ApiToken
from minsheng.api.tokens import create_token
from minsheng.plans.models import Jurisdiction, Task
from minsheng.progress.metrics import Basis
from minsheng.progress.models import Figure, Report
from minsheng.progress.services import recount

from .jurisdiction_world import city_world, draft
from .test_rollup import _frozen  # noqa: F401  (autouse: 10 April 2026, as the roll-up tests)

pytestmark = pytest.mark.django_db
BASIS_TEXT = f"{Basis.APPROVED.label}（截至2026年4月10日）"


def _file(task: Task, actual: int, review: str) -> None:
    report = Report.objects.create(
        task=task, period_end=datetime.date(2026, 3, 31), version=1, status="in_progress", review=review
    )
    Figure.objects.create(report=report, indicator=task.indicators.get(), actual=Decimal(actual))
    recount(task)


@pytest.fixture
def world(django_user_model: Any) -> dict[str, Any]:
    """武进区: three tasks of 10, one approved at 8, one awaiting review at 2; 新北区 and 天宁区
    with plans, 天宁区's a draft; 钟楼区 with none."""
    made = city_world(django_user_model, districts=3, tasks=3)
    approved, pending, _ = Task.objects.filter(project__plan=made["plans"][0]).order_by("pk")
    _file(approved, 8, Report.Review.APPROVED)
    _file(pending, 2, Report.Review.SUBMITTED)
    draft(made["plans"][2])
    Jurisdiction.objects.create(name="钟楼区", level=Jurisdiction.Level.COUNTY, parent=made["city"])
    return made


def _bearer(world: dict[str, Any], place: Jurisdiction, office: Any) -> dict[str, str]:
    _t, secret = create_token(user=office, name=f"读取{place.pk}", jurisdiction=place, role=ApiToken.Role.READER)
    return {"Authorization": f"Bearer {secret}"}


def test_the_rollup_and_plan_progress_count_the_same_approved_reports(world: dict[str, Any], client: Client) -> None:
    wujin_plan = world["plans"][0]
    for headers in ({}, _bearer(world, world["city"], world["city_office"])):
        client.force_login(world["city_office"])
        rollup = client.get(f"/api/jurisdictions/{world['city'].pk}/rollup", headers=headers).json()
        progress = client.get(f"/api/plans/{wujin_plan.pk}/progress", headers=headers).json()
        area = next(a for a in rollup["areas"] if a["name"] == "武进区")
        assert (area["reported"], area["completion"]) == (progress["reported"], progress["completion"]) == (1, 80.0)
        assert rollup["basis"] == progress["basis"] == "approved"
        assert rollup["basis_text"] == BASIS_TEXT and progress["basis_text"] == Basis.APPROVED.label
    page = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
    assert BASIS_TEXT in page and Basis.FILED.label not in page
    row = page.split('data-area="武进区"')[1].split("</tr>")[0]
    assert "80.0%" in row and "已报送 1/3 项" in row
    # the plan's own office may still ask for every filed report, under its own words
    client.force_login(world["offices"][0])
    filed = client.get(f"/api/plans/{wujin_plan.pk}/progress?basis=filed").json()
    assert (filed["reported"], filed["completion"], filed["basis"]) == (2, 50.0, "filed")


def test_approving_the_pending_report_moves_both_alike(world: dict[str, Any], client: Client) -> None:
    pending = Report.objects.get(review=Report.Review.SUBMITTED)
    client.force_login(world["offices"][0])
    client.post(reverse("progress:review", args=[pending.pk]), {"decision": "approve"})
    client.force_login(world["city_office"])
    rollup = client.get(f"/api/jurisdictions/{world['city'].pk}/rollup").json()
    progress = client.get(f"/api/plans/{world['plans'][0].pk}/progress").json()
    area = next(a for a in rollup["areas"] if a["name"] == "武进区")
    assert (area["reported"], area["completion"]) == (progress["reported"], progress["completion"]) == (2, 50.0)


def test_the_neighbour_reads_neither(world: dict[str, Any], client: Client) -> None:
    xinbei, xinbei_office = world["areas"][1], world["offices"][1]
    headers = _bearer(world, xinbei, xinbei_office)
    for place in (world["city"], world["areas"][0]):
        assert client.get(f"/api/jurisdictions/{place.pk}/rollup", headers=headers).status_code == 403
    assert client.get(f"/api/plans/{world['plans'][0].pk}/progress", headers=headers).status_code == 404
    client.force_login(xinbei_office)
    assert client.get(reverse("regions:rollup", args=[world["city"].pk])).status_code == 403
    # a sibling office reads the district's plan as the public does: approved only, whatever it asks
    asked = client.get(f"/api/plans/{world['plans'][0].pk}/progress?basis=filed").json()
    assert (asked["reported"], asked["basis"]) == (1, "approved")


def test_an_area_without_a_published_plan_has_words_not_zeros(world: dict[str, Any], client: Client) -> None:
    client.force_login(world["city_office"])
    data = client.get(f"/api/jurisdictions/{world['city'].pk}/rollup").json()
    areas = {a["name"]: a for a in data["areas"]}
    assert (areas["天宁区"]["plan_status"], areas["天宁区"]["plan_status_text"]) == ("unpublished", "未发布")
    assert (areas["钟楼区"]["plan_status"], areas["钟楼区"]["plan_status_text"]) == ("none", "未导入计划")
    for name in ("天宁区", "钟楼区"):
        area = areas[name]
        assert [area[k] for k in ("tasks", "reported", "completion", "lights")] == [None] * 4, name
        assert area["coverage_text"] == area["plan_status_text"]
    assert areas["新北区"]["tasks"] == 3 and areas["新北区"]["plan_status"] == "published"
    assert data["unplanned"] == ["钟楼区"] and data["unpublished"] == ["天宁区"]
    assert data["coverage_text"] == "1/2 个区县已报送（另有1个尚无2026年计划、1个计划未发布）"
    page = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
    assert "未发布" in page.split('data-area="天宁区"')[1].split("</tr>")[0]
    assert "未导入计划" in page.split('data-area="钟楼区"')[1].split("</tr>")[0]
    assert "2026年计划未发布的下级区划：天宁区" in page and data["coverage_text"] in page


def test_the_total_is_null_when_no_area_has_a_published_plan(world: dict[str, Any], client: Client) -> None:
    for plan in world["plans"]:
        draft(plan)
    client.force_login(world["city_office"])
    total = client.get(f"/api/jurisdictions/{world['city'].pk}/rollup").json()["total"]
    assert [total[k] for k in ("tasks", "reported", "completion", "lights")] == [None] * 4
    assert total["plan_status"] == "none" and total["plan_status_text"] == "下级区划均无已发布的2026年计划"
    page = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
    footer = page[page.index('<tr id="total"') :]
    assert "下级区划均无已发布的2026年计划" in footer and "红 0" not in footer
    footer = footer[: footer.index("</tr>")]  # the row's cells line up with the header's eight, no count of 0
    assert footer.count("<td") + 5 == 8 and 'colspan="6"' in footer and ">0<" not in footer
