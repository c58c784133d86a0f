"""The draft plan's editor (完善计划): title, jurisdiction and year, and a table of its tasks with
their units, deadline and leaders, one row per task; the same page on a desk and a phone."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..plans import access, gate
from ..plans.directory import is_collective
from ..plans.models import Plan, Task, Unit
from .draft_edit import (
    FIELDS,
    LABELS,
    DraftEditError,
    NewUnitsPending,
    Row,
    draft_save,
    editor_tasks,
    places_within_reach,
)

BULK = ("lead_units", "deadline")  # what a clerk with 40 rows sets for many at once


@login_required
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    plan = gate.plan_for(request.user, pk, gate.SUPERVISE)
    if plan.state != Plan.State.DRAFT:
        messages.info(request, "计划已发布：标题、区划和任务单位不再在此修改，量化指标仍可在任务页修改")
        return redirect("plans:detail", pk=plan.pk)
    tasks = editor_tasks(plan)
    error, pending, rows = "", {}, {}
    if request.method == "POST":
        header = {key: request.POST.get(key, "") for key in ("title", "jurisdiction", "year")}
        rows = _posted_rows(request, tasks)
        # only the confirm button confirms: a plain 保存 after the question asks again
        confirmed = frozenset(request.POST.getlist("new_unit") if request.POST.get("confirm_new") == "1" else ())
        try:
            saved = draft_save(user=request.user, plan=plan, header=header, rows=rows, new_units=confirmed)
        except DraftEditError as exc:
            error = str(exc)
        except NewUnitsPending as exc:
            pending = exc.names
        else:
            messages.success(request, f"已保存：{plan.title}（{saved.changed} 条任务有改动）")
            for warning in saved.warnings:
                messages.warning(request, f"请核对：{warning}")
            if not access.can_supervise_plan(request.user, plan):  # filed under a place below: its office's now
                # a draft is its office's working copy: this office meets it again once published
                messages.info(request, f"计划已归入{plan.jurisdiction}，由该级督查室完善和发布；发布后本级可以查看")
                return redirect("plans:list")
            return redirect("plans:edit", pk=plan.pk)
    context = _context(request, plan, tasks, error, rows) | {"pending": pending}
    return render(request, "plans/plan_edit.html", context, status=422 if error else 200)


def _posted_rows(request: HttpRequest, tasks: list[Task]) -> dict[int, dict[str, str]]:
    """Each row as sent, with the bulk values put into the picked rows (and, when asked, into
    every row that leaves that field empty)."""
    rows = {
        t.pk: {key: request.POST.get(f"t{t.pk}-{key}", "") for key in FIELDS}
        for t in tasks
        if f"t{t.pk}-deadline" in request.POST
    }
    if "bulk" not in request.POST:
        return rows
    picked = set(request.POST.getlist("pick"))
    empty_too = request.POST.get("bulk_empty") == "1"
    for key in BULK:
        value = request.POST.get(f"bulk_{key}", "").strip()
        if not value:
            continue
        for pk, row in rows.items():
            if str(pk) in picked or (empty_too and not row[key].strip()):
                row[key] = value
    return rows


def _context(
    request: HttpRequest, plan: Plan, tasks: list[Task], error: str, sent: dict[int, dict[str, str]]
) -> dict[str, Any]:
    """The page; after a post, the rows as sent (a bulk value already in its rows, so the
    confirmation that follows a held save sends what the clerk meant)."""
    posted = request.method == "POST"
    rows, picked = [], set(request.POST.getlist("pick"))
    for number, task in enumerate(tasks, start=1):
        shown = Row.of(task)
        values = sent.get(task.pk) or {
            k: request.POST.get(f"t{task.pk}-{k}", "") if posted else shown.text(k) for k in FIELDS
        }
        rows.append({"n": number, "task": task, "values": values, "picked": str(task.pk) in picked})
    header = {
        "title": request.POST.get("title", "") if posted else plan.title,
        "jurisdiction": request.POST.get("jurisdiction", "") if posted else str(plan.jurisdiction_id or ""),
        "year": request.POST.get("year", "") if posted else str(plan.year or ""),
    }
    known = list(Unit.objects.filter(jurisdiction=plan.jurisdiction).order_by("name").values_list("name", flat=True))
    return {
        "plan": plan,
        "rows": rows,
        "header": header,
        "places": places_within_reach(request.user),
        "known_units": known,
        # a real unit of this place as the example, never a name that would make a new unit
        "example_unit": next((name for name in known if not is_collective(name)), ""),
        "labels": LABELS,
        "error": error,
        "bulk": {k: request.POST.get(f"bulk_{k}", "") for k in BULK},
    }
