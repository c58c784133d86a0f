"""The supervision page of a task: targets with progress bars, the report history,
evidence and notes; the report form for the lead unit and review for the office."""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import FileResponse, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from ..plans import access, gate
from ..plans.models import Task
from . import forecast_review, metrics, rules, schedule, services
from .board import build_board
from .evidence import evidence_response
from .forecast_board import history_periods, row_forecast
from .forecast_chart import chart_data
from .forecast_learned import plan_curves
from .forms import NoteForm, ReportForm, ReviewForm, ScheduleForm, display_decimal, format_versions, parse_versions
from .models import Evidence, Report


def _task_for(request: HttpRequest, pk: int, allowed: set[str], message: str) -> tuple[Task, set[str]]:
    tasks = Task.objects.with_people().prefetch_related("milestones")
    return gate.task_for(request.user, pk, allowed, message, tasks)


def _history(task: Task) -> list[dict[str, Any]]:
    """Every version of every period, newest first, with figures and evidence."""
    reports = (
        Report.objects.filter(task=task)
        .select_related("filed_by", "reviewed_by")
        .prefetch_related("figures", "evidence")
        .order_by("-period_end", "-version")
    )
    periods: dict[datetime.date, list[Report]] = defaultdict(list)
    for report in reports:
        periods[report.period_end].append(report)
    cycle = task.project.plan.cycle
    return [{"label": schedule.period_label(end, cycle), "end": end, "versions": v} for end, v in periods.items()]


def _report_form(request: HttpRequest, task: Task, data: Any = None, returned: Report | None = None) -> ReportForm:
    plan = task.project.plan
    periods = services.allowed_periods(plan, timezone.localdate())
    targets = list(task.indicators.all())
    current = schedule.calendar_of(plan).reporting_period(timezone.localdate())
    form = ReportForm(data, plan=plan, periods=periods, targets=targets)
    if data is not None:  # a filing: what its page would show is read only if it comes back (_read_periods)
        return form
    newest = _read_periods(form, task)
    if returned is not None and returned.period_end in periods:
        # The unit's own returned version, as it left it: the office asked for a correction of
        # it, not for the unit to start again from the last approved figure.
        form.initial = {
            "period_end": returned.period_end.isoformat(),
            "base_version": returned.version,
            "base_versions": form.read_versions,
            "status": returned.status,
            "narrative": returned.narrative,
            "keep_evidence_of": returned.pk,
            **{f"fig_{f.indicator_id}": display_decimal(f.actual) for f in returned.figures.all()},
        }
        return form
    last = rules.counting_versions(task).prefetch_related("figures").first()
    form.initial = {
        "period_end": current.isoformat(),
        "base_version": newest[current].version if current in newest else 0,
        "base_versions": form.read_versions,
    }
    if last:  # actuals are cumulative: start from the last figures
        form.initial.update({f"fig_{f.indicator_id}": display_decimal(f.actual) for f in last.figures.all()})
        form.initial["status"] = last.status
    return form


def _read_periods(form: ReportForm, task: Task) -> dict[datetime.date, Report]:
    """Each offered period's newest version, for the page: its figures for the period switch, and
    every period's version the page read (base_versions)."""
    newest = _newest_of_each_period(task, form.periods)
    form.period_figures = {  # the page's script fills a chosen period's own newest figures and words
        p.isoformat(): {
            **{f"fig_{f.indicator_id}": display_decimal(f.actual) for f in r.figures.all()},
            "narrative": r.narrative,
            "status": r.status,
        }
        for p, r in newest.items()
    }
    form.read_versions = format_versions({p: newest[p].version if p in newest else 0 for p in form.periods})
    return newest


def _seen_now(form: ReportForm) -> None:
    """After a refusal for somebody's newer version, the form comes back with what the unit typed and
    the versions as read now: it has been shown the newer one (history, message), and submitting
    again files over it on purpose instead of being refused for ever."""
    data = QueryDict(mutable=True)
    data.update(form.data)  # the POST as sent (a QueryDict): its lists kept
    data.setlist("base_versions", [form.read_versions])
    chosen = parse_versions(form.read_versions).get(form.cleaned_data["period_end"], 0)
    data.setlist("base_version", [str(chosen)])
    form.data = data


def _newest_of_each_period(task: Task, periods: list[datetime.date]) -> dict[datetime.date, Report]:
    """Each offered period's newest version with its figures (two statements, whatever the count)."""
    reports = Report.objects.filter(task=task, period_end__in=periods).order_by("period_end", "-version")
    newest: dict[datetime.date, Report] = {}
    for report in reports.prefetch_related("figures"):
        newest.setdefault(report.period_end, report)
    return newest


