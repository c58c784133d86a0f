"""The supervision board of a plan as of a date: every formal task with its latest
report, completion, 序时进度 and light, grouped by category, unit and leader.

It reads a fixed number of queries (values(), no model instances) whatever the
size of the plan, so the office dashboard stays fast on thousands of tasks.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import FloatField
from django.db.models.functions import Cast

from ..indicators.models import Indicator, value_in_force
from ..plans.models import Plan, Project, Task, TaskLeader, TaskUnit
from . import metrics, schedule
from .models import Figure, Milestone, Report
from .rules import counting_reports, owed_tasks

__all__ = ["Board", "Group", "TargetRow", "TaskRow", "build_board", "counting_reports"]


@dataclass(slots=True)
class TargetRow:
    id: int
    name: str
    value: float
    unit: str
    op: str
    weight: float
    actual: float | None = None
    share: float | None = None
    text: str = ""

    @property
    def phrase(self) -> str:
        """The target as the text words it, up to its name: 新增公共停车泊位 (for 新增公共停车泊位1500个)."""
        at = self.text.find(self.name) if self.name else -1
        return self.text[: at + len(self.name)] if at >= 0 else self.name


@dataclass(slots=True)
class TaskRow:
    id: int
    project_id: int
    project: str
    category: str
    content: str
    due: datetime.date | None
    start: datetime.date | None = None  # a task voted in mid-year (Task.start)
    units: list[tuple[int, str]] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    targets: list[TargetRow] = field(default_factory=list)
    report_id: int | None = None
    period_end: datetime.date | None = None
    status: str | None = None
    review: str | None = None
    expected: float = 0.0
    completion: float | None = None
    light: str = metrics.Light.NONE
    # A report is owed this period (progress/rules.owed_tasks).
    owed: bool = False
    # Still owed for the period chased today, whose report day has passed (逾期未报送).
    late: bool = False
    # Its deadline passed before the plan was published (schedule.PlanCalendar.excused).
    excused: bool = False
    # Its counting report is for the period open now (filed this period, not returned).
    filed: bool = False
    # Past its deadline and not done (逾期): the pages say so beside its 序时进度 of 100%.
    overdue: bool = False

    @property
    def status_label(self) -> str:
        return Report.Status(self.status).label if self.status else "未报送"

    @property
    def light_label(self) -> str:
        return metrics.Light(self.light).label

    @property
    def gap(self) -> float | None:
        return None if self.completion is None else self.expected - self.completion


@dataclass(slots=True)
class Group:
    name: str
    key: Any = None
    tasks: int = 0
    reported: int = 0
    measured: int = 0
    completion: float | None = None
    expected: float | None = None
    lights: Counter[str] = field(default_factory=Counter)
    basis: str = metrics.Basis.FILED
    # This period's counts (a row of the dashboard says one period, never cumulative beside it):
    # asked = filed + missing; cumulative coverage is `reported` / `tasks`.
    missing: int = 0
    filed: int = 0

    def add_all(self, rows: Iterable[TaskRow]) -> Group:
        done, due = 0.0, 0.0
        for row in rows:
            self.tasks += 1
            self.lights[row.light] += 1
            self.missing += row.owed
            self.filed += row.filed
            self.reported += row.report_id is not None
            if row.completion is not None:
                self.measured += 1
                done += row.completion
                due += row.expected
        if self.measured:
            self.completion, self.expected = done / self.measured, due / self.measured
        return self

    @property
    def coverage(self) -> float | None:
        """The share of tasks with a report that counts, in percent."""
        return self.reported / self.tasks * metrics.HUNDRED if self.tasks else None

    @property
    def asked(self) -> int:
        """Tasks asked for this period's report: filed for it, or still owing it."""
        return self.filed + self.missing

    @property
    def basis_text(self) -> str:
        return metrics.Basis(self.basis).label

    @property
    def coverage_text(self) -> str:
        """Every completion figure with its coverage and definition:
        累计已报送 1/50 项，其中平均完成 86.7%（只计督查室审核通过的报告）."""
        return metrics.coverage_text(self.tasks, self.reported, self.measured, self.completion, self.basis)


