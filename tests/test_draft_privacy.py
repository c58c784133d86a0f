"""A draft is its office's working copy (DESIGN: drafts are the office's; the draft page says
草稿只有督查室可见): the city above reads a district's plan once it is published, a sibling
office never reads it, and neither meets it in a list, the search, the API, a download, the
roll-up or a task's history. The owning office still reads it everywhere."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from minsheng.plans.models import Plan, Task, TaskUnit
from minsheng.regions.upper import upper_matches
from minsheng.regions.years import task_history

from .factories import PlanFactory, ProjectFactory, TaskFactory
from .jurisdiction_world import city_world, draft

pytestmark = pytest.mark.django_db
SECRET = "草稿里尚未公开的口袋公园"


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(datetime.datetime(2026, 4, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def world(django_user_model: Any) -> dict[str, Any]:
    world = city_world(django_user_model)
    wujin_plan = draft(world["plans"][0])
    task = Task.objects.filter(project__plan=wujin_plan).get()
    task.content = f"建设{SECRET}3个"
    task.save(update_fields=["content"])
    return world | {"draft": wujin_plan, "task": task}


def _readers(world: dict[str, Any]) -> dict[str, Any]:
    return {"city": world["city_office"], "sibling": world["offices"][1]}


@pytest.mark.parametrize("who", ["city", "sibling"])
def test_it_hides_a_districts_draft_from_the_city_and_the_sibling(
    world: dict[str, Any], client: Client, who: str
) -> None:
    plan, task = world["draft"], world["task"]
    user = _readers(world)[who]
    assert plan not in Plan.objects.visible_to(user) and task not in Task.objects.visible_to(user)
    client.force_login(user)
    hidden = [
        reverse("plans:detail", args=[plan.pk]),
        reverse("progress:dashboard", args=[plan.pk]),
        reverse("progress:board", args=[plan.pk]),
        reverse("reports:bulletin", args=[plan.pk]),
        reverse("progress:task", args=[task.pk]),
        reverse("regions:task_history", args=[task.pk]),
        reverse("reports:task_table", args=[plan.pk, "xlsx"]),
        reverse("reports:public_xlsx", args=[plan.pk]),
        f"/api/plans/{plan.pk}",
        f"/api/plans/{plan.pk}/tasks",
        f"/api/plans/{plan.pk}/progress",
        f"/api/tasks/{task.pk}/reports",
    ]
    for url in hidden:
        assert client.get(url).status_code == 404, url
    listed = client.get(reverse("plans:list")).content.decode()
    assert plan.title not in listed and world["plans"][1].title in listed
    found = client.get(reverse("plans:search"), {"q": SECRET}).content.decode()
    assert "共找到 0 条任务" in found
    assert plan.pk not in [p["id"] for p in client.get("/api/plans").json()]
    if who == "city":
        rollup = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
        assert plan.title not in rollup
        drill = client.get(reverse("regions:rollup", args=[plan.jurisdiction_id]))
        assert drill.status_code == 200 and SECRET not in drill.content.decode()


def test_the_owning_office_still_reads_its_draft(world: dict[str, Any], client: Client) -> None:
    plan, task = world["draft"], world["task"]
    client.force_login(world["offices"][0])
    for url in (reverse("plans:detail", args=[plan.pk]), reverse("progress:task", args=[task.pk])):
        assert client.get(url).status_code == 200, url
    assert "共找到 1 条任务" in client.get(reverse("plans:search"), {"q": SECRET}).content.decode()
    assert plan.pk in [p["id"] for p in client.get("/api/plans").json()]


def test_a_year_carried_into_a_draft_is_not_in_the_history_others_read(world: dict[str, Any]) -> None:
    # 新北区's published 2026 task carried into its 2027 draft: the city follows it to 2026 only.
    xinbei_plan = world["plans"][1]
    old = Task.objects.filter(project__plan=xinbei_plan).get()
    later = PlanFactory(jurisdiction=xinbei_plan.jurisdiction, year=2027, title="新北区2027年民生实事")
    carried = TaskFactory(project=ProjectFactory(plan=draft(later)), content=f"续建{SECRET}", carried_from=old)
    TaskUnit.objects.create(task=carried, unit=old.task_units.get().unit, role=TaskUnit.Role.LEAD)
    city, own = world["city_office"], world["offices"][1]
    assert [t for t, _ in task_history(old, Task.objects.visible_to(city))] == [old]
    assert [t for t, _ in task_history(old, Task.objects.visible_to(own))] == [old, carried]


def test_a_district_is_not_offered_the_citys_draft_to_link(world: dict[str, Any]) -> None:
    xinbei_plan = world["plans"][1]
    parent = world["parking"]  # the city's 推进停车便利化
    carried = ProjectFactory(plan=xinbei_plan, name=f"（市）{parent.project.name}")  # the city's, carried here
    TaskFactory(project=carried, content="新增公共停车泊位300个")
    assert [m.parent for m in upper_matches(xinbei_plan)] == [parent]
    draft(world["city_plan"])
    assert upper_matches(xinbei_plan) == []
