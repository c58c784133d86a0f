"""Pages: content, access for outsiders, and query counts that do not grow with the data."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.plans.models import Leader, Plan, Project, Task

from .factories import PlanFactory, ProjectFactory, UnitFactory, full_task

pytestmark = pytest.mark.django_db


def test_it_lists_published_plans(client: Client, wujin_plan: Plan) -> None:
    PlanFactory(title="内部草稿计划", state=Plan.State.DRAFT)
    response = client.get(reverse("plans:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "2026年武进区民生实事项目任务分解表" in page and "民生实事项目 30 个，票决候选项目 6 个" in page
    assert "内部草稿计划" not in page


def test_it_shows_every_project_and_row_of_the_plan(client: Client, wujin_plan: Plan) -> None:
    page = client.get(wujin_plan.get_absolute_url()).content.decode()
    assert page.count('data-project-status="formal"') == 30
    assert page.count('data-project-status="candidate"') == 6
    assert page.count("data-task=") == Task.objects.filter(project__plan=wujin_plan).count() == 56
    assert "新增公共停车泊位1500个" in page and "公共停车泊位 1500个" in page


def test_it_hides_a_draft_plan_from_outsiders(client: Client, outsider: Any, office: Any) -> None:
    draft = PlanFactory(state=Plan.State.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(outsider)
    assert client.get(draft.get_absolute_url()).status_code == 404
    client.force_login(office)
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_it_shows_a_task_with_its_targets_marked(client: Client, wujin_plan: Plan) -> None:
    task = Task.objects.get(project__plan=wujin_plan, project__name="推进停车便利化")
    page = client.get(task.get_absolute_url()).content.decode()
    assert '<mark class="target" title="公共停车泊位：等于 1500 个">新增公共停车泊位1500个</mark>' in page


def test_it_lists_a_units_tasks_across_plans(client: Client, wujin_plan: Plan) -> None:
    task = Task.objects.get(project__plan=wujin_plan, project__name="推进停车便利化")
    unit = task.lead_units()[0] if hasattr(task, "_prefetched_objects_cache") else task.units.get()
    page = client.get(unit.get_absolute_url()).content.decode()
    assert unit.name == "城管局" and "新增公共停车泊位1500个" in page and "共 1 条" in page


def test_it_searches_task_text_and_units(client: Client, wujin_plan: Plan) -> None:
    page = client.get(reverse("plans:search"), {"q": "停车"}).content.decode()
    assert "新增公共停车泊位1500个" in page
    page = client.get(reverse("plans:search"), {"q": "城管局"}).content.decode()
    assert "新增公共停车泊位1500个" in page and 'class="chip unit">城管局' in page


def _plan_with_tasks(n: int) -> tuple[Plan, Any]:
    plan = PlanFactory()
    unit = UnitFactory(name="住建局")
    leader = Leader.objects.create(name=f"领导{n}")
    for i in range(n):
        project = ProjectFactory(plan=plan, status=Project.Status.FORMAL if i % 2 else Project.Status.CANDIDATE)
        full_task(project, unit, leader)
    return plan, unit


@pytest.mark.parametrize("size", [2, 20])
def test_it_reads_pages_in_queries_that_do_not_grow(
    client: Client, django_assert_max_num_queries: Any, size: int
) -> None:
    plan, unit = _plan_with_tasks(size)
    task = Task.objects.filter(project__plan=plan).first()
    assert task is not None
    pages = [
        (reverse("plans:list"), 2),
        (plan.get_absolute_url(), 6),
        (unit.get_absolute_url(), 7),
        (reverse("plans:search") + "?q=停车", 8),
        (task.get_absolute_url(), 6),
    ]
    for url, queries in pages:
        with django_assert_max_num_queries(queries):
            assert client.get(url).status_code == 200, url


def test_it_serves_the_api_with_the_same_visibility(client: Client, wujin_plan: Plan) -> None:
    draft = PlanFactory(state=Plan.State.DRAFT)
    plans = client.get("/api/plans").json()
    assert [p["id"] for p in plans] == [wujin_plan.pk]
    assert client.get(f"/api/plans/{draft.pk}").status_code == 404
    task = Task.objects.get(project__plan=wujin_plan, project__name="推进停车便利化")
    assert client.get(f"/api/tasks/{task.pk}/indicators").json() == [
        {
            "text": "新增公共停车泊位1500个",
            "name": "公共停车泊位",
            "value": 1500.0,
            "high": None,
            "unit": "个",
            "op": "eq",
        }
    ]
    draft_task = full_task(ProjectFactory(plan=draft), UnitFactory(), Leader.objects.create(name="某"))
    assert client.get(f"/api/tasks/{draft_task.pk}/indicators").status_code == 404