@login_required
def task_progress(request: HttpRequest, pk: int, form: ReportForm | None = None) -> HttpResponse:
    task, roles = _task_for(request, pk, access.READ_ROLES, "您无权查看该任务的督办信息")
    row, history, trend, risk = _forecast_now(task)
    # A closed (or draft) plan takes no report: say why instead of a form that would be refused.
    refusal = services.plan_refuses_filing(task.project.plan) if access.LEAD in roles else ""
    can_report = access.LEAD in roles and not refusal
    returned = services.returned_version(task) if can_report else None
    reviews = forecast_review.latest_reviews(task.project.plan, [task.pk])
    context = {
        "task": task,
        "plan": task.project.plan,
        "row": row,
        "roles": roles,
        "history": history,
        "trend": trend,
        # The forecast and its chart read the history already on the page: no query more.
        "risk": risk,
        "forecast_chart": _forecast_chart(task, row, trend, risk),
        "mark": forecast_review.marks([row], {task.pk: risk}, reviews).get(task.pk) if row and risk else None,
        "notes": task.notes.select_related("author", "unit"),
        "report_form": (form or _report_form(request, task, returned=returned)) if can_report else None,
        "returned": returned,
        "report_refusal": refusal,
        "review_form": ReviewForm() if access.OFFICE in roles else None,
        "note_form": NoteForm() if roles & access.NOTE_ROLES else None,
        "rule": metrics.RULE_TEXT,
    }
    return render(request, "progress/task_progress.html", context)


def _forecast_now(task: Task) -> tuple[Any, list[dict[str, Any]], dict[str, Any], Any]:
    """The task's board row, its history and trend, and its forecast today (what the page shows
    and what the office marks as read)."""
    board = build_board(task.project.plan, timezone.localdate(), Task.objects.filter(pk=task.pk))
    row = board.rows[0] if board.rows else None
    history = _history(task)
    trend = _trend(task, history)
    return row, history, trend, _risk(task, row, trend)


@login_required
@require_POST
def forecast_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """The plan's own office marks the task's forecast 已研判 with a note."""
    task, _ = _task_for(request, pk, {access.OFFICE}, "只有本级督查室可以研判该任务的年底预计")
    row, _, _, risk = _forecast_now(task)
    try:
        forecast_review.mark_review(
            user=request.user, task=task, row=row, result=risk, note=request.POST.get("note", "")
        )
    except services.ProgressError as exc:
        messages.error(request, f"{exc}，未保存")
    else:
        messages.success(request, "年底预计已标记为已研判")
    return redirect(reverse("progress:task", args=[task.pk]) + "#risk")


def _risk(task: Task, row: Any, trend: dict[str, Any]) -> Any:
    if row is None:
        return None
    milestones = [(m.date, m.share) for m in task.milestones.all()]
    calendar, today = schedule.calendar_of(task.project.plan), timezone.localdate()
    learned = plan_curves(task.project.plan, today)
    return row_forecast(row, calendar, today, history_periods(trend, row), milestones, learned)


def _forecast_chart(task: Task, row: Any, trend: dict[str, Any], risk: Any) -> dict[str, Any] | None:
    if row is None or risk is None:
        return None
    milestones = [(m.date, m.share) for m in task.milestones.all()]
    calendar, today = schedule.calendar_of(task.project.plan), timezone.localdate()
    periods = history_periods(trend, row)
    return chart_data(row, calendar, today, periods, milestones, risk, plan_curves(task.project.plan, today))


def _trend(task: Task, history: list[dict[str, Any]]) -> dict[str, Any]:
    """Actual per target over periods (the counting version of each period), for the chart."""
    periods, ends = [], []
    series: dict[int, list[float | None]] = {i.pk: [] for i in task.indicators.all()}
    countable = set(rules.countable(Report.objects.filter(task=task)).values_list("pk", flat=True))
    for entry in reversed(history):
        counting = next((r for r in entry["versions"] if r.pk in countable), None)
        if counting is None:
            continue
        periods.append(entry["label"])
        ends.append(entry["end"])
        actuals = {f.indicator_id: float(f.actual) for f in counting.figures.all()}
        for pk, values in series.items():
            values.append(actuals.get(pk))
    names = {i.pk: f"{i.name}（目标{i.value.normalize():f}{i.unit}）" for i in task.indicators.all()}
    data = [{"name": names[pk], "data": v} for pk, v in series.items()]
    return {"periods": periods, "ends": ends, "ids": list(series), "series": data}


