"""The office dashboard, the filtered task board, plan settings and reminders,
and the own-work dashboard of units and leaders."""

from __future__ import annotations

import json
from collections.abc import Sequence

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from ..plans import access, gate
from ..plans.models import Plan, Task
from ..plans.services import PlanSettingsError, plan_settings_save
from . import metrics, schedule
from .board import Board, Group, TaskRow, build_board
from .evidence import protect
from .forecast import Forecast, Risk
from .forecast_board import board_risks, risk_counts, with_risk
from .forecast_review import Mark, latest_reviews, marks
from .forms import PlanSettingsForm
from .models import Notice, Report
from .remind import remind, remind_preview

LIST_LIMIT = 20


def _plan(request: HttpRequest, pk: int, supervise: bool = False) -> Plan:
    return gate.plan_for(request.user, pk, gate.SUPERVISE if supervise else gate.READ)


def _pct(value: float | None) -> float | None:
    return None if value is None else round(float(value), 1)


def _chart(groups: list[Group]) -> str:
    data = {
        "names": [g.name for g in groups],
        "completion": [_pct(g.completion) for g in groups],
        "expected": [_pct(g.expected) for g in groups],
    }
    return json.dumps(data, ensure_ascii=False)


@login_required
def dashboard(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    board = build_board(plan, timezone.localdate())
    risks = board_risks(board)
    red = board.with_light(metrics.Light.RED)[:LIST_LIMIT]
    yellow = board.with_light(metrics.Light.YELLOW)[:LIST_LIMIT]
    missing = board.missing[:LIST_LIMIT]
    context = {
        "plan": plan,
        "supervises": access.can_supervise_plan(request.user, plan),  # the office above only reads
        "board": board,
        "risks": risks,
        "risk_counts": risk_counts(risks.values()),
        "red": red,
        "yellow": yellow,
        "missing": missing,
        "marks": _marks(plan, [*red, *yellow, *missing], risks),
        "counts": _counts(board),
        "period_label": schedule.period_label(board.period_end, plan.cycle),
        "category_chart": _chart(board.by_category),
        "rule": metrics.RULE_TEXT,
        "notices": Notice.objects.filter(plan=plan).select_related("unit").prefetch_related("deliveries")[:LIST_LIMIT],
    }
    return render(request, "progress/dashboard.html", context)


def _marks(plan: Plan, rows: Sequence[TaskRow], risks: dict[int, Forecast]) -> dict[int, Mark]:
    """The 已研判 marks of the rows a page lists (one query, whatever their number)."""
    return marks(rows, risks, latest_reviews(plan, [r.id for r in rows]))


def _counts(board: Board) -> dict[str, int]:
    return {
        "red": board.overall.lights[metrics.Light.RED],
        "yellow": board.overall.lights[metrics.Light.YELLOW],
        "blue": board.overall.lights[metrics.Light.BLUE],
        "green": board.overall.lights[metrics.Light.GREEN],
        "none": board.overall.lights[metrics.Light.NONE],
        "missing": len(board.missing),
    }


@login_required
def board_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every task of the board, filtered by light, risk, category, unit or leader, paginated."""
    plan = _plan(request, pk)
    board = build_board(plan, timezone.localdate())
    rows = board.rows
    light, category = request.GET.get("light", ""), request.GET.get("category", "")
    unit, leader = request.GET.get("unit", ""), request.GET.get("leader", "")
    if light == "missing":
        rows = board.missing
    elif light == "late":
        rows = board.late
    elif light:
        rows = [r for r in rows if r.light == light]
    if category:
        rows = [r for r in rows if r.category == category]
    if unit:
        rows = [r for r in rows if any(str(u) == unit for u, _ in r.units)]
    if leader:
        rows = [r for r in rows if leader in r.leaders]
    risks, risk = board_risks(board), request.GET.get("risk", "")
    rows = with_risk(rows, risks, risk)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    filters = {"light": light, "category": category, "unit": unit, "leader": leader}
    return render(
        request,
        "progress/board_list.html",
        {
            "plan": plan,
            "page": page,
            "filters": filters | {"risk": risk},
            "risks": risks,
            "marks": _marks(plan, list(page.object_list), risks),
            "risk_labels": {r.value: r.label for r in Risk if r != Risk.UNKNOWN},
            "lights": dict(metrics.Light.choices),
            "late_label": schedule.period_label(board.late_end, plan.cycle) if board.late_end else "",
        },
    )


@login_required
def plan_settings(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk, supervise=True)
    form = PlanSettingsForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            plan_settings_save(user=request.user, plan=plan, changes=form.cleaned_data)
        except PlanSettingsError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "督办设置已保存")
            return redirect("progress:dashboard", pk=plan.pk)
    return render(request, "progress/plan_settings.html", {"plan": plan, "form": form})


@login_required
def remind_now(request: HttpRequest, pk: int) -> HttpResponse:
    """催报: GET shows what would be sent to whom (units, tasks, period, 催办单) and asks;
    only POST sends."""
    plan = _plan(request, pk, supervise=True)
    if request.method != "POST":
        preview = remind_preview(plan, timezone.localdate())
        return render(request, "progress/remind_confirm.html", {"plan": plan, "preview": preview})
    result = remind(plan, timezone.localdate(), user=request.user)
    if result.period_end is None:
        messages.info(request, "尚无已过报送截止日的报送期，没有发出催报")
        return redirect("progress:dashboard", pk=plan.pk)
    deliveries = list(result.deliveries())
    failed = [d for d in deliveries if d.failed]
    messages.success(
        request,
        f"{schedule.period_label(result.period_end, plan.cycle)}：催报 {len(result.reminded)} 个单位，"
        f"发出催办单 {len(result.escalated)} 份，此前已催报 {result.already} 个单位；"
        f"邮件、群机器人送达 {len(deliveries) - len(failed)} 条，未送达 {len(failed)} 条",
    )
    for delivery in failed[:10]:
        messages.warning(
            request, f"未送达：{delivery.notice.unit.name} {delivery.label} {delivery.recipient}（{delivery.error}）"
        )
    if result.no_account:
        names = "、".join(u.name for u in result.no_account[:10])
        more = f"等 {len(result.no_account)} 个单位" if len(result.no_account) > 10 else ""
        messages.warning(request, f"{names}{more}尚无填报账号，无法催报，请先邀请填报人")
    return redirect("progress:dashboard", pk=plan.pk)


@login_required
def my_dashboard(request: HttpRequest) -> HttpResponse:
    """A unit's or leader's own tasks: lights, what is due, what was returned, notices."""
    me = access.identity(request.user)
    scope = access.supervised_task_filter(request.user)
    if scope is None or me.office or (me.deputy and not me.unit_ids and me.leader_id is None):
        if me.office:
            return redirect("plans:list")
        if me.deputy:  # a deputy has no tasks of its own: its page is the ballot and the 测评
            return redirect("voting:deputy")
        raise PermissionDenied("您的账号尚未关联单位或领导，请联系督查室")
    today = timezone.localdate()
    plans = Plan.objects.visible_to(request.user).current().order_by("-year", "pk")
    mine = Task.objects.filter(scope)
    boards = [(plan, build_board(plan, today, mine)) for plan in plans]
    boards = [(plan, board) for plan, board in boards if board.rows]
    returned_list, ended = _returned(mine)
    notices = Notice.objects.filter(unit_id__in=me.unit_ids).select_related("plan", "unit")
    notices = notices.prefetch_related("deliveries")[:LIST_LIMIT]
    context = {
        "boards": boards,
        "returned": returned_list,
        "ended_returned": ended,
        "notices": notices,
        "today": today,
        "schedule": schedule,
        "unit_ids": me.unit_ids,  # template links only for the user's own units
    }
    return render(request, "progress/my_dashboard.html", context)


def _returned(mine: QuerySet[Task]) -> tuple[list[Report], list[Report]]:
    """The unit's returned reports not yet filed again (the returned version is still the newest):
    those of running plans to revise, and those of closed plans, told as ended (no 请补充)."""
    newest = (
        Report.objects.filter(task=OuterRef("task"), period_end=OuterRef("period_end"))
        .order_by("-version")
        .values("version")[:1]
    )
    returned = (
        Report.objects.filter(task__in=mine.values("pk"), review=Report.Review.RETURNED)
        .annotate(newest=Subquery(newest))
        .filter(version=F("newest"))
        .select_related("task__project__plan")
        .order_by("-reviewed_at")[:LIST_LIMIT]
    )
    closed = Plan.State.CLOSED
    running: list[Report] = [r for r in returned if r.task.project.plan.state != closed]
    ended: list[Report] = [r for r in returned if r.task.project.plan.state == closed]
    return running, ended


@login_required
def notice_document(request: HttpRequest, pk: int) -> FileResponse:
    notice = get_object_or_404(Notice.objects.select_related("plan", "unit"), pk=pk)
    gate.check_for_unit(request.user, notice.plan, notice.unit_id, "您无权下载该催办单")
    if not notice.document:  # a 催报 reminder: only an escalation carries a 催办单
        raise Http404("这条催报提醒没有催办单文件")
    return protect(
        FileResponse(
            notice.document.open("rb"),
            as_attachment=True,
            filename=(notice.document.name or "催办单.docx").rsplit("/", 1)[-1],
        )
    )
