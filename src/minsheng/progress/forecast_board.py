"""Risk lights (预计完成 / 有风险 / 预计完不成) for a board's tasks, beside the schedule light.

Each task's forecast (forecast.py) reads the completion of each period's counting report in
the last months before the board's date (those forecast.usable reads), the office's milestones
and the kind of work its text names. The last observation is the board's own completion figure,
so the forecast starts from the number the page shows. A plan's board costs two queries more,
whatever its size (those periods' figures, every milestone); the task page costs none (it reads
the history it already shows).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from . import forecast_cache, metrics, schedule
from .board import Board, TaskRow, as_float, fetch_rows
from .forecast import Forecast, Observation, Risk, Setting, Target, forecast, reads_since
from .forecast_learned import plan_curves
from .forecast_shapes import Curve, Kind, kind_of
from .models import Figure, Report
from .rules import countable

Actuals = dict[int, float]  # indicator id → cumulative actual


def row_setting(
    row: TaskRow,
    calendar: schedule.PlanCalendar,
    milestones: Sequence[tuple[Any, Any]],
    learned: dict[Kind, Curve] | None = None,
) -> Setting:
    """The task's span (as 序时进度 runs it), kind, milestones, with one target its value, and
    its kind's curve learned from past years where there is one."""
    start, due = calendar.span(row.start, row.due)
    target = Target(row.targets[0].value, row.targets[0].unit) if len(row.targets) == 1 else None
    shares = [(day, float(share)) for day, share in milestones]
    kind = kind_of(f"{row.project} {row.content}")
    return Setting(start, due, kind, shares, target, (learned or {}).get(kind))


def row_observations(
    row: TaskRow, periods: dict[datetime.date, Actuals], as_of: datetime.date | None = None
) -> list[Observation]:
    """The task's completion per period (metrics.task_completion over its targets), ending with
    the board's own figure for its counting report, on the board's basis (metrics.Basis: the
    page's 累计完成 and the forecast beside it read the same report). A report filed for a
    period not yet ended (December's, filed on 6 December) is already achieved on `as_of`:
    it is dated `as_of`, not dropped as a future one."""
    result = []
    for day in sorted(periods):
        completion = _completion(row, periods[day])
        if completion is not None:
            result.append(Observation(day, completion))
    if row.period_end is not None and row.completion is not None:
        result = [o for o in result if o.day < row.period_end] + [Observation(row.period_end, row.completion)]
    if as_of is not None:
        result = [Observation(min(o.day, as_of), o.share, o.day if o.day > as_of else None) for o in result]
    return result


def _completion(row: TaskRow, actuals: Actuals) -> float | None:
    """metrics.task_completion of one period's figures (a plan of thousands asks per period)."""
    if len(row.targets) == 1:  # most tasks: one target, its share counted up to 100
        target = row.targets[0]
        actual = actuals.get(target.id)
        share = None if actual is None else metrics.indicator_share(target.value, target.op, actual)
        return None if share is None else min(share, metrics.HUNDRED)
    shares = []
    for target in row.targets:
        actual = actuals.get(target.id)
        shares.append(
            (None if actual is None else metrics.indicator_share(target.value, target.op, actual), target.weight)
        )
    return metrics.task_completion(None, shares)


def row_forecast(
    row: TaskRow,
    calendar: schedule.PlanCalendar,
    as_of: datetime.date,
    periods: dict[datetime.date, Actuals],
    milestones: Sequence[tuple[Any, Any]] = (),
    learned: dict[Kind, Curve] | None = None,
) -> Forecast:
    setting = row_setting(row, calendar, milestones, learned)
    # A task past its deadline is judged by the light already; its forecast is for its due date.
    return forecast(row_observations(row, periods, as_of), as_of, setting)


def _window(board: Board, calendar: schedule.PlanCalendar) -> Any:
    """The reports the forecast reads: those from the earliest day forecast.reads_since gives for
    any of the board's tasks (its LOOKBACK is a share of each task's span, so a two-year task reads
    half a year) up to the board's date; forecast.usable then keeps each task's own."""
    up_to = schedule.period_end_of(board.as_of, board.plan.cycle)
    spans = (calendar.span(row.start, row.due) for row in board.rows)
    since = min((reads_since(board.as_of, start, due) for start, due in spans), default=board.as_of)
    return Report.objects.filter(task__project__plan=board.plan, period_end__lte=up_to, period_end__gte=since)