@login_required
@require_POST
def report_file(request: HttpRequest, pk: int) -> HttpResponse:
    task, _ = _task_for(request, pk, access.REPORT_ROLES, "只有牵头单位可以报送该任务的进度")
    state = services.read_plan_state(task.project.plan)  # once: the service checks what was read here
    refusal = services.filing_refusal(state)
    if refusal:  # said before reading the form: a closed plan's task takes nothing
        messages.error(request, f"{refusal}，本次提交未保存")
        return redirect("progress:task", pk=task.pk)
    form = _report_form(request, task, request.POST)
    if form.is_valid():
        filing = services.Filing(
            period_end=form.cleaned_data["period_end"],
            status=form.cleaned_data["status"],
            narrative=form.cleaned_data["narrative"],
            figures=form.figures(),
            files=request.FILES.getlist("evidence"),
            base_version=form.cleaned_data["base_version"],
            confirm_lower=form.cleaned_data["confirm_lower"],
            keep_evidence_of=form.cleaned_data["keep_evidence_of"],
            narrative_required=True,
        )
        try:
            report = services.file_report(user=request.user, task=task, filing=filing, plan_state=state)
        except services.ProgressError as exc:
            form.add_service_error(exc)
            if isinstance(exc, services.Conflict):
                _read_periods(form, task)
                _seen_now(form)
        except OSError:  # the disk is full: the transaction is undone, the form keeps what was typed
            form.add_error(None, "服务器磁盘空间不足，本次报送未保存（填写的内容仍在下方），请联系管理员")
        else:
            label = schedule.period_label(report.period_end, task.project.plan.cycle)
            messages.success(request, f"已报送 {label} 进度（第{report.version}版）")
            return redirect("progress:task", pk=task.pk)
    if not form.read_versions:  # the form comes back: its period switch as on the first showing
        _read_periods(form, task)
    return task_progress(request, pk, form=form)


@login_required
@require_POST
def report_review(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_object_or_404(Report.objects.select_related("task__project__plan"), pk=pk)
    gate.check_task(request.user, report.task, {access.OFFICE}, "只有本级督查室可以审核该报告")
    if review_from_form(request, report):
        messages.success(request, "审核意见已保存")
    return redirect("progress:task", pk=report.task_id)


def review_from_form(request: HttpRequest, report: Report) -> str | None:
    """The office's review of one report from a posted ReviewForm; the decision when it was
    saved, None (with a message saying why) when it was not. The caller has checked the office."""
    form = ReviewForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请选择通过或退回")
        return None
    try:
        services.review_report(
            user=request.user,
            report=report,
            approve=form.cleaned_data["decision"] == "approve",
            comment=form.cleaned_data["comment"],
        )
    except services.ProgressError as exc:
        messages.error(request, str(exc))
        return None
    return str(form.cleaned_data["decision"])


@login_required
@require_POST
def note_add(request: HttpRequest, pk: int) -> HttpResponse:
    task, _ = _task_for(request, pk, access.NOTE_ROLES, "您不能在该任务上留言")
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(user=request.user, task=task, text=form.cleaned_data["text"])
        except services.ProgressError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, "内容不能为空，且不超过2000字")
    return redirect("progress:task", pk=task.pk)


@login_required
def task_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    task, _ = _task_for(request, pk, {access.OFFICE}, "只有本级督查室可以设置节点进度")
    targets = list(task.indicators.all())
    initial = {"milestones": "\n".join(f"{m.date} {m.share.normalize():f}" for m in task.milestones.all())}
    form = ScheduleForm(request.POST or None, targets=targets, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.set_schedule(
            user=request.user, task=task, milestones=form.cleaned_data["milestones"], weights=form.weights()
        )
        messages.success(request, "节点进度和权重已保存")
        return redirect("progress:task", pk=task.pk)
    return render(request, "progress/task_schedule.html", {"task": task, "form": form})


@login_required
def evidence_download(request: HttpRequest, pk: int) -> FileResponse:
    evidence = get_object_or_404(
        Evidence.objects.select_related("report__task__project__plan").prefetch_related(
            Prefetch("report__task__task_units"), Prefetch("report__task__task_leaders")
        ),
        pk=pk,
    )
    gate.check_task(request.user, evidence.report.task, access.READ_ROLES, "您无权下载该佐证材料")
    return evidence_response(evidence.file.open("rb"), name=evidence.name, kind=evidence.content_type)
