"""Pages of plans, tasks and units. Each view: authorise, query, render."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from ..flash import attempt
from ..indicators.forms import IndicatorForm
from ..indicators.highlight import highlight
from ..plans import access, gate
from ..plans.models import Plan, Project, Task, Unit
from ..plans.services import CONSEQUENCES, PlanStateError, plan_close, plan_publish, publish_gaps, state_refusal
from .todo import awaiting_review, report_words, returned_not_refiled


def plan_list(request: HttpRequest) -> HttpResponse:
    plans = (
        Plan.objects.visible_to(request.user)
        .select_related("jurisdiction")
        .annotate(
            formal_count=Count("projects", filter=Q(projects__status=Project.Status.FORMAL), distinct=True),
            candidate_count=Count("projects", filter=Q(projects__status=Project.Status.CANDIDATE), distinct=True),
        )
    )
    return render(request, "plans/plan_list.html", {"plans": plans})


def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = gate.plan_for(request.user, pk, gate.PUBLIC)
    tasks = list(Task.objects.filter(project__plan=plan).with_people().order_by("project__order", "order"))
    sections = []
    for status, label in Project.Status.choices:
        projects = _group_projects([t for t in tasks if t.project.status == status])
        if projects:
            sections.append({"status": status, "label": label, "projects": projects})
    later = None
    supervises = access.can_supervise_plan(request.user, plan)  # offers only what the gate allows
    if supervises and plan.state != Plan.State.DRAFT:
        later = (
            Plan.objects.exclude(state=Plan.State.CLOSED)
            .filter(year__gt=plan.year or 0, jurisdiction=plan.jurisdiction)
            .order_by("year", "pk")
        )
    context = {"plan": plan, "sections": sections, "task_count": len(tasks), "later_plans": later} | {
        "supervises": supervises,
        "reads_inside": access.office_reads_plan(request.user, plan) and access.is_office(request.user),
    }
    return render(request, "plans/plan_detail.html", context)


def _group_projects(tasks: list[Task]) -> list[dict[str, Any]]:
    """Tasks (ordered by project) into projects, each with its category."""
    return [{"project": project, "tasks": list(group)} for project, group in groupby(tasks, key=lambda t: t.project)]


def task_detail(request: HttpRequest, pk: int) -> HttpResponse:
    tasks = Task.objects.with_people().select_related("carried_from__project__plan")
    task, roles = gate.task_for(request.user, pk, {gate.PUBLIC}, "", tasks)
    supervises = access.OFFICE in roles
    carried_to = Task.objects.visible_to(request.user).filter(carried_from=task).select_related("project__plan")
    indicators = list(task.indicators.all())
    return render(
        request,
        "plans/task_detail.html",
        {
            "task": task,
            "plan": task.project.plan,
            "indicators": indicators,
            "content_html": highlight(task.content, indicators),
            "is_office": supervises,
            "can_supervise": bool(roles & access.READ_ROLES),
            "carried_to": list(carried_to),
            "add_form": IndicatorForm() if supervises else None,
        },
    )


def unit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    unit = get_object_or_404(Unit, pk=pk)
    tasks = (
        Task.objects.visible_to(request.user)
        .filter(units=unit)
        .distinct()
        .with_people()
        .order_by("-project__plan__year", "project__plan", "project__order", "order")
    )
    if not access.can_act_for_unit(request.user, unit) and not tasks.exists():
        raise Http404  # a unit named only in draft plans is not public
    page = Paginator(tasks, 50).get_page(request.GET.get("page"))
    return render(request, "plans/unit_detail.html", {"unit": unit, "page": page})


def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    page = None
    units: list[Unit] = []
    if query:
        tasks = (
            Task.objects.visible_to(request.user)
            .search(query)
            .with_people()
            .order_by("-project__plan__year", "project__plan", "project__order", "order")
        )
        page = Paginator(tasks, 50).get_page(request.GET.get("page"))
        visible = Task.objects.visible_to(request.user).values("pk")
        found = Unit.objects.filter(name__icontains=query, tasks__in=visible).select_related("jurisdiction")
        units = list(found.distinct()[:20])  # named with their place: 城管局 is one per district
    return render(request, "plans/search.html", {"query": query, "page": page, "units": units})


_STEPS = {Plan.State.PUBLISHED: ("发布计划", plan_publish), Plan.State.CLOSED: ("结束计划", plan_close)}


@login_required
def plan_state(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish or close a plan: GET asks for confirmation and says what changes, POST does it."""
    plan = gate.plan_for(request.user, pk, gate.SUPERVISE)
    to = request.POST.get("to") or request.GET.get("to", "")
    if to not in _STEPS:
        raise Http404("未知的计划状态")
    verb, step = _STEPS[Plan.State(to)]
    # Publishing a draft that lacks a title, place, lead units or deadlines is asked twice: the
    # page lists what is missing, and the clerk ticks that they publish it anyway.
    gaps = publish_gaps(plan) if to == Plan.State.PUBLISHED and plan.state == Plan.State.DRAFT else None
    unconfirmed = bool(gaps) and request.POST.get("anyway") != "1"
    if request.method == "POST" and not unconfirmed:
        attempt(request, lambda: step(user=request.user, plan=plan), f"已{verb}：{plan.title}", PlanStateError)
        return redirect("plans:detail", pk=plan.pk)
    context = {
        "gaps": gaps,
        "unconfirmed": request.method == "POST",
        "plan": plan,
        "to": to,
        "verb": verb,
        "consequence": CONSEQUENCES[Plan.State(to)],
        "refusal": state_refusal(plan, to),
        # Closing stops filing, not review: the office is told what still waits and that it stays.
        "awaiting": awaiting_review().filter(task__project__plan=plan).count() if to == Plan.State.CLOSED else 0,
        # Returned and not filed again: closing ends the unit's chance to resubmit them.
        "returned": _returned(plan) if to == Plan.State.CLOSED else [],
    }
    return render(request, "plans/plan_state.html", context, status=422 if request.method == "POST" else 200)


def _returned(plan: Plan) -> list[tuple[str, str]]:
    """Each report returned and not filed again, named as people name it, with the unit that owes it;
    two queries."""
    reports = (
        returned_not_refiled()
        .filter(task__project__plan=plan)
        .select_related("task__project__plan")
        .prefetch_related("task__task_units__unit")
    )
    return [(report_words(r), "、".join(u.name for u in r.task.lead_units())) for r in reports]