def _period_figures(board: Board, calendar: schedule.PlanCalendar) -> dict[int, dict[datetime.date, Actuals]]:
    """Every counting-eligible version's figures per task and period (the newest version wins)."""
    reports = countable(_window(board, calendar))
    figures = Figure.objects.filter(report__in=reports.values("pk")).order_by("report__version")
    columns = figures.values_list("report__task_id", "report__period_end", "indicator_id", as_float("actual"))
    result: dict[int, dict[datetime.date, Actuals]] = defaultdict(lambda: defaultdict(dict))
    days: dict[Any, datetime.date] = {}  # SQLite returns dates as text: parse each once
    # Straight from the cursor, as the board reads its figures: the ORM's converters would
    # take most of the time on a large plan's twelve periods.
    for task_id, period_end, indicator_id, actual in fetch_rows(columns):
        if period_end not in days:
            days[period_end] = period_end if isinstance(period_end, datetime.date) else _day(period_end)
        result[task_id][days[period_end]][indicator_id] = actual
    return result


def _day(value: str) -> datetime.date:
    return datetime.date.fromisoformat(str(value)[:10])


def _key(board: Board, calendar: schedule.PlanCalendar) -> str:
    """The forecasts' cache key (forecast_cache): the plan's generation, the board's date and
    calendar, and its rows and milestones as the page read them."""
    rows = tuple(
        (r.id, r.report_id, r.period_end, r.completion, r.due, r.start, r.project, r.content)
        + tuple((t.id, t.value, t.op, t.weight) for t in r.targets)
        for r in board.rows
    )
    nodes = tuple((task, tuple(days)) for task, days in sorted(board.milestones.items()))
    return forecast_cache.key_of(board.plan, (board.as_of, calendar.first_day, calendar.last_day, rows, nodes))


def board_risks(board: Board) -> dict[int, Forecast]:
    """The forecast of each task on the board, by task id (from the cache when nothing changed)."""
    calendar = schedule.calendar_of(board.plan)
    return forecast_cache.cached(_key(board, calendar), lambda: _compute(board, calendar))


def _compute(board: Board, calendar: schedule.PlanCalendar) -> dict[int, Forecast]:
    figures = _period_figures(board, calendar)
    learned = plan_curves(board.plan, board.as_of)
    return {
        row.id: row_forecast(
            row, calendar, board.as_of, figures.get(row.id, {}), board.milestones.get(row.id, []), learned
        )
        for row in board.rows
    }


def with_risk(rows: list[TaskRow], risks: dict[int, Forecast], risk: str) -> list[TaskRow]:
    """The rows whose forecast has the risk asked for (all of them when none is asked)."""
    return [r for r in rows if risks[r.id].risk == risk] if risk else rows


def at_risk(rows: Iterable[TaskRow], risks: dict[int, Forecast]) -> list[tuple[TaskRow, Forecast]]:
    """The rows forecast 预计完不成 or 有风险, the likeliest to miss first (the 督办单 and the
    bulletin name these, each with its forecast's reason)."""
    flagged = [(r, risks[r.id]) for r in rows if r.id in risks and risks[r.id].risk in (Risk.WILL_MISS, Risk.AT_RISK)]
    return sorted(flagged, key=lambda pair: (pair[1].p_reach or 0.0, pair[1].share or 0.0))


def risk_counts(risks: Iterable[Forecast]) -> dict[str, int]:
    counts = {risk.value: 0 for risk in Risk}
    for result in risks:
        counts[result.risk.value] += 1
    return counts


def history_periods(trend: dict[str, Any], row: TaskRow) -> dict[datetime.date, Actuals]:
    """The task page's trend (one counting version per period) as actuals per period."""
    ids = trend.get("ids", [])
    result: dict[datetime.date, Actuals] = {}
    for i, day in enumerate(trend.get("ends", [])):
        values = {pk: series["data"][i] for pk, series in zip(ids, trend["series"], strict=False)}
        result[day] = {pk: v for pk, v in values.items() if v is not None}
    return result
