"""Curves learned from the database's past years (往年同类项目的节奏).

For a plan, the tasks of the same jurisdiction's earlier plans that ended at or near their
target (≥ DONE_SHARE of one target by their last approved report) give, per kind of work, the
usual share at each twelfth of the span: each task's path is read at i/12 (straight lines
between its reports, 0 at the start) as a fraction of where it ended, and the median over
the tasks of the kind is the knot. With fewer than MIN_TASKS such tasks of a kind the built-in
curve of forecast_shapes stays (the documented fallback): a few tasks of one year are no
"usual" shape. Pure functions below the reader; the reader is one query.
"""

from __future__ import annotations

import datetime
import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.db.models import FloatField, Q
from django.db.models.functions import Cast

from ..plans.models import Plan
from .forecast_shapes import Curve, Kind, fraction_of, kind_of
from .models import Figure, Report

MIN_TASKS = 20  # fewer past tasks of a kind than this: the built-in curve
DONE_SHARE = 90.0  # a past task counts when its last report reached this share of its target
STEP = 0.5  # knots rise by at least this (the curve must invert)

Path = list[tuple[float, float]]  # (fraction of span, share % of where it ended)


def path_at(path: Path, fraction: float) -> float:
    """The path's share at `fraction` (straight lines between reports, flat after the last)."""
    points = [(0.0, 0.0), *path]
    for (x0, y0), (x1, y1) in zip(points, points[1:], strict=False):
        if fraction <= x1:
            return y0 + (y1 - y0) * (fraction - x0) / (x1 - x0) if x1 > x0 else y1
    return points[-1][1]


def learned_curve(paths: Sequence[Path]) -> Curve | None:
    """The median shape of finished tasks' paths, or None below MIN_TASKS."""
    if len(paths) < MIN_TASKS:
        return None
    knots = [0.0]
    for i in range(1, 12):
        median = statistics.median(path_at(p, i / 12) for p in paths)
        knots.append(min(100.0 - STEP * (12 - i), max(knots[-1] + STEP, median)))
    knots.append(100.0)
    return Curve(tuple((i / 12, y) for i, y in enumerate(knots)))


def curves_from(rows: Iterable[tuple[int, str, datetime.date, datetime.date, float]]) -> dict[Kind, Curve]:
    """Learned curves by kind from (task, text, period end, year start, share %) rows of past
    plans' approved reports; kinds with too few finished tasks are left out."""
    tasks: dict[int, tuple[str, datetime.date, list[tuple[datetime.date, float]]]] = {}
    for task, text, day, start, share in rows:
        tasks.setdefault(task, (text, start, []))[2].append((day, share))
    paths: dict[Kind, list[Path]] = defaultdict(list)
    for text, start, reports in tasks.values():
        reports.sort()
        end = reports[-1][1]
        kind = kind_of(text)
        if end < DONE_SHARE or kind == Kind.STEADY:
            continue
        due = datetime.date(start.year, 12, 31)
        paths[kind].append([(fraction_of(d, start, due), min(100.0, 100 * s / end)) for d, s in reports])
    return {kind: curve for kind, found in paths.items() if (curve := learned_curve(found)) is not None}


# Past years do not change during a day: each plan's curves are read once per process and day.
_LEARNED: dict[tuple[int | None, int | None, datetime.date], dict[Kind, Curve]] = {}


def plan_curves(plan: Plan, today: datetime.date) -> dict[Kind, Curve]:
    """The curves learned from the earlier plans of the plan's jurisdiction (one query a day)."""
    if plan.year is None:
        return {}
    key = (plan.jurisdiction_id, plan.year, today)
    if key not in _LEARNED:
        if len(_LEARNED) > 64:
            _LEARNED.clear()
        _LEARNED[key] = curves_from(_past_rows(plan))
    return _LEARNED[key]


def _past_rows(plan: Plan) -> list[tuple[int, str, datetime.date, datetime.date, float]]:
    """(target, text, period end, year start, share %) of the approved reports of earlier plans
    of the same jurisdiction; the newest approved version of each period wins."""
    place = plan.jurisdiction_id
    same_place = (
        Q(report__task__project__plan__jurisdiction__isnull=True)
        if place is None
        else Q(report__task__project__plan__jurisdiction_id=place)
    )
    figures = (
        Figure.objects.filter(
            same_place,
            report__task__project__plan__year__lt=plan.year,
            report__review=Report.Review.APPROVED,
        )
        .order_by("report__version")
        .values_list(
            "indicator_id",
            "report__task__project__name",
            "report__task__content",
            "report__period_end",
            "report__task__project__plan__year",
            Cast("actual", FloatField()),
            Cast("indicator__value", FloatField()),
        )
    )
    latest: dict[tuple[int, datetime.date], tuple[int, str, datetime.date, datetime.date, float]] = {}
    for target, name, content, day, year, actual, value in figures:
        if value and value > 0 and actual is not None:
            latest[target, day] = (target, f"{name} {content}", day, datetime.date(year, 1, 1), 100 * actual / value)
    return list(latest.values())
