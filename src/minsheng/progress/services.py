"""Filing, reviewing and annotating progress reports: every write goes through here.

Each function checks access itself (the views check too, but a service never
trusts its caller), writes in one transaction and leaves an audit entry.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Case, Q, When
from django.utils import timezone

from ..accounts.kinds import Actor, who
from ..accounts.models import AuditEntry, Membership, audit
from ..plans import access
from ..plans.generation import touch_task
from ..plans.models import Plan, Task, TaskUnit
from . import cumulative, schedule, summary
from .errors import ProgressError
from .evidence import check_evidence, staged_files, store_evidence
from .filing_rules import Target, check_figure, check_narrative
from .models import Evidence, Figure, Milestone, Note, Report
from .rules import counting_now, last_figures


class Conflict(ProgressError):
    """Someone else filed a newer version while this one was being written."""


@dataclass
class Filing:
    period_end: datetime.date
    status: str
    narrative: str = ""
    figures: Mapping[int, Decimal] = field(default_factory=dict)
    files: Sequence[UploadedFile] = ()
    # The version the user saw when the form was opened (0: none yet); None: on whatever is
    # latest (the API without base_version). Two filings of one version still conflict: the
    # version is unique per task and period.
    base_version: int | None = 0
    # When a report given on paper (or the demo's) was filed; None: now. Set once, at creation:
    # the history stays append-only.
    filed_at: datetime.datetime | None = None
    # The unit confirmed a cumulative actual below the last approved one (a correction).
    confirm_lower: bool = False
    # A returned version whose evidence the new version keeps (the unit resubmits what it left).
    keep_evidence_of: int | None = None
    # A unit's own words are required (filing_rules); the office's entries and the demo's may have none.
    narrative_required: bool = False


STORED_PLACES = Decimal(1).scaleb(-Figure._meta.get_field("actual").decimal_places)  # type: ignore[union-attr]


def report_to_json(report: Report, figures: Iterable[Figure] | None = None) -> dict[str, Any]:
    """The report for the audit trail; `figures` when the caller has them (no query)."""
    return {
        "task": report.task_id,
        "period_end": report.period_end.isoformat(),
        "version": report.version,
        "status": report.status,
        "narrative": report.narrative,
        "review": report.review,
        "review_comment": report.review_comment,
        "figures": {
            str(f.indicator_id): _as_stored(f.actual) for f in (report.figures.all() if figures is None else figures)
        },
    }


def _as_stored(actual: Decimal) -> str:
    """A figure as the database gives it back (its field's decimal places)."""
    return str(actual.quantize(STORED_PLACES))


def latest_version(task: Task, period_end: datetime.date) -> int:
    last = Report.objects.filter(task=task, period_end=period_end).order_by("-version").values("version").first()
    return last["version"] if last else 0


def recount(task: Task, approvals_changed: bool = True) -> None:
    """Mark the one report that counts for the task now (see Report.counts): one UPDATE sets
    the flag on it and clears it on any other of the task's reports, touching no other row; then
    the task's standing (progress.summary) follows the flag. Every filing and every review comes
    through here, so here the plan's generation moves on (plans.generation: the forecasts every
    worker caches are keyed by it)."""
    counting = counting_now(task)
    if counting is None:
        Report.objects.filter(task=task, counts=True).update(counts=False)
    else:
        latest = counting[0]
        changed = Q(counts=True) & ~Q(pk=latest) | Q(pk=latest, counts=False)
        Report.objects.filter(changed, task=task).update(counts=Case(When(pk=latest, then=True), default=False))
    # the report just marked: its standing needs one more read; a new filing changes no approval
    summary.keep(task.pk, counting, approved=approvals_changed)
    touch_task(task)  # last: the generation's row lock is held only to the commit


def allowed_periods(plan: Plan, today: datetime.date) -> list[datetime.date]:
    """Periods a unit may file for: the plan year's periods up to the one being reported now."""
    return schedule.calendar_of(plan).filing_periods(today)


def read_plan_state(plan: Plan) -> str | None:
    """The plan's state read afresh (it may have been closed since the plan was loaded). A view
    that says the refusal before reading the form passes what it read here to the filing service
    (`plan_state`), so that one read serves both within the request."""
    return type(plan).objects.filter(pk=plan.pk).values_list("state", flat=True).first()


def plan_refuses_filing(plan: Plan) -> str:
    """Why no progress may be filed on `plan` now ("" when it may): upload pages say so before
    reading a file, and every filing is refused with the same words."""
    return filing_refusal(read_plan_state(plan))


def filing_refusal(state: str | None) -> str:
    if state == Plan.State.CLOSED:
        return "该计划已结束，不再报送进度"
    if state != Plan.State.PUBLISHED:
        return "该计划尚未发布，暂不能报送进度"
    return ""


def _state_and_targets(task: Task, plan_state: str | None) -> tuple[str | None, dict[int, Target]]:
    """The plan's state and the task's indicators as the bounds need them. `plan_state` is the
    state the caller read afresh in this request (read_plan_state); without it the state is read
    with the indicators in one statement. Indicators prefetched with the task are used as they are."""
    if "indicators" in getattr(task, "_prefetched_objects_cache", {}):
        targets = {i.pk: Target.of(i) for i in task.indicators.all()}
        if plan_state is not None:
            return plan_state, targets
        return read_plan_state(task.project.plan), targets
    columns = ("indicators__pk", "indicators__name", "indicators__value", "indicators__high", "indicators__unit")
    rows = list(Task.objects.filter(pk=task.pk).order_by().values_list("project__plan__state", *columns))
    state = plan_state if plan_state is not None else (rows[0][0] if rows else None)
    return state, {row[1]: Target(*row[1:]) for row in rows if row[1] is not None}


def _check_filing(task: Task, filing: Filing, plan_state: str | None) -> None:
    state, targets = _state_and_targets(task, plan_state)
    refused = filing_refusal(state)
    if refused:
        raise ProgressError(refused)
    if filing.period_end not in allowed_periods(task.project.plan, timezone.localdate()):
        raise ProgressError(f"报送期 {filing.period_end} 不在可报送的范围内")
    if filing.status not in Report.Status.values:
        raise ProgressError(f"进展状态“{filing.status}”无效")
    unknown = set(filing.figures) - set(targets)
    if unknown:
        raise ProgressError(f"指标 {sorted(unknown)} 不属于该任务")
    for pk, value in filing.figures.items():
        check_figure(targets[pk], value)
    check_narrative(filing.narrative, required=filing.narrative_required)
    for upload in filing.files:
        check_evidence(upload)


def file_report(*, user: Actor, task: Task, filing: Filing, plan_state: str | None = None) -> Report:
    """A new version of the task's report for the period; earlier versions stay as they were.
    Actuals are cumulative: one below the last approved figure is a correction the unit must
    confirm, never a quick resubmit that sends the figure backwards unnoticed. `plan_state`: the
    plan's state the caller read afresh in this request (read_plan_state); None: read here."""
    access.require_task_role(user, task, access.REPORT_ROLES, "只有牵头单位可以报送该任务的进度")
    _check_filing(task, filing, plan_state)
    if not filing.confirm_lower:
        cumulative.check_in_step(task, filing.period_end, filing.figures)
    return _write_report(user, task, filing, "报送进度")


def returned_version(task: Task) -> Report | None:
    """The version the office returned, when it is still the newest of its period and no later
    period has been filed since: the unit's form comes back with it (figures, words, evidence)."""
    newest = Report.objects.filter(task=task).order_by("-period_end", "-version").first()
    if newest is None or newest.review != Report.Review.RETURNED:
        return None
    return newest


def _keep_evidence(report: Report, source: int | None) -> None:
    """The returned version's evidence carried to the new one: the same stored files, new rows. Only
    to a version of the same task and period: a photo the office returned for December is no
    evidence for an October correction filed from the same form."""
    if source is None:
        return
    kept = Evidence.objects.filter(
        report_id=source, report__task_id=report.task_id, report__period_end=report.period_end
    )
    Evidence.objects.bulk_create(
        Evidence(report=report, file=e.file.name, name=e.name, content_type=e.content_type, size=e.size) for e in kept
    )


def enter_for_unit(*, user: Actor, task: Task, filing: Filing, sources: Mapping[int, str]) -> Report:
    """The office enters a unit's figures read from a bulletin or a written report: a new version
    like any other, audited as entered by the office, each figure keeping the sentence it came from."""
    access.require_task_role(user, task, {access.OFFICE}, "只有督查室可以代为录入进度")
    _check_filing(task, filing, None)
    return _write_report(user, task, filing, "督查室据上传材料代录进度", sources)


def _write_report(
    user: Actor, task: Task, filing: Filing, what: str, sources: Mapping[int, str] | None = None
) -> Report:
    """The new version, written once the caller has checked the filing (_check_filing)."""
    try:
        with staged_files() as staged, transaction.atomic():
            current = latest_version(task, filing.period_end)
            if filing.base_version is not None and current != filing.base_version:
                raise Conflict(_conflict_message(task, filing.period_end))
            kept = _carried(task, filing)  # before the new version, which would count in its place
            report = Report.objects.create(
                task=task,
                period_end=filing.period_end,
                version=current + 1,
                status=filing.status,
                narrative=filing.narrative.strip(),
                filed_by=who(user),
                filed_at=min(filing.filed_at or timezone.now(), timezone.now()),
            )
            given = [
                Figure(report=report, indicator_id=pk, actual=value, source=(sources or {}).get(pk, "")[:500])
                for pk, value in filing.figures.items()
            ]
            kept_figures = [Figure(report=report, indicator_id=pk, actual=v, carried=True) for pk, v in kept.items()]
            figures = Figure.objects.bulk_create(given + kept_figures)
            recount(task, approvals_changed=False)
            _keep_evidence(report, filing.keep_evidence_of)
            for upload in filing.files:
                store_evidence(report=report, upload=upload, staged=staged)
            audit(
                user=user,
                action=AuditEntry.Action.REPORT,
                obj=report,
                summary=f"{what}：{task} {filing.period_end:%Y-%m} 第{report.version}版",
                after=report_to_json(report, figures),
            )
    except IntegrityError as exc:  # the same version written by someone else a moment earlier
        raise Conflict(_conflict_message(task, filing.period_end)) from exc
    return report


def _carried(task: Task, filing: Filing) -> dict[int, Decimal]:
    """One rule for every way a report is filed (the unit's form, a bulletin, a workbook, the API):
    an indicator the filing leaves out keeps the task's last figure, marked as carried, so the
    new report still holds every indicator and completion is not reckoned on a part of them."""
    return {pk: value for pk, value in last_figures(task, filing.period_end).items() if pk not in filing.figures}


def _conflict_message(task: Task, period_end: datetime.date) -> str:
    last = Report.objects.filter(task=task, period_end=period_end).select_related("filed_by").first()
    who = _filer_words(last, task) if last else "他人"
    version = last.version if last else "?"
    return f"该任务本期报告已由 {who} 更新（第{version}版），请查看最新内容后再提交；您填写的内容保留在表单中"


def _filer_words(report: Report, task: Task) -> str:
    """Who filed, as colleagues know them: their name (accounts keep it whole in first_name) and
    their unit among the task's, or the office; never the login, which is no name to anyone."""
    user = report.filed_by
    if user is None:
        return "他人"
    name = user.first_name.strip()
    units = list(
        Membership.objects.filter(user=user, unit__in=TaskUnit.objects.filter(task=task).values("unit"))
        .order_by("unit__name")
        .values_list("unit__name", flat=True)
        .distinct()
    )
    where = "、".join(units) or ("督查室" if access.is_office(user) else "")
    if name and where:
        return f"{name}（{where}）"
    return name or where or "其他用户"


def review_report(*, user: Actor, report: Report, approve: bool, comment: str = "") -> Report:
    """The office approves the latest version, or returns it with a comment for revision."""
    if access.OFFICE not in access.task_roles(user, report.task):
        raise ProgressError("只有本级督查室可以审核该计划的报告")
    comment = comment.strip()
    if not approve and not comment:
        raise ProgressError("退回时请填写退回意见")
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if report.review != Report.Review.SUBMITTED:
            raise ProgressError(f"该报告已{report.get_review_display()}，不能重复审核")
        if latest_version(report.task, report.period_end) != report.version:
            raise ProgressError("该报告已有新版本，请审核最新版本")
        before = report_to_json(report)
        report.review = Report.Review.APPROVED if approve else Report.Review.RETURNED
        report.review_comment = comment
        report.reviewed_by = access.acting_user(user)
        report.reviewed_at = timezone.now()
        report.save(update_fields=["review", "review_comment", "reviewed_by", "reviewed_at"])
        recount(report.task)
        audit(
            user=user,
            action=AuditEntry.Action.REVIEW,
            obj=report,
            summary=f"{report.get_review_display()}：{report}",
            before=before,
            after=report_to_json(report),
        )
    return report


def add_note(*, user: Actor, task: Task, text: str) -> Note:
    roles = access.require_task_role(user, task, access.NOTE_ROLES, "您不能在该任务上留言")
    text = text.strip()
    if not text:
        raise ProgressError("内容不能为空")
    unit_id = access.own_unit_of(user, task)
    with transaction.atomic():
        note = Note.objects.create(task=task, author=who(user), unit_id=unit_id, text=text[:2000])
        kind = "批示" if access.LEADER in roles else "备注"
        audit(user=user, action=AuditEntry.Action.CREATE, obj=note, summary=f"{kind}：{text[:60]}")
    return note


def check_milestones(milestones: Sequence[tuple[datetime.date, Decimal]]) -> list[tuple[datetime.date, Decimal]]:
    """节点进度 by date: each share 0–100, one per date, rising with the date (the form shows these errors)."""
    seen: set[datetime.date] = set()
    for day, share in milestones:
        if not 0 <= share <= 100:
            raise ProgressError(f"{day}：应完成百分比 {share} 应在0至100之间")
        if day in seen:
            raise ProgressError(f"日期 {day} 重复")
        seen.add(day)
    ordered = sorted(milestones)
    shares = [s for _, s in ordered]
    if shares != sorted(shares):
        raise ProgressError("节点进度应随日期递增")
    return ordered


def set_schedule(
    *, user: Actor, task: Task, milestones: Sequence[tuple[datetime.date, Decimal]], weights: Mapping[int, Decimal]
) -> None:
    """The office's 节点进度 and target weights for a task, replacing the previous ones."""
    if access.OFFICE not in access.task_roles(user, task):
        raise ProgressError("只有本级督查室可以设置节点进度和权重")
    milestones = check_milestones(milestones)
    if any(weight <= 0 for weight in weights.values()):
        raise ProgressError("权重应大于0")
    indicators = {i.pk: i for i in task.indicators.all()}
    with transaction.atomic():
        before = {
            "milestones": [[m.date.isoformat(), str(m.share)] for m in task.milestones.all()],
            "weights": {str(pk): str(i.weight) for pk, i in indicators.items()},
        }
        task.milestones.all().delete()
        Milestone.objects.bulk_create(Milestone(task=task, date=d, share=s) for d, s in milestones)
        for pk, weight in weights.items():
            if pk in indicators:
                indicators[pk].weight = weight
                indicators[pk].save(update_fields=["weight"])
        touch_task(task)
        summary.refresh([task.pk])  # the weights weigh the completion
        after = {
            "milestones": [[d.isoformat(), str(s)] for d, s in milestones],
            "weights": {str(pk): str(i.weight) for pk, i in indicators.items()},
        }
        audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=task,
            summary="设置节点进度和权重",
            before=before,
            after=after,
        )
