"""Across years (跨年度): the same project in successive plans of a jurisdiction (matched by
name and category, confirmed by the office), a unit's on-time record year by year, and a
carried-over task's whole history."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from ..accounts.kinds import Actor, who
from ..accounts.models import AuditEntry, audit
from ..plans import access
from ..plans.models import Plan, Project, Task, TaskQuerySet, TaskUnit
from ..progress import schedule
from ..progress.models import Report
from ..progress.rules import Filings, filings_of
from .models import ProjectLink
from .upper import project_key


def _category(project: Project) -> str:
    return project_key(project.category.name) if project.category else ""


def previous_plan(plan: Plan) -> Plan | None:
    if plan.jurisdiction_id is None or plan.year is None:
        return None
    earlier = Plan.objects.filter(jurisdiction_id=plan.jurisdiction_id, year__lt=plan.year)
    return earlier.order_by("-year", "-pk").first()


def same_projects(plan: Plan) -> list[tuple[Project, Project]]:
    """(last year's project, this year's) pairs with the same name and category, not yet linked."""
    before = previous_plan(plan)
    if before is None:
        return []
    old = {(project_key(p.name), _category(p)): p for p in before.projects.select_related("category")}
    pairs = []
    for project in plan.projects.select_related("category").filter(earlier_link__isnull=True).order_by("order"):
        match = old.get((project_key(project.name), _category(project)))
        if match is not None:
            pairs.append((match, project))
    return pairs


def link_projects(*, user: Actor, plan: Plan, later_ids: Sequence[int]) -> list[ProjectLink]:
    """The office confirms which of the candidate pairs are the same project."""
    access.require_supervise_plan(user, plan)
    chosen = [(old, new) for old, new in same_projects(plan) if new.pk in set(later_ids)]
    with transaction.atomic():
        links = [ProjectLink.objects.create(earlier=old, later=new, confirmed_by=who(user)) for old, new in chosen]
        if links:
            audit(
                user=user,
                action=AuditEntry.Action.UPDATE,
                obj=plan,
                summary=f"确认跨年度同一项目 {len(links)} 个",
                after={str(new.pk): old.pk for old, new in chosen},
            )
    return links


@dataclass
class YearRecord:
    year: int
    owed: int = 0
    on_time: int = 0
    late: int = 0

    @property
    def missing(self) -> int:
        return self.owed - self.on_time - self.late

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.owed * 100 if self.owed else None


def _periods_owed(
    calendar: schedule.PlanCalendar, filings: Filings, task_id: int, start: datetime.date | None, today: datetime.date
) -> list[datetime.date]:
    """The periods the calendar asks of a task (from its own start, none after it was done)
    whose report day has passed by today."""
    return [end for end in filings.asked(calendar, task_id, start) if calendar.due(end) < today]


def on_time_record(unit_id: int, today: datetime.date | None = None) -> list[YearRecord]:
    """Per plan year: the reports the unit owed as lead unit, filed on time, late, or not at all
    (3 queries). Owed and filed as reminders count them (progress/rules.filings_of): a task voted
    in mid-year owes nothing before it started, nor a task after it was reported done, and a
    returned report is no filing."""
    today = today or timezone.localdate()
    led = TaskUnit.objects.filter(unit_id=unit_id, role=TaskUnit.Role.LEAD, task__project__status=Project.Status.FORMAL)
    led_tasks = list(led.values_list("task_id", "task__project__plan_id", "task__start"))
    # a draft owes nothing and is its office's working copy: no year of it on the record
    plans = Plan.objects.filter(pk__in={plan_id for _, plan_id, _ in led_tasks}).exclude(year=None).public()
    calendars = {plan.pk: (plan.year, schedule.calendar_of(plan)) for plan in plans if plan.start_date() is not None}
    records = {plan.year: YearRecord(plan.year) for plan in plans if plan.year is not None}
    filings = filings_of(task_id for task_id, plan_id, _ in led_tasks if plan_id in calendars)
    for task_id, plan_id, start in led_tasks:
        if plan_id not in calendars:
            continue
        year, calendar = calendars[plan_id]
        record = records[year or 0]
        for end in _periods_owed(calendar, filings, task_id, start, today):
            filed = filings.first_filed.get((task_id, end))
            record.owed += 1
            record.on_time += filed is not None and filed <= calendar.due(end)
            record.late += filed is not None and calendar.due(end) < filed <= today
    return sorted(records.values(), key=lambda r: r.year)


def task_history(task: Task, readable: TaskQuerySet) -> list[tuple[Task, list[Report]]]:
    """A carried-over task (跨年度) from its first year to its last, each with its reports, as far
    as the reader may follow it (`readable`: Task.objects.visible_to): a year carried into a
    draft is its office's working copy until published."""
    chain = [task]
    readable = readable.select_related("project__plan")
    earlier_id = task.carried_from_id
    while earlier_id is not None and len(chain) < 30:
        earlier = readable.filter(pk=earlier_id).first()
        if earlier is None:
            break
        chain.insert(0, earlier)
        earlier_id = earlier.carried_from_id
    following = readable.filter(carried_from=chain[-1]).first()
    while following is not None and len(chain) < 30:
        chain.append(following)
        following = readable.filter(carried_from=following).first()
    reports: dict[int, list[Report]] = defaultdict(list)
    found = Report.objects.filter(task__in=chain).prefetch_related("figures__indicator")
    found = found.order_by("period_end", "version")
    for report in found:
        reports[report.task_id].append(report)
    return [(t, reports[t.pk]) for t in chain]
