"""The roll-up's figures aggregated by plan in the database: per plan and light, the tasks,
reported, measured, the sums of completion and 序时进度, and the reports owed this period.

A province reads 6,600 tasks this year; building a row and a light per task in Python was half
of the page's CPU. Everything a task's light and 序时进度 depend on, apart from its own standing
(progress.summary's row), is a function of its plan, due date and start (or of its 节点进度, for the few
tasks that have them): those are computed here in Python, once per (plan, due date, start), with the
same functions the boards use (schedule.expected_share, metrics' thresholds), and handed to the
query as a VALUES table; the query then applies metrics.light's rule, in its order, to each task.
The same floats are compared as IEEE doubles on both sides, so each task gets the light the
per-task path gives (tests/test_rollup_sql.py compares the two on a generated world).
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db import connection

from ..plans.models import Plan, Project, Task, TaskUnit, Unit
from ..progress import metrics, schedule
from ..progress.models import Milestone, Report, TaskProgress
from .models import Allotment

NO_DUE = datetime.date(9999, 12, 31)  # stands for a task without a due date in the join on (plan, due)
L, S = metrics.Light, Report.Status


@dataclass
class PlanTotals:
    """One plan's tasks, as Group.add_all would count them."""

    tasks: int = 0
    reported: int = 0
    measured: int = 0
    done: float = 0.0  # sum of completion over measured tasks
    due: float = 0.0  # sum of 序时进度 over measured tasks
    missing: int = 0

    def __post_init__(self) -> None:
        self.lights: dict[str, int] = {}

    def add(self, light: str, tasks: int, reported: int, measured: int, done: float, due: float, owed: int) -> None:
        """One (plan, light) row of the query; the sums are None where no task is measured."""
        self.lights[light] = tasks
        self.tasks, self.reported, self.measured = (
            self.tasks + tasks,
            self.reported + reported,
            self.measured + measured,
        )
        self.done, self.due, self.missing = self.done + (done or 0.0), self.due + (due or 0.0), self.missing + owed


def _day(sql_date: str) -> str:
    """A date parameter: typed on PostgreSQL, the stored ISO text on SQLite."""
    return f"CAST({sql_date} AS DATE)" if connection.vendor == "postgresql" else sql_date


def _keys(plans: dict[int, Plan], as_of: datetime.date) -> list[tuple[Any, ...]]:
    """(plan, due, start, 序时进度, overdue, near, red margin, yellow margin, this period, asking,
    excused) for each plan, due date and start its tasks have: what metrics.light needs beside the
    task's own standing. The start is a task's own when it was voted in mid-year (PlanCalendar.span);
    excused: the deadline passed before the plan was published (PlanCalendar.excused, as the board)."""
    triples = Task.objects.filter(project__plan_id__in=list(plans)).order_by()
    linear: dict[tuple[datetime.date, datetime.date], float] = {}
    keys = [(0, NO_DUE, NO_DUE, 0.0, 0, 0, 0.0, 0.0, NO_DUE, 0, 0)]  # never joined: keeps the table non-empty
    meta = {}
    for pk, p in plans.items():
        calendar = schedule.calendar_of(p)
        period = calendar.reporting_period(as_of)
        # the calendar's rule, as the dashboard and the 催报 page: a period not yet begun owes nothing
        meta[pk] = (calendar, p, period, int(p.state == Plan.State.PUBLISHED and calendar.owes(period, as_of)))
    for plan_id, due, start in set(triples.values_list("project__plan_id", "due", "start").distinct()):
        calendar, p, period, asking = meta[plan_id]
        span = calendar.span(start, due)
        if span not in linear:
            linear[span] = float(schedule.expected_share(as_of, *span))
        overdue = due is not None and as_of > due
        near = due is not None and (due - as_of).days <= p.blue_days
        red, yellow = float(p.red_margin), float(p.yellow_margin)
        when = (due or NO_DUE, start or NO_DUE)
        excused = int(calendar.excused(due))
        keys.append((plan_id, *when, linear[span], int(overdue), int(near), red, yellow, period, asking, excused))
    return keys


def _milestones(plans: dict[int, Plan], as_of: datetime.date) -> list[tuple[int, float]]:
    """序时进度 of the tasks with 节点进度, which their plan and due date do not give."""
    found = Milestone.objects.filter(task__project__plan_id__in=list(plans)).order_by()
    points: dict[int, list[Any]] = defaultdict(list)
    where: dict[int, tuple[int, datetime.date | None, datetime.date | None]] = {}
    for task_id, plan_id, due, start, day, share in found.values_list(
        "task_id", "task__project__plan_id", "task__due", "task__start", "date", "share"
    ):
        points[task_id].append((day, share))
        where[task_id] = (plan_id, due, start)
    calendars = {pk: schedule.calendar_of(p) for pk, p in plans.items()}
    shares = [(0, 0.0)]  # never joined: keeps the table non-empty
    for task_id, (plan_id, due, start) in where.items():
        span = calendars[plan_id].span(start, due)
        shares.append((task_id, float(schedule.expected_share(as_of, *span, points[task_id]))))
    return shares


def _values(rows: list[tuple[Any, ...]], kinds: str) -> tuple[str, list[Any]]:
    """A VALUES list; `kinds` says each column's type: i integer (ids are bigint), f double, d date."""
    cast = {"i": "CAST(%s AS BIGINT)", "f": "CAST(%s AS DOUBLE PRECISION)", "d": _day("%s")}
    one = "(" + ", ".join(cast[k] for k in kinds) + ")"
    return ", ".join([one] * len(rows)), [v for row in rows for v in row]


