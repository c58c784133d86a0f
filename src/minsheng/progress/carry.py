"""跨年度: the unfinished tasks of a year's plan carried into a later plan, each linked to
the task it continues, so that its history stays one click away."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.db.models import Max

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from ..plans import access
from ..plans.models import Category, Plan, Project, Task, TaskLeader, TaskUnit
from ..plans.services import PlanStateError
from .models import Report


def unfinished(plan: Plan, as_of: datetime.date) -> list[Any]:
    """Formal tasks neither reported done nor at 100%, as the board counts them."""
    from .board import build_board

    return [
        row
        for row in build_board(plan, as_of).rows
        if row.status != Report.Status.DONE and (row.completion is None or row.completion < 100)
    ]


def plan_carry_over(*, user: Actor, source: Plan, target: Plan, as_of: datetime.date) -> list[Task]:
    """Copy each unfinished task of `source` into `target` (once), with its units, leaders and targets."""
    if not access.is_office(user):
        raise PlanStateError("只有督查室可以转入跨年度任务")
    if source.state == Plan.State.DRAFT or target.state == Plan.State.CLOSED or source.pk == target.pk:
        raise PlanStateError("只能把已发布或已结束计划的任务，转入另一个未结束的计划")
    if (target.year or 0) <= (source.year or 0):
        raise PlanStateError(f"只能转入{source.year}年以后年度的计划")
    done = set(Task.objects.filter(project__plan=target).values_list("carried_from_id", flat=True))
    rows = [row for row in unfinished(source, as_of) if row.id not in done]
    with transaction.atomic():
        created = [_copy(Task.objects.get(pk=row.id), target) for row in rows]
        audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=target,
            summary=f"跨年度转入：{source.title} 未完成任务 {len(created)} 项",
            after={"source": source.pk, "tasks": [[t.carried_from_id, t.pk] for t in created]},
        )
    return created


def _copy(old: Task, target: Plan) -> Task:
    project = _project(old.project, target)
    order = (project.tasks.aggregate(m=Max("order"))["m"] or 0) + 1
    task = Task.objects.create(project=project, order=order, content=old.content, deadline="", carried_from=old)
    TaskLeader.objects.bulk_create(
        TaskLeader(task=task, leader_id=tl.leader_id, order=tl.order) for tl in old.task_leaders.all()
    )
    TaskUnit.objects.bulk_create(
        TaskUnit(task=task, unit_id=tu.unit_id, role=tu.role, order=tu.order) for tu in old.task_units.all()
    )
    for indicator in old.indicators.all():
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
