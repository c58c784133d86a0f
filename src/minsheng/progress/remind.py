"""Reminders (催报) for units that have not reported for a period whose report day has
passed, and 催办单 for units that missed it again and again. Run by `minsheng remind` or the
dashboard (which shows `remind_preview` and asks first).

Which period is chased, and what counts as missed, is the plan's calendar
(schedule.PlanCalendar): nothing is chased before its due date, and 连续N期 counts only
periods in which a report the unit owed was not filed by its report day."""

from __future__ import annotations

import datetime
import functools
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, Membership, audit
from ..plans.models import Plan, Project, Task, TaskUnit, Unit
from . import schedule
from .channels.base import Attachment, Message
from .channels.registry import deliver
from .models import Delivery, Notice
from .notice_doc import escalation_docx
from .rules import filings_of, owed_links

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@dataclass
class RemindResult:
    # None: no period of the plan is overdue today, so nothing is chased.
    period_end: datetime.date | None
    reminded: list[Notice] = field(default_factory=list)
    escalated: list[Notice] = field(default_factory=list)
    already: int = 0
    # Units that owe reports but have no reporter account: nobody would receive a reminder.
    no_account: list[Unit] = field(default_factory=list)

    def deliveries(self) -> QuerySet[Delivery]:
        """What the channels did with the notices sent, read once they ran (after the commit)."""
        notices = [n.pk for n in self.reminded + self.escalated]
        return Delivery.objects.filter(notice_id__in=notices).select_related("notice__unit")


@dataclass
class PlannedReminder:
    """What 催报 would send one unit: the tasks, and a 催办单 when it missed `streak` periods."""

    unit: Unit
    tasks: list[Task]
    streak: int
    escalate: bool
    staffed: bool
    already: bool


@dataclass
class RemindPreview:
    period_end: datetime.date | None
    label: str
    due: datetime.date | None
    entries: list[PlannedReminder] = field(default_factory=list)

    @property
    def to_send(self) -> list[PlannedReminder]:
        return [e for e in self.entries if e.staffed and not e.already]


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


def missed_streaks(plan: Plan, unit_ids: list[int], as_of: datetime.date) -> dict[int, int]:
    """Per unit: how many periods in a row, back from the one chased, it missed the report day
    of a task it leads (a task already done before a period owes nothing for it)."""
    calendar = schedule.calendar_of(plan)
    led = TaskUnit.objects.filter(unit_id__in=unit_ids, role=TaskUnit.Role.LEAD, task__project__plan=plan)
    links = led.filter(task__project__status=Project.Status.FORMAL).values_list("unit_id", "task_id", "task__start")
    filings = filings_of(t for _, t, _ in links)
    missed: dict[int, dict[datetime.date, bool]] = defaultdict(dict)
    for unit_id, task_id, start in links:
        for end in filings.asked(calendar, task_id, start):
            late = calendar.missed(end, as_of, filings.first_filed.get((task_id, end)), start)
            missed[unit_id][end] = missed[unit_id].get(end, False) or late
    return {unit_id: calendar.missed_in_a_row(missed[unit_id], as_of) for unit_id in unit_ids}


def remind_preview(plan: Plan, as_of: datetime.date) -> RemindPreview:
    """What 催报 would send today, to whom, for which period, without sending anything."""
    calendar = schedule.calendar_of(plan)
    period_end = calendar.chase_period(as_of)
    if period_end is None:
        return RemindPreview(None, "", None)
    preview = RemindPreview(period_end, schedule.period_label(period_end, plan.cycle), calendar.due(period_end))
    missing = missing_by_unit(plan, period_end)
    ids = [u.pk for u in missing]
    staffed = set(Membership.objects.filter(unit_id__in=ids).values_list("unit_id", flat=True))
    sent = Notice.objects.filter(plan=plan, unit_id__in=ids, period_end=period_end, kind=Notice.Kind.REMINDER)
    already = set(sent.values_list("unit_id", flat=True))
    streaks = missed_streaks(plan, ids, as_of)
    for unit, tasks in missing.items():
        streak = streaks.get(unit.pk, 0)
        escalate = streak >= plan.escalate_after
        preview.entries.append(PlannedReminder(unit, tasks, streak, escalate, unit.pk in staffed, unit.pk in already))
    return preview