def _light_sql() -> str:
    """metrics.light, in its order, for a task of the roll-up; unreported past a deadline that
    passed before the plan was published, 未报送 as on the plan's own board."""
    return f"""CASE
        WHEN tp.report_id IS NULL THEN CASE WHEN k.overdue = 1 AND k.excused = 0 THEN '{L.RED}' ELSE '{L.NONE}' END
        WHEN tp.status = '{S.DONE}' OR tp.completion >= {metrics.HUNDRED!r} THEN '{L.GREEN}'
        WHEN k.overdue = 1 THEN '{L.RED}'
        WHEN tp.completion IS NOT NULL AND COALESCE(m.expected, k.expected) - tp.completion > k.red THEN '{L.RED}'
        WHEN (tp.completion IS NOT NULL AND COALESCE(m.expected, k.expected) - tp.completion > k.yellow)
            OR tp.status = '{S.PAUSED}' THEN '{L.YELLOW}'
        WHEN k.near = 1 THEN '{L.BLUE}'
        ELSE '{L.GREEN}' END"""


def _tasks_sql(plan_count: int) -> str:
    """Each task of the roll-up with its plan, light, standing, 序时进度 and whether it owes this
    period's report (published plan, not done, no version of the period filed: rules.owed_tasks)."""
    t, p, tp = Task._meta.db_table, Project._meta.db_table, TaskProgress._meta.db_table
    report, allot = Report._meta.db_table, Allotment._meta.db_table
    plan_in = ", ".join(["%s"] * plan_count)
    # k is LEFT JOINed (every task has its key) so that the tasks are read once, by project, and
    # then matched to their key, rather than each project's tasks once per due date of its plan.
    # The standing is read by its plan index (a few hundred pages), not probed task by task.
    # "Filed this period" needs no probe of the reports when the counting report is of the period.
    # Lights and completion count the approved standing (metrics.Basis.APPROVED, as the plan
    # progress API and the public pages); what is owed counts filings (rules.owed_tasks).
    return f"""SELECT t.id, p.plan_id, {_light_sql()} AS light, tp.report_id, tp.completion,
            COALESCE(m.expected, k.expected) AS expected,
            CASE WHEN k.asking = 1 AND (tp.filed_status IS NULL OR tp.filed_status <> '{S.DONE}')
                AND (tp.filed_end IS NULL OR tp.filed_end <> k.period_end) AND NOT EXISTS (
                    SELECT 1 FROM {report} r WHERE r.task_id = t.id AND r.period_end = k.period_end
            ) THEN 1 ELSE 0 END AS owed
        FROM {t} t
        JOIN {p} p ON p.id = t.project_id
        LEFT JOIN k ON k.plan_id = p.plan_id AND k.due = COALESCE(t.due, {_day("%s")})
            AND k.start = COALESCE(t.start, {_day("%s")})
        LEFT JOIN m ON m.task_id = t.id
        LEFT JOIN (
            SELECT task_id, approved_report_id AS report_id, approved_status AS status,
                approved_completion AS completion, status AS filed_status, period_end AS filed_end
            FROM {tp} WHERE plan_id IN ({plan_in})
        ) tp ON tp.task_id = t.id
        WHERE p.plan_id IN ({plan_in}) AND p.status = '{Project.Status.FORMAL}'
          AND NOT EXISTS (SELECT 1 FROM {allot} a WHERE a.parent_id = t.id)"""


def _with(plans: dict[int, Plan], as_of: datetime.date) -> tuple[str, list[Any]]:
    keys, keys_params = _values(_keys(plans, as_of), "iddfiiffdii")
    shares, shares_params = _values(_milestones(plans, as_of), "if")
    head = (
        "WITH k(plan_id, due, start, expected, overdue, near, red, yellow, period_end, asking, excused) "
        f"AS (VALUES {keys}), "
        f"m(task_id, expected) AS (VALUES {shares}), "
        f"tasks AS ({_tasks_sql(len(plans) or 1)}) "
    )
    plan_ids = list(plans) or [0]
    return head, keys_params + shares_params + [NO_DUE, NO_DUE] + plan_ids + plan_ids


def plan_totals(plans: dict[int, Plan], as_of: datetime.date) -> tuple[dict[int, PlanTotals], dict[int, set[str]]]:
    """Each plan's totals, and the lead units of its tasks that owe this period's report: three
    queries whatever the number of plans and tasks (pairs, milestones, then totals and late units
    in one statement, so that PostgreSQL reads the tasks once for both)."""
    head, params = _with(plans, as_of)
    unit, task_unit = Unit._meta.db_table, TaskUnit._meta.db_table
    both = f"""SELECT plan_id, light, COUNT(*), COUNT(report_id), COUNT(completion), SUM(completion),
            SUM(CASE WHEN completion IS NOT NULL THEN expected END), SUM(owed), NULL
        FROM tasks GROUP BY plan_id, light
        UNION ALL
        SELECT tasks.plan_id, NULL, 0, 0, 0, NULL, NULL, 0, u.name FROM tasks
        JOIN {task_unit} tu ON tu.task_id = tasks.id AND tu.role = '{TaskUnit.Role.LEAD}'
        JOIN {unit} u ON u.id = tu.unit_id WHERE tasks.owed = 1 GROUP BY tasks.plan_id, u.name"""
    totals: dict[int, PlanTotals] = defaultdict(PlanTotals)
    late: dict[int, set[str]] = defaultdict(set)
    with connection.cursor() as cursor:
        cursor.execute(head + both, params)
        for plan_id, light, *row, name in cursor.fetchall():
            if light is None:
                late[plan_id].add(name)
            else:
                totals[plan_id].add(light, *row)
    return totals, late
