"""The office's 待办 and the review queue: counts with links, walking through waiting
reports (approve, return with a comment, next), bulk approval; outsiders get 403."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minsheng.accounts.models import Membership
from minsheng.plans.models import Jurisdiction, Leader, Plan
from minsheng.progress import services
from minsheng.progress.models import Report
from minsheng.voting.models import Proposal

from .factories import PlanFactory, ProjectFactory, UnitFactory, full_task
from .jurisdiction_world import seat

pytestmark = pytest.mark.django_db
APRIL_10 = datetime.datetime(2026, 4, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
MARCH = datetime.date(2026, 3, 31)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(APRIL_10, tick=False):
        yield


def _plan_with(n: int, reported: int) -> tuple[Plan, Any, list[Any]]:
    """A published plan of n tasks led by one unit, of which `reported` have a March report waiting."""
    plan = PlanFactory()
    unit, leader = UnitFactory(name=f"城管局{plan.pk}"), Leader.objects.create(name=f"领导{plan.pk}")
    user = get_user_model().objects.create_user(f"m{plan.pk}")
    Membership.objects.create(user=user, unit=unit)
    tasks = [full_task(ProjectFactory(plan=plan), unit, leader) for _ in range(n)]
    for task in tasks[:reported]:
        target = task.indicators.get()
        filing = services.Filing(MARCH, "in_progress", "进展", {target.pk: Decimal(3)})
        services.file_report(user=user, task=task, filing=filing)
    return plan, user, tasks


def test_it_counts_what_waits_for_the_office(client: Client, office: Any) -> None:
    plan, user, tasks = _plan_with(4, 3)
    returned = Report.objects.get(task=tasks[0])
    services.review_report(user=office, report=returned, approve=False, comment="请补充")
    Proposal.objects.create(title="建口袋公园", content="在某地", proposer="张三", contact="1", code="ABC123")
    closed, _, _ = _plan_with(2, 2)
    # A closed plan asks for no report, but what was filed before closing still awaits review.
    Plan.objects.filter(pk=closed.pk).update(state=Plan.State.CLOSED)
    client.force_login(office)
    page = client.get(reverse("progress:todo")).content.decode()
    body = page.split('id="todo-review"')[1]
    assert f'<a href="{reverse("progress:queue")}">4</a>' in body  # tasks 1 and 2 (0 returned), the closed 2
    assert '<a href="#returned">1</a>' in page and "请补充" in page
    assert f'<a href="{reverse("voting:proposals")}">1</a>' in page
    plan_section = page.split(f'data-plan="{plan.pk}"')[1].split("</section>")[0]
    # Task 4 never filed and task 1's only March report was returned: a returned report is no filing.
    assert "2026年3月逾期未报送的任务（4月5日截止，1个单位）" in plan_section and "<strong>2</strong>" in plan_section
    assert f'data-plan="{closed.pk}"' not in page


def test_an_office_login_lands_on_todo(client: Client, office: Any) -> None:
    client.force_login(office)
    assert client.get(reverse("accounts:home"))["Location"] == reverse("progress:todo")


def test_the_queue_walks_approves_returns_and_skips(client: Client, office: Any) -> None:
    plan, user, tasks = _plan_with(3, 3)
    first, second, third = (Report.objects.get(task=t) for t in tasks)
    client.force_login(office)
    assert f'data-report="{first.pk}"' in client.get(reverse("progress:queue")).content.decode()
    response = client.post(reverse("progress:queue_review", args=[first.pk]), {"decision": "approve"})
    page = client.get(response["Location"]).content.decode()
    assert f'data-report="{second.pk}"' in page
    # Returning without a comment is refused and stays on the same report.
    response = client.post(reverse("progress:queue_review", args=[second.pk]), {"decision": "return", "comment": ""})
    assert f'data-report="{second.pk}"' in client.get(response["Location"]).content.decode()
    client.post(reverse("progress:queue_review", args=[second.pk]), {"decision": "return", "comment": "数据不全"})
    skipped = client.get(reverse("progress:queue") + f"?after={third.pk}").content.decode()
    assert "已到队尾；跳过的 1 份仍待审核" in skipped  # the third, skipped: the header's count
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.review, second.review, second.review_comment) == ("approved", "returned", "数据不全")


def test_bulk_approval_approves_the_ticked_reports_only(client: Client, office: Any) -> None:
    plan, user, tasks = _plan_with(3, 3)
    reports = [Report.objects.get(task=t) for t in tasks]
    client.force_login(office)
    client.post(reverse("progress:review_batch"), {"report": [reports[0].pk, reports[1].pk]})
    assert [Report.objects.get(pk=r.pk).review for r in reports] == ["approved", "approved", "submitted"]
    response = client.post(reverse("progress:review_batch"), {"report": [reports[0].pk]}, follow=True)
    assert "不能重复审核" in response.content.decode()


def test_a_batch_with_a_neighbours_report_is_refused_whole(client: Client, django_user_model: Any) -> None:
    city = Jurisdiction.objects.create(name="常州市", level=Jurisdiction.Level.CITY)
    wujin, jintan = (
        Jurisdiction.objects.create(name=n, level=Jurisdiction.Level.COUNTY, parent=city) for n in ["武进区", "金坛区"]
    )
    theirs, _u, their_tasks = _plan_with(2, 2)
    mine, _v, my_tasks = _plan_with(1, 1)
    Plan.objects.filter(pk=theirs.pk).update(jurisdiction=wujin)
    Plan.objects.filter(pk=mine.pk).update(jurisdiction=jintan)
    their_reports = [Report.objects.get(task=t).pk for t in their_tasks]
    my_report = Report.objects.get(task=my_tasks[0]).pk
    client.force_login(seat(django_user_model, "office-jintan", jintan))
    url = reverse("progress:review_batch")
    assert client.post(url, {"report": their_reports}).status_code == 404
    assert client.post(url, {"report": [my_report, *their_reports]}).status_code == 404
    assert client.post(url, {"report": [my_report, 10**6]}).status_code == 404  # as a missing id does
    assert set(Report.objects.values_list("review", flat=True)) == {"submitted"}
    page = client.post(url, {"report": [my_report, my_report]}, follow=True).content.decode()
    assert "已批量通过 1 份报告" in page
    assert Report.objects.get(pk=my_report).review == "approved"
    assert set(Report.objects.filter(pk__in=their_reports).values_list("review", flat=True)) == {"submitted"}


@pytest.mark.parametrize("who", ["anonymous", "outsider", "unit"])
def test_outsiders_get_nothing(client: Client, outsider: Any, who: str) -> None:
    plan, user, tasks = _plan_with(1, 1)
    report = Report.objects.get(task=tasks[0])
    if who != "anonymous":
        client.force_login(outsider if who == "outsider" else user)
    for method, url, data in [
        ("get", reverse("progress:todo"), {}),
        ("get", reverse("progress:queue"), {}),
        ("post", reverse("progress:queue_review", args=[report.pk]), {"decision": "approve"}),
        ("post", reverse("progress:review_batch"), {"report": [report.pk]}),
    ]:
        response = getattr(client, method)(url, data)
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        else:
            assert response.status_code == 403, url
    assert Report.objects.get(pk=report.pk).review == "submitted"


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


def test_query_counts_do_not_grow_with_reports(client: Client, office: Any) -> None:
    client.force_login(office)
    _plan_with(2, 1)
    small = {url: _queries(client, url) for url in (reverse("progress:todo"), reverse("progress:queue"))}
    _plan_with(30, 25)  # one more plan costs a fixed few; more reports cost nothing
    plan_cost = _queries(client, reverse("progress:todo")) - small[reverse("progress:todo")]
    _plan_with(40, 40)
    assert _queries(client, reverse("progress:todo")) <= small[reverse("progress:todo")] + 2 * plan_cost
    assert _queries(client, reverse("progress:queue")) == small[reverse("progress:queue")]
    assert plan_cost <= 25  # two boards (today and a week ago) and the late units


def test_the_late_period_is_the_last_whose_report_day_passed() -> None:
    from minsheng.progress.schedule import last_due_period

    assert last_due_period(datetime.date(2026, 4, 10), "monthly", 5) == datetime.date(2026, 3, 31)
    assert last_due_period(datetime.date(2026, 4, 5), "monthly", 5) == datetime.date(2026, 2, 28)
    assert last_due_period(datetime.date(2026, 4, 10), "quarterly", 5) == datetime.date(2026, 3, 31)
    assert last_due_period(datetime.date(2026, 4, 3), "quarterly", 5) == datetime.date(2025, 12, 31)


def test_it_counts_tasks_turned_red_this_week(client: Client, office: Any) -> None:
    from minsheng.plans.models import Task

    plan, user, tasks = _plan_with(2, 0)
    Task.objects.filter(pk=tasks[0].pk).update(due=datetime.date(2026, 4, 7))  # overdue since 8 April
    Task.objects.filter(pk=tasks[1].pk).update(due=datetime.date(2026, 3, 1))  # overdue for weeks
    client.force_login(office)
    section = client.get(reverse("progress:todo")).content.decode().split(f'data-plan="{plan.pk}"')[1]
    counts = dict(re.findall(r"<li>([^：<]+)：<a [^>]*><strong>(\d+)</strong>", section))
    assert counts["红灯任务"] == "2" and counts["其中近7天新转红灯"] == "1"
    assert counts["逾期未完成的任务"] == "2" and counts["其中近7天新逾期"] == "1"


def test_a_report_of_several_lead_units_names_them_apart(client: Client, office: Any) -> None:
    from minsheng.plans.models import TaskUnit

    plan, _, tasks = _plan_with(1, 1)
    for name in ("妇联", "公安分局"):
        TaskUnit.objects.create(task=tasks[0], unit=UnitFactory(name=name), role=TaskUnit.Role.LEAD, order=9)
    client.force_login(office)
    page = client.get(reverse("progress:todo")).content.decode()
    lead = tasks[0].task_units.filter(role="lead").order_by("order", "pk").first().unit.name
    assert f"{lead}、妇联、公安分局报送）" in page
