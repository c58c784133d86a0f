"""Reporting periods and 序时进度 (the share of a task expected by a date).

Pure functions on dates and Decimals, so the rules can be tested with any clock.
"""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Sequence
from decimal import Decimal

MONTHLY = "monthly"
QUARTERLY = "quarterly"
HUNDRED = Decimal(100)


def month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def period_end_of(day: datetime.date, cycle: str) -> datetime.date:
    """The last day of the period (month or quarter) that contains `day`."""
    month = day.month if cycle == MONTHLY else ((day.month - 1) // 3 + 1) * 3
    return month_end(day.year, month)


def period_label(period_end: datetime.date, cycle: str) -> str:
    if cycle == MONTHLY:
        return f"{period_end.year}年{period_end.month}月"
    return f"{period_end.year}年第{(period_end.month - 1) // 3 + 1}季度"


def report_due(period_end: datetime.date, report_day: int) -> datetime.date:
    """Reports for a period are due on `report_day` of the month after it ends."""
    first_next = period_end + datetime.timedelta(days=1)
    return first_next.replace(day=report_day)


def reporting_period(today: datetime.date, cycle: str, report_day: int) -> datetime.date:
    """The period a unit reports for today: until the report day of the next month it is
    still the previous period (on 3 April a monthly plan reports March)."""
    previous = period_end_of(today.replace(day=1) - datetime.timedelta(days=1), cycle)
    if today <= report_due(previous, report_day):
        return previous
    return period_end_of(today, cycle)


def periods(start: datetime.date, until: datetime.date, cycle: str) -> list[datetime.date]:
    """Every period end from the one containing `start` to the one containing `until`."""
    result = []
    current = period_end_of(start, cycle)
    last = period_end_of(until, cycle)
    while current <= last:
        result.append(current)
        current = period_end_of(current + datetime.timedelta(days=1), cycle)
    return result


def expected_share(
    as_of: datetime.date,
    start: datetime.date,
    due: datetime.date,
    milestones: Sequence[tuple[datetime.date, Decimal]] = (),
) -> Decimal:
    """序时进度 in percent.

    Without milestones: linear from `start` (0%) to the end of `due` (100%), counting
    whole days, so 31 March of a calendar-year task is 90/365 = 24.7%.
    With milestones (一季度 25%, 半年 50%, …) the share runs linearly between them,
    from 0% at the start to 100% at the due date.
    """
    points = [(start - datetime.timedelta(days=1), Decimal(0))]
    points += [(d, s) for d, s in sorted(milestones) if start <= d < due]
    points.append((due, HUNDRED))
    if as_of <= points[0][0]:
        return Decimal(0)
    for (d0, s0), (d1, s1) in zip(points, points[1:], strict=False):
        if as_of <= d1:
            return s0 + (s1 - s0) * Decimal((as_of - d0).days) / Decimal((d1 - d0).days)
    return HUNDRED


def last_due_period(today: datetime.date, cycle: str, report_day: int) -> datetime.date:
    """The latest period whose report day has passed (on 10 April, monthly: March; on 3 April: February)."""
    end = period_end_of(today, cycle)
    while report_due(end, report_day) >= today:
        first = end.replace(day=1) if cycle == MONTHLY else end.replace(month=end.month - 2, day=1)
        end = period_end_of(first - datetime.timedelta(days=1), cycle)
    return end
