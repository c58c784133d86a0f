"""The forecast drawn on the task page's trend chart: the completion so far, the expected path
to the deadline with its 80 % range, 序时进度 and the target line, as data for charts.js.

Each point of the path is `forecast.forecast` asked about that date from the same reports
(`at=`), so the chart and the sentence beside the light can never disagree: the path's last
point is the forecast the light shows.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from . import schedule
from .board import TaskRow
from .forecast import Forecast, Observation, Setting, forecast
from .forecast_board import Actuals, row_observations, row_setting
from .forecast_shapes import Curve, Kind


def _month_ends(after: datetime.date, due: datetime.date) -> list[datetime.date]:
    """Month ends strictly after `after` and before `due`, then `due` itself."""
    days = []
    day = schedule.month_end(after.year, after.month)
    while day < due:
        if day > after:
            days.append(day)
        nxt = day + datetime.timedelta(days=1)
        day = schedule.month_end(nxt.year, nxt.month)
    return [*days, due]


def _point(day: datetime.date, value: float) -> list[Any]:
    return [day.isoformat(), round(value, 1)]


def _path(observations: list[Observation], as_of: datetime.date, setting: Setting) -> tuple[list[Any], ...]:
    """The forecast at each month end from the last report to the due date: the expected share,
    the range's low end and its width (the band is drawn stacked on the low end)."""
    last = observations[-1]
    path, low, band = [_point(last.day, last.share)], [_point(last.day, last.share)], [_point(last.day, 0)]
    if last.day < setting.due:
        for day in _month_ends(last.day, setting.due):
            ahead = forecast(observations, as_of, setting, at=day)
            if ahead.share is None or ahead.low is None or ahead.high is None:
                continue
            path.append(_point(day, ahead.share))
            low.append(_point(day, ahead.low))
            band.append(_point(day, ahead.high - ahead.low))
    return path, low, band


def chart_data(
    row: TaskRow,
    calendar: schedule.PlanCalendar,
    as_of: datetime.date,
    periods: dict[datetime.date, Actuals],
    milestones: Sequence[tuple[Any, Any]],
    result: Forecast,
    learned: dict[Kind, Curve] | None = None,
) -> dict[str, Any] | None:
    """The chart's series (dates as ISO strings, shares in per cent of the target), or None when
    there is no forecast to draw (no report yet)."""
    if result.share is None:
        return None
    setting = row_setting(row, calendar, milestones, learned)
    observations = row_observations(row, periods, as_of)
    if not observations:
        return None
    path, low, band = _path(observations, as_of, setting)
    nodes = [(day, Decimal(str(share))) for day, share in setting.milestones]
    expected = [
        _point(day, float(schedule.expected_share(day, setting.start, setting.due, nodes)))
        for day in [setting.start, *_month_ends(setting.start, setting.due)]
    ]
    return {
        "actual": [_point(o.day, o.share) for o in observations],
        "path": path,
        "low": low,
        "band": band,
        "expected": expected,
        "start": setting.start.isoformat(),
        "due": setting.due.isoformat(),
        "risk": result.risk.label,
    }
