"""The counting rules of supervision, each said once.

- Which report counts for a task as of a date (`countable`, `counting_report_id`,
  `counting_reports`, `counting_report_of`, `counting_now`): the board, the bulletin, the public pages,
  the API, the workbook's last figures, the task page's trend and `recount` all ask here.
- Which tasks still owe a report for a period (`owed_tasks`, `owed_links`): the dashboard's
  本期未报送, the to-do list and the reminders all ask here, so they cannot disagree.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from ..plans.models import Plan, Project, Task, TaskUnit
from . import schedule
from .models import Figure, Report


def countable(reports: QuerySet[Report]) -> QuerySet[Report]:
    """The versions that may count: approved ones, and the newest version of its period when
    it is not returned. A version replaced by a later one and never reviewed does not count:
    returning the later version does not bring an older, unchecked figure back."""
    newer = Report.objects.filter(
        task=OuterRef("task"), period_end=OuterRef("period_end"), version__gt=OuterRef("version")
    )
    return reports.exclude(review=Report.Review.RETURNED).filter(Q(review=Report.Review.APPROVED) | ~Exists(newer))


def _counting_up_to(task: Task | OuterRef, period_end: datetime.date | None, approved_only: bool) -> QuerySet[Report]:
    """The versions of `task` that may count up to a period, the counting one first."""
    reports: QuerySet[Report] = Report.objects.filter(task=task)
    if period_end is not None:
        reports = reports.filter(period_end__lte=period_end)
    reports = reports.filter(review=Report.Review.APPROVED) if approved_only else countable(reports)
    return reports.order_by("-period_end", "-version")


def counting_report_id(as_of: datetime.date, cycle: str, approved_only: bool = False) -> Subquery:
    """For a Task queryset: the report that counts as of a date, its latest period up to the
    date, latest countable version there (or, for the public, the latest approved one)."""
    up_to = schedule.period_end_of(as_of, cycle)
    return Subquery(_counting_up_to(OuterRef("pk"), up_to, approved_only).values("pk")[:1])


def counting_versions(task: Task) -> QuerySet[Report]:
    """The task's versions that may count, the one that counts now first."""
    return _counting_up_to(task, None, False)


def last_figures(task: Task, period_end: datetime.date) -> dict[int, Decimal]:
    """The task's figures in the version that counts up to a period (empty when none): what a
    filing that leaves an indicator out keeps for it (services._write_report)."""
    last = _counting_up_to(task, period_end, False).values("pk")[:1]
    rows = Figure.objects.filter(report__in=Subquery(last), indicator__task=task)
    return dict(rows.values_list("indicator_id", "actual"))


def counting_report_of(task: Task) -> int | None:
    """The report that counts for the task now (what Report.counts marks)."""
    now = counting_now(task)
    return None if now is None else now[0]


def counting_now(task: Task) -> tuple[int, datetime.date, str, int] | None:
    """The report that counts for the task now, with what its standing is reckoned from:
    (its pk, period_end, status, the task's plan); None when no report counts."""
    fields = ("pk", "period_end", "status", "task__project__plan_id")
    return counting_versions(task).values_list(*fields).first()  # type: ignore[return-value]


def counting_reports(plan: Plan, as_of: datetime.date, approved_only: bool = False) -> QuerySet[Report]:
    """The reports that count as of `as_of`, one per task at most.

    From today on it is the `counts` flag the services keep (an index lookup); for
    an earlier date (a bulletin as of 31 March) the latest report up to that date.
    The public sees approved reports only: what a unit filed is not public until the
    office has checked it.
    """
    # order_by(): Report's default ordering would join task, project and plan to sort.
    if as_of >= timezone.localdate() and not approved_only:
        return Report.objects.filter(task__project__plan=plan, counts=True).order_by()
    latest = counting_report_id(as_of, plan.cycle, approved_only)
    tasks = Task.objects.filter(project__plan=plan).annotate(report=latest)
    return Report.objects.filter(pk__in=tasks.order_by().values("report")).order_by()


