"""The office's 待办 page and the review queue (walk through waiting reports; approve several at once)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..plans import access, gate
from ..plans.models import Plan
from . import services, todo
from .forms import ReviewForm
from .models import Report
from .views import review_from_form

LIST_LIMIT = 50
BULK_LIMIT = 200


@login_required
def todo_page(request: HttpRequest) -> HttpResponse:
    access.require_office(request)
    today = timezone.localdate()
    waiting = _own(request, todo.awaiting_review())
    returned = _own(request, todo.returned_not_refiled())
    own_plans = Plan.objects.filter(access.supervised_filter(request.user))
    plans = own_plans.filter(state=Plan.State.PUBLISHED).order_by("-year", "pk")
    context = {
        "waiting_count": waiting.count(),
        "waiting": waiting.select_related("task__project__plan").prefetch_related("task__task_units__unit")[
            :LIST_LIMIT
        ],
        "returned_count": returned.count(),
        "returned": returned.select_related("task__project__plan")[:LIST_LIMIT],
        "plans": [todo.plan_todo(plan, today) for plan in plans],
        "proposals": todo.proposals_to_screen(request.user),
    }
    return render(request, "progress/todo.html", context)


def _own(request: HttpRequest, reports: QuerySet[Report]) -> QuerySet[Report]:
    """Reports of the plans this office supervises: a district never reviews its sibling's."""
    return reports.filter(access.supervised_filter(request.user, "task__project__plan__"))


def _after(queryset: object, report: Report) -> object:
    """Reports after `report` in the queue's order (filed_at, pk)."""
    return queryset.filter(  # type: ignore[attr-defined]
        Q(filed_at__gt=report.filed_at) | Q(filed_at=report.filed_at, pk__gt=report.pk)
    )


@login_required
def review_queue(request: HttpRequest) -> HttpResponse:
    """One waiting report at a time, oldest first; `after` skips to the next one."""
    access.require_office(request)
    waiting = _own(request, todo.awaiting_review())
    total = waiting.count()
    after = request.GET.get("after", "")
    queue = waiting
    if after.isdigit():
        previous = Report.objects.filter(pk=int(after)).first()
        if previous is not None:
            queue = _after(waiting, previous)  # type: ignore[assignment]
    report = (
        queue.select_related("task__project__plan", "filed_by")
        .prefetch_related("figures__indicator", "evidence", "task__task_units__unit")
        .first()
    )
    # The header and the list count the same reports: those after the cursor, and those skipped.
    remaining = queue.count() if queue is not waiting else total
    context = {
        "report": report,
        "total": total,
        "remaining": remaining,
        "skipped": total - remaining,
        "label": todo.report_words(report) if report else "",
        "form": ReviewForm(),
    }
    return render(request, "progress/review_queue.html", context)


@login_required
@require_POST
def review_in_queue(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.select_related("task__project__plan"), pk=pk)
    gate.check_task(request.user, report.task, {access.OFFICE}, "只有本级督查室可以审核该报告")
    decision = review_from_form(request, report)
    if decision is None:  # not saved: stay on this report
        return redirect(reverse("progress:queue") + f"?after={_before_pk(report)}")
    messages.success(request, f"已{report_label(decision)}：{todo.report_words(report)}")
    return redirect(reverse("progress:queue") + f"?after={report.pk}")


def report_label(decision: str) -> str:
    return "通过" if decision == "approve" else "退回"


def _before_pk(report: Report) -> str:
    """Stay on the same report after an error: start the queue just before it."""
    earlier = (
        todo.awaiting_review()
        .filter(Q(filed_at__lt=report.filed_at) | Q(filed_at=report.filed_at, pk__lt=report.pk))
        .order_by("-filed_at", "-pk")
        .values_list("pk", flat=True)
        .first()
    )
    return str(earlier or "")


@login_required
@require_POST
def review_batch(request: HttpRequest) -> HttpResponse:
    """Approve the ticked reports; each on its own, so one already reviewed stops none of the others."""
    access.require_office(request)
    ids = [int(v) for v in request.POST.getlist("report") if v.isdigit()][:BULK_LIMIT]
    if not ids:
        messages.error(request, "请勾选要通过的报告")
        return redirect("progress:todo")
    own = list(_own(request, Report.objects.filter(pk__in=ids)).select_related("task__project__plan"))
    if len(own) != len(set(ids)):
        # one report out of reach refuses the whole batch, as a missing id does: a neighbour learns
        # nothing of which ids exist, and a batch never half-passes behind a success message
        raise Http404
    approved, errors = 0, []
    for report in own:
        try:
            services.review_report(user=request.user, report=report, approve=True)
            approved += 1
        except services.ProgressError as exc:
            errors.append(f"{todo.report_words(report)}：{exc}")
    messages.success(request, f"已批量通过 {approved} 份报告")
    for error in errors:
        messages.error(request, error)
    return redirect("progress:todo")
