"""A deadline typed before the plan's year (2027年12月底 in a 2028 plan): the publish step names
it, and the pages that forecast from it still answer (the span was zero days: a 500)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from minsheng.plans.models import Plan, Task
from minsheng.plans.services import publish_gaps

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
