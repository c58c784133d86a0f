"""The JSON API (OpenAPI at /api/docs). Same visibility rules as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Schema

from ..accounts.access import is_office
from ..documents.export import indicator_to_json, plan_to_json
from ..plans.models import Plan, Task
from ..progress.board import build_board
from .docs import LocalSwagger

api = NinjaAPI(title="民生实事督办平台 API", version="1", urls_namespace="api", docs=LocalSwagger())


class PlanOut(Schema):
    id: int
    title: str
    year: int | None
    jurisdiction: str | None
    state: str


class IndicatorOut(Schema):
    text: str
    name: str
    value: float
    high: float | None = None
    unit: str
    op: str


@api.get("/plans", response=list[PlanOut], summary="可见的计划")
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    plans = Plan.objects.visible_to(request.user).select_related("jurisdiction")
    return [
        {
            "id": p.pk,
            "title": p.title,
            "year": p.year,
            "state": p.state,
            "jurisdiction": p.jurisdiction.name if p.jurisdiction else None,
        }
        for p in plans
    ]


@api.get("/plans/{plan_id}", summary="计划全文（与 minsheng export-json 同格式）")
def get_plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    return plan_to_json(get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_id))


@api.get("/tasks/{task_id}/indicators", response=list[IndicatorOut], summary="任务的量化指标")
def task_indicators(request: HttpRequest, task_id: int) -> list[dict[str, Any]]:
    task = get_object_or_404(Task.objects.visible_to(request.user), pk=task_id)
    return [indicator_to_json(i) for i in task.indicators.all()]


class ProgressOut(Schema):
    as_of: str
    tasks: int
    reported: int
    measured: int
    coverage: float | None
    completion: float | None
    expected: float | None
    headline: bool
    coverage_text: str


@api.get("/plans/{plan_id}/progress", response=ProgressOut, summary="计划总体进展（含报送覆盖率）")
def plan_progress(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    """The overall completion always comes with its coverage; `headline` is false while
    fewer tasks than the plan's coverage floor have reported. Only the office counts
    reports not yet approved."""
    plan = get_object_or_404(Plan.objects.visible_to(request.user), pk=plan_id)
    board = build_board(plan, timezone.localdate(), approved_only=not is_office(request.user))
    overall = board.overall
    return {
        "as_of": board.as_of.isoformat(),
        "tasks": overall.tasks,
        "reported": overall.reported,
        "measured": overall.measured,
        "coverage": None if overall.coverage is None else round(overall.coverage, 1),
        "completion": None if overall.completion is None else round(overall.completion, 1),
        "expected": None if overall.expected is None else round(overall.expected, 1),
        "headline": board.headline,
        "coverage_text": overall.coverage_text,
    }
