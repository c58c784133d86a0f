"""Cumulative figures go one way: a filed 累计完成数 below the last approved one, or above what a later
period already reports (a May correction of 1400 when June says 662), is a correction the unit must
confirm, never a quick resubmit that sends the series backwards unnoticed. One rule for the form,
the API and the workbook (services.file_report); `confirm_lower` is the confirmation."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from decimal import Decimal

from django.db.models import Q, Subquery

from ..plans.models import Task
from . import schedule
from .filing_rules import CONFIRM_LOWER, FilingInvalid
from .models import Figure, Report


def check_in_step(task: Task, period_end: datetime.date, figures: Mapping[int, Decimal]) -> None:
    """Refuse, saying each figure out of step and what it is out of step with, unless confirmed."""
    lowered, raised = out_of_step(task, period_end, figures)
    said = [f"累计完成数低于上次审核通过的数：{'；'.join(lowered)}"] if lowered else []
    said += [f"累计完成数高于之后已报的数：{'；'.join(raised)}"] if raised else []
    if said:
        message = f"{'；'.join(said)}。累计数应逐期不减；如确属更正，请{CONFIRM_LOWER}后再提交"
        raise FilingInvalid(message, "confirm_lower")


def out_of_step(task: Task, period_end: datetime.date, figures: Mapping[int, Decimal]) -> tuple[list[str], list[str]]:
    """In words: each filed actual below the last approved report's up to the filing's period, and
    each above the newest report (not a returned one) of the next period that has one. One statement:
    the two reports' figures for the filed indicators."""
    if not figures:
        return [], []
    approved = Report.objects.filter(task=task, review=Report.Review.APPROVED, period_end__lte=period_end)
    later = Report.objects.filter(task=task, period_end__gt=period_end).exclude(review=Report.Review.RETURNED)
    rows = Figure.objects.filter(
        Q(report_id=Subquery(approved.order_by("-period_end", "-version").values("pk")[:1]))
        | Q(report_id=Subquery(later.order_by("period_end", "-version").values("pk")[:1])),
        indicator_id__in=list(figures),
    ).values_list("report__period_end", "indicator_id", "indicator__name", "indicator__unit", "actual")
    lowered, raised = [], []
    for period, indicator, name, unit, kept in rows.order_by("pk"):
        filed = figures[indicator]
        label = schedule.period_label(period, task.project.plan.cycle)
        if period <= period_end and filed < kept:
            lowered.append(f"{name} {filed.normalize():f}{unit}（{label}已审核通过 {kept.normalize():f}{unit}）")
        elif period > period_end and filed > kept:
            raised.append(f"{name} {filed.normalize():f}{unit}（{label}已报 {kept.normalize():f}{unit}）")
    return lowered, raised
