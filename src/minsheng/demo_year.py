"""A simulated year of reports for the demo plan, up to today, so that every page shows
what it is for: reports on time and late, returned and revised, waiting for review;
tasks green, yellow, red and finished; reminders for the units that stay silent.

Every report says （演示数据） in its text. The simulation goes through the real services
(file_report, review_report, remind), so each figure is what the platform itself computed.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.utils import timezone

from .plans.models import Plan, Project, Task, TaskUnit, Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from .progress.models import Report
    from .progress.services import Filing

DEMO_MARK = "（演示数据）"


@dataclass(frozen=True)
class Pace:
    """How a unit works through the year: its speed against 序时进度 and its habits."""

    name: str
    speed: float  # completion ÷ 序时进度
    late_days: int  # days after the report day it files (0: on time)
    silent: bool = False
    # The shape of its year: "" (序时进度 × speed), "build" (its kind's usual curve × speed: late),
    # "stall" (序时进度 × speed until two periods ago, flat since).
    shape: str = ""


PACES = [
    Pace("稳步推进", 1.02, 0),
    Pace("提前完成", 1.6, 0),
    Pace("略有滞后", 0.9, 0),
    Pace("严重滞后", 0.6, 6),
    Pace("经常迟报", 1.0, 8),
    Pace("从未报送", 0.0, 0, silent=True),
]
# Two tasks that show what the forecast (年底预计) is for: a service that kept to 序时进度 and then
# stopped (green light, 有风险), and a build behind 序时进度 but on a build's usual curve (yellow
# or red light in the first half, 预计完成). Each is the first task of its kind that is reported.
STALL = Pace("近期停滞", 1.3, 0, shape="stall")
BUILD = Pace("按建设项目常见节奏", 1.15, 0, shape="build")
RETURN_EVERY = 9  # about one report in nine is returned once, then revised


def simulate_year(plan: Plan, office: User, today: datetime.date | None = None) -> int:
    """File, review and remind through the plan's periods up to today; returns the reports filed."""
    from .progress import services

    today = today or timezone.localdate()
    periods = services.allowed_periods(plan, today)
    if not periods:
        return 0
    rng = random.Random(plan.pk)
    tasks = _tasks_by_unit(plan)
    paces = {unit: PACES[i % len(PACES)] for i, unit in enumerate(sorted(tasks, key=lambda u: u.name))}
    reporters = {unit: _reporter(unit) for unit, pace in paces.items() if not pace.silent}
    shaped = _shaped_tasks(tasks, paces)
    stall_from = periods[max(0, len(periods) - 3)]
    filed = 0
    for n, period in enumerate(periods):
        current = n == len(periods) - 1
        for late in (False, True):  # on time, then the 催报 on the report day, then the late ones
            for unit, unit_tasks in tasks.items():
                pace = paces[unit]
                if pace.silent or (current and late):
                    continue
                for task in unit_tasks:
                    way = (shaped.get(task.pk, pace), stall_from)
                    # Filed in the pass its own pace files in: a report dated before the 催报
                    # must be in the database when the 催报 runs.
                    if bool(way[0].late_days) != late:
                        continue
                    filed += _file(plan, task, reporters[unit], (office, today), period, way, rng, review=not current)
            if not late:
                _remind(plan, period, office, today)
    _return_one(plan, periods[-1], office)
    return filed


def _shaped_tasks(tasks: dict[Unit, list[Task]], paces: dict[Unit, Pace]) -> dict[int, Pace]:
    """The first service task and the first build among the units that file, each with one
    target large enough (≥ 50) that whole-number figures do not look like a stall."""
    from .progress.forecast_shapes import Kind, kind_of

    wanted = {Kind.SERVICE: STALL, Kind.CONSTRUCTION: BUILD}
    chosen: dict[int, Pace] = {}
    for unit, unit_tasks in sorted(tasks.items(), key=lambda item: item[0].name):
        if paces[unit].silent:
            continue
        for task in unit_tasks:
            targets = list(task.indicators.all())
            if len(targets) != 1 or targets[0].op == "lte" or targets[0].value < 50:
                continue
            pace = wanted.pop(kind_of(f"{task.project.name} {task.content}"), None)
            if pace is not None:
                chosen[task.pk] = pace
    return chosen


def _return_one(plan: Plan, period: datetime.date, office: User) -> None:
    """One report of the current period returned and not yet filed again (退回未重报)."""
    from .progress import services
    from .progress.models import Report

    waiting = Report.objects.filter(task__project__plan=plan, period_end=period, review=Report.Review.SUBMITTED)
    report = waiting.order_by("pk").first()
    if report is not None:
        services.review_report(user=office, report=report, approve=False, comment="请补充佐证材料（现场照片）")


def _tasks_by_unit(plan: Plan) -> dict[Unit, list[Task]]:
    """Formal tasks by their first lead unit (one reporter files for each task)."""
    links = (
        TaskUnit.objects.filter(
            task__project__plan=plan, task__project__status=Project.Status.FORMAL, role=TaskUnit.Role.LEAD
        )
        .select_related("unit", "task__project__plan")
        .order_by("task__project__order", "task__order", "order")
    )
    result: dict[Unit, list[Task]] = {}
    seen: set[int] = set()
    for link in links:
        if link.task_id not in seen:
            seen.add(link.task_id)
            result.setdefault(link.unit, []).append(link.task)
    return result


