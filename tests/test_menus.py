"""Menus and links by role: no page offers a link that answers 403 to the user who sees it."""

from __future__ import annotations

import datetime
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import Profile
from minsheng.plans.models import Leader, Task
from minsheng.voting.models import Deputy

pytestmark = pytest.mark.django_db
HREF = re.compile(r'href="(/[^"#]*)"')
SKIP = ("/static/", "/media/", "/accounts/logout/", "/admin/")


def _links(page: str) -> list[str]:
    """Same-site links, one per URL shape (ids replaced), so a plan of 56 tasks costs a few requests."""
    seen: dict[str, str] = {}
    for href in HREF.findall(page):
        href = href.replace("&amp;", "&")
        if not href.startswith(SKIP):
            seen.setdefault(re.sub(r"\d+", "N", href.split("?")[0]), href)
    return list(seen.values())


@pytest.fixture
def people(wujin_plan: Any, member: Any, django_user_model: Any, outsider: Any) -> dict[str, Any]:
    unit = member("城管局")
    leader = django_user_model.objects.create_user("leader")
    Profile.objects.create(user=leader, leader=Leader.objects.get(name="裴晓冬"))
    deputy = django_user_model.objects.create_user("deputy")
    Profile.objects.create(user=deputy, is_deputy=True)
    Deputy.objects.create(user=deputy, name="代表甲", number="D001", delegation="湖塘")
    return {"unit": unit, "leader": leader, "deputy": deputy, "outsider": outsider}


@pytest.mark.parametrize("role", ["unit", "leader", "deputy", "outsider"])
def test_no_link_answers_403(client: Client, people: dict[str, Any], parking_task: Any, role: str) -> None:
    client.force_login(people[role])
    plan = parking_task.project.plan
    other = Task.objects.filter(project__plan=plan).exclude(task_units__unit__name="城管局").first()
    assert other is not None
    starts = [
        "/",
        reverse("accounts:home"),
        reverse("plans:detail", args=[plan.pk]),
        reverse("plans:task", args=[parking_task.pk]),
        reverse("plans:task", args=[other.pk]),
    ]
    if role != "outsider":
        starts.append(reverse("progress:mine"))
    with time_machine.travel(datetime.datetime(2026, 4, 3, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        for start in starts:
            response = client.get(start, follow=True)
            assert response.status_code == 200, start
            for link in _links(response.content.decode()):
                assert client.get(link).status_code != 403, f"{role}: {start} → {link}"


def test_menus_name_only_what_the_role_opens(client: Client, people: dict[str, Any]) -> None:
    client.force_login(people["unit"])
    page = client.get(reverse("progress:mine")).content.decode()
    assert "我的任务" in page and "代表履职" not in page
    assert "下载城管局报送表" in page and "下载教育局报送表" not in page
    client.force_login(people["deputy"])
    page = client.get(reverse("progress:mine"), follow=True).content.decode()  # a deputy's own page
    assert "代表履职" in page and "下载城管局报送表" not in page and "我的任务" not in page
    client.force_login(people["outsider"])
    page = client.get("/").content.decode()
    assert "我的任务" not in page and "代表履职" not in page
