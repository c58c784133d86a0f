"""Read endpoints for other systems: a plan's tasks page by page, a task's reports,
and a jurisdiction's roll-up by the jurisdictions under it."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from ..plans import access
from ..plans.models import Jurisdiction, Plan, Task, TaskUnit
from ..progress.board import Group
from ..progress.models import Report
from ..regions.rollup import BASIS, basis_text, build_rollup
from .common import MAX_LIMIT, answers, caller, clamp, readable_jurisdictions, readable_plans

router = Router(tags=["读取"])


class PageQuery(Schema):
    limit: int = Field(100, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=10**9)


class TargetOut(Schema):
    id: int
    name: str
    value: float
    unit: str
    op: str


class TaskOut(Schema):
    id: int
    project: str
    category: str | None
    content: str
    due: datetime.date | None
    lead_units: list[str]
    targets: list[TargetOut]


class TaskPage(Schema):
    count: int
    limit: int
    offset: int
    next_offset: int | None
    items: list[TaskOut]


def _task_json(task: Task) -> dict[str, Any]:
    return {
        "id": task.pk,
        "project": task.project.name,
        "category": task.project.category.name if task.project.category else None,
        "content": task.content,
        "due": task.due,
        "lead_units": [tu.unit.name for tu in task.task_units.all()],
        "targets": [
            {"id": i.pk, "name": i.name, "value": float(i.value), "unit": i.unit, "op": i.op}
            for i in task.indicators.all()
        ],
    }


@router.get("/plans/{plan_id}/tasks", response=answers(TaskPage), summary=f"计划的任务（分页，每页至多{MAX_LIMIT}项）")
def plan_tasks(request: HttpRequest, plan_id: int, page: Query[PageQuery]) -> dict[str, Any]:
    plan = get_object_or_404(readable_plans(request), pk=plan_id)
    limit, offset = clamp(page.limit, page.offset)
    tasks = Task.objects.filter(project__plan=plan).order_by("project__order", "order", "pk")
    count = tasks.count()
    leads = TaskUnit.objects.filter(role=TaskUnit.Role.LEAD).select_related("unit").order_by("order")
    chunk = tasks.select_related("project", "project__category").prefetch_related(
        Prefetch("task_units", leads), "indicators"
    )[offset : offset + limit]
    following = offset + limit
    return {
        "count": count,
        "limit": limit,
        "offset": offset,
        "next_offset": following if following < count else None,
        "items": [_task_json(t) for t in chunk],
    }


class ReportOut(Schema):
    id: int
    task: int
    period_end: datetime.date
    version: int
    status: str
    review: str
    narrative: str
    figures: dict[str, str]


def report_json(report: Report, figures: dict[int, Any] | None = None) -> dict[str, Any]:
    """A report as the API gives it; `figures` (indicator → actual as stored): the ones the
    request has just written, so that the filing's answer does not read them back."""
    if figures is None:
        figures = {f.indicator_id: f.actual for f in report.figures.all()}
    return {
        "id": report.pk,
        "task": report.task_id,
        "period_end": report.period_end,
        "version": report.version,
        "status": report.status,
        "review": report.review,
        "narrative": report.narrative,
        "figures": {str(pk): str(actual) for pk, actual in figures.items()},
    }


@router.get("/tasks/{task_id}/reports", response=answers(list[ReportOut]), summary="任务的进度报告（最新在前）")
def task_reports(request: HttpRequest, task_id: int, page: Query[PageQuery]) -> list[dict[str, Any]]:
    task = get_object_or_404(Task.objects.with_people().filter(project__plan__in=readable_plans(request)), pk=task_id)
    limit, offset = clamp(page.limit, page.offset)
    reports = Report.objects.filter(task=task).prefetch_related("figures").order_by("-period_end", "-version")
    if not access.task_roles(caller(request).user, task) & access.READ_ROLES:
        reports = reports.filter(review=Report.Review.APPROVED)  # outsiders read what was approved
    return [report_json(r) for r in reports[offset : offset + limit]]


