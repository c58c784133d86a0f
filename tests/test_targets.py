"""The office corrects targets; corrections survive re-extraction; the plan's target list and its export."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.documents.store.services import plan_import
from minsheng.indicators.models import Indicator
from minsheng.plans.models import Leader, Plan, Task

from .conftest import SHARED
from .factories import PlanFactory, ProjectFactory, UnitFactory, full_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def parking(wujin_plan: Plan) -> Task:
    return Task.objects.get(project__plan=wujin_plan, project__name="推进停车便利化")


@pytest.fixture
def ai_task(wujin_plan: Plan) -> Task:
    return Task.objects.get(project__plan=wujin_plan, project__name="人工智能赋能教育")


def target_data(**changes: Any) -> dict[str, Any]:
    data = {
        "text": "新增公共停车泊位1500个",
        "name": "公共停车泊位",
        "value": "1600",
        "high": "",
        "unit": "个",
        "op": "gte",
    }
    return data | changes


def test_it_lets_the_office_correct_a_target(client: Client, office: Any, parking: Task) -> None:
    client.force_login(office)
    target = parking.indicators.get()
    response = client.post(reverse("indicators:edit", args=[target.pk]), target_data())
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.value, target.op, target.origin) == (Decimal(1600), "gte", Indicator.Origin.MANUAL)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UPDATE)
    assert entry.before["value"] == 1500 and entry.after["value"] == 1600 and entry.user == office


def test_it_keeps_a_correction_when_targets_are_read_again(client: Client, office: Any, ai_task: Task) -> None:
    client.force_login(office)
    lab = ai_task.indicators.get(unit="个")
    teachers = ai_task.indicators.get(unit="名")
    client.post(
        reverse("indicators:edit", args=[lab.pk]),
        target_data(text=lab.text, name="人工智能教育实验室", value="4", unit="个", op="eq"),
    )
    client.post(reverse("indicators:delete", args=[teachers.pk]))
    client.post(reverse("indicators:reextract", args=[ai_task.pk]))
    readings = sorted((i.value, i.unit, i.origin) for i in ai_task.indicators.all())
    assert readings == [(Decimal(3), "所", "extracted"), (Decimal(4), "个", "manual")]


def test_a_new_version_of_the_plan_keeps_the_corrections(
    client: Client, office: Any, wujin_plan: Plan, ai_task: Task
) -> None:
    client.force_login(office)
    teachers = ai_task.indicators.get(unit="名")
    client.post(reverse("indicators:delete", args=[teachers.pk]))
    client.post(
        reverse("indicators:add", args=[ai_task.pk]),
        target_data(text="AI 课堂反馈系统", name="AI课堂反馈系统", value="1", unit="套", op="eq"),
    )
    plan_import(path=SHARED / "corpus" / "000_1f7f5f0c3bb78009.xlsx", user=office, replace=True)
    task = Task.objects.get(project__plan=wujin_plan, project__name="人工智能赋能教育")
    assert task.pk != ai_task.pk  # really written anew
    assert sorted((i.value, i.unit, i.origin) for i in task.indicators.all()) == [
        (Decimal(1), "套", "manual"),
        (Decimal(3), "个", "extracted"),
        (Decimal(3), "所", "extracted"),
    ]


def test_it_refuses_a_range_without_its_upper_end(client: Client, office: Any, parking: Task) -> None:
    client.force_login(office)
    response = client.post(reverse("indicators:add", args=[parking.pk]), target_data(op="range"))
    assert response.status_code == 422 and "区间指标需要填写上限" in response.content.decode()
    assert parking.indicators.count() == 1


@pytest.mark.parametrize("who", ["anonymous", "outsider"])
def test_it_keeps_everyone_else_from_changing_targets(client: Client, outsider: Any, parking: Task, who: str) -> None:
    if who == "outsider":
        client.force_login(outsider)
    target = parking.indicators.get()
    assert client.post(reverse("indicators:add", args=[parking.pk]), target_data()).status_code == 403
    assert client.post(reverse("indicators:edit", args=[target.pk]), target_data()).status_code == 403
    assert client.get(reverse("indicators:edit", args=[target.pk])).status_code == 403
    assert client.post(reverse("indicators:delete", args=[target.pk])).status_code == 403
    assert client.post(reverse("indicators:reextract", args=[parking.pk])).status_code == 403
    target.refresh_from_db()
    assert (target.value, parking.indicators.count(), AuditEntry.objects.exclude(action="import").count()) == (
        Decimal(1500),
        1,
        0,
    )


def test_it_lists_and_filters_the_plans_targets(client: Client, wujin_plan: Plan, parking: Task) -> None:
    url = reverse("indicators:plan_targets", args=[wujin_plan.pk])
    page = client.get(url).content.decode()
    assert page.count("data-target=") == Indicator.objects.filter(task__project__plan=wujin_plan).count()
    unit = parking.units.get()
    page = client.get(url, {"unit": unit.pk}).content.decode()
    assert page.count("data-target=") == 1 and "新增公共停车泊位1500个" in page
    page = client.get(url, {"op": "approx"}).content.decode()
    assert "培育30名左右的种子教师" in page and "新增公共停车泊位1500个" not in page


def test_it_exports_the_targets_to_excel(client: Client, wujin_plan: Plan) -> None:
    response = client.get(reverse("indicators:plan_targets", args=[wujin_plan.pk]), {"q": "停车", "format": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert rows == [
        (
            "环境改善",
            "推进停车便利化",
            "新增公共停车泊位1500个。",
            "新增公共停车泊位1500个",
            "公共停车泊位",
            1500,
            None,
            "个",
            "等于",
            "城管局",
            "自动识别",
        )
    ]


def test_it_hides_a_draft_plans_targets(client: Client) -> None:
    draft = PlanFactory(state=Plan.State.DRAFT)
    assert client.get(reverse("indicators:plan_targets", args=[draft.pk])).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_it_lists_targets_in_queries_that_do_not_grow(
    client: Client, django_assert_max_num_queries: Any, size: int
) -> None:
    plan = PlanFactory()
    unit, leader = UnitFactory(name="城管局"), Leader.objects.create(name="某某")
    for _ in range(size):
        full_task(ProjectFactory(plan=plan), unit, leader)
    with django_assert_max_num_queries(6):
        assert client.get(reverse("indicators:plan_targets", args=[plan.pk])).status_code == 200
