"""Public pages (no login): published plans, their progress, a project's history, a
printable view and an .xlsx download. Only what public.py selects is shown here."""

from __future__ import annotations

from urllib.parse import quote

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ..plans.models import Project
from ..voting.models import RatingSession, VotingSession
from .public import project_history, public_plan, public_plans, public_xlsx

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def index(request: HttpRequest) -> HttpResponse:
    plans = public_plans().annotate(projects_count=Count("projects", filter=Q(projects__status=Project.Status.FORMAL)))
    # The published results of votes and ratings are public too: linked from here, not hidden.
    votes = VotingSession.objects.filter(state=VotingSession.State.PUBLISHED).select_related("plan")
    rated = RatingSession.objects.filter(state=RatingSession.State.PUBLISHED).select_related("plan")
    context = {"plans": plans, "votes": votes.order_by("-date", "pk"), "ratings": rated.order_by("-pk")}
    return render(request, "reports/public_index.html", context)


def plan_page(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(public_plans(), pk=pk)
    data = public_plan(plan, timezone.localdate())
    return render(request, "reports/public_plan.html", {"plan": plan, "data": data, "printable": False})


def plan_print(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(public_plans(), pk=pk)
    data = public_plan(plan, timezone.localdate())
    return render(request, "reports/public_plan.html", {"plan": plan, "data": data, "printable": True})


def plan_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    plan = get_object_or_404(public_plans(), pk=pk)
    response = HttpResponse(public_xlsx(public_plan(plan, timezone.localdate())), content_type=XLSX)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(plan.title)}进展.xlsx"
    return response


def project_page(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        Project.objects.select_related("plan", "category").filter(
            plan__in=public_plans(), status=Project.Status.FORMAL
        ),
        pk=pk,
    )
    history = project_history(project)
    return render(
        request, "reports/public_project.html", {"project": project, "plan": project.plan, "history": history}
    )
