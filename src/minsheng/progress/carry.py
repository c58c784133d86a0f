"""跨年度: the unfinished tasks of a year's plan carried into a later plan of the same
jurisdiction, each linked to the task it continues, so that its history stays one click away.

The office chooses the tasks from a list (never all in one click); each carries what remains of
its targets (1500 planned, 1224 done: 276 carried), and a carry-over is undone, task by task,
until the new plan is published. Every step is audited."""

from __future__ import annotations

import datetime
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Max

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from ..indicators.models import Indicator
from ..plans import access
from ..plans.models import Category, Plan, Project, Task, TaskLeader, TaskUnit
from ..plans.services import PlanStateError
from .models import Report

# A ceiling (不超过), a range or an estimate is no quantity to finish: it carries as it stood.
COUNTED = (Indicator.Op.EQ, Indicator.Op.GTE)


@dataclass(frozen=True)
class Remaining:
    """One target of an unfinished task: its value, what is done and what would carry."""

    name: str
    unit: str
    value: Decimal
    actual: Decimal | None
    carried: Decimal


def unfinished(plan: Plan, as_of: datetime.date) -> list[Any]:
    """Formal tasks neither reported done nor at 100%, as the board counts them."""
    from .board import build_board

    return [
        row
        for row in build_board(plan, as_of).rows
        if row.status != Report.Status.DONE and (row.completion is None or row.completion < 100)
    ]


def offered(plan: Plan, as_of: datetime.date) -> list[tuple[Any, list[Remaining]]]:
    """The unfinished tasks that have something to carry, each with its targets' remainders: a
    task whose every target carries nothing (→ 0所) is not offered, one without targets is."""
    rows = [(row, remaining(row)) for row in unfinished(plan, as_of)]
    return [(row, left) for row, left in rows if not left or any(t.carried > 0 for t in left)]


def is_rate(unit: str) -> bool:
    """A target in per cent (覆盖率100%) is a rate, not a quantity: 98% done leaves no 2% to do."""
    return unit.strip() in ("%", "％")


def remaining_of(value: Decimal, op: str, actual: Decimal | None, unit: str = "") -> Decimal:
    """What a target carries: the part not yet done, for a quantity to finish; a rate carries
    whole while it is not reached and nothing once it is; anything else carries as it stood."""
    if op not in COUNTED or actual is None:
        return value
    if is_rate(unit):
        return Decimal(0) if actual >= value else value
    return max(value - actual, Decimal(0))


def remaining(row: Any) -> list[Remaining]:
    """The carried quantities of a board row's targets (for the chooser and the copy alike)."""
    result = []
    for t in row.targets:
        value = Decimal(str(t.value))
        actual = None if t.actual is None else Decimal(str(t.actual))
        carried = remaining_of(value, t.op, actual, t.unit)
        result.append(Remaining(t.name, t.unit, value.normalize(), actual, carried))
    return result


def check_target(user: Actor, source: Plan, target: Plan) -> None:
    if not access.is_office(user):
        raise PlanStateError("只有督查室可以转入跨年度任务")
    if source.state == Plan.State.DRAFT or target.state == Plan.State.CLOSED or source.pk == target.pk:
        raise PlanStateError("只能把已发布或已结束计划的任务，转入另一个未结束的计划")
    if target.jurisdiction_id != source.jurisdiction_id:
        raise PlanStateError("只能转入本级区划的计划")
    if (target.year or 0) <= (source.year or 0):
        raise PlanStateError(f"只能转入{source.year}年以后年度的计划")


def plan_carry_over(
    *, user: Actor, source: Plan, target: Plan, as_of: datetime.date, tasks: Collection[int] | None = None
) -> list[Task]:
    """Copy the chosen unfinished tasks of `source` (all of them when `tasks` is None: the
    command line) into `target`, once each, with units, leaders and the remaining targets."""
    check_target(user, source, target)
    done = set(Task.objects.filter(project__plan=target).values_list("carried_from_id", flat=True))
    rows = [row for row, _ in offered(source, as_of) if row.id not in done and (tasks is None or row.id in tasks)]
    if tasks is not None and not rows:
        raise PlanStateError("请勾选要转入的未完成任务")
    with transaction.atomic():
        created = [_copy(Task.objects.get(pk=row.id), target, row) for row in rows]
        audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=target,
            summary=f"跨年度转入：{source.title} 未完成任务 {len(created)} 项",
            after={"source": source.pk, "tasks": [[t.carried_from_id, t.pk] for t in created]},
        )
    return created


def undo_carry_over(*, user: Actor, target: Plan, tasks: Collection[int]) -> int:
    """Take carried tasks back out of `target` while it is a draft and they have no reports."""
    access.require_supervise_plan(user, target)
    if target.state != Plan.State.DRAFT:
        raise PlanStateError("计划已发布，转入的任务不能再撤销")
    carried = Task.objects.filter(project__plan=target, carried_from__isnull=False, pk__in=list(tasks))
    carried = carried.exclude(reports__isnull=False)
    with transaction.atomic():
        pairs = [[t.carried_from_id, t.pk] for t in carried]
        projects = set(carried.values_list("project_id", flat=True))
        for task in carried:
            task.delete()
        Project.objects.filter(pk__in=projects, tasks__isnull=True).delete()
        Category.objects.filter(plan=target, projects__isnull=True).delete()
        audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=target,
            summary=f"撤销跨年度转入 {len(pairs)} 项",
            before={"tasks": pairs},
        )
    return len(pairs)


def _copy(old: Task, target: Plan, row: Any) -> Task:
    project = _project(old.project, target)
    order = (project.tasks.aggregate(m=Max("order"))["m"] or 0) + 1
    task = Task.objects.create(project=project, order=order, content=old.content, deadline="", carried_from=old)
    TaskLeader.objects.bulk_create(
        TaskLeader(task=task, leader_id=tl.leader_id, order=tl.order) for tl in old.task_leaders.all()
    )
    TaskUnit.objects.bulk_create(
        TaskUnit(task=task, unit_id=tu.unit_id, role=tu.role, order=tu.order) for tu in old.task_units.all()
    )
    actuals = {t.id: t.actual for t in row.targets}
    for indicator in old.indicators.all():
        actual = actuals.get(indicator.pk)
        done = None if actual is None else Decimal(str(actual))
        indicator.value = remaining_of(indicator.value, indicator.op, done, indicator.unit)
        if indicator.value <= 0 and indicator.op in COUNTED and done is not None:
            continue  # reached last year: nothing of it carries
        indicator.pk, indicator.task = None, task
        indicator.save()
    return task


def _project(old: Project, target: Plan) -> Project:
    existing = Project.objects.filter(plan=target, status=Project.Status.FORMAL, name=old.name).first()
    if existing:
        return existing
    category = None
    if old.category:
        category, _ = Category.objects.get_or_create(
            plan=target,
            name=old.category.name,
            defaults={"order": (target.categories.aggregate(m=Max("order"))["m"] or 0) + 1},
        )
    order = (target.projects.aggregate(m=Max("order"))["m"] or 0) + 1
    return Project.objects.create(plan=target, category=category, name=old.name, order=order)
