"""The roll-up's figures computed task by task, as regions.rollup did before it aggregated by
plan in SQL (a TaskRow per task, its light and 序时进度 in Python): the reference the SQL
aggregation is tested against (tests/test_rollup_sql.py)."""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Exists, OuterRef

from minsheng.plans.models import Plan, Project, Task, TaskUnit
from minsheng.plans.tree import subtrees_of_children
from minsheng.progress import metrics, schedule
from minsheng.progress.board import Group, TaskRow, fetch_rows
from minsheng.progress.models import Milestone, Report, TaskProgress
from minsheng.regions.models import Allotment


def _rows(plan_ids: list[int]) -> dict[int, tuple[int, TaskRow]]:
    tasks = Task.objects.filter(project__plan_id__in=plan_ids, project__status=Project.Status.FORMAL)
    tasks = tasks.exclude(Exists(Allotment.objects.filter(parent=OuterRef("pk"))))
    values = tasks.order_by().values_list("pk", "project__plan_id", "project_id", "due", "start")
    # the task's start too: 序时 of a task voted in mid-year runs from it, as on its own board
    return {
        pk: (plan_id, TaskRow(pk, project_id, "", "", "", due, start)) for pk, plan_id, project_id, due, start in values
    }


def _attach(plan_ids: list[int], rows: dict[int, tuple[int, TaskRow]]) -> None:
    """Each task's latest approved report and completion (the roll-up counts approved reports
    only), read from the standing the services keep (progress.summary: one row per task, not its
    report, targets and figures)."""
    standing = TaskProgress.objects.filter(plan_id__in=plan_ids, approved_report__isnull=False).order_by()
    for task_id, pk, status, completion in fetch_rows(
        standing.values_list("task_id", "approved_report_id", "approved_status", "approved_completion")
    ):
        if task_id in rows:
            row = rows[task_id][1]
            row.report_id, row.status, row.completion = pk, status, completion


def _expected(plans: dict[int, Plan], rows: dict[int, tuple[int, TaskRow]], as_of: datetime.date) -> None:
    milestones: dict[int, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    for task_id, day, share in Milestone.objects.filter(task__project__plan_id__in=list(plans)).values_list(
        "task_id", "date", "share"
    ):
        milestones[task_id].append((day, share))
    linear: dict[tuple[datetime.date, datetime.date], float] = {}  # most tasks share a start and a due date
    calendars = {pk: schedule.calendar_of(plan) for pk, plan in plans.items()}
    for plan_id, row in rows.values():
        start, due = calendars[plan_id].span(row.start, row.due)
        if row.id in milestones:
            row.expected = float(schedule.expected_share(as_of, start, due, milestones[row.id]))
            continue
        if (start, due) not in linear:
            linear[(start, due)] = float(schedule.expected_share(as_of, start, due))
        row.expected = linear[(start, due)]


def _assess(plans: dict[int, Plan], rows: dict[int, tuple[int, TaskRow]], as_of: datetime.date) -> None:
    _expected(plans, rows, as_of)
    periods = {pk: schedule.calendar_of(p).reporting_period(as_of) for pk, p in plans.items()}
    current = Report.objects.filter(task__project__plan_id__in=list(plans), period_end__in=set(periods.values()))
    filed = set(current.order_by().values_list("task_id", "period_end").distinct())
    # what is owed counts filings (rules.owed_tasks), not approvals: the filed standing's status
    filed_status = dict(TaskProgress.objects.filter(plan_id__in=list(plans)).values_list("task_id", "status"))
    thresholds = {
        pk: metrics.Thresholds(float(p.yellow_margin), float(p.red_margin), p.blue_days) for pk, p in plans.items()
    }
    for plan_id, row in rows.values():
        row.light = metrics.light(
            reported=bool(row.report_id),
            status=row.status,
            completion=row.completion,
            expected=row.expected,
            due=row.due,
            as_of=as_of,
            thresholds=thresholds[plan_id],
            excused=schedule.calendar_of(plans[plan_id]).excused(row.due),
        )
        calendar = schedule.calendar_of(plans[plan_id])  # a period that ended before publication owes nothing
        owes = calendar.owes(periods[plan_id], as_of)
        done = filed_status.get(row.id) == Report.Status.DONE
        asking = plans[plan_id].state == Plan.State.PUBLISHED and owes and not done
        row.owed = asking and (row.id, periods[plan_id]) not in filed


def _late_units(rows: dict[int, tuple[int, TaskRow]]) -> dict[int, set[str]]:
    """The lead units of the tasks that owe this period's report. Only those tasks are read (a
    province: some hundreds of its 6,600); [0] when none owes keeps it one query, as the page's
    count does not change with its data."""
    owed = [pk for pk, (_plan_id, row) in rows.items() if row.owed]
    late: dict[int, set[str]] = defaultdict(set)
    leads = TaskUnit.objects.filter(task_id__in=owed or [0], role=TaskUnit.Role.LEAD).order_by()
    for task_id, name in leads.values_list("task_id", "unit__name"):
        late[task_id].add(name)
    return late


def per_task(root_id: int, year: int, as_of: datetime.date) -> dict[int, tuple[Group, set[str]]]:
    """Each area's group and late units, task by task."""
    subtrees = subtrees_of_children(root_id)
    owner = {pk: child for child, members in subtrees.items() for pk in members}
    plans = {p.pk: p for p in Plan.objects.filter(jurisdiction_id__in=owner, year=year).exclude(state=Plan.State.DRAFT)}
    rows = _rows(list(plans))
    _attach(list(plans), rows)
    _assess(plans, rows, as_of)
    late = _late_units(rows)
    areas: dict[int, tuple[Group, set[str]]] = {
        pk: (Group(name="", basis=metrics.Basis.APPROVED), set()) for pk in subtrees
    }
    by_area: dict[int, list[TaskRow]] = defaultdict(list)
    for plan_id, row in rows.values():
        area_id = owner[plans[plan_id].jurisdiction_id or 0]
        by_area[area_id].append(row)
        areas[area_id][1].update(late.get(row.id, set()))
    for pk, (group, _late) in areas.items():
        group.add_all(by_area.get(pk, []))
    return areas
