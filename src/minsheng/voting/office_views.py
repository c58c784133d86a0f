"""The office's pages of 征集, 票决 and 测评: screen proposals; set up a session, import
its roster, open and close it, follow turnout, enter paper ballots, publish; run the
year-end rating. Every view starts with access.require_office."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from ..plans import access, gate
from . import proposals, quorum, ratings, services, setup
from .forms import RatingSessionForm, RosterForm, ScreeningForm, SessionForm, scoped
from .models import Deputy, Proposal, RatingSession, VotingSession
from .roster import RosterError, import_roster, read_roster, reissue_passwords
from .tally import RULE_TEXT

LIST_LIMIT = 100


def _office(request: HttpRequest) -> None:
    access.require_office(request)


Session = TypeVar("Session", VotingSession, RatingSession)


def _session(request: HttpRequest, model: type[Session], pk: int) -> Session:
    """A vote or a rating through the plan gate: only the office that supervises its plan runs it."""
    session = get_object_or_404(model.objects.select_related("plan"), pk=pk)
    gate.check_plan(request.user, session.plan, gate.SUPERVISE)
    return session


def _attempt(request: HttpRequest, action: Callable[[], Any], success: str) -> bool:
    try:
        result = action()
    except services.VotingError as exc:
        messages.error(request, str(exc))
        return False
    messages.success(request, result if isinstance(result, str) else success)
    return True


@login_required
def proposal_list(request: HttpRequest) -> HttpResponse:
    _office(request)
    status = request.GET.get("status", Proposal.Status.RECEIVED)
    own = Proposal.objects.filter(proposals.screened_by(request.user))  # proposed for this level
    rows = own.filter(status=status).select_related("candidate__project")[:LIST_LIMIT]
    counts = dict(own.values_list("status").annotate(n=Count("pk")))
    context = {"proposals": rows, "status": status, "statuses": Proposal.Status.choices, "counts": counts}
    return render(request, "voting/office_proposals.html", context)


@login_required
def proposal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    proposal = get_object_or_404(Proposal.objects.filter(proposals.screened_by(request.user)), pk=pk)
    initial = {"name": proposal.title, "content": proposal.content}
    form = scoped(ScreeningForm(request.POST or None, initial=initial), request.user)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "accept" and form.is_valid():
            screening = proposals.Screening(**form.cleaned_data)
            if _attempt(
                request,
                lambda: proposals.accept(user=request.user, proposal=proposal, screening=screening),
                "已列为候选项目",
            ):
                return redirect("voting:proposals")
        elif action == "merge":
            into = Proposal.objects.filter(pk=request.POST.get("into") or 0).first()
            if into is None:
                messages.error(request, "请选择要合并到的建议")
            elif _attempt(request, lambda: proposals.merge(user=request.user, proposal=proposal, into=into), "已合并"):
                return redirect("voting:proposals")
        elif action == "reject":
            reason = request.POST.get("reason", "")
            if _attempt(
                request, lambda: proposals.reject(user=request.user, proposal=proposal, reason=reason), "已答复不采纳"
            ):
                return redirect("voting:proposals")
    closed = [Proposal.Status.MERGED, Proposal.Status.REJECTED]
    others = Proposal.objects.exclude(pk=proposal.pk).exclude(status__in=closed)[:LIST_LIMIT]
    return render(request, "voting/office_proposal.html", {"proposal": proposal, "form": form, "others": others})


@login_required
def session_list(request: HttpRequest) -> HttpResponse:
    _office(request)
    form = scoped(SessionForm(request.POST or None), request.user)
    if request.method == "POST" and form.is_valid():
        try:
            session = setup.session_create(user=request.user, spec=setup.SessionSpec(**form.cleaned_data))
        except services.VotingError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "票决已创建，请导入代表名单")
            return redirect("voting:session", pk=session.pk)
    own = access.supervised_filter(request.user, "plan__")
    sessions = VotingSession.objects.filter(own).select_related("plan").annotate(n=Count("candidates"))[:LIST_LIMIT]
    ratings_list = RatingSession.objects.filter(own).select_related("plan")[:LIST_LIMIT]
    rating_form = scoped(RatingSessionForm(auto_id="rating_%s"), request.user)
    context = {"sessions": sessions, "form": form, "ratings": ratings_list, "rating_form": rating_form}
    return render(request, "voting/office_sessions.html", context)


def _session_context(session: VotingSession) -> dict[str, Any]:
    context: dict[str, Any] = {
        "session": session,
        "candidates": session.candidates.order_by("order"),
        "turnout": services.turnout(session),
        "rule": RULE_TEXT,
        "pending": services.pending_paper(session),
        "roster_form": RosterForm(),
    }
    if session.state in (VotingSession.State.CLOSED, VotingSession.State.PUBLISHED):
        result = services.tally(session)
        names = dict(session.candidates.values_list("pk", "name"))
        context["result"] = result
        context["ranked"] = [
            (names[pk], result.approvals[pk], pk in result.chosen, pk in result.tied, pk)
            for pk in sorted(result.approvals, key=lambda c: -result.approvals[c])
        ]
    return context


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    session = _session(request, VotingSession, pk)
    return render(request, "voting/office_session.html", _session_context(session))


@login_required
def session_turnout(request: HttpRequest, pk: int) -> HttpResponse:
    """The live turnout, polled by htmx while the session is open. Opened on its own (a link
    copied, a reload) it is the session page, where the same figures refresh: never a bare fragment."""
    _office(request)
    session = _session(request, VotingSession, pk)
    if not request.headers.get("HX-Request"):
        return redirect(f"{reverse('voting:session', args=[session.pk])}#turnout")
    return render(request, "voting/_turnout.html", {"session": session, "turnout": services.turnout(session)})


@login_required
@require_POST
def session_roster(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    session = _session(request, VotingSession, pk)
    form = RosterForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "请选择代表名单文件（.xlsx）")
        return redirect("voting:session", pk=pk)
    upload = form.cleaned_data["file"]
    try:
        rows = read_roster(upload.read(), upload.name)
        result = import_roster(user=request.user, session=session, rows=rows)
    except RosterError as exc:
        messages.error(request, str(exc))
        return redirect("voting:session", pk=pk)
    messages.success(
        request,
        f"已导入代表名单 {result.deputies} 人，新建登录账号 {len(result.created)} 个。"
        "请点击“下载初始密码表”打印后发给代表；尚未登录过的代表可随时重新生成。",
    )
    return redirect("voting:session", pk=pk)


@login_required
@require_POST
def session_passwords(request: HttpRequest, pk: int) -> HttpResponse:
    """The initial passwords of the deputies who have never logged in, issued afresh as a sheet."""
    _office(request)
    session = _session(request, VotingSession, pk)
    result = reissue_passwords(user=request.user, session=session)
    if not result.created:
        messages.info(request, "名单上的代表都已登录过，无需生成初始密码")
        return redirect("voting:session", pk=pk)
    response = HttpResponse(
        result.credentials_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = (
        "attachment; filename*=UTF-8''%E4%BB%A3%E8%A1%A8%E5%88%9D%E5%A7%8B%E5%AF%86%E7%A0%81.xlsx"
    )
    return response


@login_required
@require_POST
def session_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """open / close / publish / paper (issue a paper ballot) / enter / reset (a paper entry)."""
    _office(request)
    session = _session(request, VotingSession, pk)
    user, post = request.user, request.POST
    approvals = [int(v) for v in post.getlist("approve") if v.isdigit()]
    steps: dict[str, tuple[Callable[[], Any], str]] = {
        "open": (lambda: services.open_session(user=user, session=session), "票决已开始"),
        "close": (lambda: services.close_session(user=user, session=session), "票决已结束，计票结果如下"),
        "publish": (
            lambda: services.publish(user=user, session=session, decision=approvals, note=post.get("note", "")),
            "结果已公布，当选项目已列为正式民生实事项目",
        ),
        "paper": (
            lambda: services.issue_paper_ballot(user=user, session=session, deputy=_deputy(post)),
            "已发放纸质选票",
        ),
        "enter": (
            lambda: services.enter_paper_ballot(
                user=user, session=session, serial=post.get("serial", ""), approvals=approvals
            ),
            "",
        ),
        "reset": (
            lambda: services.reset_paper_entry(user=user, session=session, serial=post.get("serial", "")),
            "已撤回，请重新录入",
        ),
    }
    if step not in steps:
        return HttpResponse(status=404)
    asking = _ask_first(request, session, step)
    if asking is not None:
        return asking
    action, success = steps[step]
    _attempt(request, action, success)
    return redirect("voting:session", pk=pk)


def _ask_first(request: HttpRequest, session: VotingSession, step: str) -> HttpResponse | None:
    """结束票决 always asks, and publishing a result that fills fewer seats than it should asks
    with the turnout; the confirmation posts the same fields again with confirm=1."""
    if request.POST.get("confirm") or step not in ("close", "publish"):
        return None
    if step == "close":
        text = f"结束后代表不能再投票，将按现有选票计票：{quorum.vote_turnout_text(session)}。"
        verb = "确认结束票决"
    else:
        text = quorum.vote_warning(session)
        if not text:
            return None
        text, verb = f"投票人数不足以选满：{text}。仍要公布吗？", "仍然公布结果"
    action = reverse("voting:step", args=[session.pk, step])
    return _confirm(request, action, text, verb, reverse("voting:session", args=[session.pk]))


def _confirm(request: HttpRequest, action: str, text: str, verb: str, back: str) -> HttpResponse:
    skip = ("csrfmiddlewaretoken", "confirm")
    carried = [(k, v) for k in request.POST if k not in skip for v in request.POST.getlist(k)]
    context = {"action": action, "text": text, "verb": verb, "back": back, "carried": carried}
    return render(request, "voting/confirm.html", context)


def _deputy(post: Any) -> Deputy:
    deputy = Deputy.objects.filter(number=post.get("number", "").strip()).first()
    if deputy is None:
        raise services.VotingError("没有这个代表证号")
    return deputy


@login_required
@require_POST
def rating_new(request: HttpRequest) -> HttpResponse:
    _office(request)
    form = scoped(RatingSessionForm(request.POST, auto_id="rating_%s"), request.user)
    if not form.is_valid():
        messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect("voting:sessions")
    try:
        session = setup.rating_create(user=request.user, fields=form.cleaned_data)
    except services.VotingError as exc:
        messages.error(request, str(exc))
        return redirect("voting:sessions")
    return redirect("voting:rating", pk=session.pk)


@login_required
def rating_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _office(request)
    session = _session(request, RatingSession, pk)
    if request.method == "POST":
        step = request.POST.get("step")
        if step == "close":
            _attempt(request, lambda: ratings.close(user=request.user, session=session), "测评已结束")
        elif step == "publish":
            warning = quorum.rating_warning(session)
            if warning and not request.POST.get("confirm"):
                back = reverse("voting:rating", args=[pk])
                return _confirm(request, back, f"{warning}。仍要公布吗？", "仍然公布结果", back)
            _attempt(request, lambda: ratings.publish(user=request.user, session=session), "测评结果已公布")
        return redirect("voting:rating", pk=pk)
    outcomes = session.outcomes.select_related("project").order_by("project__order")
    context = {
        "session": session,
        "outcomes": outcomes,
        "receipts": session.receipts.count(),
        "deputies": ratings.electorate(session.plan).count(),
        "rule": ratings.rule_text(session),
    }
    return render(request, "voting/office_rating.html", context)
