"""The office's 待办: what waits for it across the plans it runs, each with a count.

A fixed number of queries per published plan (plans are few), none per report or task.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse

from ..accounts.kinds import Actor
from ..plans import access
from ..plans.models import Plan
from ..voting.models import Proposal
from . import metrics, schedule
from .board import build_board
from .models import Report


@dataclass
class TodoItem:
    label: str
    count: int
    url: str


@dataclass
class PlanTodo:
    plan: Plan
    period_label: str
    items: list[TodoItem] = field(default_factory=list)


def newest_versions(reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports no later version of the same task and period has replaced."""
    newer = Report.objects.filter(
        task=OuterRef("task"), period_end=OuterRef("period_end"), version__gt=OuterRef("version")
    )
    return reports.filter(~Exists(newer))


def awaiting_review() -> QuerySet[Report]:
    """待审核: the newest version of each report, not yet reviewed, in plans that run or have
    closed. Closing stops filing, not reviewing: a report filed before the close still counts,
    so the office can still check it (the closing confirmation says so)."""
    running = (Plan.State.PUBLISHED, Plan.State.CLOSED)
    waiting = Report.objects.filter(review=Report.Review.SUBMITTED, task__project__plan__state__in=running)
    return newest_versions(waiting).order_by("filed_at", "pk")


def report_words(report: Report) -> str:
    """A report as people name it: 推进停车便利化 2026年11月 第1版 (never ids or 2026-11 v1)."""
    cycle = report.task.project.plan.cycle
    return f"{report.task.project.name} {schedule.period_label(report.period_end, cycle)} 第{report.version}版"


def returned_not_refiled() -> QuerySet[Report]:
    """Returned and not filed again: the returned version is still the newest."""
    returned = Report.objects.filter(review=Report.Review.RETURNED, task__project__plan__state=Plan.State.PUBLISHED)
    return newest_versions(returned).order_by("reviewed_at", "pk")


def plan_todo(plan: Plan, today: datetime.date) -> PlanTodo:
    """Tasks late (still owing the last period whose report day has passed) and tasks red or
    overdue. Each count is the length of the board list it links to, read from the same board."""
    board_url = reverse("progress:board", args=[plan.pk])
    board = build_board(plan, today)
    result = PlanTodo(plan, schedule.period_label(board.period_end, plan.cycle))
    if board.late_end is not None:
        due = schedule.report_due(board.late_end, plan.report_day)
        units = len({u for r in board.late for u in r.units})
        period = schedule.period_label(board.late_end, plan.cycle)
        label = f"{period}逾期未报送的任务（{due.month}月{due.day}日截止，{units}个单位）"
        result.items.append(TodoItem(label, len(board.late), f"{board_url}?light=late"))
    week_ago = build_board(plan, today - datetime.timedelta(days=7))
    red = {r.id for r in board.rows if r.light == metrics.Light.RED}
    overdue = {r.id for r in board.overdue}
    was_red = {r.id for r in week_ago.rows if r.light == metrics.Light.RED}
    was_overdue = {r.id for r in week_ago.overdue}
    result.items.append(TodoItem("红灯任务", len(red), f"{board_url}?light=red"))
    result.items.append(TodoItem("其中近7天新转红灯", len(red - was_red), f"{board_url}?light=red"))
    result.items.append(TodoItem("逾期未完成的任务", len(overdue), f"{board_url}?light=red"))
    result.items.append(TodoItem("其中近7天新逾期", len(overdue - was_overdue), f"{board_url}?light=red"))
    return result


def proposals_to_screen(user: Actor) -> int:
    """Proposals waiting for this office: those proposed for its own level."""
    own = Proposal.objects.filter(access.supervised_filter(user))
    return own.filter(status=Proposal.Status.RECEIVED).count()
