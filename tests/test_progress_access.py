"""Who may open what: a role × endpoint matrix (every outsider gets 403/404),
and query counts of the supervision pages that do not grow with the data."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import Membership, Profile
from minsheng.plans.models import Leader, Unit
from minsheng.progress import services
from minsheng.progress.models import Notice, Report

from .factories import PlanFactory, ProjectFactory, UnitFactory, full_task

pytestmark = pytest.mark.django_db
MARCH_31 = datetime.datetime(2026, 3, 31, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
ROLES = ["anonymous", "outsider", "other_unit", "lead", "leader", "deputy", "office"]


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(MARCH_31, tick=False):
        yield


@pytest.fixture
def world(parking_task: Any, member: Any, office: Any, outsider: Any, django_user_model: Any) -> dict[str, Any]:
    lead = member("城管局")
    other = member("教育局")
    leader = django_user_model.objects.create_user("leader")
    Profile.objects.create(user=leader, leader=Leader.objects.get(name="裴晓冬"))
    deputy = django_user_model.objects.create_user("deputy")
    Profile.objects.create(user=deputy, is_deputy=True)
    target = parking_task.indicators.get()
    filing = services.Filing(datetime.date(2026, 3, 31), "in_progress", "一季度303个", {target.pk: Decimal(303)})
    report = services.file_report(user=lead, task=parking_task, filing=filing)
    unit = Unit.objects.get(name="城管局")
    notice = Notice.objects.create(
        plan=parking_task.project.plan, unit=unit, period_end=datetime.date(2026, 3, 31), kind="escalation", text="x"
    )
    notice.document.save("催办单.docx", ContentFile(b"docx"))
    users = {
        "outsider": outsider,
        "other_unit": other,
        "lead": lead,
        "leader": leader,
        "deputy": deputy,
        "office": office,
    }
    return {
        "users": users,
        "task": parking_task,
        "plan": parking_task.project.plan,
        "report": report,
        "unit": unit,
        "notice": notice,
    }


def _endpoints(w: dict[str, Any]) -> list[tuple[str, str, str, dict[str, Any], set[str]]]:
    task, plan = w["task"].pk, w["plan"].pk
    report = {"period_end": "2026-03-31", "status": "in_progress", "narrative": "x", "base_version": "1"}
    return [
        ("task page", "get", reverse("progress:task", args=[task]), {}, {"lead", "leader", "deputy", "office"}),
        ("file report", "post", reverse("progress:report", args=[task]), report, {"lead"}),
        ("review", "post", reverse("progress:review", args=[w["report"].pk]), {"decision": "approve"}, {"office"}),
        ("note", "post", reverse("progress:note", args=[task]), {"text": "批示"}, {"lead", "leader", "office"}),
        ("schedule", "get", reverse("progress:schedule", args=[task]), {}, {"office"}),
        ("dashboard", "get", reverse("progress:dashboard", args=[plan]), {}, {"office"}),
        ("board", "get", reverse("progress:board", args=[plan]), {}, {"office"}),
        ("settings", "get", reverse("progress:settings", args=[plan]), {}, {"office"}),
        ("remind", "post", reverse("progress:remind", args=[plan]), {}, {"office"}),
        ("template", "get", reverse("progress:template", args=[plan, w["unit"].pk]), {}, {"lead", "office"}),
        ("workbook", "get", reverse("progress:workbook", args=[plan]), {}, {"lead", "other_unit"}),
        ("mine", "get", reverse("progress:mine"), {}, {"lead", "other_unit", "leader", "deputy", "office"}),
        ("notice", "get", reverse("progress:notice_document", args=[w["notice"].pk]), {}, {"lead", "office"}),
        ("invite", "get", reverse("accounts:invite"), {}, {"office"}),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_role_matrix(client: Client, world: dict[str, Any], role: str) -> None:
    if role != "anonymous":
        client.force_login(world["users"][role])
    for name, method, url, data, allowed in _endpoints(world):
        response = getattr(client, method)(url, data)
        where = f"{role} → {name}"
        if role == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], where
        elif role in allowed:
            assert response.status_code in (200, 302), where
            assert "/accounts/login/" not in response.get("Location", ""), where
        else:
            assert response.status_code in (403, 404), where


def _plan_with(n: int) -> Any:
    plan = PlanFactory()
    unit, leader = UnitFactory(name="城管局"), Leader.objects.create(name=f"领导{n}")
    user = Membership.objects.create(user=_user(f"m{n}"), unit=unit).user
    for i in range(n):
        task = full_task(ProjectFactory(plan=plan), unit, leader)
        if i % 2:
            target = task.indicators.get()
            filing = services.Filing(datetime.date(2026, 3, 31), "in_progress", "", {target.pk: Decimal(i)})
            services.file_report(user=user, task=task, filing=filing)
    return plan, user, task


def _user(name: str) -> Any:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user(name)


@pytest.mark.parametrize("n", [2, 20])
def test_supervision_pages_query_counts_do_not_grow(
    client: Client, office: Any, django_assert_max_num_queries: Any, n: int
) -> None:
    plan, unit_user, task = _plan_with(n)
    client.force_login(office)
    for url in [
        reverse("progress:dashboard", args=[plan.pk]),
        reverse("progress:board", args=[plan.pk]),
        reverse("progress:board", args=[plan.pk]) + "?light=none",
        reverse("progress:task", args=[task.pk]),
    ]:
        # 24, the office's seat the plan gate reads, and the 已研判 marks of the rows shown
        with django_assert_max_num_queries(26):
            assert client.get(url).status_code == 200, url
    client.force_login(unit_user)
    with django_assert_max_num_queries(24):
        page = client.get(reverse("progress:mine")).content.decode()
    assert page.count("data-task=") == n


def test_dashboard_counts_what_the_board_holds(client: Client, office: Any) -> None:
    plan, _, _ = _plan_with(4)
    client.force_login(office)
    page = client.get(reverse("progress:dashboard", args=[plan.pk])).content.decode()
    assert "已报送 2/4 项" in page  # two reported, two not: the unreported are not counted as 0
    assert Report.objects.filter(task__project__plan=plan).count() == 2
