"""The office's directory of units: aliases, collective entries, suggested merges and their undo."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..accounts.models import AuditEntry
from ..plans import access
from ..plans.access import require_office
from ..plans.directory import DirectoryError, is_collective, suggested_merges
from ..plans.models import Unit
from .unit_merge import unit_merge, unit_unmerge


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    require_office(request)
    own = Unit.objects.filter(access.units_filter(request.user, supervise=True))
    units = list(own.select_related("jurisdiction", "address").annotate(links=Count("taskunit")).order_by("name"))
    merges = AuditEntry.objects.filter(
        object_type="plans.Unit", summary__startswith="合并单位", object_id__in=[str(u.pk) for u in units]
    ).select_related("user")
    context = {
        "units": [(u, is_collective(u.name)) for u in units],
        "suggestions": suggested_merges(units),
        "merges": merges[:20],
    }
    return render(request, "plans/unit_directory.html", context)


@login_required
@require_POST
def merge(request: HttpRequest) -> HttpResponse:
    require_office(request)
    own = Unit.objects.filter(access.units_filter(request.user, supervise=True))
    keep = get_object_or_404(own, pk=request.POST.get("keep") or 0)
    other = get_object_or_404(own, pk=request.POST.get("other") or 0)
    try:
        unit_merge(user=request.user, keep=keep, other=other)
        messages.success(request, f"已将“{other.name}”合并到“{keep.name}”（可撤销）")
    except DirectoryError as exc:
        messages.error(request, str(exc))
    return redirect("plans:units")


@login_required
@require_POST
def unmerge(request: HttpRequest, pk: int) -> HttpResponse:
    require_office(request)
    own = Unit.objects.filter(access.units_filter(request.user, supervise=True)).values_list("pk", flat=True)
    entry = get_object_or_404(AuditEntry, pk=pk, object_type="plans.Unit", object_id__in=[str(p) for p in own])
    try:
        unit = unit_unmerge(user=request.user, entry=entry)
        messages.success(request, f"已撤销合并，“{unit.name}”恢复为独立单位")
    except DirectoryError as exc:
        messages.error(request, str(exc))
    return redirect("plans:units")
