"""The one calendar of supervision: reporting periods, due dates, 序时进度.

Pure functions on dates and Decimals, so the rules can be tested with any clock
(tests/test_calendar_simulation.py walks years of them day by day). `PlanCalendar`
says, for a plan and a task, which periods are asked for, when each is due and
whether it is upcoming, open, due or overdue on a date; every page, reminder,
催办单, light and count asks it rather than working dates out itself.

The rules, as the office reads them:
- A period is a month or a quarter of the plan's year; nothing outside that year is asked.
- A period's report is due on the plan's report day of the month after it ends; until then
  (the grace after the period) it is 待报送, not late. Only after the due date is it overdue,
  and only then is anyone chased for it.
- A task is asked for reports from the period containing the latest of: the plan's start,
  the task's own start (a project voted in mid-year), and the day the plan was published.
  A period that ended before the unit could see the plan is never held against it.
"""

from __future__ import annotations

import calendar
import datetime
import enum
import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..plans.models import Plan

MONTHLY = "monthly"
QUARTERLY = "quarterly"
HUNDRED = Decimal(100)


@functools.cache  # a few hundred distinct months; the board and the simulation ask millions of times
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
    Past the due date it is 100% whatever the start: a task due before its plan's year
    (a typo the import warned of, published anyway) is overdue, not 0% of a span not begun.
    """
    if as_of > due:
        return HUNDRED
    points = [(start - datetime.timedelta(days=1), Decimal(0))]
    points += [(d, s) for d, s in sorted(milestones) if start <= d < due]
    points.append((due, HUNDRED))
    if as_of <= points[0][0]:
        return Decimal(0)
    for (d0, s0), (d1, s1) in zip(points, points[1:], strict=False):
        if as_of <= d1:
            return s0 + (s1 - s0) * Decimal((as_of - d0).days) / Decimal((d1 - d0).days)
    return HUNDRED


def period_start(period_end: datetime.date, cycle: str) -> datetime.date:
    """The first day of the period that ends on `period_end`."""
    months = 1 if cycle == MONTHLY else 3
    return period_end.replace(month=period_end.month - months + 1, day=1)


def previous_period(period_end: datetime.date, cycle: str) -> datetime.date:
    return period_start(period_end, cycle) - datetime.timedelta(days=1)


def last_due_period(today: datetime.date, cycle: str, report_day: int) -> datetime.date:
    """The latest period whose report day has passed (on 10 April, monthly: March; on 3 April: February)."""
    end = period_end_of(today, cycle)
    while report_due(end, report_day) >= today:
        end = previous_period(end, cycle)
    return end


class PeriodState(enum.StrEnum):
    NOT_ASKED = "not_asked"  # outside the year, before the task's start, or ended before publication
    UPCOMING = "upcoming"  # not begun
    OPEN = "open"  # running: a unit may already report on it
    DUE = "due"  # ended, its report day not yet passed (the grace): 待报送, not late
    OVERDUE = "overdue"  # its report day has passed


@dataclass(frozen=True)
class PlanCalendar:
    """A plan's reporting calendar: its cycle, report day, year and the day it was published."""

    cycle: str
    report_day: int
    first_day: datetime.date  # 序时起算日: 1 January of the plan's year unless the office set one
    last_day: datetime.date  # 31 December of the plan's year
    published: datetime.date | None = None  # None: published before the date was kept, or not yet

    def opens(self, task_start: datetime.date | None = None) -> datetime.date:
        """The day from which a task is asked for reports (its first period contains it)."""
        return max(d for d in (self.first_day, task_start, self.published) if d is not None)

    def periods(self, task_start: datetime.date | None = None) -> list[datetime.date]:
        """Every period the task is asked to report, in order (empty when it opens after the year)."""
        opens = self.opens(task_start)
        return periods(opens, self.last_day, self.cycle) if opens <= self.last_day else []

    def asks(self, period_end: datetime.date, task_start: datetime.date | None = None) -> bool:
        """Whether the task owes a report for the period at all (whatever the date)."""
        # A period ending on or after the opening day contains it or follows it.
        is_end = period_end == period_end_of(period_end, self.cycle)
        return is_end and self.opens(task_start) <= period_end <= self.last_day

    def owes(self, period_end: datetime.date, today: datetime.date) -> bool:
        """Whether the period can be owed today: the plan asks it and it has begun. A period
        still to come (a plan of next year, published in December) owes nothing yet."""
        return self.state(period_end, today) not in (PeriodState.NOT_ASKED, PeriodState.UPCOMING)

    def due(self, period_end: datetime.date) -> datetime.date:
        return report_due(period_end, self.report_day)

    def span(
        self, task_start: datetime.date | None, task_due: datetime.date | None
    ) -> tuple[datetime.date, datetime.date]:
        """The days 序时进度 runs over for a task: from the plan's start, or the later start of a
        task voted in mid-year, to its due date, else the year's end. A due date before that
        start (a deadline before the plan's year) pulls the start back to it: the span is never
        inverted, and the task is overdue once the date has passed."""
        due = task_due or self.last_day
        start = max(self.first_day, task_start or self.first_day)
        return min(start, due), due

    def expected(
        self,
        as_of: datetime.date,
        task_start: datetime.date | None,
        task_due: datetime.date | None,
        milestones: Sequence[tuple[datetime.date, Decimal]] = (),
    ) -> Decimal:
        """The task's 序时进度 on `as_of` (every board, roll-up and chart asks here)."""
        return expected_share(as_of, *self.span(task_start, task_due), milestones)

    def state(
        self, period_end: datetime.date, today: datetime.date, task_start: datetime.date | None = None
    ) -> PeriodState:
        if not self.asks(period_end, task_start):
            return PeriodState.NOT_ASKED
        if today < period_start(period_end, self.cycle):
            return PeriodState.UPCOMING
        if today <= period_end:
            return PeriodState.OPEN
        return PeriodState.DUE if today <= self.due(period_end) else PeriodState.OVERDUE

    def reporting_period(self, today: datetime.date) -> datetime.date:
        """The period units report for today (本期), kept inside the plan's year: before the
        year its first period, after it its last."""
        current = reporting_period(today, self.cycle, self.report_day)
        first, last = period_end_of(self.first_day, self.cycle), period_end_of(self.last_day, self.cycle)
        return min(max(current, first), last)

    def chase_period(self, today: datetime.date) -> datetime.date | None:
        """The period reminders chase today: the latest one the plan asks for whose report day
        has passed (on 7 December, monthly: November; December is not due until January).
        None while no period of the year is overdue yet or none was ever asked."""
        end = min(last_due_period(today, self.cycle, self.report_day), period_end_of(self.last_day, self.cycle))
        return end if self.asks(end) else None

    def filing_periods(self, today: datetime.date) -> list[datetime.date]:
        """Periods a unit may file for today: the year's periods up to 本期. Earlier periods
        than publication stay open to filing (an office entering a year's figures late);
        they are only never counted late. Nothing before the year has begun."""
        current = min(self.reporting_period(today), period_end_of(today, self.cycle))
        return periods(self.first_day, current, self.cycle) if self.first_day <= current else []

    def late(
        self,
        period_end: datetime.date,
        today: datetime.date,
        filed_on: datetime.date | None = None,
        task_start: datetime.date | None = None,
    ) -> bool:
        """Overdue today and not filed by today: what the late lists and counts show."""
        overdue = self.state(period_end, today, task_start) == PeriodState.OVERDUE
        return overdue and (filed_on is None or filed_on > today)

    def missed(
        self,
        period_end: datetime.date,
        today: datetime.date,
        filed_on: datetime.date | None = None,
        task_start: datetime.date | None = None,
    ) -> bool:
        """The report day passed without a report (filed late, or not yet): 未按时报送."""
        overdue = self.state(period_end, today, task_start) == PeriodState.OVERDUE
        return overdue and (filed_on is None or filed_on > self.due(period_end))

    def missed_in_a_row(
        self,
        missed: Mapping[datetime.date, bool],
        today: datetime.date,
    ) -> int:
        """How many periods in a row, back from the one chased today, were missed (`missed`
        says, per period the unit was asked for, whether it missed it; absent: not asked)."""
        end = self.chase_period(today)
        streak = 0
        while end is not None and missed.get(end, False):
            streak += 1
            end = previous_period(end, self.cycle)
        return streak

    def excused(self, due: datetime.date | None) -> bool:
        """A task's deadline that passed before the plan was published: without a report the
        task is 未报送, not red; nobody could have reported on it in time."""
        return due is not None and self.published is not None and due < self.published


def calendar_of(plan: Plan) -> PlanCalendar:
    """The calendar of a plan. A plan without a year runs on its start date's year, else this year."""
    first = plan.start_date() or datetime.date(datetime.date.today().year, 1, 1)
    year = plan.year or first.year
    last = datetime.date(year, 12, 31)
    return PlanCalendar(plan.cycle, plan.report_day, min(first, last), last, plan.published_on)