@dataclass(slots=True)
class Board:
    plan: Plan
    as_of: datetime.date
    period_end: datetime.date
    # The latest period whose report day has passed (None: none of the plan's year yet).
    late_end: datetime.date | None
    rows: list[TaskRow]
    overall: Group
    by_category: list[Group]
    by_unit: list[Group]
    by_leader: list[Group]
    # The office's 节点进度 per task, as read for 序时进度 (the forecast reads them too).
    milestones: dict[int, list[tuple[datetime.date, Decimal]]] = field(default_factory=dict)

    @property
    def headline(self) -> bool:
        """Whether the overall completion may be the headline: enough tasks reported
        (the plan's coverage floor, default 80%); below it only the coverage leads."""
        coverage = self.overall.coverage
        return coverage is not None and coverage >= float(self.plan.coverage_floor)

    @property
    def report_due(self) -> datetime.date:
        return schedule.report_due(self.period_end, self.plan.report_day)

    def with_light(self, light: str) -> list[TaskRow]:
        return [r for r in self.rows if r.light == light]

    @property
    def overdue(self) -> list[TaskRow]:
        """Past their due date and not done; a task never reported whose deadline passed before
        the plan was published is not (it is 未报送: nobody could report it in time)."""
        return [
            r
            for r in self.rows
            if r.due and r.due < self.as_of and r.status != Report.Status.DONE and not (r.excused and not r.report_id)
        ]

    @property
    def behind(self) -> list[TaskRow]:
        """Yellow or red and not already listed as overdue."""
        overdue = {r.id for r in self.overdue}
        lagging = (metrics.Light.YELLOW, metrics.Light.RED)
        return [r for r in self.rows if r.light in lagging and r.id not in overdue]

    @property
    def missing(self) -> list[TaskRow]:
        """Reports owed this period; a closed (or draft) plan asks for nothing."""
        return [r for r in self.rows if r.owed]

    @property
    def late(self) -> list[TaskRow]:
        """Reports still owed for `late_end`, whose report day has passed (待办's late count)."""
        return [r for r in self.rows if r.late]


def as_float(field: str) -> Cast:
    return Cast(field, FloatField())


def fetch_rows(queryset: Any) -> list[tuple[Any, ...]]:
    """The rows of a values_list() queryset straight from the cursor.

    Only for columns the driver already returns as Python values (ints, text, floats
    cast in SQL): Django's per-value converters are a third of the board's time on
    thousands of rows and change nothing there. Dates are read through the ORM, since
    SQLite returns them as text.

    A filter that can match nothing (`pk__in=[]`, as for a jurisdiction with no areas
    below it) makes Django refuse to compile the SQL at all; the ORM answers [] there,
    and so does this.
    """
    try:
        sql, params = queryset.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _task_rows(plan: Plan, tasks: Any) -> dict[int, TaskRow]:
    values = (
        tasks.filter(project__plan=plan, project__status=Project.Status.FORMAL)
        .order_by("project__order", "order")
        .values_list("id", "project_id", "project__name", "project__category__name", "content", "due", "start")
    )
    rows = {}
    for pk, project_id, project, category, content, due, start in values:
        rows[pk] = TaskRow(pk, project_id, project, category or "未分类", content, due, start)
    return rows


def _attach_people(plan: Plan, rows: dict[int, TaskRow]) -> None:
    units = TaskUnit.objects.filter(task__project__plan=plan, role=TaskUnit.Role.LEAD).order_by("order")
    for task_id, unit_id, name in fetch_rows(units.values_list("task_id", "unit_id", "unit__name")):
        if task_id in rows:
            rows[task_id].units.append((unit_id, name))
    leaders = TaskLeader.objects.filter(task__project__plan=plan).order_by("order")
    for task_id, name in fetch_rows(leaders.values_list("task_id", "leader__name")):
        if task_id in rows:
            rows[task_id].leaders.append(name)


def _attach_owed(
    plan: Plan, rows: dict[int, TaskRow], when: tuple[datetime.date, datetime.date], late_end: datetime.date | None
) -> None:
    """Which rows owe this period's report, and which are late for the period chased today."""
    period_end, as_of = when
    for task_id in owed_tasks(plan, period_end, as_of).values_list("pk", flat=True):
        if task_id in rows:
            rows[task_id].owed = True
    if late_end is None:
        return
    for task_id in owed_tasks(plan, late_end, as_of).values_list("pk", flat=True):
        if task_id in rows:
            rows[task_id].late = True


def _attach_reports(plan: Plan, rows: dict[int, TaskRow], as_of: datetime.date, approved_only: bool) -> None:
    targets: dict[int, TargetRow] = {}
    indicators = Indicator.objects.filter(task__project__plan=plan).order_by("order", "pk")
    # Read as float: Decimal conversion of thousands of values is most of the page's time.
    value, weight = as_float("value"), as_float("weight")
    columns = indicators.values_list("pk", "task_id", "name", value, "unit", "op", weight, "text")
    for pk, task_id, name, value, unit, op, weight, text in fetch_rows(columns):
        if task_id in rows:
            targets[pk] = TargetRow(pk, name, value, unit, op, weight, text=text)
            rows[task_id].targets.append(targets[pk])
    counting = counting_reports(plan, as_of, approved_only)
    for task_id, pk, end, status, review in counting.values_list("task_id", "pk", "period_end", "status", "review"):
        if task_id in rows:
            row = rows[task_id]
            row.report_id, row.period_end, row.status, row.review = pk, end, status, review
    # The counting reports as a subquery, not a list of ids: one statement whatever the size.
    # Each figure against the target value in force at its period's end (a value changed later
    # holds from its date on: indicators.models.TargetChange).
    figures = Figure.objects.filter(report__in=counting.values("pk"))
    figures = figures.annotate(target=Cast(value_in_force(), FloatField()))
    for indicator_id, actual, value in fetch_rows(figures.values_list("indicator_id", as_float("actual"), "target")):
        if indicator_id in targets:
            target = targets[indicator_id]
            target.actual, target.value = actual, value
            target.share = metrics.indicator_share(value, target.op, actual)