def _reminder_text(plan: Plan, unit: Unit, period_end: datetime.date, tasks: list[Task]) -> str:
    label = schedule.period_label(period_end, plan.cycle)
    due = schedule.report_due(period_end, plan.report_day)
    lines = [
        f"{unit.name}：",
        f"贵单位牵头的以下任务{label}进度应于{due:%Y年%m月%d日}前报送，至今未报送，请尽快登录民生实事督办平台补报：",
    ]
    lines += [f"{n}. {t.project.name}：{t.content[:60]}" for n, t in enumerate(tasks, start=1)]
    return "\n".join(lines)


def remind(
    plan: Plan, as_of: datetime.date, user: Actor | None = None, sent_at: datetime.datetime | None = None
) -> RemindResult:
    """Remind every unit with missing reports for the period chased today and a reporter
    account, once per period; escalate repeated lateness. Units without an account are listed,
    not counted as reminded. Before any period is overdue nothing is sent. `sent_at` (default
    now) dates the notices and the 催办单: a simulated year sends each on the day it would have."""
    preview = remind_preview(plan, as_of)
    result = RemindResult(preview.period_end)
    if preview.period_end is None:
        return result
    for entry in preview.entries:
        if not entry.staffed:
            result.no_account.append(entry.unit)
            continue
        with transaction.atomic():
            notice, created = Notice.objects.get_or_create(
                plan=plan,
                unit=entry.unit,
                period_end=preview.period_end,
                kind=Notice.Kind.REMINDER,
                defaults={
                    "text": _reminder_text(plan, entry.unit, preview.period_end, entry.tasks),
                    "created_at": sent_at or timezone.now(),
                },
            )
            if not created:
                result.already += 1
                continue
            notice.tasks.set(entry.tasks)
            result.reminded.append(notice)
            _send(notice, Message(f"【催报】{plan.title}", notice.text))
            summary = f"催报：{entry.unit.name} {len(entry.tasks)}项"
            audit(user=user, action=AuditEntry.Action.REMIND, obj=notice, summary=summary)
            if entry.escalate:
                sent = (entry.streak, user, sent_at or timezone.now())
                escalation = _escalate(plan, entry.unit, preview.period_end, entry.tasks, sent)
                result.escalated.append(escalation)
    return result


def _escalate(
    plan: Plan,
    unit: Unit,
    period_end: datetime.date,
    tasks: list[Task],
    sent: tuple[int, Actor | None, datetime.datetime],
) -> Notice:
    streak, user, at = sent
    text = f"{unit.name}已连续{streak}期未按时报送进度，现发出催办单。"
    kind = Notice.Kind.ESCALATION
    notice = Notice.objects.create(plan=plan, unit=unit, period_end=period_end, kind=kind, text=text, created_at=at)
    notice.tasks.set(tasks)
    data = escalation_docx(plan, unit, period_end, tasks, streak, timezone.localdate(at))
    notice.document.save(f"催办单-{unit.name}-{period_end:%Y%m}.docx", ContentFile(data))
    attachment = Attachment((notice.document.name or "催办单.docx").rsplit("/", 1)[-1], data, DOCX)
    _send(notice, Message(f"【催办单】{plan.title}", text, attachment))
    audit(user=user, action=AuditEntry.Action.REMIND, obj=notice, summary=f"催办单：{unit.name}（连续{streak}期）")
    return notice


def _send(notice: Notice, message: Message) -> None:
    # After the notice is committed: a mail server or robot that is down must not undo the record,
    # and no transaction is held open while a webhook answers. Failures become Delivery rows.
    transaction.on_commit(functools.partial(deliver, notice, message))
