"""One simulated year in the database (issue #27), driven through the real services: the plan
published, units filing on time, late, now and then or never, the office approving and
returning, units resubmitting, a project voted in mid-year, a target changed, 催报 run every day
as cron does, the unfinished tasks carried into next year's plan, the plan closed with reports
still in the queue, and the office reviewing after the close.

Every simulated day the invariants of sim/checks.py that cost little are checked (the ledger
against the calendar, every reminder and 催办单 sent that day, each task's kept standing on each
day something was written); the pages' figures are compared
once a week and on the day after each report day (`PAGE_DAYS`)."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import time_machine
from django.db import connection

from minsheng.indicators.services import target_value_change
from minsheng.plans.models import Plan
from minsheng.plans.services import plan_close, plan_publish
from minsheng.progress.errors import ProgressError
from minsheng.progress.models import Report
from minsheng.progress.remind import remind
from minsheng.progress.schedule import calendar_of
from minsheng.progress.services import Filing, file_report, review_report
from minsheng.voting.services import _starts_today

from . import checks
from .ledger import Ledger, TaskBook, Version
from .world import World, add_task, build_world

TZ = ZoneInfo("Asia/Shanghai")
DAY = datetime.timedelta(days=1)
# 催报 runs (as cron would) from two days before each report day to a week after it, where what it
# sends changes; the pages (a few boards each) are compared on the day after each report day.
REMIND_BEFORE, REMIND_AFTER = 2, 7


@dataclass
class Year:
    world: World
    ledger: Ledger
    rng: random.Random
    plans: dict[int, datetime.date]  # (task, period) planned filing days, keyed by hash below
    told: set[int] | None = None  # reports the office was told of when closing
    carried: bool = False


def _book(world: World, task: Any) -> TaskBook:
    lead = task.task_units.get().unit_id
    targets = {i.pk: (i.value, i.op) for i in task.indicators.all()}
    return TaskBook(task.pk, lead, task.start, targets)


def _plan_filings(year: Year, book: TaskBook) -> None:
    """When the unit will file each period it is asked for, by its behaviour (None: never)."""
    calendar, rng = year.ledger.calendar, year.rng
    behaviour = year.world.behaviours[book.unit_id]
    for end in calendar.periods(book.start):
        due = calendar.due(end)
        on_time = end + DAY * rng.randint(1, max(1, (due - end).days))
        late = due + DAY * rng.randint(1, 25)
        choice = {"on_time": on_time, "late": late, "never": None}.get(behaviour)
        if behaviour == "sometimes":
            choice = rng.choice((on_time, late, None))
        if choice is not None:
            year.plans[hash((book.task_id, end))] = choice


def _file(year: Year, book: TaskBook, end: datetime.date, today: datetime.date) -> None:
    """The unit files the period: cumulative figures rising toward the targets, done when met."""
    last = book.counting()
    progress = Decimal(year.rng.randint(5, 40)) / 100
    actuals = {}
    for pk, (value, _) in book.targets.items():
        before = last.actuals.get(pk, Decimal(0)) if last else Decimal(0)
        actuals[pk] = min(value, (before + value * progress).quantize(Decimal(1)))
    done = all(actuals[pk] >= value for pk, (value, _) in book.targets.items())
    version = max((v.version for v in book.of_period(end)), default=0)
    # a late filing for an earlier period may stand above a later one's figures: asked to confirm the
    # correction (progress/cumulative.py), the simulated unit confirms it
    status = "done" if done else "in_progress"
    filing = Filing(end, status, "推进中。", actuals, base_version=version, confirm_lower=True)
    file_report(user=year.world.reporters[book.unit_id], task=_task(year, book), filing=filing)
    book.versions.append(Version(end, version + 1, today, actuals, done))


def _task(year: Year, book: TaskBook) -> Any:
    return next(t for t in year.world.tasks if t.pk == book.task_id)


def _units_file(year: Year, today: datetime.date) -> None:
    for book in year.ledger.tasks.values():
        if book.done_from() is not None:
            continue
        for end in year.ledger.calendar.periods(book.start):
            returned = book.of_period(end) and book.of_period(end)[-1].review == "returned"
            refile = returned and year.rng.random() < 0.3  # the unit revises a returned report
            if (year.plans.get(hash((book.task_id, end))) == today and not book.of_period(end)) or refile:
                _file(year, book, end, today)
                if book.done_from() is not None:
                    break  # done: nothing more is asked of it


def _office_reviews(year: Year, today: datetime.date) -> None:
    """Now and then the office goes through its queue: approves most, returns some (never a done one)."""
    if year.rng.random() > 0.3:
        return
    for book in year.ledger.tasks.values():
        for v in book.versions:
            newest = v.version == max(w.version for w in book.of_period(v.period_end))
            if v.review != "submitted" or not newest:
                continue
            approve = v.done or year.rng.random() < 0.85
            report = Report.objects.get(task_id=book.task_id, period_end=v.period_end, version=v.version)
            review_report(user=year.world.office, report=report, approve=approve, comment="" if approve else "数据有误")
            v.review = "approved" if approve else "returned"


def _events(year: Year, today: datetime.date, days: dict[str, datetime.date], tally: checks.Tally) -> None:
    world, plan = year.world, year.world.plan
    if today == days["publish"]:
        plan_publish(user=world.office, plan=plan)
        year.ledger.calendar = calendar_of(plan)
        for book in year.ledger.tasks.values():
            _plan_filings(year, book)
    if today == days["vote"] and plan.state == Plan.State.PUBLISHED:
        task = add_task(world, year.rng, name="年中票决项目")
        _starts_today(plan, task.project)
        task.refresh_from_db()
        year.ledger.tasks[task.pk] = _book(world, task)
        _plan_filings(year, year.ledger.tasks[task.pk])
    if today == days["change"] and plan.state == Plan.State.PUBLISHED:
        book = year.rng.choice(list(year.ledger.tasks.values()))
        pk, (value, op) = next(iter(book.targets.items()))
        indicator = _task(year, book).indicators.get(pk=pk)
        target_value_change(user=world.office, indicator=indicator, value=value + 7, high=None, effective_from=today)
        book.targets[pk] = (value + 7, op)
    if today == days["carry"] and not year.carried:
        checks.carry_over(year, today, tally)
        year.carried = True
    if today == days["close"] and plan.state == Plan.State.PUBLISHED:
        year.told = checks.close_told(plan)
        plan_close(user=world.office, plan=plan)


def _day_of(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + DAY * rng.randint(0, (last - first).days)


def run_year(seed: int, tally: checks.Tally) -> None:
    rng = random.Random(seed)
    start = datetime.datetime(2024, 12, 1, 9, tzinfo=TZ)
    with time_machine.travel(start, tick=False) as traveller:
        world = build_world(rng, seed)
        y = world.year
        ledger = Ledger(calendar_of(world.plan), {t.pk: _book(world, t) for t in world.tasks})
        year = Year(world, ledger, rng, {})
        days = {
            "publish": _day_of(rng, datetime.date(y - 1, 12, 1), datetime.date(y, 3, 31)),
            "vote": _day_of(rng, datetime.date(y, 4, 1), datetime.date(y, 9, 30)),
            "change": _day_of(rng, datetime.date(y, 3, 1), datetime.date(y, 10, 31)),
            "carry": _day_of(rng, datetime.date(y, 12, 10), datetime.date(y, 12, 31)),
            "close": _day_of(rng, datetime.date(y + 1, 1, 1), datetime.date(y + 1, 1, 20)),
        }
        dues = {ledger.calendar.due(end) for end in ledger.calendar.periods()}
        page_days = {due + DAY for due in dues} | {days["carry"], days["close"]}
        remind_days = {due + DAY * k for due in dues for k in range(-REMIND_BEFORE, REMIND_AFTER + 1)}
        today = datetime.date(y - 1, 12, 1)
        writes = checks.Writes()
        with connection.execute_wrapper(writes):
            while today <= datetime.date(y + 1, 2, 10):
                traveller.move_to(datetime.datetime.combine(today, datetime.time(9), tzinfo=TZ))
                _day(year, today, days, page_days, remind_days, writes, tally)
                today += DAY
    tally.years += 1


def _day(
    year: Year,
    today: datetime.date,
    days: dict[str, datetime.date],
    page_days: set[datetime.date],
    remind_days: set[datetime.date],
    writes: checks.Writes,
    tally: checks.Tally,
) -> None:
    world = year.world
    _events(year, today, days, tally)
    if world.plan.state == Plan.State.PUBLISHED:
        _units_file(year, today)
    else:
        checks.closed_takes_no_report(year, today, tally)
        checks.closed_queue(year, today, tally)
    _office_reviews(year, today)
    checks.pure(year, today, tally)
    if writes.take():
        checks.standing(today, tally)
    if today in remind_days or today in page_days:
        checks.daily(year, today, remind(world.plan, today, world.office), tally)
    if today in page_days:
        checks.pages(year, today, tally)


__all__ = ["ProgressError", "Year", "run_year"]
