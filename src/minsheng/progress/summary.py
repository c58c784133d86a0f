"""Where each task stands today (TaskProgress), kept by the services that change it.

The rule is said once, in `compute`: a task's counting report (Report.counts, the latest version
not returned), its period and status, and its completion from its figures against the targets in
force at that period's end (indicators.models.value_in_force), weighted as metrics.task_completion
weighs them. The plan board computes the same from the figures it shows; the roll-ups read the
stored row, one per task, instead of the task's report, targets and figures.

Who calls `refresh` (or `keep`, its one-task form for a task whose counting report is known):
progress.services.recount (every filing and review, which is every change of Report.counts,
through `keep`) and the target services (indicators.services: a target saved, deleted,
re-read or changed from a date). Nothing else writes reports, figures or targets of a task
that has reports; a new task has none, and a deleted one takes its row with it (CASCADE).
`rebuild` recomputes whole plans: the migration that made the table, and `minsheng
rebuild-progress` after a bulk load or to check an install.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from contextlib import nullcontext
from dataclasses import dataclass, replace
from typing import Any

from django.db import transaction
from django.db.models import FloatField, OuterRef, Q, Subquery
from django.db.models.functions import Cast

from ..indicators.models import Indicator, value_in_force
from ..plans.models import Plan, Task
from . import metrics
from .board import as_float, fetch_rows
from .models import Figure, Report, TaskProgress

FIELDS = ["plan", "report", "period_end", "status", "completion"]
APPROVED_FIELDS = ["approved_report", "approved_period_end", "approved_status", "approved_completion"]
# The approved standing: (report, period_end, status, completion) of the latest approved version.
Approved = tuple[int, datetime.date, str, float | None]


@dataclass(frozen=True)
class Standing:
    plan_id: int
    report_id: int
    period_end: datetime.date
    status: str
    completion: float | None
    approved: Approved | None = None  # the same counting approved reports only (metrics.Basis.APPROVED)


def compute(tasks: Q) -> dict[int, Standing]:
    """The standing of each task matching `tasks` (a filter on Task) that has a counting report,
    computed from its reports, targets and figures, with its approved standing: six queries
    whatever the number of tasks."""
    scope = Task.objects.filter(tasks).values("pk")
    filed = _standings(scope, Report.objects.filter(task__in=scope, counts=True).order_by())
    latest_approved = Task.objects.filter(tasks).annotate(r=approved_report_id()).values("r")
    approved = _standings(scope, Report.objects.filter(pk__in=latest_approved).order_by())
    return {task_id: replace(s, approved=_approved(approved.get(task_id))) for task_id, s in filed.items()}


def approved_report_id() -> Subquery:
    """For a Task queryset: its latest approved version (the approved standing's report)."""
    reports = Report.objects.filter(task=OuterRef("pk"), review=Report.Review.APPROVED)
    return Subquery(reports.order_by("-period_end", "-version").values("pk")[:1])


def _approved(standing: Standing | None) -> Approved | None:
    if standing is None:
        return None
    return (standing.report_id, standing.period_end, standing.status, standing.completion)


def _standings(scope: Any, reports: Any) -> dict[int, Standing]:
    """The standing each of `reports` (one per task at most) gives its task: three queries."""
    found = reports.values_list("task_id", "pk", "period_end", "status", "task__project__plan_id")
    counting = {task_id: (pk, end, status, plan_id) for task_id, pk, end, status, plan_id in found}
    # indicator → task, op, weight (its value is the one in force at the figure's period, below)
    targets: dict[int, tuple[int, str, float]] = {}
    # In the board's order (order, pk), so the weighted sum adds up in the same order.
    indicators = Indicator.objects.filter(task__in=scope).order_by("task_id", "order", "pk")
    for pk, task_id, op, weight in fetch_rows(indicators.values_list("pk", "task_id", "op", as_float("weight"))):
        if task_id in counting:
            targets[pk] = (task_id, op, weight)
    figures = Figure.objects.filter(report__in=reports.values("pk")).order_by()
    figures = figures.annotate(target=Cast(value_in_force(), FloatField()))
    measured: dict[int, tuple[float, float]] = {}  # indicator → value in force, actual
    for indicator_id, actual, value in fetch_rows(figures.values_list("indicator_id", as_float("actual"), "target")):
        measured[indicator_id] = (value, actual)
    shares: dict[int, list[tuple[float | None, float]]] = defaultdict(list)
    for pk, (task_id, op, weight) in targets.items():
        share = None
        if pk in measured:
            share = metrics.indicator_share(measured[pk][0], op, measured[pk][1])
        shares[task_id].append((share, weight))
    return {
        task_id: Standing(plan_id, pk, end, status, metrics.task_completion(status, shares.get(task_id, [])))
        for task_id, (pk, end, status, plan_id) in counting.items()
    }


def compute_one(task_id: int, counting: tuple[int, datetime.date, str, int]) -> Standing:
    """The standing of one task whose counting report is known ((pk, period_end, status, plan),
    as rules.counting_now gives it): the rule of `compute` in one query, each of the task's
    indicators in the board's order with its figure in that report and its value in force then."""
    report_id, period_end, status, plan_id = counting
    figure = Figure.objects.filter(report_id=report_id, indicator_id=OuterRef("pk")).values(a=as_float("actual"))
    indicators = Indicator.objects.filter(task_id=task_id).order_by("order", "pk")
    rows = indicators.values_list(
        "op", as_float("weight"), Subquery(figure[:1]), Cast(value_in_force(period_end, "pk"), FloatField())
    )
    shares = [
        (None if actual is None else metrics.indicator_share(value, op, actual), weight)
        for op, weight, actual, value in fetch_rows(rows)
    ]
    return Standing(plan_id, report_id, period_end, status, metrics.task_completion(status, shares))


def keep(task_id: int, counting: tuple[int, datetime.date, str, int] | None, approved: bool = True) -> None:
    """One task's row after its counting report was marked (progress.services.recount): one
    read and one write, the same row `refresh` would write (tests/test_task_progress.py); then,
    unless the caller knows no approval changed (`approved=False`: a new filing), the approved
    standing (two reads and one write)."""
    if counting is None:
        TaskProgress.objects.filter(task_id=task_id).delete()
        return
    rows = _rows({task_id: compute_one(task_id, counting)})
    # A new row's approved standing is none: a task with an approved report has a counting one.
    TaskProgress.objects.bulk_create(rows, update_conflicts=True, unique_fields=["task"], update_fields=FIELDS)
    if approved:
        keep_approved(task_id)


def keep_approved(task_id: int) -> None:
    """The task's approved standing, on its row (which exists: an approved report counts)."""
    fields = ("pk", "period_end", "status", "task__project__plan_id")
    reports = Report.objects.filter(task_id=task_id, review=Report.Review.APPROVED)
    latest = reports.order_by("-period_end", "-version").values_list(*fields).first()
    standing = None if latest is None else _approved(compute_one(task_id, latest))  # type: ignore[arg-type]
    TaskProgress.objects.filter(task_id=task_id).update(**_approved_columns(standing))


def _approved_columns(standing: Approved | None) -> dict[str, Any]:
    report, end, status, completion = standing or (None, None, "", None)
    return {
        "approved_report_id": report,
        "approved_period_end": end,
        "approved_status": status,
        "approved_completion": completion,
    }


def _rows(standing: dict[int, Standing]) -> list[TaskProgress]:
    return [
        TaskProgress(
            task_id=task_id,
            plan_id=s.plan_id,
            report_id=s.report_id,
            period_end=s.period_end,
            status=s.status,
            completion=s.completion,
            **_approved_columns(s.approved),
        )
        for task_id, s in standing.items()
    ]


def refresh(task_ids: Iterable[int]) -> None:
    """Recompute the tasks' rows (a task that no longer has a counting report loses its row)."""
    ids = list(task_ids)
    standing = compute(Q(pk__in=ids))
    gone = [pk for pk in ids if pk not in standing]
    # A filing refreshes one task: one statement then, with no savepoint of its own (it runs inside
    # the filing's transaction); both only when some rows go and others stay.
    with transaction.atomic() if gone and standing else nullcontext():
        if gone:
            TaskProgress.objects.filter(task_id__in=gone).delete()
        if standing:
            TaskProgress.objects.bulk_create(
                _rows(standing), update_conflicts=True, unique_fields=["task"], update_fields=FIELDS + APPROVED_FIELDS
            )


def rebuild(plan_ids: Iterable[int] | None = None, batch: int = 50) -> int:
    """Recompute the rows of the given plans (all plans by default), `batch` plans at a time;
    returns the number of tasks with a row."""
    plans = list(Plan.objects.order_by("pk").values_list("pk", flat=True)) if plan_ids is None else list(plan_ids)
    written = 0
    for at in range(0, len(plans), batch):
        chunk = plans[at : at + batch]
        standing = compute(Q(project__plan_id__in=chunk))
        with transaction.atomic():
            TaskProgress.objects.filter(plan_id__in=chunk).delete()
            TaskProgress.objects.bulk_create(
                _rows(standing),
                batch_size=5000,
                update_conflicts=True,
                unique_fields=["task"],
                update_fields=FIELDS + APPROVED_FIELDS,
            )
        written += len(standing)
    return written


def stored(tasks: Q) -> dict[int, Standing]:
    """The rows as kept, in the form `compute` gives (to compare the two)."""
    rows = TaskProgress.objects.filter(task__in=Task.objects.filter(tasks).values("pk"))
    return {
        r.task_id: Standing(
            r.plan_id,
            r.report_id,
            r.period_end,
            r.status,
            r.completion,
            _stored_approved(r),
        )
        for r in rows.order_by("task_id")
    }


def _stored_approved(row: TaskProgress) -> Approved | None:
    if row.approved_report_id is None or row.approved_period_end is None:
        return None
    return (row.approved_report_id, row.approved_period_end, row.approved_status, row.approved_completion)


def on_targets_changed(sender: object, task_id: int, **kwargs: object) -> None:
    """plans.generation.targets_changed: the task's targets changed, so its completion may have."""
    refresh([task_id])
