"""The simulator's own account of a year: what each unit filed, when, what the office did with
it. Kept beside the database, never read from it, so that the invariants compare the
services' answers with what really happened.

Only the calendar (progress/schedule.PlanCalendar, pure) is shared: which periods a task is asked
for and when each is due is the one definition both sides must read.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from minsheng.progress.schedule import PlanCalendar, previous_period


@dataclass
class Version:
    period_end: datetime.date
    version: int
    filed_on: datetime.date
    actuals: dict[int, Decimal]  # indicator id → cumulative figure
    done: bool
    review: str = "submitted"  # submitted / approved / returned


@dataclass
class TaskBook:
    task_id: int
    unit_id: int
    start: datetime.date | None
    targets: dict[int, tuple[Decimal, str]]  # indicator id → (value now in force, op)
    versions: list[Version] = field(default_factory=list)

    def of_period(self, end: datetime.date) -> list[Version]:
        return [v for v in self.versions if v.period_end == end]

    def standing(self, v: Version) -> bool:
        """The version may count: approved, or its period's newest and not returned."""
        newest = v.version == max(w.version for w in self.of_period(v.period_end))
        return v.review == "approved" or (newest and v.review != "returned")

    def any_filed(self, end: datetime.date) -> bool:
        """A version of the period may count (README: a returned report is no filing; an approved
        earlier version still stands): it is not owed any more."""
        return any(self.standing(v) for v in self.of_period(end))

    def first_kept(self, end: datetime.date) -> datetime.date | None:
        """While the period stands filed, the first day a version that was not returned was filed."""
        if not self.any_filed(end):
            return None
        days = [v.filed_on for v in self.of_period(end) if v.review != "returned"]
        return min(days) if days else None

    def done_from(self) -> datetime.date | None:
        """The period of the first report saying done (the simulator never returns those)."""
        ends = [v.period_end for v in self.versions if v.done]
        return min(ends) if ends else None

    def counting(self, up_to: datetime.date | None = None, approved_only: bool = False) -> Version | None:
        """The version that counts: the latest period's newest version not returned, or an
        approved one (progress/rules.countable, said again in the simulator's own words)."""
        best = None
        for v in self.versions:
            if up_to is not None and v.period_end > up_to:
                continue
            newest = v.version == max(w.version for w in self.of_period(v.period_end))
            keeps = (
                v.review == "approved"
                if approved_only
                else v.review != "returned" and (v.review == "approved" or newest)
            )
            if keeps and (best is None or (v.period_end, v.version) > (best.period_end, best.version)):
                best = v
        return best

    def remaining(self) -> dict[int, Decimal]:
        """What would carry into next year: each counted target's value less what is done."""
        counted = self.counting()
        result = {}
        for pk, (value, op) in self.targets.items():
            actual = counted.actuals.get(pk) if counted else None
            counts = op in ("eq", "gte") and actual is not None
            result[pk] = max(value - actual, Decimal(0)) if counts and actual is not None else value
        return result


@dataclass
class Ledger:
    calendar: PlanCalendar
    tasks: dict[int, TaskBook] = field(default_factory=dict)

    def asked(self, book: TaskBook) -> list[datetime.date]:
        done = book.done_from()
        return [end for end in self.calendar.periods(book.start) if done is None or end <= done]

    def owes(self, book: TaskBook, end: datetime.date) -> bool:
        """The task owes a report for the period: asked, nothing filed, not done before it."""
        done = book.done_from()
        asked = self.calendar.asks(end, book.start)
        return asked and not book.any_filed(end) and (done is None or done >= end)

    def late_tasks(self, today: datetime.date) -> set[int]:
        """Tasks still owing the period chased today (its report day passed): 逾期未报送."""
        end = self.calendar.chase_period(today)
        if end is None:
            return set()
        return {b.task_id for b in self.tasks.values() if self.owes(b, end)}

    def missed(self, book: TaskBook, today: datetime.date) -> dict[datetime.date, bool]:
        """Per period asked: whether its report day passed without a report that was kept."""
        return {end: self.calendar.missed(end, today, book.first_kept(end), book.start) for end in self.asked(book)}

    def streak(self, unit_id: int, today: datetime.date) -> int:
        """Periods in a row, back from the one chased today, in which the unit missed a task's report day."""
        missed: dict[datetime.date, bool] = {}
        for book in self.tasks.values():
            if book.unit_id == unit_id:
                for end, late in self.missed(book, today).items():
                    missed[end] = missed.get(end, False) or late
        end, streak = self.calendar.chase_period(today), 0
        while end is not None and missed.get(end, False):
            streak, end = streak + 1, previous_period(end, self.calendar.cycle)
        return streak

    def periods_missed(self, unit_id: int, today: datetime.date) -> int:
        """Task-periods the unit owed by today and did not file by their report day."""
        return sum(late for b in self.tasks.values() if b.unit_id == unit_id for late in self.missed(b, today).values())
