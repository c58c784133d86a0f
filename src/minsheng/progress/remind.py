"""Reminders (催报) for units that have not reported for the current period, and
催办单 for units late again and again. Run by `minsheng remind` or the dashboard."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, Membership, audit
from ..plans.models import Plan, Task, Unit
from . import schedule
from .models import Notice
from .notice_doc import escalation_docx
from .rules import owed_links


@dataclass
class RemindResult:
    period_end: datetime.date
    reminded: list[Notice] = field(default_factory=list)
    escalated: list[Notice] = field(default_factory=list)
    already: int = 0
    emails: int = 0
    # Units that owe reports but have no reporter account: nobody would receive a reminder.
    no_account: list[Unit] = field(default_factory=list)


def missing_by_unit(plan: Plan, period_end: datetime.date) -> dict[Unit, list[Task]]:
    """Lead units with formal tasks that are not done and have no report for the period."""
    links = (
        owed_links(plan, period_end)
        .select_related("unit", "task__project")
        .order_by("unit__name", "task__project__order", "task__order")
    )
    result: dict[Unit, list[Task]] = defaultdict(list)
    for link in links:
        result[link.unit].append(link.task)
    return result


def _late_streak(plan: Plan, unit: Unit, period_end: datetime.date) -> int:
    """How many periods in a row, up to this one, the unit was reminded."""
    reminded = set(
        Notice.objects.filter(plan=plan, unit=unit, kind=Notice.Kind.REMINDER).values_list("period_end", flat=True)
    )
    ends = schedule.periods(plan.start_date() or period_end, period_end, plan.cycle)
    streak = 0
    for end in reversed(ends):
        if end not in reminded:
            break
        streak += 1
    return streak


def _emails(unit: Unit) -> list[str]:
    return sorted({m.user.email for m in Membership.objects.filter(unit=unit).select_related("user") if m.user.email})


def _reminder_text(plan: Plan, unit: Unit, period_end: datetime.date, tasks: list[Task]) -> str:
    label = schedule.period_label(period_end, plan.cycle)
    due = schedule.report_due(period_end, plan.report_day)
    lines = [
        f"{unit.name}：",
        f"贵单位牵头的以下任务尚未报送{label}进度，请于{due:%Y年%m月%d日}前登录民生实事督办平台报送：",
    ]
    lines += [f"{n}. {t.project.name}：{t.content[:60]}" for n, t in enumerate(tasks, start=1)]
    return "\n".join(lines)


def remind(plan: Plan, as_of: datetime.date, user: Actor | None = None) -> RemindResult:
    """Remind every unit with missing reports and a reporter account, once per period;
    escalate repeated lateness. Units without an account are listed, not counted as reminded."""
    period_end = schedule.reporting_period(as_of, plan.cycle, plan.report_day)
    result = RemindResult(period_end)
    missing = missing_by_unit(plan, period_end)
    staffed = set(Membership.objects.filter(unit__in=list(missing)).values_list("unit_id", flat=True))
    for unit, tasks in missing.items():
        if unit.pk not in staffed:
            result.no_account.append(unit)
            continue
        with transaction.atomic():
            notice, created = Notice.objects.get_or_create(
                plan=plan,
                unit=unit,
                period_end=period_end,
                kind=Notice.Kind.REMINDER,
                defaults={"text": _reminder_text(plan, unit, period_end, tasks), "sent_to": _emails(unit)},
            )
            if not created:
                result.already += 1
                continue
            notice.tasks.set(tasks)
            result.reminded.append(notice)
            result.emails += _send(notice, f"【催报】{plan.title}")
            audit(user=user, action=AuditEntry.Action.REMIND, obj=notice, summary=f"催报：{unit.name} {len(tasks)}项")
            streak = _late_streak(plan, unit, period_end)
            if streak >= plan.escalate_after:
                result.escalated.append(_escalate(plan, unit, period_end, tasks, streak, user))
    return result


def _escalate(
    plan: Plan, unit: Unit, period_end: datetime.date, tasks: list[Task], streak: int, user: Actor | None
) -> Notice:
    text = f"{unit.name}已连续{streak}期未按时报送进度，现发出催办单。"
    notice = Notice.objects.create(
        plan=plan, unit=unit, period_end=period_end, kind=Notice.Kind.ESCALATION, text=text, sent_to=_emails(unit)
    )
    notice.tasks.set(tasks)
    data = escalation_docx(plan, unit, period_end, tasks, streak, number=notice.pk)
    notice.document.save(f"催办单-{unit.name}-{period_end:%Y%m}.docx", ContentFile(data))
    _send(notice, f"【催办单】{plan.title}", attachment=data)
    audit(user=user, action=AuditEntry.Action.REMIND, obj=notice, summary=f"催办单：{unit.name}（连续{streak}期）")
    return notice


def _send(notice: Notice, subject: str, attachment: bytes | None = None) -> int:
    if not notice.sent_to:
        return 0
    message = EmailMessage(subject, notice.text, to=notice.sent_to)
    if attachment is not None:
        message.attach(
            (notice.document.name or "催办单.docx").rsplit("/", 1)[-1],
            attachment,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    # Sent after the notice is committed: a mail server that is down must not undo the record.
    transaction.on_commit(message.send)
    return len(notice.sent_to)
