"""The carry-over page (跨年度转入): GET lists the unfinished tasks of a plan with what remains
of each target, to choose from, and what was already carried into the chosen later plan (with
an undo while that plan is a draft); POST carries the ticked tasks, or undoes the ticked carries."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from ..plans import access, gate
from ..plans.models import Plan, Task
from ..plans.services import PlanStateError
from . import carry


def _later_plans(request: HttpRequest, source: Plan) -> list[Plan]:
    """Later plans of the same jurisdiction that this office supervises and that still run."""
    plans = Plan.objects.filter(jurisdiction=source.jurisdiction, year__gt=source.year or 0)
    plans = plans.exclude(state=Plan.State.CLOSED).order_by("year", "pk")
    return [p for p in plans if access.can_supervise_plan(request.user, p)]


@login_required
def carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    source = gate.plan_for(request.user, pk, gate.SUPERVISE)
    later = _later_plans(request, source)
    chosen = request.POST.get("target") or request.GET.get("target") or (later[0].pk if later else 0)
    target = gate.plan_for(request.user, chosen, gate.SUPERVISE) if later else None
    if request.method == "POST" and target is not None:
        return _post(request, source, target)
    today = timezone.localdate()
    carried = Task.objects.filter(project__plan=target, carried_from__project__plan=source) if target else None
    done = set(carried.values_list("carried_from_id", flat=True)) if carried is not None else set()
    rows = [(row, left) for row, left in carry.offered(source, today) if row.id not in done]
    context = {
        "plan": source,
        "target": target,
        "later": later,
        "rows": rows,
        "carried": list(carried.select_related("project")) if carried is not None else [],
    }
    return render(request, "progress/carry_over.html", context)


def _post(request: HttpRequest, source: Plan, target: Plan) -> HttpResponse:
    ids = [int(v) for v in request.POST.getlist("task") if v.isdigit()]
    back = reverse("plans:carry_over", args=[source.pk]) + f"?target={target.pk}"
    try:
        if request.POST.get("action") == "undo":
            undone = carry.undo_carry_over(user=request.user, target=target, tasks=ids)
            messages.success(request, f"已撤销 {undone} 项转入")
            return redirect(back)
        created = carry.plan_carry_over(
            user=request.user, source=source, target=target, as_of=timezone.localdate(), tasks=ids
        )
    except PlanStateError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(request, f"已将 {len(created)} 项未完成任务转入“{target.title}”，各自链接到原任务")
    return redirect(back)
