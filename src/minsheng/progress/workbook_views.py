"""Download a unit's report template; upload it filled in, preview, confirm."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..accounts import access
from ..plans.models import Plan, Unit
from . import schedule, services
from .workbook import WorkbookError, apply_upload, build_template, previewed_versions, read_upload

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _published_plan(request: HttpRequest, pk: int) -> Plan:
    return get_object_or_404(Plan.objects.visible_to(request.user), pk=pk)


@login_required
def template_download(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    plan = _published_plan(request, pk)
    unit = get_object_or_404(Unit, pk=unit_pk)
    access.require_unit(request.user, unit.pk, "只能下载本单位的报送模板")
    period_end = schedule.reporting_period(timezone.localdate(), plan.cycle, plan.report_day)
    response = HttpResponse(build_template(plan, unit, period_end), content_type=XLSX)
    filename = f"进度报送-{unit.name}-{period_end:%Y%m}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


def _pending_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "pending-progress"
    path.mkdir(parents=True, exist_ok=True)
    return path


def _pending(key: str) -> Path:
    if len(key) != 64 or not all(c in "0123456789abcdef" for c in key):
        raise Http404("上传文件已失效")
    path = _pending_dir() / f"{key}.xlsx"
    if not path.exists():
        raise Http404("上传文件已失效，请重新上传")
    return path


@login_required
def workbook_upload(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _published_plan(request, pk)
    me = access.identity(request.user)
    if not me.unit_ids:
        raise PermissionDenied("只有单位填报人可以上传报送表")
    context: dict[str, object] = {"plan": plan, "units": Unit.objects.filter(pk__in=me.unit_ids)}
    upload = request.FILES.get("file") if request.method == "POST" else None
    if request.method == "POST" and upload is None:
        context["error"] = "请选择要上传的 .xlsx 文件"
    elif upload is not None:
        data = upload.read()
        try:
            parsed = read_upload(data, upload.name or "上传文件", plan, me.unit_ids)
        except WorkbookError as exc:
            context["error"] = str(exc)
        else:
            key = secrets.token_hex(32)  # random: two uploads of the same bytes are two uploads
            (_pending_dir() / f"{key}.xlsx").write_bytes(data)
            (_pending_dir() / f"{key}.json").write_text(json.dumps(previewed_versions(parsed)))
            context.update(
                {"parsed": parsed, "key": key, "period_label": schedule.period_label(parsed.period_end, plan.cycle)}
            )
    return render(request, "progress/workbook_upload.html", context)


@login_required
@require_POST
def workbook_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _published_plan(request, pk)
    me = access.identity(request.user)
    path = _pending(request.POST.get("key", ""))
    try:
        parsed = read_upload(path.read_bytes(), path.name, plan, me.unit_ids)
        versions = path.with_suffix(".json")
        previewed = json.loads(versions.read_text()) if versions.exists() else None
        reports = apply_upload(parsed, request.user, previewed)
    except (WorkbookError, services.ProgressError) as exc:
        messages.error(request, f"未导入：{exc}")
        return redirect("progress:workbook", pk=plan.pk)
    path.unlink(missing_ok=True)
    path.with_suffix(".json").unlink(missing_ok=True)
    messages.success(request, f"已按报送表报送 {len(reports)} 项任务的进度")
    return redirect("progress:mine")
