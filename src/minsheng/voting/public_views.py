"""Public pages of 征集 and the published results of 票决 and 测评 (no login)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from ..accounts import ratelimit
from ..plans.models import Project
from . import proposals, quorum, ratings
from .forms import ProposalForm
from .models import Proposal, RatingSession, VotingSession
from .services import tally, turnout
from .tally import RULE_TEXT


def propose(request: HttpRequest) -> HttpResponse:
    if request.method == "POST" and not ratelimit.allow(
        f"propose:{ratelimit.client_ip(request)}", settings.MINSHENG_PROPOSAL_RATE
    ):  # counted per address in a counter row, atomically across gunicorn workers
        return render(request, "voting/rate_limited.html", status=429)
    form = ProposalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        proposal = proposals.submit(
            title=data["title"],
            content=data["content"],
            proposer=data["proposer"],
            contact=data["contact"],
            jurisdiction=data.get("jurisdiction"),
        )
        return render(request, "voting/proposal_thanks.html", {"proposal": proposal})
    return render(request, "voting/propose.html", {"form": form})


def proposal_status(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "").strip().upper()[:12]
    proposal = Proposal.objects.filter(code=code).first() if code else None
    return render(request, "voting/proposal_status.html", {"code": code, "proposal": proposal})


def _names(ids: list[int]) -> list[Any]:
    projects = Project.objects.in_bulk(ids)
    return [projects[i] for i in ids if i in projects]


def vote_result(request: HttpRequest, pk: int) -> HttpResponse:
    published = VotingSession.objects.filter(state=VotingSession.State.PUBLISHED)
    session = get_object_or_404(published.select_related("plan"), pk=pk)
    result = tally(session)
    decided = set(session.decision)
    rows = [
        {"project": p, "approvals": result.approvals[p.pk], "chosen": p.pk in result.chosen or p.pk in decided}
        for p in _names(sorted(result.approvals, key=lambda c: -result.approvals[c]))
    ]
    context = {"session": session, "rows": rows, "result": result, "turnout": turnout(session), "rule": RULE_TEXT}
    return render(request, "voting/vote_result.html", context)


def rating_result(request: HttpRequest, pk: int) -> HttpResponse:
    published = RatingSession.objects.filter(state=RatingSession.State.PUBLISHED)
    session = get_object_or_404(published.select_related("plan"), pk=pk)
    outcomes = session.outcomes.select_related("project").order_by("project__order")
    rated, deputies = quorum.rating_turnout(session)
    context = {
        "session": session,
        "outcomes": outcomes,
        "rule": ratings.rule_text(session),
        "rated": rated,
        "deputies": deputies,
        "quorum": quorum.RATING_QUORUM_TEXT,
    }
    return render(request, "voting/rating_result.html", context)
