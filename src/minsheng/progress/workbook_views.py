"""Download a unit's report template; upload it filled in, preview, confirm."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..documents.intake.staging import previewed, stage_and_read
from ..documents.intake.upload_pages import upload_gone
from ..plans import access, gate
from ..plans.models import Plan, TaskUnit, Unit
from . import schedule, services
from .workbook import (
    WorkbookError,
    apply_upload,
    build_template,
    read_upload,
    upload_from_kept,
    upload_to_kept,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _published_plan(request: HttpRequest, pk: int) -> Plan:
    return gate.plan_for(request.user, pk, gate.PUBLIC)


def _leading_units(request: HttpRequest, plan: Plan) -> frozenset[int]:
    """The user's units that lead a task of `plan`: only they file a workbook on it (a unit of
    another district, or one without a task here, is refused before any file is read)."""
    mine = access.identity(request.user).unit_ids
    leading = TaskUnit.objects.filter(task__project__plan=plan, unit_id__in=mine, role=TaskUnit.Role.LEAD)
    units = frozenset(leading.values_list("unit_id", flat=True))
    if not units:
        raise PermissionDenied("只有在本计划中牵头任务的单位填报人可以上传报送表")
    return units


@login_required
def template_download(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    plan = _published_plan(request, pk)
    unit = get_object_or_404(Unit.objects.filter(taskunit__task__project__plan=plan).distinct(), pk=unit_pk)
    gate.check_for_unit(request.user, plan, unit.pk, "只能下载本单位的报送模板")
    period_end = schedule.calendar_of(plan).reporting_period(timezone.localdate())
    response = HttpResponse(build_template(plan, unit, period_end), content_type=XLSX)
    filename = f"进度报送-{unit.name}-{period_end:%Y%m}.xlsx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@login_required
def workbook_upload(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _published_plan(request, pk)
    unit_ids = _leading_units(request, plan)
    context: dict[str, object] = {"plan": plan, "units": Unit.objects.filter(pk__in=unit_ids)}
    upload = request.FILES.get("file") if request.method == "POST" else None
    if request.method == "POST" and upload is None:
        context["error"] = "请选择要上传的 .xlsx 文件"
    elif upload is not None:
        name = upload.name or "报送表.xlsx"
        preview = stage_and_read(  # with the reading the confirmation will file
            "workbook",
            name,
            upload.read(),
            lambda path: read_upload(path.read_bytes(), name, plan, unit_ids),
            upload_to_kept,
            WorkbookError,
            owner=request.user,
        )
        if preview.staged is None or preview.reading is None:
            context["error"] = preview.error
        else:
            period_label = schedule.period_label(preview.reading.period_end, plan.cycle)
            context.update({"parsed": preview.reading, "key": preview.staged.token, "period_label": period_label})
    return render(request, "progress/workbook_upload.html", context)


@login_required
@require_POST
@upload_gone("progress:workbook", "pk")
def workbook_confirm(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _published_plan(request, pk)
    unit_ids = _leading_units(request, plan)
    uploaded, kept = previewed("workbook", request.POST.get("key", ""), user=request.user)
    try:
        parsed, versions = upload_from_kept(kept, plan, unit_ids)
        reports = apply_upload(parsed, request.user, versions)
    except (WorkbookError, services.ProgressError) as exc:
        messages.error(request, f"未导入：{exc}")
        return redirect("progress:workbook", pk=plan.pk)
    uploaded.discard()
    messages.success(request, f"已按报送表报送 {len(reports)} 项任务的进度")
    return redirect("progress:mine")
