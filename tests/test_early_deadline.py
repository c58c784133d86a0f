"""A deadline typed before the plan's year (2027年12月底 in a 2028 plan): the publish step names
it, and the pages that forecast from it still answer (the span was zero days: a 500)."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
import time_machine
from django.test import Client

from minsheng.plans.models import Plan, Task
from minsheng.plans.services import publish_gaps
from minsheng.progress import schedule

pytestmark = pytest.mark.django_db


def test_a_deadline_before_the_plans_year_is_named_and_breaks_no_page(
    client: Client, office: Any, wujin_plan: Plan
) -> None:
    wujin_plan.year = 2028
    wujin_plan.save(update_fields=["year"])
    task = Task.objects.filter(project__plan=wujin_plan, due__isnull=False).order_by("pk").first()
    assert task is not None and task.due is not None and task.due.year < 2028
    task.due = datetime.date(2027, 12, 31)
    task.save(update_fields=["due"])
    gaps = publish_gaps(wujin_plan)
    assert gaps and any("2027-12-31" in line for line in gaps.early)
    client.force_login(office)
    pages = (f"/plans/{wujin_plan.pk}/dashboard/", f"/progress/tasks/{task.pk}/", f"/plans/{wujin_plan.pk}/bulletin/")
    for url in pages:
        assert client.get(url).status_code == 200, url
    wujin_plan.state = Plan.State.DRAFT
    wujin_plan.save(update_fields=["state"])
    page = client.get(f"/plans/{wujin_plan.pk}/state/?to=published").content.decode()
    assert "条任务的完成时间早于计划年度" in page


def test_it_counts_a_task_due_before_its_plans_year_as_overdue_once_the_date_has_passed(
    client: Client, office: Any, wujin_plan: Plan
) -> None:
    # A 2027 plan read in December 2026 holds a task typed as due in November 2026: the
    # warning at publishing was passed over. Its 序时 is 100% and it says 逾期, not 0.0%.
    wujin_plan.year = 2027
    wujin_plan.save(update_fields=["year"])
    task = Task.objects.filter(project__plan=wujin_plan, due__isnull=False).order_by("pk").first()
    assert task is not None
    task.due = datetime.date(2026, 11, 30)
    task.save(update_fields=["due"])
    client.force_login(office)
    with time_machine.travel(datetime.datetime(2026, 12, 7, 9, tzinfo=datetime.UTC), tick=False):
        page = client.get(f"/progress/tasks/{task.pk}/").content.decode()
        board = client.get(f"/plans/{wujin_plan.pk}/dashboard/").content.decode()
    assert re.search(r"data-expected>100\.0%<", page), re.findall(r"data-expected>[^<]*<", page)
    assert "data-overdue>已逾期" in page
    row = re.search(rf'<tr data-task="{task.pk}">.*?</tr>', board, re.S)
    assert row is not None and "100.0%" in row.group(0) and "已逾期" in row.group(0)


def test_it_runs_every_span_through_the_one_calendar() -> None:
    cal = schedule.PlanCalendar("monthly", 5, datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))
    early = datetime.date(2026, 11, 30)
    assert cal.span(None, early) == (early, early)  # never inverted
    assert cal.expected(datetime.date(2026, 12, 7), None, early) == 100
    assert cal.expected(datetime.date(2026, 11, 1), None, early) == 0
    assert cal.span(datetime.date(2027, 7, 1), None) == (datetime.date(2027, 7, 1), datetime.date(2027, 12, 31))
    assert cal.expected(datetime.date(2027, 3, 31), None, None) == schedule.expected_share(
        datetime.date(2027, 3, 31), datetime.date(2027, 1, 1), datetime.date(2027, 12, 31)
    )