def _assess(
    plan: Plan, rows: dict[int, TaskRow], as_of: datetime.date
) -> dict[int, list[tuple[datetime.date, Decimal]]]:
    """Each row's 序时进度, completion and light; returns the milestones it read."""
    calendar = schedule.calendar_of(plan)
    milestones: dict[int, list[tuple[datetime.date, Decimal]]] = defaultdict(list)
    for task_id, day, share in Milestone.objects.filter(task__project__plan=plan).values_list(
        "task_id", "date", "share"
    ):
        milestones[task_id].append((day, share))
    thresholds = metrics.Thresholds(float(plan.yellow_margin), float(plan.red_margin), plan.blue_days)
    linear: dict[tuple[datetime.date, datetime.date], float] = {}  # most tasks share a start and a due date
    for row in rows.values():
        start, due = calendar.span(row.start, row.due)
        row.excused = calendar.excused(row.due)
        if row.id in milestones:
            row.expected = float(schedule.expected_share(as_of, start, due, milestones[row.id]))
        else:
            if (start, due) not in linear:
                linear[start, due] = float(schedule.expected_share(as_of, start, due))
            row.expected = linear[start, due]
        if row.report_id:
            row.completion = metrics.task_completion(row.status, [(t.share, t.weight) for t in row.targets])
        row.light = metrics.light(
            reported=bool(row.report_id),
            status=row.status,
            completion=row.completion,
            expected=row.expected,
            due=row.due,
            as_of=as_of,
            thresholds=thresholds,
            excused=row.excused,
        )
        # the row's 已逾期 mark says what the overdue list says: not for an excused task never reported
        excused = row.excused and not row.report_id
        row.overdue = metrics.is_overdue(row.due, as_of) and row.light != metrics.Light.GREEN and not excused
    return milestones


def _groups(rows: list[TaskRow], key: Any, basis: str) -> list[Group]:
    grouped: dict[Any, list[TaskRow]] = defaultdict(list)
    for row in rows:
        for name in key(row):
            grouped[name].append(row)
    return [
        Group(name=str(name[1] if isinstance(name, tuple) else name), key=name, basis=basis).add_all(g)
        for name, g in grouped.items()
    ]


def build_board(plan: Plan, as_of: datetime.date, tasks: Any = None, approved_only: bool = False) -> Board:
    """The board of `plan` as of `as_of`; `tasks` narrows it (a unit's or leader's own);
    `approved_only` counts only reports the office approved (the public pages)."""
    # pk__in keeps a narrowing with joins (units, leaders) from repeating rows.
    queryset = Task.objects.filter(pk__in=tasks.values("pk")) if tasks is not None else Task.objects.all()
    rows_by_id = _task_rows(plan, queryset)
    calendar = schedule.calendar_of(plan)
    period_end, late_end = calendar.reporting_period(as_of), calendar.chase_period(as_of)
    _attach_people(plan, rows_by_id)
    _attach_reports(plan, rows_by_id, as_of, approved_only)
    # The public pages (approved_only) show no late list: one query fewer for them.
    _attach_owed(plan, rows_by_id, (period_end, as_of), None if approved_only else late_end)
    milestones = _assess(plan, rows_by_id, as_of)
    rows = list(rows_by_id.values())
    for row in rows:
        row.filed = row.period_end == period_end and not row.owed
    basis = metrics.Basis.APPROVED if approved_only else metrics.Basis.FILED
    return Board(
        plan=plan,
        as_of=as_of,
        period_end=period_end,
        late_end=late_end,
        rows=rows,
        overall=Group(name="全部", basis=basis).add_all(rows),
        by_category=_groups(rows, lambda r: [r.category], basis),
        by_unit=sorted(_groups(rows, lambda r: r.units, basis), key=lambda g: g.name),
        by_leader=sorted(_groups(rows, lambda r: r.leaders, basis), key=lambda g: g.name),
        milestones=dict(milestones),
    )
