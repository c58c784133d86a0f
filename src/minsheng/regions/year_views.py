"""Pages across years: confirming the same project in last year's plan, a unit's on-time
record, and a carried-over task's history."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ..plans import access, gate
from ..plans.models import Task, Unit
from .models import ProjectLink
from .years import link_projects, on_time_record, previous_plan, same_projects, task_history


@login_required
def years_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = gate.plan_for(request.user, pk, gate.SUPERVISE)
    if request.method == "POST":
        chosen = [int(v) for v in request.POST.getlist("project") if v.isdigit()]
        links = link_projects(user=request.user, plan=plan, later_ids=chosen)
        messages.success(request, f"已确认 {len(links)} 个跨年度同一项目")
        return redirect("regions:years", pk=plan.pk)
    linked = ProjectLink.objects.filter(later__plan=plan).select_related("earlier__plan", "later")
    context = {"plan": plan, "before": previous_plan(plan), "pairs": same_projects(plan), "linked": linked}
    return render(request, "regions/years.html", context)


@login_required
def unit_record(request: HttpRequest, pk: int) -> HttpResponse:
    """The office (of the unit's level or above) and the unit's own members read it."""
    unit = get_object_or_404(Unit, pk=pk)
    access.require_unit(request.user, unit, "只有督查室和本单位填报人可以查看")
    return render(request, "regions/unit_record.html", {"unit": unit, "years": on_time_record(unit.pk)})


@login_required
def task_history_page(request: HttpRequest, pk: int) -> HttpResponse:
    task, _ = gate.task_for(request.user, pk, access.READ_ROLES, "您无权查看该任务")
    return render(
        request,
        "regions/task_history.html",
        {"task": task, "history": task_history(task, Task.objects.visible_to(request.user))},
    )