def owed_tasks(plan: Plan, period_end: datetime.date, today: datetime.date | None = None) -> QuerySet[Task]:
    """The formal tasks that owe a report for the period: the calendar asks it of them
    (schedule.PlanCalendar.asks: inside the plan's year, not before the task started or the plan
    was published), none is filed for it, and the report that counts up to it does not say done.
    Only a published plan asks: a draft is not yet seen, a closed one is over. A period that
    has not begun by `today` (default: today) owes nothing yet (PlanCalendar.owes)."""
    calendar = schedule.calendar_of(plan)
    today = today or timezone.localdate()
    if plan.state != Plan.State.PUBLISHED or not calendar.owes(period_end, today):
        return Task.objects.none()
    # Filed: a version of the period that may count (README: a returned report is no filing;
    # an approved earlier version of the period still is, as it still counts).
    filed = countable(Report.objects.filter(task=OuterRef("pk"), period_end=period_end))
    # Done from the first period a report that may count says so, as filings_of counts it for
    # 连续N期: a done report filed late for an earlier period ends the asking too.
    done = countable(Report.objects.filter(task=OuterRef("pk"), period_end__lte=period_end, status=Report.Status.DONE))
    return (
        Task.objects.filter(project__plan=plan, project__status=Project.Status.FORMAL)
        # A task started within the period owes it; one started after it does not (asks(), per task).
        .filter(Q(start__isnull=True) | Q(start__lte=period_end))
        .exclude(Exists(filed))
        .exclude(Exists(done))
        .order_by()
    )


def owed_links(plan: Plan, period_end: datetime.date) -> QuerySet[TaskUnit]:
    """The lead-unit links of the tasks that owe a report for the period (whom to remind)."""
    owed = owed_tasks(plan, period_end).values("pk")
    return TaskUnit.objects.filter(task__in=owed, role=TaskUnit.Role.LEAD)


@dataclass
class Filings:
    """When each task's periods were first filed (a returned version is no filing) and from which
    period each task stood done: what missed, on time and late are counted from, everywhere."""

    first_filed: dict[tuple[int, datetime.date], datetime.date] = field(default_factory=dict)
    done_from: dict[int, datetime.date] = field(default_factory=dict)

    def asked(self, calendar: schedule.PlanCalendar, task_id: int, start: datetime.date | None) -> list[datetime.date]:
        """The periods the calendar asks of the task, none after the one it was reported done in."""
        done = self.done_from.get(task_id)
        return [end for end in calendar.periods(start) if done is None or end <= done]


def filings_of(task_ids: Iterable[int]) -> Filings:
    """One query: the first filing day of each task's periods, and the first period a report
    that may count (`countable`) says done, as owed_tasks reads it. A period counts as filed only
    while one of its versions may count, as owed_tasks reads it: its latest version returned
    (and no earlier one approved) is no filing, whenever the earlier versions were sent."""
    result = Filings()
    standing: set[tuple[int, datetime.date]] = set()
    reports = Report.objects.filter(task_id__in=list(task_ids)).exclude(review=Report.Review.RETURNED)
    reports = reports.annotate(may_count=Exists(countable(Report.objects.filter(pk=OuterRef("pk")))))
    rows = reports.order_by().values_list("task_id", "period_end", "status", "filed_at", "may_count")
    for task_id, end, status, filed_at, may_count in rows:
        day = timezone.localdate(filed_at)
        result.first_filed[task_id, end] = min(day, result.first_filed.get((task_id, end), day))
        if may_count:
            standing.add((task_id, end))
        if status == Report.Status.DONE and may_count:
            result.done_from[task_id] = min(end, result.done_from.get(task_id, end))
    result.first_filed = {key: day for key, day in result.first_filed.items() if key in standing}
    return result
