"""已研判: the plan's own office marks a task's forecast as read, with a note.

The mark stands on what was read: the counting report the forecast came from and its verdict.
A later forecast does not erase it (the note is the office's record) but shows it as stale —
研判后有新的报告/预计已变化 — because a new report can turn 有风险 into 预计完不成 and a mark
that silently carried over would say someone weighed a forecast nobody has seen. Stale when the
task's counting report is another one, or the verdict changed.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from ..accounts.kinds import Actor, who
from ..accounts.models import AuditEntry, audit
from ..plans import access
from ..plans.models import Plan, Task
from .board import TaskRow
from .errors import ProgressError
from .forecast import Forecast, Risk
from .models import ForecastReview

NOTE_LIMIT = 500


@dataclass(frozen=True)
class Mark:
    """A mark as pages show it beside the risk light."""

    note: str
    by: str
    at: datetime.datetime
    reviewed_risk: str
    stale: bool
    why_stale: str = ""

    @property
    def label(self) -> str:
        return "研判已过期" if self.stale else "已研判"


def mark_review(*, user: Actor, task: Task, row: TaskRow | None, result: Forecast | None, note: str) -> ForecastReview:
    """Record the office's reading of the task's current forecast (`result`, from `row`)."""
    access.require_task_role(user, task, {access.OFFICE}, "只有本级督查室可以研判该任务的年底预计")
    note = note.strip()
    if not note:
        raise ProgressError("研判意见不能为空：请在“年底预计”下的研判意见框中写明研判结论")
    if len(note) > NOTE_LIMIT:
        raise ProgressError(f"研判意见不超过{NOTE_LIMIT}字（现为{len(note)}字）")
    if row is None or result is None or result.share is None:
        raise ProgressError("该任务尚无进度报告，没有可研判的年底预计")
    with transaction.atomic():
        review = ForecastReview.objects.create(
            task=task,
            report_id=row.report_id,
            risk=result.risk.value,
            share=Decimal(str(round(result.share, 1))),
            reason=result.reason,
            note=note,
            reviewed_by=who(user),
        )
        audit(
            user=user,
            action=AuditEntry.Action.REVIEW,
            obj=review,
            summary=f"研判年底预计（{result.risk.label}）：{task} {note[:60]}",
            after={"risk": result.risk.value, "share": str(review.share), "report": row.report_id, "note": note},
        )
    return review


def latest_reviews(plan: Plan, tasks: Iterable[int] | None = None) -> dict[int, ForecastReview]:
    """Each task's latest mark, in one query whatever the plan's size."""
    reviews = ForecastReview.objects.filter(task__project__plan=plan).select_related("reviewed_by")
    if tasks is not None:
        reviews = reviews.filter(task_id__in=list(tasks))
    latest: dict[int, ForecastReview] = {}
    for review in reviews.order_by("task_id", "-reviewed_at", "-pk"):
        latest.setdefault(review.task_id, review)
    return latest


def mark_of(review: ForecastReview, row: TaskRow, result: Forecast | None) -> Mark:
    why = ""
    if row.report_id != review.report_id:
        why = "研判后有新的报告，预计已更新，请重新研判"
    elif result is None or result.risk.value != review.risk:
        now = result.risk.label if result else Risk.UNKNOWN.label
        why = f"预计已由“{Risk(review.risk).label}”变为“{now}”，请重新研判"
    # A person by the name accounts keep (first_name holds it whole), else the office; never a login.
    by = (review.reviewed_by.first_name.strip() if review.reviewed_by else "") or "督查室"
    return Mark(review.note, by, review.reviewed_at, review.risk, bool(why), why)


def marks(rows: Iterable[TaskRow], risks: dict[int, Forecast], reviews: dict[int, ForecastReview]) -> dict[int, Mark]:
    """The marks of the rows that have one, stale or not."""
    return {row.id: mark_of(reviews[row.id], row, risks.get(row.id)) for row in rows if row.id in reviews}
