"""The JSON API (OpenAPI at /api/docs). Same visibility rules as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Schema

from ..plans.export import indicator_to_json, plan_to_json
from ..plans.models import Plan, Task

api = NinjaAPI(title="民生实事督办平台 API", version="1", urls_namespace="api")


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
