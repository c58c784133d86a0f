"""The roll-up page of a jurisdiction by the ones under it, and the page that allots a
task's targets to them. Both pages only parse, authorize, call and render."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from ..plans import access, gate
from ..plans.models import Jurisdiction, Plan, Task
from ..progress import metrics
from .models import Allotment
from .rollup import basis_text, build_rollup
from .services import AllotError, Share, allot_task, parent_figures
from .upper import link_upper_tasks, upper_matches


def _year(request: HttpRequest) -> int:
    """The year asked for; one that is no year is said so, and this year shown instead."""
    value = request.GET.get("year", "")
    if value.isdigit() and 2000 <= int(value) <= 2100:
        return int(value)
    this_year = timezone.localdate().year
    if value:
        messages.warning(request, f"年度“{value[:20]}”无效，已显示{this_year}年")
    return this_year


@login_required
def rollup_page(request: HttpRequest, pk: int) -> HttpResponse:
    root = get_object_or_404(Jurisdiction, pk=pk)  # jurisdictions are public names: 403 beyond reach
    readable = access.jurisdictions_readable(request.user)
    if readable is not None and pk not in readable:
        raise PermissionDenied("只能查看本级及下级区划的汇总")
    year = _year(request)
    rollup = build_rollup(root, year, timezone.localdate())
    own = Task.objects.visible_to(request.user).filter(
        project__plan__jurisdiction=root, project__plan__year=year, allotments__isnull=False
    )
    own_tasks = list(own.distinct().select_related("project").order_by("project__order", "order"))
    figures = parent_figures(own_tasks, timezone.localdate())
    context = {
        "root": root,
        "rollup": rollup,
        "year": year,
        "allotted": [(t, figures[t.pk]) for t in own_tasks],
        "rule": metrics.RULE_TEXT,
        # The areas and the allotted sums both count approved reports only, as the API says.
        "basis_text": basis_text(rollup.as_of),
        "approved_text": metrics.Basis.APPROVED.label,
        # an area with no plan owes nothing: its figures are said as —, not as zeros
        "unplanned_cells": ("任务", "已报送", "平均完成", "序时进度", "状态灯", "本期未报送单位"),
        "has_children": set(Jurisdiction.objects.filter(parent__parent=root).values_list("parent_id", flat=True)),
    }
    return render(request, "regions/rollup.html", context)


def _shares(request: HttpRequest, task: Task, below: list[Jurisdiction]) -> list[Share]:
    """The form's rows as shares; a row left blank is skipped; a bad number names its cell."""
    shares = []
    for area in below:
        values: dict[int, Decimal] = {}
        for target in task.indicators.all():
            raw = request.POST.get(f"value_{area.pk}_{target.pk}", "").strip()
            if not raw:
                continue
            try:
                values[target.pk] = Decimal(raw)
            except InvalidOperation as exc:
                raise AllotError(f"{area.name} · {target.name}：“{raw}”不是数字") from exc
        if values or request.POST.get(f"unit_{area.pk}", "").strip():
            shares.append(Share(area.pk, request.POST.get(f"unit_{area.pk}", ""), values))
    if not shares:
        raise AllotError("请至少为一个下级区划填写牵头单位和分解数")
    return shares


@login_required
def allot_page(request: HttpRequest, pk: int) -> HttpResponse:
    tasks = Task.objects.with_people().select_related("project__plan__jurisdiction")
    task, _ = gate.task_for(request.user, pk, {access.OFFICE}, gate.SUPERVISE_REFUSED, tasks)
    plan: Plan = task.project.plan
    below = list(Jurisdiction.objects.filter(parent_id=plan.jurisdiction_id).order_by("name"))
    if request.method == "POST":
        try:
            made = allot_task(user=request.user, task=task, shares=_shares(request, task, below))
        except AllotError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已下达给 {len(made)} 个下级区划")
            return redirect("regions:allot", pk=task.pk)
    done = Allotment.objects.filter(parent=task).select_related("jurisdiction", "task__project__plan")
    context = {
        "task": task,
        "plan": plan,
        "below": below,
        "targets": list(task.indicators.all()),
        "done": list(done),
        "figures": parent_figures([task], timezone.localdate())[task.pk],
    }
    return render(request, "regions/allot.html", context)


@login_required
def jurisdiction_list(request: HttpRequest) -> HttpResponse:
    """The jurisdictions whose roll-up the office reads: its own level and those below with levels under them."""
    access.require_office(request)
    readable = access.jurisdictions_readable(request.user)
    parents = Jurisdiction.objects.filter(children__isnull=False).distinct().order_by("level", "name")
    if readable is not None:
        parents = parents.filter(pk__in=readable)
    return render(request, "regions/list.html", {"jurisdictions": parents})


@login_required
def upper_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's 上级民生实事 and the upper tasks they would be linked to; the office confirms."""
    plan = gate.plan_for(request.user, pk, gate.SUPERVISE, Plan.objects.select_related("jurisdiction__parent"))
    if request.method == "POST":
        made = link_upper_tasks(user=request.user, plan=plan)
        messages.success(request, f"已关联上级任务 {len(made)} 项")
        return redirect("regions:upper", pk=plan.pk)
    linked = Allotment.objects.filter(task__project__plan=plan).select_related("parent__project__plan", "task__project")
    context = {"plan": plan, "matches": upper_matches(plan), "linked": list(linked)}
    return render(request, "regions/upper.html", context)
