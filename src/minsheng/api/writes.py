"""Filing a report through the API: the same service and checks as the web form
(progress.services.file_report), with an Idempotency-Key so that a retry files once."""

from __future__ import annotations

import datetime
import hashlib
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Header, Schema, Status

from ..plans import access
from ..plans.models import Task
from ..progress.filing_rules import (
    FIGURE_CEILING,
    NARRATIVE,
    NARRATIVE_MAX,
    TARGET_MULTIPLE,
    FilingInvalid,
)
from ..progress.models import Report
from ..progress.services import Conflict, Filing, ProgressError, enter_for_unit, file_report
from .common import Bearer, ErrorOut, answers, caller, readable_tasks
from .models import ApiToken, IdempotentRequest
from .reads import ReportOut, report_json, router

DECIMAL = r"^\d{1,13}(\.\d+)?$"
SIX_PLACES = Decimal("0.000001")
# The bounds are filing_rules' (the form's and the workbook's too), checked by the filing service
# against the indicator's target: the schema only says them.
NUMBER: dict[str, Any] = {"type": "number", "minimum": 0, "maximum": int(FIGURE_CEILING)}


class FigureIn(Schema):
    indicator: int = Field(..., ge=1, description="量化指标编号（见 /tasks/{id}/indicators 或任务列表的 targets）")
    actual: Decimal = Field(
        ...,
        description=(
            '累计完成数（数字，或写成字符串的十进制数，如 "1500.5"；保留6位小数）。不能为负数，'
            f"不能超过目标值的{TARGET_MULTIPLE}倍，也不能超过 {FIGURE_CEILING:f}"
        ),
        json_schema_extra={"anyOf": [NUMBER, {"type": "string", "pattern": DECIMAL}]},
    )


class ReportIn(Schema):
    period_end: datetime.date = Field(..., description="报送期（该期最后一天，如 2026-03-31）")
    status: Report.Status
    narrative: str = Field("", description=f"{NARRATIVE}（单位报送时必填，至多{NARRATIVE_MAX}字）")
    figures: list[FigureIn] = Field(default_factory=list, max_length=50)
    base_version: int | None = Field(None, ge=0, le=32767, description="填报时看到的版本；省略则在最新版本上报送")
    confirm_lower: bool = Field(
        False,
        description=(
            "确认更正累计完成数：累计完成数低于上次审核通过的数、或高于之后各期已报的数时须为 true"
            "（确认属更正），否则拒收，累计数不会悄悄倒退"
        ),
    )


class ReportFiled(ReportOut):
    replayed: bool


def _field_of(message: str) -> str | None:
    for field, words in (("period_end", "报送期"), ("figures", "指标"), ("status", "状态"), ("base_version", "版本")):
        if words in message:
            return field
    return None


KEY_REUSED = "Idempotency-Key 已用于另一份不同内容的报送；重试请原样重发，新的报送请换一个新的键"


def _body_hash(task: Task, body: ReportIn) -> str:
    """What a retry must repeat: the task and the validated body (so key order and spacing
    in the JSON do not matter, a different figure does)."""
    return hashlib.sha256(f"{task.pk}\n{body.model_dump_json()}".encode()).hexdigest()


def _replay(done: IdempotentRequest, digest: str) -> Status[dict[str, Any]]:
    if done.body_hash and done.body_hash != digest:
        return Status(422, {"detail": KEY_REUSED, "field": "Idempotency-Key"})
    return Status(200, report_json(done.report) | {"replayed": True})


def _figures(body: ReportIn) -> dict[int, Decimal]:
    """The body's figures as they are stored (Figure.actual keeps six places); one past the
    ceiling is left as sent, for the filing's check to refuse by name (no 30-digit quantize)."""
    return {f.indicator: _stored(f.actual) for f in body.figures}


def _stored(actual: Decimal) -> Decimal:
    return actual.quantize(SIX_PLACES) if actual.is_finite() and abs(actual) <= FIGURE_CEILING else actual


def _file(request: HttpRequest, task: Task, body: ReportIn) -> Report:
    figures = _figures(body)
    if len(figures) != len(body.figures):
        raise ProgressError("同一指标填写了两次")
    filing = Filing(
        period_end=body.period_end,
        status=body.status,
        narrative=body.narrative,
        figures=figures,
        base_version=body.base_version,  # None: on the latest version, read once in the filing's transaction
        confirm_lower=body.confirm_lower,
    )
    who = caller(request)
    if who.token is not None and who.token.role == ApiToken.Role.OFFICE:
        access.require_supervise_plan(who.user, task.project.plan)
        return enter_for_unit(user=who.user, task=task, filing=filing, sources={})
    filing.narrative_required = True  # a unit says what it did, as on the form and in the workbook
    return file_report(user=who.user, task=task, filing=filing)


def _refusal_field(exc: ProgressError, body: ReportIn) -> str | None:
    """The field a refusal names, as the request spells it (figures.0.actual)."""
    if isinstance(exc, FilingInvalid):
        if exc.indicator is not None:
            at = next((n for n, f in enumerate(body.figures) if f.indicator == exc.indicator), None)
            return "figures" if at is None else f"figures.{at}.actual"
        return exc.field
    return _field_of(str(exc))


@router.post(
    "/tasks/{task_id}/reports",
    auth=Bearer(),
    response={**answers(ReportFiled, 201), 200: ReportFiled, 409: ErrorOut},
    summary="报送进度（与网页填报同一服务；Idempotency-Key 保证重试只报送一次）",
    tags=["报送"],
)
def file_task_report(
    request: HttpRequest,
    task_id: int,
    body: ReportIn,
    idempotency_key: str | None = Header(None, alias="Idempotency-Key", max_length=100),  # noqa: B008
) -> Status[dict[str, Any]]:
    token = caller(request).token
    task = get_object_or_404(readable_tasks(request).select_related("project__plan"), pk=task_id)
    key = (idempotency_key or "").strip()[:100]
    digest = _body_hash(task, body)
    if key and token is not None:
        done = IdempotentRequest.objects.filter(token=token, key=key).select_related("report").first()
        if done is not None:
            return _replay(done, digest)
    try:
        with transaction.atomic():
            report = _file(request, task, body)
            if key and token is not None:
                IdempotentRequest.objects.create(token=token, key=key, body_hash=digest, report=report)
    except IntegrityError:  # the same key filed a moment earlier by a simultaneous retry
        return _replay(IdempotentRequest.objects.select_related("report").get(token=token, key=key), digest)
    except Conflict as exc:
        return Status(409, {"detail": str(exc), "field": "base_version"})
    except ProgressError as exc:
        return Status(422, {"detail": str(exc), "field": _refusal_field(exc, body)})
    # the figures just written, as stored: the answer need not read them back
    return Status(201, report_json(report, _figures(body)) | {"replayed": False})
