"""The deputy's pages, made for a phone: open sessions, the ballot, the rating form."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_POST

from . import ratings
from .models import Attendance, Deputy, Grade, RatingReceipt, RatingSession, VoteReceipt, VotingSession
from .services import VotingError, cast_ballot, deputy_of


def _deputy(request: HttpRequest) -> Deputy:
    try:
        return deputy_of(request.user)
    except VotingError as exc:
        raise PermissionDenied(str(exc)) from exc


@login_required
def home(request: HttpRequest) -> HttpResponse:
    deputy = _deputy(request)
    sessions = (
        VotingSession.objects.filter(attendance__deputy=deputy)
        .exclude(state=VotingSession.State.DRAFT)
        .select_related("plan")
    )
    voted = set(VoteReceipt.objects.filter(deputy=deputy).values_list("session_id", flat=True))
    rating_sessions = ratings.sessions_for(deputy).filter(state=RatingSession.State.OPEN).select_related("plan")
    rated = set(RatingReceipt.objects.filter(deputy=deputy).values_list("session_id", flat=True))
    context = {"deputy": deputy, "sessions": sessions, "voted": voted, "ratings": rating_sessions, "rated": rated}
    return render(request, "voting/deputy_home.html", context)


@login_required
def vote(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _deputy(request)
    roster = Attendance.objects.filter(session=OuterRef("pk"), deputy=deputy)
    sessions = VotingSession.objects.select_related("plan").annotate(on_roster=Exists(roster))
    session = sessions.filter(pk=pk).first()  # with whether the deputy is on its roster: one query
    if session is None:
        raise Http404("没有这次票决")
    if not session.on_roster:
        raise PermissionDenied("您不在本次会议的代表名单中")
    error, ticked = "", set()
    if request.method == "POST":
        try:
            approvals = [int(v) for v in request.POST.getlist("approve")]
            ticked = set(approvals)  # a refused ballot comes back as the deputy marked it
            cast_ballot(user=request.user, session=session, approvals=approvals)
            return render(request, "voting/voted.html", {"session": session})
        except ValueError:
            error = "选票内容无效"
        except VotingError as exc:
            error = str(exc)
    already = VoteReceipt.objects.filter(session=session, deputy=deputy).exists()
    candidates = session.candidates.order_by("order").prefetch_related("tasks")
    context = {"session": session, "candidates": candidates, "already": already, "error": error, "ticked": ticked}
    return render(request, "voting/vote.html", context, status=400 if error else 200)


@require_POST
def ballot(request: HttpRequest, pk: int) -> JsonResponse:
    """The tablet's ballot: the form's checks (a signed-in deputy, CSRF, on the roster of an
    open session, one ballot each), answered in JSON instead of a page. cast_ballot reads
    the session under its lock, so the ballot costs the session, the user, the deputy and
    the six statements of the ballot itself, and no template."""
    if not request.user.is_authenticated:
        return JsonResponse({"error": "请先登录"}, status=401)
    try:
        approvals = [int(v) for v in request.POST.getlist("approve")]
    except ValueError:
        return JsonResponse({"error": "选票内容无效"}, status=400)
    try:
        cast_ballot(user=request.user, session=pk, approvals=approvals)
    except VotingSession.DoesNotExist:
        return JsonResponse({"error": "没有这次票决"}, status=404)
    except VotingError as exc:
        return JsonResponse({"error": str(exc)}, status=403)
    return JsonResponse({"message": "投票成功"})


@login_required
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    deputy = _deputy(request)
    # another place's 测评, or a draft's, is not the deputy's to know of (ratings.sessions_for)
    session = get_object_or_404(ratings.sessions_for(deputy).select_related("plan"), pk=pk)
    projects = list(ratings.projects_of(session))
    error = ""
    if request.method == "POST":
        grades = {
            p.pk: (request.POST.get(f"grade-{p.pk}", ""), request.POST.get(f"comment-{p.pk}", ""))
            for p in projects
            if request.POST.get(f"grade-{p.pk}")
        }
        try:
            ratings.rate(user=request.user, session=session, grades=grades)
            return render(request, "voting/rated.html", {"session": session})
        except VotingError as exc:
            error = str(exc)
    # a refused rating (any refusal) comes back with the deputy's picks and words as sent
    rows = [(p, request.POST.get(f"grade-{p.pk}", ""), request.POST.get(f"comment-{p.pk}", "")) for p in projects]
    already = RatingReceipt.objects.filter(session=session, deputy=deputy).exists()
    context = {"session": session, "projects": projects, "rows": rows, "grades": Grade.choices, "error": error}
    context["already"] = already
    return render(request, "voting/rate.html", context, status=400 if error else 200)
