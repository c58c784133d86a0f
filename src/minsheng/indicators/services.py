"""Writing targets: extraction into the database, and the office's corrections.

A correction is stored as a manual target; an extracted target the office
deleted is remembered as dismissed. Re-extraction (a changed task text, a new
version of the plan) keeps both: manual targets stay, dismissed ones stay away,
and an extracted target whose span a manual one already covers is not added.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import models, transaction
from django.utils import timezone

from ..accounts.kinds import Actor, who
from ..accounts.models import AuditEntry, audit
from ..plans import access
from ..plans.generation import targets_changed_on
from ..plans.models import Plan, Task
from ..text.clause import task_clause
from .extract import extract
from .models import DismissedTarget, Indicator, TargetChange
from .to_json import indicator_to_json

if TYPE_CHECKING:
    from .progress_match import Candidate


class CorrectionKind(models.TextChoices):
    MANUAL = "manual", "手工指标"
    DISMISSED = "dismissed", "已删除的提取指标"


@dataclass(frozen=True)
class Correction:
    """A manual target or a dismissal, carried from one version of a task to the next."""

    kind: CorrectionKind
    text: str
    name: str
    value: Decimal
    high: Decimal | None
    unit: str
    op: str


def corrections_of(task: Task) -> list[Correction]:
    manual = [
        Correction(CorrectionKind.MANUAL, i.text, i.name, i.value, i.high, i.unit, i.op)
        for i in task.indicators.all()
        if i.origin == Indicator.Origin.MANUAL
    ]
    dismissed = [
        Correction(CorrectionKind.DISMISSED, d.text, "", d.value, None, d.unit, "") for d in task.dismissed.all()
    ]
    return manual + dismissed


def locate(content: str, text: str) -> tuple[int | None, int | None]:
    """Where a target's text stands in the task content, if it does."""
    start = content.find(text) if text else -1
    return (start, start + len(text)) if start >= 0 else (None, None)


def _indicator(task: Task, source: Any, origin: str, span: tuple[int | None, int | None]) -> Indicator:
    """One unsaved target from anything with name, value, high, unit, op and text."""
    return Indicator(
        task=task,
        name=source.name,
        value=source.value,
        high=source.high,
        unit=source.unit,
        op=source.op,
        text=source.text,
        start=span[0],
        end=span[1],
        origin=origin,
    )


def write_targets(task: Task, corrections: Sequence[Correction] = (), unsure: bool = False) -> None:
    """Extract the task's targets and apply the office's corrections (part of a larger, audited write).

    Targets read from text the recognition was unsure of (a scan) are stored as 识别待核."""
    dismissed = [c for c in corrections if c.kind == CorrectionKind.DISMISSED]
    manual = [c for c in corrections if c.kind == CorrectionKind.MANUAL]
    skip = {(c.text, c.value, c.unit) for c in dismissed}
    covered = {c.text for c in manual}
    rows = [
        _indicator(task, f, Indicator.Origin.UNSURE if unsure else Indicator.Origin.EXTRACTED, (f.start, f.end))
        for f in extract(task.content)
        if (f.text, f.value, f.unit) not in skip and f.text not in covered
    ]
    rows += [_indicator(task, c, Indicator.Origin.MANUAL, locate(task.content, c.text)) for c in manual]
    rows.sort(key=lambda i: i.start if i.start is not None else len(task.content) + 1)
    for order, row in enumerate(rows):
        row.order = order
    Indicator.objects.bulk_create(rows)
    existing = {(d.text, d.value, d.unit) for d in task.dismissed.all()} if task.pk else set()
    DismissedTarget.objects.bulk_create(
        DismissedTarget(task=task, text=c.text, value=c.value, unit=c.unit)
        for c in dismissed
        if (c.text, c.value, c.unit) not in existing
    )


@transaction.atomic
def indicator_save(
    *, user: Actor | None, task: Task, data: dict[str, Any], indicator: Indicator | None = None
) -> Indicator:
    """Add or correct one target; it becomes manual, so re-extraction keeps it."""
    access.require_supervisor(user, task.project.plan, "只有本级督查室可以修改该计划的量化指标")
    # read the stored state: a ModelForm has already written the new values onto `indicator`
    before = indicator_to_json(Indicator.objects.get(pk=indicator.pk)) if indicator else None
    if indicator and before and _value_changed(before, data) and (data.get("effective_from") or _measured(indicator)):
        # units have reported against it: the new value holds from a date, earlier periods keep theirs
        stored = Indicator.objects.get(pk=indicator.pk)
        target_value_change(
            user=user,
            indicator=stored,
            value=data["value"],
            high=data["high"],
            effective_from=data.get("effective_from") or timezone.localdate(),
        )
        indicator.refresh_from_db(fields=["value", "high"])
        before = indicator_to_json(indicator)
        data = {**data, "value": indicator.value, "high": indicator.high}
    target = indicator or Indicator(task=task, order=task.indicators.count())
    for field in ("name", "text", "value", "high", "unit", "op"):
        setattr(target, field, data[field])
    target.start, target.end = locate(task.content, target.text)
    target.origin = Indicator.Origin.MANUAL
    target.save()
    targets_changed_on(task)  # a new target, or a changed value or kind (不超过), changes the completion
    action = AuditEntry.Action.UPDATE if indicator else AuditEntry.Action.CREATE
    audit(
        user=user,
        action=action,
        obj=target,
        summary=f"量化指标：{target.text}",
        before=before,
        after=indicator_to_json(target),
    )
    return target


