"""Across years: the same project confirmed by the office, a unit's on-time record year by
year, and a carried-over task's history from its first year."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minsheng.accounts.models import Membership
from minsheng.plans.models import Category, Plan, Task, TaskUnit, Unit
from minsheng.progress.models import Report
from minsheng.regions.models import ProjectLink
from minsheng.regions.years import on_time_record, same_projects

from .factories import PlanFactory, ProjectFactory, TaskFactory
from .jurisdiction_world import city_world

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(datetime.datetime(2026, 4, 10, 10, 0, tzinfo=TZ), tick=False):
        yield


@pytest.fixture
def world(django_user_model: Any) -> dict[str, Any]:
    made = city_world(django_user_model)
    area, plan = made["areas"][0], made["plans"][0]
    last_year = PlanFactory(jurisdiction=area, year=2025, title="武进区2025年民生实事", state=Plan.State.CLOSED)
    for year_plan in (last_year, plan):
        traffic = Category.objects.create(plan=year_plan, name="交通出行")
        ProjectFactory(plan=year_plan, category=traffic, name="推进停车便利化")
        school = Category.objects.create(plan=year_plan, name="教育")
        ProjectFactory(plan=year_plan, category=school, name=f"新建学校{year_plan.year}")
    made["last_year"] = last_year
    return made


def test_the_office_confirms_the_same_project_across_years(world: dict[str, Any], client: Client) -> None:
    plan = world["plans"][0]
    assert [(old.plan.year, new.name) for old, new in same_projects(plan)] == [(2025, "推进停车便利化")]
    url = reverse("regions:years", args=[plan.pk])
    client.force_login(world["offices"][1])
    assert client.get(url).status_code == 403
    client.force_login(world["offices"][0])
    new = plan.projects.get(name="推进停车便利化")
    page = client.post(url, {"project": [new.pk]}, follow=True).content.decode()
    assert "已确认 1 个跨年度同一项目" in page and "2025年：推进停车便利化" in page
    assert ProjectLink.objects.get().earlier.plan == world["last_year"] and same_projects(plan) == []


def _led_task(plan: Plan, unit: Unit) -> Task:
    task = TaskFactory(project=ProjectFactory(plan=plan))
    TaskUnit.objects.create(task=task, unit=unit, role=TaskUnit.Role.LEAD)
    return task


def _filed(task: Task, period_end: datetime.date, filed: datetime.date, **fields: Any) -> Report:
    when = datetime.datetime.combine(filed, datetime.time(10), tzinfo=TZ)
    fields = {"version": 1, "status": "in_progress"} | fields
    return Report.objects.create(task=task, period_end=period_end, filed_at=when, **fields)


def test_a_units_on_time_record_by_year(world: dict[str, Any]) -> None:
    unit = Unit.objects.create(name="武进区住建局")
    old = _led_task(world["last_year"], unit)
    _filed(old, datetime.date(2025, 1, 31), datetime.date(2025, 2, 5))  # on the report day: on time
    _filed(old, datetime.date(2025, 2, 28), datetime.date(2025, 3, 9))  # late
    new = _led_task(world["plans"][0], unit)
    _filed(new, datetime.date(2026, 1, 31), datetime.date(2026, 2, 1))
    with CaptureQueriesContext(connection) as queries:
        records = on_time_record(unit.pk)
    rows = [(r.year, r.owed, r.on_time, r.late, r.missing) for r in records]
    assert rows == [(2025, 12, 1, 1, 10), (2026, 3, 1, 0, 2)]
    _led_task(world["plans"][0], unit)
    _led_task(PlanFactory(jurisdiction=world["areas"][0], year=2024), unit)
    with CaptureQueriesContext(connection) as more:
        records = on_time_record(unit.pk)
    assert len(more) == len(queries) and records[0].year == 2024 and records[-1].owed == 6


def test_a_task_voted_in_mid_year_is_not_late_for_periods_before_it_started(world: dict[str, Any]) -> None:
    """The record reads the one calendar with the task's own start: a project voted in on
    1 March owes March only by 10 April, not January and February."""
    unit = Unit.objects.create(name="武进区民政局")
    voted_in = _led_task(world["plans"][0], unit)
    voted_in.start = datetime.date(2026, 3, 1)
    voted_in.save(update_fields=["start"])
    _filed(voted_in, datetime.date(2026, 1, 31), datetime.date(2026, 3, 20))  # filed, though never asked
    [record] = on_time_record(unit.pk)
    assert (record.year, record.owed, record.on_time, record.late, record.missing) == (2026, 1, 0, 0, 1)
    _filed(voted_in, datetime.date(2026, 3, 31), datetime.date(2026, 4, 2))
    [record] = on_time_record(unit.pk)
    assert (record.owed, record.on_time, record.late, record.missing) == (1, 1, 0, 0)


def test_the_unit_record_page_is_for_the_office_and_the_unit(
    world: dict[str, Any], client: Client, django_user_model: Any
) -> None:
    unit = Unit.objects.create(name="武进区住建局", jurisdiction=world["areas"][0])
    url = reverse("regions:unit_record", args=[unit.pk])
    client.force_login(world["offices"][1])  # another district's office
    assert client.get(url).status_code == 403
    member = django_user_model.objects.create_user("zjj")
    Membership.objects.create(user=member, unit=unit)
    client.force_login(member)
    assert "历年按时报送记录" in client.get(url).content.decode()
    client.force_login(world["city_office"])
    assert client.get(url).status_code == 200


def test_a_carried_over_task_shows_its_whole_history(world: dict[str, Any], client: Client, outsider: Any) -> None:
    unit = Unit.objects.create(name="武进区城管局")
    first = _led_task(world["last_year"], unit)
    _filed(first, datetime.date(2025, 11, 30), datetime.date(2025, 12, 3))
    second = _led_task(world["plans"][0], unit)
    second.carried_from = first
    second.save(update_fields=["carried_from"])
    _filed(second, datetime.date(2026, 2, 28), datetime.date(2026, 3, 3))
    url = reverse("regions:task_history", args=[second.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.force_login(world["offices"][0])
    page = client.get(url).content.decode()
    assert page.index("2025年11月") < page.index("2026年2月") and "2025年 · 武进区2025年民生实事" in page
    assert client.get(reverse("regions:task_history", args=[first.pk])).content.decode().count("年 · ") == 2


def test_the_record_counts_lateness_as_reminders_do(world: dict[str, Any]) -> None:
    """Found by the year simulator (seed 2): a task reported done owes nothing for later
    periods, and a report the office returned is no filing (its resubmission is what counts),
    as 催报 and 连续N期 count them (progress/rules.filings_of)."""
    unit = Unit.objects.create(name="武进区卫健委")
    january = datetime.date(2026, 1, 31)
    _filed(_led_task(world["plans"][0], unit), january, datetime.date(2026, 2, 3), status="done")
    returned = _led_task(world["plans"][0], unit)
    _filed(returned, january, datetime.date(2026, 2, 2), review="returned")
    _filed(returned, january, datetime.date(2026, 2, 20), version=2)
    [record] = on_time_record(unit.pk)
    # done: January on time, nothing after; returned: January late (resubmitted 20 Feb), Feb and March missing
    assert (record.owed, record.on_time, record.late, record.missing) == (4, 1, 1, 2)
