"""The invariants of issue #27, checked on the simulated year (sim/year.py).

Daily: no reminder or 催办单 for a period before its report day; the units reminded are the
units the ledger says owe the period chased; a 催办单 goes exactly to a unit whose missed streak
(counted by the ledger) reached the plan's limit, and says that streak; once closed, nothing
is chased and nothing filed, and nothing awaits review that the office was not told of.
On page days: every surface answers the same question with the same number (the board the
dashboard draws, the roll-up, the API, the public page, the bulletin, 待办), the late list is the
ledger's, and a unit's late count (its on-time record) is the periods it missed.
At the carry-over: each carried target is what remained.
Every day: each task's kept standing (progress.summary, what the roll-ups read) is what a
recomputation from its reports, targets and figures gives (compared on each day the database
was written, `Writes`: on a day with no write both sides are the previous day's)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.test import RequestFactory

from minsheng.api.api import plan_progress
from minsheng.api.common import Caller
from minsheng.plans.models import Plan, Task
from minsheng.progress.board import build_board
from minsheng.progress.carry import plan_carry_over, undo_carry_over, unfinished
from minsheng.progress.errors import ProgressError
from minsheng.progress.models import Notice
from minsheng.progress.services import Filing, file_report
from minsheng.progress.summary import compute, stored
from minsheng.progress.todo import awaiting_review, plan_todo
from minsheng.regions.rollup import build_rollup
from minsheng.regions.years import on_time_record
from minsheng.reports.bulletin import build_bulletin
from minsheng.reports.public import public_plan

if TYPE_CHECKING:
    from .year import Year


@dataclass
class Tally:
    years: int = 0
    days: int = 0
    checks: int = 0

    def check(self, condition: bool, message: str) -> None:
        self.checks += 1
        assert condition, message


def pure(year: Year, today: datetime.date, tally: Tally) -> None:
    """Every day, the ledger against the calendar: nothing late before its report day, nothing
    asked before the task started or outside the year, no streak longer than what was asked."""
    tally.days += 1
    calendar = year.ledger.calendar
    chased = calendar.chase_period(today)
    tally.check(chased is None or calendar.due(chased) < today, f"{today}: chasing {chased} before its day")
    for task_id in year.ledger.late_tasks(today):
        book = year.ledger.tasks[task_id]
        assert chased is not None
        tally.check(calendar.asks(chased, book.start), f"{today}: task {task_id} late for {chased}, never asked")
        tally.check(calendar.opens(book.start) <= chased <= calendar.last_day, f"{today}: {chased} outside")
    for unit_id in year.world.units:
        streak = year.ledger.streak(unit_id, today)
        tally.check(streak <= len(calendar.periods()), f"{today}: unit {unit_id} missed {streak} in a row")


def daily(year: Year, today: datetime.date, sent: Any, tally: Tally) -> None:
    """催报 as run today: whom it chased, for which period, and each 催办单's count."""
    world, ledger = year.world, year.ledger
    calendar, plan = ledger.calendar, world.plan
    for notice in sent.reminded + sent.escalated:
        due = calendar.due(notice.period_end)
        tally.check(due < today, f"{today}: {notice.get_kind_display()} for {notice.period_end}, due {due}")
        tally.check(plan.state == Plan.State.PUBLISHED, f"{today}: a notice on a {plan.state} plan")
    chased = calendar.chase_period(today)
    if plan.state != Plan.State.PUBLISHED or chased is None:
        tally.check(not sent.reminded and not sent.escalated, f"{today}: chased with nothing overdue")
        return
    owing = {ledger.tasks[t].unit_id for t in ledger.late_tasks(today)}
    asked = set(
        Notice.objects.filter(plan=plan, period_end=chased, kind=Notice.Kind.REMINDER).values_list("unit_id", flat=True)
    )
    new = {n.unit_id for n in sent.reminded}
    tally.check(new <= owing, f"{today}: reminded {new - owing}, who owe nothing for {chased}")
    tally.check(owing <= asked, f"{today}: {owing - asked} owe {chased} and were never reminded")
    for notice in sent.escalated:
        streak = ledger.streak(notice.unit_id, today)
        tally.check(streak >= plan.escalate_after, f"{today}: 催办单 to unit {notice.unit_id} after {streak} missed")
        tally.check(f"连续{streak}期" in notice.text, f"{today}: 催办单 says {notice.text!r}, ledger {streak}")
    for entry in sent.reminded:
        escalated = any(e.unit_id == entry.unit_id for e in sent.escalated)
        due_one = ledger.streak(entry.unit_id, today) >= plan.escalate_after
        tally.check(escalated == due_one, f"{today}: unit {entry.unit_id} 催办单 {escalated}, ledger says {due_one}")


class Writes:
    """Whether anything but a SELECT reached the database since the last look (a Django
    execute_wrapper). Kept and recomputed standing are functions of the rows alone, not of the
    day, so a day that wrote nothing has the standing the last compared day had: comparing
    again adds nothing. SAVEPOINTs and the like count as writes (a look too many, never one too few)."""

    def __init__(self) -> None:
        self.seen = True

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        if sql.lstrip()[:6].upper() != "SELECT":
            self.seen = True
        return execute(sql, params, many, context)

    def take(self) -> bool:
        seen, self.seen = self.seen, False
        return seen


def standing(today: datetime.date, tally: Tally) -> None:
    """The standing the services kept, filing by filing, review by review, target change and
    carry-over, is the one the rule computes now from the records (every task in the database)."""
    kept, now = stored(Q()), compute(Q())
    wrong = {pk for pk in kept.keys() | now.keys() if kept.get(pk) != now.get(pk)}
    tally.check(
        not wrong,
        f"{today}: standing of tasks {wrong}: kept {[kept.get(p) for p in wrong]}, now {[now.get(p) for p in wrong]}",
    )