def _value_changed(before: dict[str, Any], data: dict[str, Any]) -> bool:
    old = Indicator(value=Decimal(str(before["value"])), high=_decimal(before.get("high")))
    return bool(old.value != data["value"] or old.high != data["high"])


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(str(value))


def _measured(indicator: Indicator) -> bool:
    return bool(indicator.figures.exists())


class TargetChangeError(Exception):
    """A change of a target's value that would rewrite or scramble its history."""


@transaction.atomic
def target_value_change(
    *, user: Actor | None, indicator: Indicator, value: Decimal, high: Decimal | None, effective_from: datetime.date
) -> TargetChange:
    """A target's value changes from a date: periods ending before it keep the value then in force."""
    access.require_supervisor(user, indicator.task.project.plan, "只有本级督查室可以修改该计划的量化指标")
    last = indicator.value_changes.order_by("-effective_from").first()
    if last is not None and effective_from <= last.effective_from:
        raise TargetChangeError(f"生效日期须晚于上次变更的生效日期（{last.effective_from:%Y-%m-%d}）")
    if value == indicator.value and high == indicator.high:
        raise TargetChangeError("目标值没有变化")
    before = indicator_to_json(indicator)
    change = TargetChange.objects.create(
        indicator=indicator,
        effective_from=effective_from,
        previous=indicator.value,
        previous_high=indicator.high,
        value=value,
        high=high,
        changed_by=who(user),
    )
    indicator.value, indicator.high = value, high
    indicator.save(update_fields=["value", "high"])
    targets_changed_on(indicator.task)
    audit(
        user=user,
        action=AuditEntry.Action.UPDATE,
        obj=indicator,
        summary=f"目标值自 {effective_from:%Y-%m-%d} 起由 {change.previous.normalize():f} 改为 "
        f"{value.normalize():f}（此前各期不变）：{indicator.text}",
        before=before,
        after=indicator_to_json(indicator),
    )
    return change


class TargetInUse(Exception):
    """A target that units have reported figures against: the figures are the record."""


@transaction.atomic
def indicator_delete(*, user: Actor | None, indicator: Indicator) -> None:
    """Delete a target; an extracted one is remembered so that re-extraction leaves it out."""
    access.require_supervisor(user, indicator.task.project.plan, "只有本级督查室可以修改该计划的量化指标")
    if indicator.figures.exists():
        raise TargetInUse(f"指标“{indicator.text}”已有单位报送的完成数，不能删除；可修改其目标值或名称")
    if indicator.origin in (Indicator.Origin.EXTRACTED, Indicator.Origin.UNSURE):
        DismissedTarget.objects.create(
            task=indicator.task, text=indicator.text, value=indicator.value, unit=indicator.unit
        )
    audit(
        user=user,
        action=AuditEntry.Action.DELETE,
        obj=indicator,
        summary=f"删除量化指标：{indicator.text}",
        before=indicator_to_json(indicator),
    )
    indicator.delete()
    targets_changed_on(indicator.task)


@transaction.atomic
def task_reextract(*, user: Actor | None, task: Task) -> None:
    """Read the task's text again; the office's corrections are kept."""
    access.require_supervisor(user, task.project.plan, "只有本级督查室可以修改该计划的量化指标")
    if Indicator.objects.filter(task=task, figures__isnull=False).exists():
        raise TargetInUse("该任务的指标已有单位报送的完成数，不能重新识别；请逐项修改指标")
    before = [indicator_to_json(i) for i in task.indicators.all()]
    corrections = corrections_of(task)
    task.indicators.all().delete()
    write_targets(task, corrections)
    targets_changed_on(task)
    audit(
        user=user,
        action=AuditEntry.Action.UPDATE,
        obj=task,
        summary="重新识别量化指标",
        before=before,
        after=[indicator_to_json(i) for i in task.indicators.all()],
    )


def plan_candidates(plan: Plan) -> list[Candidate]:
    """Every indicator of a plan as a candidate for the progress reader's matching (one query)."""
    from .progress_match import Candidate

    rows = Indicator.objects.filter(task__project__plan=plan).select_related("task__project__category")
    return [
        Candidate(
            task_id=i.task_id,
            indicator_id=i.pk,
            category=i.task.project.category.name if i.task.project.category else "",
            project=i.task.project.name,
            name=i.name,
            value=i.value,
            unit=i.unit,
            task=task_clause(i.task.content),
        )
        for i in rows.order_by("task__project__seq", "task_id", "order")
    ]
