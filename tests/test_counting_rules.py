"""One definition of which report counts and of what is still owed (progress/rules.py):
the dashboard, the to-do list and the reminders ask the same question and get one answer."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minsheng.progress import services
from minsheng.progress.board import build_board
from minsheng.progress.models import Report
from minsheng.progress.remind import missing_by_unit
from minsheng.progress.rules import counting_report_of, owed_tasks

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
MARCH = datetime.date(2026, 3, 31)


def _file(user: Any, task: Any, end: datetime.date, status: str, base: int) -> Report:
    target = task.indicators.get()
    filing = services.Filing(end, status, "", {target.pk: Decimal(303)}, base_version=base)
    return services.file_report(user=user, task=task, filing=filing)


def _owed_on_the_board(plan: Any) -> set[int]:
    return {row.id for row in build_board(plan, datetime.date(2026, 4, 3)).missing}


def _owed_in_the_reminders(plan: Any) -> set[int]:
    return {task.pk for tasks in missing_by_unit(plan, MARCH).values() for task in tasks}


def test_a_done_version_replaced_by_a_later_one_no_longer_excuses_the_task(
    wujin_plan: Any, member: Any, parking_task: Any
) -> None:
    """Before: the reminders skipped a task that had ever said 已完成 in a version never checked and
    since replaced, while the dashboard listed it as owing; the two disagreed on this task."""
    reporter = member("城管局")
    with time_machine.travel(datetime.datetime(2026, 3, 3, 9, tzinfo=TZ), tick=False):
        _file(reporter, parking_task, datetime.date(2026, 2, 28), "done", 0)
        second = _file(reporter, parking_task, datetime.date(2026, 2, 28), "in_progress", 1)
    with time_machine.travel(datetime.datetime(2026, 4, 3, 9, tzinfo=TZ), tick=False):
        assert counting_report_of(parking_task) == second.pk
        board, reminders = _owed_on_the_board(wujin_plan), _owed_in_the_reminders(wujin_plan)
        assert parking_task.pk in board and parking_task.pk in reminders
        lead_tasks = set(owed_tasks(wujin_plan, MARCH).filter(task_units__role="lead").values_list("pk", flat=True))
        assert reminders == lead_tasks and lead_tasks <= board


def test_a_task_done_and_counted_owes_nothing_anywhere(wujin_plan: Any, member: Any, parking_task: Any) -> None:
    reporter = member("城管局")
    with time_machine.travel(datetime.datetime(2026, 3, 3, 9, tzinfo=TZ), tick=False):
        _file(reporter, parking_task, datetime.date(2026, 2, 28), "done", 0)
    with time_machine.travel(datetime.datetime(2026, 4, 3, 9, tzinfo=TZ), tick=False):
        assert parking_task.pk not in _owed_on_the_board(wujin_plan)
        assert parking_task.pk not in _owed_in_the_reminders(wujin_plan)
