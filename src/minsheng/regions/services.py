"""Allotting a task's targets to the jurisdictions below (分解下达), and the parent's figure
as the sum of its allotments' approved figures."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.db.models import Max

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from ..indicators.models import Indicator
from ..plans import access
from ..plans.models import Category, Jurisdiction, Plan, Project, Task, TaskUnit, Unit
from ..progress import schedule
from ..progress.models import Figure, Report
from ..progress.rules import counting_report_id
from .models import Allotment

UPPER_CATEGORY = "上级民生实事"


class AllotError(Exception):
    """An allotment that cannot be made; the message says why, naming the field."""


@dataclass(frozen=True)
class Share:
    """One lower jurisdiction's share: its lead unit and its value for each parent target."""

    jurisdiction_id: int
    lead_unit: str
    values: Mapping[int, Decimal]


def _check(task: Task, shares: Sequence[Share]) -> dict[int, Jurisdiction]:
    plan = task.project.plan
    below = {j.pk: j for j in Jurisdiction.objects.filter(parent_id=plan.jurisdiction_id)}
    targets = {i.pk for i in task.indicators.all()}
    taken = set(Allotment.objects.filter(parent=task).values_list("jurisdiction_id", flat=True))
    for share in shares:
        name = below[share.jurisdiction_id].name if share.jurisdiction_id in below else str(share.jurisdiction_id)
        if share.jurisdiction_id not in below:
            raise AllotError(f"jurisdiction：{name} 不是 {plan.jurisdiction} 的下级区划")
        if share.jurisdiction_id in taken:
            raise AllotError(f"jurisdiction：该任务已下达给{name}")
        if not share.lead_unit.strip():
            raise AllotError(f"lead_unit：请填写{name}的牵头单位")
        if not share.values or set(share.values) - targets:
            raise AllotError(f"values：{name}的分解指标须是该任务的量化指标")
        if any(v <= 0 for v in share.values.values()):
            raise AllotError(f"values：{name}的分解数须大于0")
    return below


def _lower_plan(jurisdiction: Jurisdiction, year: int | None) -> Plan:
    plan = Plan.objects.filter(jurisdiction=jurisdiction, year=year).exclude(state=Plan.State.CLOSED).first()
    if plan is None:
        raise AllotError(f"jurisdiction：{jurisdiction.name}尚无{year}年度计划，请先导入或新建")
    return plan


def _lower_task(parent: Task, plan: Plan, share: Share) -> Task:
    category, _ = Category.objects.get_or_create(plan=plan, name=UPPER_CATEGORY, defaults={"order": 0})
    project = Project.objects.filter(plan=plan, status=Project.Status.FORMAL, name=parent.project.name).first()
    if project is None:
        order = (plan.projects.aggregate(m=Max("order"))["m"] or 0) + 1
        project = Project.objects.create(plan=plan, category=category, name=parent.project.name, order=order)
    order = (project.tasks.aggregate(m=Max("order"))["m"] or 0) + 1
    task = Task.objects.create(
        project=project, order=order, content=parent.content, deadline=parent.deadline, due=parent.due
    )
    unit, _ = Unit.objects.get_or_create(name=share.lead_unit.strip(), jurisdiction=plan.jurisdiction)
    TaskUnit.objects.create(task=task, unit=unit, role=TaskUnit.Role.LEAD)
    for n, target in enumerate(i for i in parent.indicators.all() if i.pk in share.values):
        value = share.values[target.pk]
        Indicator.objects.create(
            task=task,
            order=n,
            name=target.name,
            value=value,
            unit=target.unit,
            op=target.op,
            text=f"{target.name}{value.normalize():f}{target.unit}",
            origin=Indicator.Origin.MANUAL,
        )
    return task


def allot_task(*, user: Actor, task: Task, shares: Sequence[Share]) -> list[Allotment]:
    """Give each lower jurisdiction its share of `task`'s targets: a task in that jurisdiction's
    plan for the same year, linked to `task`, with its own lead unit and target values."""
    plan = task.project.plan
    access.require_supervise_plan(user, plan)
    below = _check(task, shares)
    made = []
    with transaction.atomic():
        for share in shares:
            lower = _lower_plan(below[share.jurisdiction_id], plan.year)
            child = _lower_task(task, lower, share)
            made.append(Allotment.objects.create(parent=task, task=child, jurisdiction_id=share.jurisdiction_id))
        audit(
            user=user,
            action=AuditEntry.Action.CREATE,
            obj=task,
            summary=f"分解下达：{task} → {'、'.join(below[s.jurisdiction_id].name for s in shares)}",
            after={
                str(below[s.jurisdiction_id]): {str(k): str(v) for k, v in s.values.items()} | {"unit": s.lead_unit}
                for s in shares
            },
        )
    return made


@dataclass
class ParentFigure:
    """A parent target's figure: the sum of the approved figures of its allotments."""

    indicator: Indicator
    allotted: Decimal = Decimal(0)
    actual: Decimal = Decimal(0)
    areas: int = 0
    reported: list[str] = field(default_factory=list)

    @property
    def coverage_text(self) -> str:
        return f"{len(self.reported)}/{self.areas} 个下级已报送"


def parent_figures(tasks: Sequence[Task], as_of: datetime.date) -> dict[int, list[ParentFigure]]:
    """Each target of each task as the sum of its allotments' latest approved figures, in a
    fixed number of queries whatever the number of tasks and allotments."""
    result: dict[int, dict[str, ParentFigure]] = {t.pk: {} for t in tasks}
    for target in Indicator.objects.filter(task__in=list(result)).order_by("order", "pk"):
        result[target.task_id][target.name] = ParentFigure(indicator=target)
    allotments = Allotment.objects.filter(parent__in=list(result))
    parent_of: dict[int, int] = {}
    area: dict[int, str] = {}
    for parent_id, task_id, name in allotments.values_list("parent_id", "task_id", "jurisdiction__name"):
        parent_of[task_id], area[task_id] = parent_id, name
        for figure in result[parent_id].values():
            figure.areas += 1
    shares = Indicator.objects.filter(task_id__in=list(area))
    for task_id, name, value in shares.values_list("task_id", "name", "value"):
        if name in result[parent_of[task_id]]:
            result[parent_of[task_id]][name].allotted += value
    children = Task.objects.filter(pk__in=list(area)).annotate(
        report=counting_report_id(as_of, schedule.QUARTERLY, approved_only=True)
    )
    approved = Report.objects.filter(pk__in=children.order_by().values("report")).order_by()
    reported: dict[tuple[int, str], set[str]] = defaultdict(set)
    figures = Figure.objects.filter(report__in=approved).values_list("report__task_id", "indicator__name", "actual")
    for task_id, name, actual in figures:
        found = result[parent_of[task_id]].get(name)
        if found is not None:
            found.actual += actual
            reported[(parent_of[task_id], name)].add(area[task_id])
    for parent_id, by_name in result.items():
        for name, figure in by_name.items():
            figure.reported = sorted(reported[(parent_id, name)])
    return {pk: list(by_name.values()) for pk, by_name in result.items()}
