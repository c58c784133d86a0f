"""A district plan that lists 上级民生实事 beside its own: those tasks are linked to the
upper plan's task of the same project once the district's office confirms."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.plans.models import Category
from minsheng.regions.models import Allotment
from minsheng.regions.upper import is_upper, link_upper_tasks, project_key, upper_matches

from .factories import ProjectFactory, TaskFactory
from .jurisdiction_world import city_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_user_model: Any) -> dict[str, Any]:
    made = city_world(django_user_model)
    plan = made["plans"][0]
    upper = Category.objects.create(plan=plan, name="二、市级民生实事项目", order=9)
    made["carried"] = TaskFactory(project=ProjectFactory(plan=plan, category=upper, name="推进 停车便利化"))
    own = Category.objects.create(plan=plan, name="区级民生实事", order=1)
    made["own"] = TaskFactory(project=ProjectFactory(plan=plan, category=own, name="推进停车便利化工程"))
    made["marked"] = TaskFactory(project=ProjectFactory(plan=made["plans"][1], name="（市）推进停车便利化"))
    return made


def test_it_tells_upper_projects_by_heading_or_mark() -> None:
    assert is_upper("省政府民生实事", "x") and is_upper("上级民生实事", "x") and is_upper(None, "（省）改造农房")
    assert not is_upper("区级民生实事", "推进停车便利化") and not is_upper("教育", "市场监管")
    assert project_key("（市）推进 停车便利化。") == "推进停车便利化"


def test_the_office_confirms_the_links(world: dict[str, Any], client: Client) -> None:
    wujin_plan = world["plans"][0]
    assert [(m.task, m.parent) for m in upper_matches(wujin_plan)] == [(world["carried"], world["parking"])]
    client.force_login(world["offices"][1])
    assert client.post(reverse("regions:upper", args=[wujin_plan.pk])).status_code == 403
    client.force_login(world["offices"][0])
    page = client.get(reverse("regions:upper", args=[wujin_plan.pk])).content.decode()
    assert "确认关联 1 项" in page and not Allotment.objects.exists()
    page = client.post(reverse("regions:upper", args=[wujin_plan.pk]), follow=True).content.decode()
    assert "已关联上级任务 1 项" in page
    link = Allotment.objects.get()
    assert (link.parent, link.task, link.jurisdiction) == (world["parking"], world["carried"], world["areas"][0])
    assert upper_matches(wujin_plan) == []  # linked once


def test_a_marked_project_links_in_the_other_district(world: dict[str, Any]) -> None:
    made = link_upper_tasks(user=world["offices"][1], plan=world["plans"][1])
    assert [(a.task, a.parent) for a in made] == [(world["marked"], world["parking"])]
