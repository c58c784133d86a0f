"""The roll-up of a jurisdiction by the ones directly under it (a city by district, a province
by city): completion against 序时进度, lights, late units and coverage per area.

Like the plan board it reads a fixed number of queries whatever the number of areas,
plans and tasks, and counts each task's report as the lower level's own board does
(Report.counts: the latest version not returned). A task allotted downward is counted
in its allotments; the allotted targets' sums (regions.services) count approved figures.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Exists, OuterRef

from ..plans.models import Jurisdiction, Plan, Project, Task, TaskUnit
from ..plans.tree import subtrees_of_children
from ..progress import metrics, schedule
from ..progress.board import Group, TaskRow, fetch_rows
from ..progress.models import Milestone, Report, TaskProgress
from .models import Allotment


@dataclass
class Area:
    jurisdiction: Jurisdiction
    plans: list[Plan] = field(default_factory=list)
    group: Group = field(default_factory=lambda: Group(name=""))
    late_units: set[str] = field(default_factory=set)

    @property
    def gap(self) -> float | None:
        g = self.group
        return None if g.completion is None or g.expected is None else g.expected - g.completion


@dataclass
class Rollup:
    root: Jurisdiction
    year: int
    as_of: datetime.date
    areas: list[Area]

    @property
    def coverage_text(self) -> str:
        """8/10 区已报送: the areas with at least one approved report this year."""
        words = {str(Jurisdiction.Level.PROVINCE): "市", str(Jurisdiction.Level.CITY): "区县"}
        word = words.get(self.root.level, "地区")
        reporting = sum(1 for a in self.areas if a.group.reported)
        return f"{reporting}/{len(self.areas)} 个{word}已报送"


def _plans(areas: dict[int, Area], owner: dict[int, int], year: int) -> dict[int, Plan]:
    plans = Plan.objects.filter(jurisdiction_id__in=owner, year=year).exclude(state=Plan.State.DRAFT)
    found = {}
    for plan in plans.order_by("pk"):
        areas[owner[plan.jurisdiction_id or 0]].plans.append(plan)
        found[plan.pk] = plan
    return found


def _rows(plan_ids: list[int]) -> dict[int, tuple[int, TaskRow]]:
    tasks = Task.objects.filter(project__plan_id__in=plan_ids, project__status=Project.Status.FORMAL)
    tasks = tasks.exclude(Exists(Allotment.objects.filter(parent=OuterRef("pk"))))
    values = tasks.order_by().values_list("pk", "project__plan_id", "project_id", "due", "start")
    # the task's start too: 序时 of a task voted in mid-year runs from it, as on its own board
    return {
        pk: (plan_id, TaskRow(pk, project_id, "", "", "", due, start)) for pk, plan_id, project_id, due, start in values
    }


def _attach(plan_ids: list[int], rows: dict[int, tuple[int, TaskRow]]) -> None:
    """Each task's counting report and completion as its own office's board counts them, read from
    the standing the services keep (progress.summary: one row per task, not its report, targets
    and figures)."""
    standing = TaskProgress.objects.filter(plan_id__in=plan_ids).order_by()
    for task_id, pk, status, completion in fetch_rows(
        standing.values_list("task_id", "report_id", "status", "completion")
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
        )
        asking = plans[plan_id].state == Plan.State.PUBLISHED and row.status != Report.Status.DONE
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


def build_rollup(root: Jurisdiction, year: int, as_of: datetime.date) -> Rollup:
    """`root` by the jurisdictions directly under it; each area counts its own plans and
    those of every level under it for `year`."""
    subtrees = subtrees_of_children(root.pk)
    owner = {pk: child for child, members in subtrees.items() for pk in members}
    children = Jurisdiction.objects.filter(pk__in=list(subtrees)).order_by("name")
    areas = {j.pk: Area(jurisdiction=j, group=Group(name=j.name, key=j.pk)) for j in children}
    plans = _plans(areas, owner, year)
    plan_ids = list(plans)
    rows = _rows(plan_ids)
    _attach(plan_ids, rows)
    _assess(plans, rows, as_of)
    late = _late_units(rows)
    by_area: dict[int, list[TaskRow]] = defaultdict(list)
    for plan_id, row in rows.values():
        area_id = owner[plans[plan_id].jurisdiction_id or 0]
        by_area[area_id].append(row)
        areas[area_id].late_units |= late.get(row.id, set())
    for pk, area in areas.items():
        area.group.add_all(by_area.get(pk, []))
    return Rollup(root=root, year=year, as_of=as_of, areas=list(areas.values()))
