"""The JSON API (OpenAPI at /api/docs). Same visibility rules as the pages; an API token
(对接系统) reads only its jurisdiction and the levels below it."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from ..documents.store.to_json import plan_to_json
from ..indicators.to_json import indicator_to_json
from ..plans import access
from ..progress.board import build_board
from ..progress.metrics import Basis
from . import reads, writes  # noqa: F401  (writes adds its endpoint to reads.router: one URL, GET and POST)
from .common import RateLimited, TokenOrSession, answers, caller, readable_plans, readable_tasks
from .docs import LocalSwagger
from .errors import invalid_message


class MinshengAPI(NinjaAPI):
    def get_openapi_schema(self, *args: Any, **kwargs: Any) -> Any:
        """Reads take a token but do not need one (the public reads published plans): say so."""
        schema = super().get_openapi_schema(*args, **kwargs)
        for operations in schema["paths"].values():
            for method, operation in operations.items():
                if method == "get" and "security" in operation:
                    operation["security"] = [*operation["security"], {}]
        return schema


api = MinshengAPI(
    title="民生实事督办平台 API", version="1", urls_namespace="api", docs=LocalSwagger(), auth=TokenOrSession()
)


def _error(request: HttpRequest, status: int, detail: str, field: str | None = None) -> HttpResponse:
    return api.create_response(request, {"detail": detail, "field": field}, status=status)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    message, field = invalid_message(exc.errors[0] if exc.errors else {})
    return _error(request, 422, message, field)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """ninja's own refusals: a body that is not JSON (its 400) is a 422 naming the body."""
    if exc.status_code == 400:
        return _error(request, 422, "请求正文不是有效的 JSON", "body")
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(AuthenticationError)
def _unauthorised(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return _error(request, 401, "需要有效的 API 令牌（Authorization: Bearer …）", "Authorization")


@api.exception_handler(RateLimited)
def _limited(request: HttpRequest, exc: RateLimited) -> HttpResponse:
    return _error(request, 429, "请求过于频繁，请稍后再试", "Authorization")


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    return _error(request, 403, str(exc) or "无权访问")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "未找到，或您无权查看")


class PlanOut(Schema):
    id: int
    title: str
    year: int | None
    jurisdiction: str | None
    jurisdiction_id: int | None
    state: str


class IndicatorOut(Schema):
    text: str
    name: str
    value: float
    high: float | None = None
    unit: str
    op: str


@api.get("/plans", response=answers(list[PlanOut]), summary="可见的计划")
def list_plans(request: HttpRequest) -> list[dict[str, Any]]:
    plans = readable_plans(request).select_related("jurisdiction")
    return [
        {
            "id": p.pk,
            "title": p.title,
            "year": p.year,
            "state": p.state,
            "jurisdiction": p.jurisdiction.name if p.jurisdiction else None,
            "jurisdiction_id": p.jurisdiction_id,
        }
        for p in plans
    ]


@api.get("/plans/{plan_id}", response=answers(dict[str, Any]), summary="计划全文（与 minsheng export-json 同格式）")
def get_plan(request: HttpRequest, plan_id: int) -> dict[str, Any]:
    return plan_to_json(get_object_or_404(readable_plans(request), pk=plan_id))


@api.get("/tasks/{task_id}/indicators", response=answers(list[IndicatorOut]), summary="任务的量化指标")
def task_indicators(request: HttpRequest, task_id: int) -> list[dict[str, Any]]:
    task = get_object_or_404(readable_tasks(request), pk=task_id)
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
    basis: str
    basis_text: str
    coverage_text: str


@api.get("/plans/{plan_id}/progress", response=answers(ProgressOut), summary="计划总体进展（含报送覆盖率）")
def plan_progress(request: HttpRequest, plan_id: int, basis: str = "") -> dict[str, Any]:
    """The overall completion always comes with its coverage and its definition (`basis`,
    `basis_text`); `headline` is false while fewer tasks than the plan's coverage floor have
    reported. It counts approved reports (`basis=approved`, the default), as the roll-up of
    /jurisdictions/{id}/rollup does, so one question has one answer; only the plan's own office
    and the offices above it may ask for reports not yet approved too (`basis=filed`), and a
    sibling district always reads what the public does."""
    plan = get_object_or_404(readable_plans(request), pk=plan_id)
    inside = access.office_reads_plan(caller(request).user, plan)  # the plan's office and those above
    approved_only = not inside or basis != Basis.FILED
    board = build_board(plan, timezone.localdate(), approved_only=approved_only)
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
        "basis": overall.basis,
        "basis_text": overall.basis_text,
        "coverage_text": overall.coverage_text,
    }


api.add_router("", reads.router)