def pages(year: Year, today: datetime.date, tally: Tally) -> None:
    """Every surface's own function, the same question, the same number."""
    world, ledger, plan = year.world, year.ledger, year.world.plan
    if plan.state == Plan.State.DRAFT:
        return
    board = build_board(plan, today)
    public = public_plan(plan, today).board  # the approved-only board the public page draws
    overall = board.overall
    rounded = _rounded(overall.completion)
    kept = sum(1 for b in ledger.tasks.values() if b.counting() is not None)
    tally.check(overall.reported == kept, f"{today}: board counts {overall.reported} reported, ledger {kept}")
    cleared = sum(1 for b in ledger.tasks.values() if b.counting(today, approved_only=True) is not None)
    tally.check(
        public.overall.reported == cleared, f"{today}: public counts {public.overall.reported}, ledger {cleared}"
    )
    area = next(a for a in build_rollup(world.city, world.year, today).areas if a.jurisdiction.pk == world.area.pk)
    approved = public.overall  # the roll-up counts approved reports, as the public page does
    tally.check(
        (area.group.tasks, area.group.reported, _rounded(area.group.completion))
        == (approved.tasks, approved.reported, _rounded(approved.completion)),
        f"{today}: roll-up {area.group.coverage_text} vs public {approved.coverage_text}",
    )
    filed, public_api = _api(world, today)
    tally.check(filed["completion"] == rounded and filed["coverage_text"] == overall.coverage_text, f"{today}: API")
    tally.check(public_api["coverage_text"] == public.overall.coverage_text, f"{today}: API (approved) vs public")
    summary = build_bulletin(plan, today).summary
    tally.check(overall.coverage_text.replace(" ", "") in summary, f"{today}: bulletin {summary!r}")
    _late(year, today, board, tally)


def _late(year: Year, today: datetime.date, board: Any, tally: Tally) -> None:
    ledger, plan = year.ledger, year.world.plan
    late = {r.id for r in board.late}
    if plan.state == Plan.State.PUBLISHED:
        tally.check(late == ledger.late_tasks(today), f"{today}: late list {late}, ledger {ledger.late_tasks(today)}")
    todo = plan_todo(plan, today)
    count = todo.items[0].count if board.late_end is not None else len(late)
    tally.check(count == len(late), f"{today}: 待办 says {count} late, its list {len(late)}")
    for unit_id in year.world.units:
        records = [r for r in on_time_record(unit_id, today) if r.year == year.world.year]
        counted = records[0].late + records[0].missing if records else 0
        missed = ledger.periods_missed(unit_id, today)
        tally.check(counted == missed, f"{today}: unit {unit_id} record {counted} late, ledger {missed} missed")


def _api(world: Any, today: datetime.date) -> tuple[dict[str, Any], dict[str, Any]]:
    """The API's own handler as the office calls it (its answer, without the HTTP around it)."""
    request = RequestFactory().get(f"/api/plans/{world.plan.pk}/progress")
    request.user = world.office
    request.auth = Caller(world.office)  # type: ignore[attr-defined]
    # the office asks for what was filed (the dashboard's basis); the default is the approved (the public's)
    return plan_progress(request, world.plan.pk, basis="filed"), plan_progress(request, world.plan.pk)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def close_told(plan: Plan) -> set[int]:
    """What the closing confirmation tells the office awaits review (plan_views.plan_state)."""
    return set(awaiting_review().filter(task__project__plan=plan).values_list("pk", flat=True))


def closed_queue(year: Year, today: datetime.date, tally: Tally) -> None:
    if year.world.plan.state != Plan.State.CLOSED or year.told is None:
        return
    waiting = close_told(year.world.plan)
    tally.check(waiting <= year.told, f"{today}: {waiting - year.told} await review, the office was not told")
    unreviewed = {pk for pk in year.told if pk in set(awaiting_review().values_list("pk", flat=True))}
    tally.check(unreviewed == waiting, f"{today}: told of {unreviewed}, queue shows {waiting}")


def closed_takes_no_report(year: Year, today: datetime.date, tally: Tally) -> None:
    if year.world.plan.state != Plan.State.CLOSED or today.day != 1:
        return
    book = next(iter(year.ledger.tasks.values()))
    task = Task.objects.get(pk=book.task_id)
    try:
        file_report(user=year.world.reporters[book.unit_id], task=task, filing=Filing(today, "in_progress"))
    except ProgressError:
        tally.check(True, "")
    else:
        tally.check(False, f"{today}: a closed plan took a report")


def carry_over(year: Year, today: datetime.date, tally: Tally) -> None:
    """Next year's plan (a draft) takes some unfinished tasks; each carried target is what remained.
    One is taken back out again (undo) while the new plan is a draft."""
    world, ledger = year.world, year.ledger
    source = world.plan
    target = Plan.objects.create(jurisdiction=world.area, year=world.year + 1, title=f"{source.title}（次年）")
    rows = unfinished(source, today)
    chosen = {r.id for r in rows if year.rng.random() < 0.7}
    if not chosen:
        return
    created = plan_carry_over(user=world.office, source=source, target=target, as_of=today, tasks=chosen)
    for task in created:
        book = ledger.tasks[task.carried_from_id]
        left = book.remaining()
        old = {i.order: i.pk for i in Task.objects.get(pk=book.task_id).indicators.all()}
        for indicator in task.indicators.all():
            want = left[old[indicator.order]]
            tally.check(indicator.value == want, f"{today}: carried {indicator.value}, {want} remained")
    undone = undo_carry_over(user=world.office, target=target, tasks=[created[0].pk])
    tally.check(undone == 1 and not Task.objects.filter(pk=created[0].pk).exists(), f"{today}: undo")
