"""Issue #27, findings 1, 2, 3 and 7: the year's clock as the pages, reminders, 催办单, counts
and lights tell it. Each test fails if its finding comes back (the pure rules are walked day by
day in test_calendar_simulation.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import Membership
from minsheng.plans.models import Leader, Plan, Task, Unit
from minsheng.plans.services import plan_publish
from minsheng.progress import services
from minsheng.progress.board import build_board
from minsheng.progress.models import Notice
from minsheng.progress.remind import remind, remind_preview
from minsheng.progress.rules import owed_tasks
from minsheng.progress.todo import plan_todo

from .factories import PlanFactory, ProjectFactory, UnitFactory, full_task

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
NOVEMBER, DECEMBER = datetime.date(2026, 11, 30), datetime.date(2026, 12, 31)


def _at(day: datetime.date) -> Any:
    return time_machine.travel(datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=TZ), tick=False)


def _unit_with_tasks(plan: Plan, name: str, n: int = 1) -> tuple[Unit, Any, list[Task]]:
    unit, leader = UnitFactory(name=name), Leader.objects.get_or_create(name=f"领导{plan.pk}")[0]
    user = get_user_model().objects.create_user(f"u{unit.pk}", email=f"u{unit.pk}@example.gov.cn")
    Membership.objects.create(user=user, unit=unit)
    return unit, user, [full_task(ProjectFactory(plan=plan), unit, leader) for _ in range(n)]


def _file(user: Any, task: Task, period_end: datetime.date, filed_on: datetime.date) -> None:
    at = datetime.datetime(filed_on.year, filed_on.month, filed_on.day, 10, tzinfo=TZ)
    target = task.indicators.get()
    filing = services.Filing(period_end, "in_progress", "进展", {target.pk: Decimal(1)}, filed_at=at)
    services.file_report(user=user, task=task, filing=filing)


def _month_ends(until: datetime.date) -> list[datetime.date]:
    ends = [datetime.date(2026, m + 1, 1) - datetime.timedelta(days=1) for m in range(1, 12)] + [DECEMBER]
    return [e for e in ends if e <= until]


# Finding 1 ----------------------------------------------------------------------------------


def test_it_never_chases_december_on_7_december() -> None:
    plan = PlanFactory()
    _unit_with_tasks(plan, "城管局")
    with _at(datetime.date(2026, 12, 7)):
        preview = remind_preview(plan, datetime.date(2026, 12, 7))
        result = remind(plan, datetime.date(2026, 12, 7))
    assert preview.period_end == result.period_end == NOVEMBER  # due 5 December, passed
    assert not Notice.objects.filter(period_end=DECEMBER).exists()
    with _at(datetime.date(2026, 12, 5)):  # November's own report day: not yet late
        assert remind(plan, datetime.date(2026, 12, 5)).period_end == datetime.date(2026, 10, 31)


def test_a_unit_that_always_filed_on_time_gets_no_escalation() -> None:
    plan = PlanFactory(escalate_after=2)
    unit, user, tasks = _unit_with_tasks(plan, "水利局", n=6)
    with _at(datetime.date(2026, 12, 7)):
        for end in _month_ends(datetime.date(2026, 10, 31)):
            for task in tasks:
                _file(user, task, end, end + datetime.timedelta(days=3))
        # November not yet filed: one period missed, not twelve, so no 催办单 at a threshold of two.
        preview = remind_preview(plan, datetime.date(2026, 12, 7))
        result = remind(plan, datetime.date(2026, 12, 7))
    assert [(e.unit.name, e.streak, e.escalate) for e in preview.entries] == [("水利局", 1, False)]
    assert len(result.reminded) == 1 and result.escalated == []


def test_the_escalation_counts_only_the_periods_actually_missed() -> None:
    plan = PlanFactory(escalate_after=2)
    unit, user, (task,) = _unit_with_tasks(plan, "住建局")
    with _at(datetime.date(2026, 12, 7)):
        for end in _month_ends(datetime.date(2026, 8, 31)):
            _file(user, task, end, end + datetime.timedelta(days=2))  # on time to August
        _file(user, task, datetime.date(2026, 9, 30), datetime.date(2026, 10, 20))  # September late
        _file(user, task, datetime.date(2026, 10, 31), datetime.date(2026, 11, 3))  # October on time
        result = remind(plan, datetime.date(2026, 12, 7))  # November never filed
    # Only November was missed in a row (October was on time): 1 < 2, no 催办单.
    assert result.escalated == []
    plan2 = PlanFactory(escalate_after=2)
    unit2, user2, (late_task,) = _unit_with_tasks(plan2, "交通局")
    with _at(datetime.date(2026, 12, 7)):
        for end in _month_ends(datetime.date(2026, 10, 31)):
            _file(user2, late_task, end, end + datetime.timedelta(days=20))  # always after the 5th
        escalation = remind(plan2, datetime.date(2026, 12, 7)).escalated
    assert [n.text for n in escalation] == ["交通局已连续11期未按时报送进度，现发出催办单。"]


def test_remind_asks_first_and_sends_nothing_on_get(client: Client, office: Any) -> None:
    plan = PlanFactory()
    _unit_with_tasks(plan, "城管局", n=2)
    client.force_login(office)
    with _at(datetime.date(2026, 12, 7)):
        dashboard = client.get(reverse("progress:dashboard", args=[plan.pk])).content.decode()
        assert f'href="{reverse("progress:remind", args=[plan.pk])}"' in dashboard
        page = client.get(reverse("progress:remind", args=[plan.pk])).content.decode()
        assert not Notice.objects.exists()
        assert "2026年11月" in page and "城管局" in page and "2 项" in page and "确认发送催报" in page
        assert "催报期：<strong>2026年11月</strong>" in page and "2026年12月进度" not in page
        assert "11 期" in page and "催报提醒＋催办单" in page  # never filed, January to November
        client.post(reverse("progress:remind", args=[plan.pk]))
    sent = Notice.objects.values_list("unit__name", "period_end", "kind").order_by("kind")
    assert list(sent) == [("城管局", NOVEMBER, "escalation"), ("城管局", NOVEMBER, "reminder")]


# Finding 2 ----------------------------------------------------------------------------------


def test_the_late_count_is_the_length_of_the_list_it_opens(client: Client, office: Any) -> None:
    plan = PlanFactory()
    _, user, tasks = _unit_with_tasks(plan, "城管局", n=3)
    _unit_with_tasks(plan, "教育局", n=2)
    with _at(datetime.date(2026, 12, 7)):
        _file(user, tasks[0], NOVEMBER, datetime.date(2026, 12, 3))
        item = plan_todo(plan, datetime.date(2026, 12, 7)).items[0]
        client.force_login(office)
        listing = client.get(item.url).content.decode()
    assert item.label == "2026年11月逾期未报送的任务（12月5日截止，2个单位）" and item.count == 4
    assert f"任务（{item.count}）" in listing


def test_a_task_voted_in_this_month_is_not_late_for_last_month(office: Any) -> None:
    plan = PlanFactory()
    _unit_with_tasks(plan, "城管局", n=2)
    _, _, (voted,) = _unit_with_tasks(plan, "民政局")
    Task.objects.filter(pk=voted.pk).update(start=datetime.date(2026, 12, 2))  # 票决增补 on 2 December
    with _at(datetime.date(2026, 12, 7)):
        board = build_board(plan, datetime.date(2026, 12, 7))
        preview = remind_preview(plan, datetime.date(2026, 12, 7))
    assert voted.pk not in {r.id for r in board.late} and len(board.late) == 2
    assert voted.pk in {r.id for r in board.missing}  # December is its first period
    assert [e.unit.name for e in preview.entries] == ["城管局"]


def test_a_project_voted_into_a_running_plan_starts_that_day(office: Any) -> None:
    from minsheng.voting.services import _starts_today

    plan = PlanFactory()
    _, _, (task,) = _unit_with_tasks(plan, "民政局")
    with _at(datetime.date(2026, 7, 15)):
        _starts_today(plan, task.project)
    task.refresh_from_db()
    assert task.start == datetime.date(2026, 7, 15)
    assert not owed_tasks(plan, datetime.date(2026, 6, 30)).filter(pk=task.pk).exists()
    assert owed_tasks(plan, datetime.date(2026, 7, 31)).filter(pk=task.pk).exists()


# Finding 3 ----------------------------------------------------------------------------------


def test_a_2027_plan_published_in_december_2026_asks_nothing_of_2026(office: Any) -> None:
    plan = PlanFactory(year=2027, state=Plan.State.DRAFT)
    _unit_with_tasks(plan, "城管局")
    with _at(datetime.date(2026, 12, 7)):
        plan_publish(user=office, plan=plan)
        board = build_board(plan, datetime.date(2026, 12, 7))
        assert remind(plan, datetime.date(2026, 12, 7)).period_end is None
        assert services.allowed_periods(plan, datetime.date(2026, 12, 7)) == []
    assert board.period_end == datetime.date(2027, 1, 31) and board.late == []
    assert owed_tasks(plan, DECEMBER).count() == 0
    with _at(datetime.date(2027, 2, 6)):
        assert remind(plan, datetime.date(2027, 2, 6)).period_end == datetime.date(2027, 1, 31)


def test_a_2024_plan_published_today_is_not_red_for_what_it_never_could_file(office: Any) -> None:
    plan = PlanFactory(year=2024, state=Plan.State.DRAFT)
    _unit_with_tasks(plan, "城管局", n=3)
    Task.objects.filter(project__plan=plan).update(due=datetime.date(2024, 12, 31))
    with _at(datetime.date(2026, 12, 7)):
        plan_publish(user=office, plan=plan)
        board = build_board(plan, datetime.date(2026, 12, 7))
        assert remind(plan, datetime.date(2026, 12, 7)).period_end is None
        # The office may still enter the year's figures: filing stays open for 2024's periods.
        assert services.allowed_periods(plan, datetime.date(2026, 12, 7))[-1] == datetime.date(2024, 12, 31)
    assert plan.published_on == datetime.date(2026, 12, 7)
    assert {r.light for r in board.rows} == {"none"} and board.overdue == [] and board.late == []


# Finding 7 ----------------------------------------------------------------------------------


def test_a_closed_plans_task_shows_no_report_form_and_says_why(client: Client) -> None:
    plan = PlanFactory()
    _, user, (task,) = _unit_with_tasks(plan, "城管局")
    client.force_login(user)
    with _at(datetime.date(2026, 6, 10)):
        assert 'id="report"' in client.get(reverse("progress:task", args=[task.pk])).content.decode()
        Plan.objects.filter(pk=plan.pk).update(state=Plan.State.CLOSED)
        page = client.get(reverse("progress:task", args=[task.pk])).content.decode()
    assert 'id="report"' not in page and "该计划已结束，不再报送进度" in page


def test_closing_names_the_reports_awaiting_review(client: Client, office: Any) -> None:
    plan = PlanFactory()
    _, user, tasks = _unit_with_tasks(plan, "城管局", n=3)
    with _at(datetime.date(2026, 6, 10)):
        for task in tasks[:2]:
            _file(user, task, datetime.date(2026, 5, 31), datetime.date(2026, 6, 3))
        client.force_login(office)
        page = client.get(reverse("plans:state", args=[plan.pk]) + "?to=closed").content.decode()
    assert "还有 <strong>2</strong> 份报告待审核" in page and "确认结束计划" in page
