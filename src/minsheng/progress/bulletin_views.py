"""The office uploads a bulletin or a unit's written report for a plan, ticks the figures read, files them."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..documents.intake.staging import previewed, stage_and_read
from ..documents.intake.upload_pages import upload_gone
from ..plans import gate
from ..plans.models import Plan
from . import schedule, services
from .bulletin_pairs import repair
from .bulletin_reading import BulletinError, accept, read_bulletin, reading_from_kept, reading_to_kept


def _plan(request: HttpRequest, pk: int) -> Plan:
    return gate.plan_for(request.user, pk, gate.SUPERVISE)


def _periods(plan: Plan) -> list[datetime.date]:
    return services.allowed_periods(plan, timezone.localdate())


def _default_period(periods: list[datetime.date], as_of: str | None) -> datetime.date | None:
    if as_of:
        day = datetime.date.fromisoformat(as_of)
        later = [p for p in periods if p >= day]
        if later:
            return later[0]
    return periods[-1] if periods else None


@login_required
def bulletin_upload(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    periods = _periods(plan)
    context: dict[str, object] = {"plan": plan, "periods": [(p, schedule.period_label(p, plan.cycle)) for p in periods]}
    context |= {"ticked": set(), "paired": {}, "error_rows": frozenset()}  # a fresh reading: nothing chosen yet
    upload = request.FILES.get("file") if request.method == "POST" else None
    refused = services.plan_refuses_filing(plan)
    if refused:
        context["error"] = refused
    elif request.method == "POST" and upload is None:
        context["error"] = "请选择要上传的通报或情况报告（.txt .docx .html .pdf）"
    elif upload is not None:
        name = upload.name or "上传文件"
        preview = stage_and_read(  # kept for this plan: what the confirmation files
            "bulletin",
            name,
            upload.read(),
            lambda path: read_bulletin(path, name, plan),
            lambda reading: reading_to_kept(reading, plan),
            BulletinError,
            key=plan.pk,
            owner=request.user,
        )
        if preview.staged is None or preview.reading is None:
            context["error"] = preview.error
        else:
            chosen = _default_period(periods, preview.reading.as_of)
            context.update({"reading": preview.reading, "key": preview.staged.token, "chosen": chosen})
    return render(request, "progress/bulletin_upload.html", context)


@login_required
@require_POST
@upload_gone("progress:bulletin", "pk")
def bulletin_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    # for this plan only, and only its uploader
    uploaded, kept = previewed("bulletin", request.POST.get("key", ""), key=plan.pk, user=request.user)
    name = uploaded.name
    try:
        period_end = datetime.date.fromisoformat(request.POST.get("period_end", ""))
    except ValueError:
        return _again(request, plan, kept, "请选择报送期", frozenset())
    try:
        reading = reading_from_kept(kept, plan)  # the reading the preview showed: the file is not read again
        ticked = set(request.POST.getlist("accept"))
        # a correction on a row left unticked is neither filed nor remembered: the clerk never confirmed it
        sent = {k.removeprefix("pair-"): str(v) for k, v in request.POST.items() if k.startswith("pair-")}
        pairs = {key: choice for key, choice in sent.items() if key in ticked}
        with transaction.atomic():  # a correction is remembered only with the figures it files
            unremembered = repair(reading, plan, pairs, request.user)
            entered = accept(reading, ticked, period_end, request.user)
    except (BulletinError, services.ProgressError) as exc:
        return _again(request, plan, kept, str(exc), getattr(exc, "keys", frozenset()))
    uploaded.discard()
    if entered.reports:
        messages.success(request, f"已据《{name}》为 {len(entered.reports)} 项任务录入进度")
    if entered.same:
        messages.info(request, f"{entered.same} 项与已录入的相同，未重复录入")
    if unremembered:
        figures = "、".join(unremembered)
        messages.warning(request, f"{figures} 的原文没有说明是什么（只有数字），这次的对应无法记住，下次上传需重新选择")
    return redirect("progress:dashboard", pk=plan.pk)


def _again(request: HttpRequest, plan: Plan, kept: Any, error: str, rows: frozenset[str]) -> HttpResponse:
    """The staged reading shown again with the clerk's ticks, period and pairings as sent, and
    the refusal at the top and beside the rows it is about: nothing the clerk chose is lost."""
    try:
        reading = reading_from_kept(kept, plan)  # read afresh: a refused repair() changed nothing
    except BulletinError as exc:
        messages.error(request, f"未录入：{exc}")
        return redirect("progress:bulletin", pk=plan.pk)
    periods = _periods(plan)
    sent = request.POST.get("period_end", "")
    context: dict[str, object] = {
        "plan": plan,
        "periods": [(p, schedule.period_label(p, plan.cycle)) for p in periods],
        "reading": reading,
        "key": request.POST.get("key", ""),
        "chosen": next((p for p in periods if p.isoformat() == sent), None),
        "error": f"未录入：{error}",
        "error_rows": rows,
        "ticked": set(request.POST.getlist("accept")),
        "paired": {k.removeprefix("pair-"): str(v) for k, v in request.POST.items() if k.startswith("pair-")},
    }
    return render(request, "progress/bulletin_upload.html", context, status=422)