def _reporter(unit: Unit) -> User:
    """A demo reporter for the unit, who cannot log in (only the 城管局 demo login has a password)."""
    from .accounts.models import Membership

    existing = Membership.objects.filter(unit=unit).select_related("user").first()
    if existing:
        return existing.user
    user, created = get_user_model().objects.get_or_create(username=f"demo-unit-{unit.pk}")
    if created:
        user.set_unusable_password()
        user.save()
    Membership.objects.get_or_create(user=user, unit=unit)
    return user


def _at(day: datetime.date, hour: int = 10) -> datetime.datetime:
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return min(moment, timezone.now())


def _file(
    plan: Plan,
    task: Task,
    user: User,
    desk: tuple[User, datetime.date],
    period: datetime.date,
    way: tuple[Pace, datetime.date],
    rng: random.Random,
    review: bool,
) -> int:
    """File (and review) the task's report for the period, unless the unit would file it after
    today: a late unit has not filed yet, and its 催报 stands. The running period's early
    reports (filed before its report day) are filed today."""
    from .progress import services

    office, today = desk
    filing, filed_on = _filing(plan, task, period, way, rng)
    if review and filed_on > today:
        return 0
    report = services.file_report(user=user, task=task, filing=filing)
    if review:
        _review(task, user, office, report, filing, filed_on, rng)
    return 1


def _share(start: datetime.date, due: datetime.date, period: datetime.date, way: tuple[Pace, datetime.date]) -> float:
    """The share (0–1) a task at this pace has reached by the end of the period."""
    from .progress import schedule
    from .progress.forecast_shapes import Kind, fraction_of, kind_curve

    pace, stall_from = way
    if pace.shape == "build":
        return kind_curve(Kind.CONSTRUCTION).share_at(fraction_of(period, start, due)) / 100 * pace.speed
    if pace.shape == "stall":
        period = min(period, stall_from)
    return float(schedule.expected_share(period, start, due)) / 100 * pace.speed


def _what(task: Task) -> str:
    """The project's name, or the task's first clause when the project has several tasks (five notes
    of 管网焕新工程 with five figures would read as one task reported five times)."""
    if task.project.tasks.count() == 1:
        return task.project.name
    from .text.clause import task_clause

    return task_clause(task.content)


def _filing(
    plan: Plan, task: Task, period: datetime.date, way: tuple[Pace, datetime.date], rng: random.Random
) -> tuple[Filing, datetime.date]:
    """What a unit at this pace files for the period: cumulative figures, status, a line of narrative."""
    from .progress import schedule, services
    from .progress.models import Report

    pace = way[0]
    start = plan.start_date() or period
    due = task.due or datetime.date(start.year, 12, 31)
    share = _share(start, due, period, way)
    # A stalled task reports the same figure again; the others vary a little from period to period.
    wobble = rng.uniform(0.95, 1.05)
    share = min(1.0, max(0.0, share * (1.0 if pace.shape == "stall" else wobble)))
    targets = list(task.indicators.all())
    figures = {t.pk: (t.value * Decimal(str(round(share, 3)))).quantize(Decimal(1)) for t in targets if t.op != "lte"}
    status = Report.Status.IN_PROGRESS
    if share >= 1 or share == 0:
        status = Report.Status.DONE if share >= 1 else Report.Status.NOT_STARTED
    label = schedule.period_label(period, plan.cycle)
    narrative = f"{DEMO_MARK}{label}：{_what(task)}{pace.name}，累计完成约{share:.0%}。"
    report_day = schedule.report_due(period, plan.report_day)
    filed_on = report_day + datetime.timedelta(days=pace.late_days or -rng.randint(1, 4))
    base = services.latest_version(task, period)
    return services.Filing(period, status, narrative, figures, base_version=base, filed_at=_at(filed_on)), filed_on


def _review(
    task: Task, user: User, office: User, report: Report, filing: Filing, filed_on: datetime.date, rng: random.Random
) -> None:
    """The office approves, or now and then returns the report and approves the unit's revision."""
    from dataclasses import replace

    from .progress import services
    from .progress.models import Report

    if rng.randrange(RETURN_EVERY) == 0:
        services.review_report(user=office, report=report, approve=False, comment="数据口径与上期不一致，请核实后重报")
        Report.objects.filter(pk=report.pk).update(reviewed_at=_at(filed_on + datetime.timedelta(days=1)))
        revised = replace(
            filing,
            narrative=filing.narrative.removesuffix("。") + "（已按要求核实修改）。",
            base_version=report.version,
            filed_at=_at(filed_on + datetime.timedelta(days=2)),
        )
        report = services.file_report(user=user, task=task, filing=revised)
    services.review_report(user=office, report=report, approve=True)
    Report.objects.filter(pk=report.pk).update(reviewed_at=_at(filed_on + datetime.timedelta(days=3)))


def _remind(plan: Plan, period: datetime.date, office: User, today: datetime.date) -> None:
    """The office's 催报 the day after the report day (never before it), as it would have happened."""
    from .progress import schedule
    from .progress.remind import remind

    day_after = schedule.report_due(period, plan.report_day) + datetime.timedelta(days=1)
    if day_after <= today:
        _fresh_statistics()
        # Dated the day it would have been sent, its 连续N期 as the rules count it that day.
        remind(plan, day_after, user=office, sent_at=_at(day_after, 9))


def _fresh_statistics() -> None:
    """The demo writes a year of reports in one transaction, which autovacuum cannot see: on
    PostgreSQL the planner then takes the tables for empty and runs the reminders' nested
    subqueries as loops over every report (minutes, not milliseconds). ANALYZE inside the
    transaction counts its own rows."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE plans_task, plans_taskunit, plans_project, progress_report")