class AreaOut(Schema):
    jurisdiction_id: int
    name: str
    plans: list[int]
    # null while the area has no published plan (plan_status): no plan is no figure, not 0
    tasks: int | None
    reported: int | None
    completion: float | None
    expected: float | None
    lights: dict[str, int] | None
    late_units: list[str]
    coverage_text: str
    plan_status: str = "published"  # published, unpublished (未发布: a draft) or none (未导入计划)
    plan_status_text: str = ""
    unplanned: bool = False  # no published plan for the year (plan_status is not "published")


class PlanRef(Schema):
    id: int
    title: str


class RollupOut(Schema):
    jurisdiction_id: int
    name: str
    year: int
    as_of: datetime.date
    basis: str  # what every figure counts: "approved" (metrics.Basis), as /plans/{id}/progress by default
    basis_text: str
    coverage_text: str
    areas: list[AreaOut]
    total: AreaOut  # the areas summed: jurisdiction_id and name are the root's, plans every area's
    own_plans: list[PlanRef]  # the root's own published plans: named, not summed (its allotted tasks are)
    own_plan_text: str
    unplanned: list[str]  # the areas with no plan for the year, by name (未导入计划)
    unpublished: list[str]  # the areas whose plan is imported but not published, by name (未发布)


class YearQuery(Schema):
    year: int | None = Field(None, ge=2000, le=2100)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


@router.get("/jurisdictions/{jurisdiction_id}/rollup", response=answers(RollupOut), summary="按下级区划汇总的进展")
def jurisdiction_rollup(request: HttpRequest, jurisdiction_id: int, query: Query[YearQuery]) -> dict[str, Any]:
    root = get_object_or_404(Jurisdiction, pk=jurisdiction_id)  # as the page: 404 unknown, 403 beyond reach
    scope = readable_jurisdictions(request)
    if scope is not None and not scope:
        raise PermissionDenied("只有督查室或对接系统可以读取汇总")
    if scope is not None and jurisdiction_id not in scope:
        raise PermissionDenied("只能读取本级及下级区划的汇总")
    today = timezone.localdate()
    rollup = build_rollup(root, query.year or today.year, today)
    areas = [
        _area(a.jurisdiction, a.plans, a.group, sorted(a.late_units), "" if a.plans else a.plan_status.label)
        | {"plan_status": a.plan_status.value, "plan_status_text": a.plan_status.label, "unplanned": a.unplanned}
        for a in rollup.areas
    ]
    late = sorted(f"{a.jurisdiction.name}·{unit}" for a in rollup.areas for unit in a.late_units)
    return {
        "jurisdiction_id": root.pk,
        "name": root.name,
        "year": rollup.year,
        "as_of": rollup.as_of,
        "basis": BASIS.value,
        "basis_text": basis_text(rollup.as_of),
        "coverage_text": rollup.coverage_text,
        "areas": areas,
        "total": _area(root, [p for a in rollup.areas for p in a.plans], rollup.total, late, rollup.total_status)
        | {"plan_status": "published" if rollup.planned else "none", "plan_status_text": rollup.total_status},
        "own_plans": [{"id": p.pk, "title": p.title} for p in rollup.own_plans],
        "own_plan_text": rollup.own_text,
        "unplanned": rollup.unplanned,
        "unpublished": rollup.unpublished,
    }


def _area(place: Jurisdiction, plans: list[Plan], group: Group, late_units: list[str], none: str) -> dict[str, Any]:
    """One row of the roll-up; `none`: why it has no figures ("" when it has), said in place of them."""
    figures: dict[str, Any] = {
        "tasks": group.tasks,
        "reported": group.reported,
        "completion": _round(group.completion),
        "expected": _round(group.expected),
        "lights": dict(group.lights),
    }
    if none:
        figures = dict.fromkeys(figures)
    return {
        "jurisdiction_id": place.pk,
        "name": place.name,
        "plans": [p.pk for p in plans],
        **figures,
        "late_units": late_units,
        "coverage_text": none or group.coverage_text,
    }
