"""Targets: the office corrects them per task; everyone lists them per plan, and exports them."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from ..plans import access, gate
from ..plans.models import Category, Plan, Task, TaskUnit, Unit
from .forms import IndicatorForm, TargetFilterForm
from .models import Indicator
from .services import TargetChangeError, TargetInUse, indicator_delete, indicator_save, task_reextract

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


SUPERVISORS_ONLY = "只有本级督查室可以修改该任务的量化指标"


def _task_for_office(request: HttpRequest, pk: int) -> Task:
    return gate.task_for(request.user, pk, {access.OFFICE}, SUPERVISORS_ONLY)[0]


def _indicator_for_office(request: HttpRequest, pk: int) -> Indicator:
    indicator = get_object_or_404(Indicator.objects.select_related("task__project__plan"), pk=pk)
    gate.check_task(request.user, indicator.task, {access.OFFICE}, SUPERVISORS_ONLY)
    return indicator


@require_POST
def target_add(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for_office(request, pk)
    form = IndicatorForm(request.POST)
    if form.is_valid():
        indicator_save(user=request.user, task=task, data=form.cleaned_data)
        return redirect(task)
    return render(request, "indicators/target_form.html", {"task": task, "form": form}, status=422)


def target_edit(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator_for_office(request, pk)
    form = IndicatorForm(request.POST or None, instance=indicator)
    if request.method == "POST" and form.is_valid():
        try:
            indicator_save(user=request.user, task=indicator.task, data=form.cleaned_data, indicator=indicator)
        except TargetChangeError as exc:
            form.add_error("effective_from", str(exc))
        else:
            return redirect(indicator.task)
    status = 422 if request.method == "POST" else 200
    return render(
        request,
        "indicators/target_form.html",
        {"task": indicator.task, "form": form, "indicator": indicator},
        status=status,
    )


@require_POST
def target_delete(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator_for_office(request, pk)
    task = indicator.task
    try:
        indicator_delete(user=request.user, indicator=indicator)
    except TargetInUse as exc:
        messages.error(request, str(exc))
    return redirect(task)


@require_POST
def targets_reextract(request: HttpRequest, pk: int) -> HttpResponse:
    task = _task_for_office(request, pk)
    try:
        task_reextract(user=request.user, task=task)
    except TargetInUse as exc:
        messages.error(request, str(exc))
    return redirect(task)


def _filtered(plan: Plan, form: TargetFilterForm) -> QuerySet[Indicator]:
    targets = (
        Indicator.objects.filter(task__project__plan=plan)
        .select_related("task__project__category")
        .prefetch_related(
            Prefetch("task__task_units", TaskUnit.objects.filter(role=TaskUnit.Role.LEAD).select_related("unit"))
        )
        .order_by("task__project__order", "task__order", "order")
    )
    if not form.is_valid():
        return targets
    data = form.cleaned_data
    if data["category"]:
        targets = targets.filter(task__project__category_id=data["category"])
    if data["unit"]:
        targets = targets.filter(task__units__id=data["unit"]).distinct()
    if data["op"]:
        targets = targets.filter(op=data["op"])
    if data["origin"]:
        targets = targets.filter(origin=data["origin"])
    if data["q"]:
        targets = targets.filter(Q(text__icontains=data["q"]) | Q(name__icontains=data["q"]))
    return targets


def plan_targets(request: HttpRequest, pk: int) -> HttpResponse:
    plan = gate.plan_for(request.user, pk, gate.PUBLIC)
    form = TargetFilterForm(request.GET)
    targets = list(_filtered(plan, form))
    if request.GET.get("format") == "xlsx":
        return _xlsx_response(plan, targets)
    context: dict[str, Any] = {
        "plan": plan,
        "form": form,
        "targets": targets,
        "categories": Category.objects.filter(plan=plan),
        "units": Unit.objects.filter(tasks__project__plan=plan).distinct().order_by("name"),
        "ops": Indicator.Op.choices,
        "origins": Indicator.Origin.choices,
        "query": request.GET.urlencode(),
    }
    return render(request, "indicators/plan_targets.html", context)


def _xlsx_response(plan: Plan, targets: list[Indicator]) -> HttpResponse:
    from .targets_sheet import targets_xlsx

    response = HttpResponse(targets_xlsx(plan, targets), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''plan-{plan.pk}-targets.xlsx"
    return response
