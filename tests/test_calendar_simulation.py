"""The year's clock simulated day by day (issue #27): plans of several years and both cycles,
published early, late or never recorded, tasks voted in mid-year, units filing on time, late,
now and then, or never. Every day over five years the rules of progress/schedule.PlanCalendar
must hold: nothing is chased before its report day; every overdue period lies inside the plan's
year and after the task started; the late list and the late count agree; a period is never both
本期 and overdue; lateness only grows until the report is filed; 连续N期 counts missed periods.

Pure functions over dates, no database: a few seconds for thousands of simulated days.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from hypothesis import given, settings
from hypothesis import strategies as st

from minsheng.progress.schedule import (
    MONTHLY,
    QUARTERLY,
    PeriodState,
    PlanCalendar,
    period_end_of,
    period_start,
    periods,
)

DAY = datetime.timedelta(days=1)
BEHAVIOURS = ("on_time", "late", "sometimes", "never")
SEEDS = 8  # plans walked in the fixed test, five years each; hypothesis adds more


@dataclass
class SimTask:
    start: datetime.date | None
    unit: int
    # period end → the day its report was first filed (absent: never)
    filed: dict[datetime.date, datetime.date] = field(default_factory=dict)


@dataclass
class Scenario:
    calendar: PlanCalendar
    tasks: list[SimTask]
    behaviours: dict[int, str]

    @property
    def year(self) -> int:
        return self.calendar.last_day.year


@dataclass
class Tally:
    days: int = 0
    checks: int = 0

    def check(self, condition: bool, message: str) -> None:
        self.checks += 1
        assert condition, message


def _day_in(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + DAY * rng.randint(0, (last - first).days)


def make_scenario(seed: int) -> Scenario:
    """A plan of 2025–2028, either cycle, any report day, maybe its own start date, published
    before, during or after its year (or without a recorded day), with tasks voted in mid-year."""
    rng = random.Random(seed)
    year = rng.randint(2025, 2028)
    cycle = rng.choice((MONTHLY, QUARTERLY))
    first = datetime.date(year, 1, 1)
    if rng.random() < 0.3:  # the office set its own 序时起算日
        first = _day_in(rng, first, datetime.date(year, 4, 30))
    published = rng.choice((None, _day_in(rng, datetime.date(year - 1, 10, 1), datetime.date(year + 1, 3, 31))))
    calendar = PlanCalendar(cycle, rng.randint(1, 28), first, datetime.date(year, 12, 31), published)
    units = rng.randint(1, 4)
    behaviours = {u: rng.choice(BEHAVIOURS) for u in range(units)}
    tasks = []
    for _ in range(rng.randint(1, 6)):
        voted = rng.random() < 0.3
        start = _day_in(rng, datetime.date(year, 2, 1), datetime.date(year, 12, 20)) if voted else None
        task = SimTask(start, rng.randrange(units))
        for end in calendar.periods(start):
            filed = _filing(rng, calendar.due(end), behaviours[task.unit])
            if filed is not None:
                task.filed[end] = filed
        tasks.append(task)
    return Scenario(calendar, tasks, behaviours)


def _filing(rng: random.Random, due: datetime.date, behaviour: str) -> datetime.date | None:
    if behaviour == "never" or (behaviour == "sometimes" and rng.random() < 0.4):
        return None
    if behaviour == "on_time" or (behaviour == "sometimes" and rng.random() < 0.5):
        return due - DAY * rng.randint(0, 8)
    return due + DAY * rng.randint(1, 40)


def _candidate_periods(scenario: Scenario) -> list[datetime.date]:
    """Every period end of the five simulated years, inside the plan's year or not."""
    year = scenario.year
    return periods(datetime.date(year - 2, 1, 1), datetime.date(year + 2, 12, 31), scenario.calendar.cycle)


def simulate(scenario: Scenario, tally: Tally) -> None:
    """Walk five years (two before the plan's year to two after), checking every day."""
    calendar, year = scenario.calendar, scenario.year
    candidates = _candidate_periods(scenario)
    was_late: set[tuple[int, datetime.date]] = set()
    day = datetime.date(year - 2, 1, 1)
    while day <= datetime.date(year + 2, 12, 31):
        tally.days += 1
        _check_chase(scenario, day, tally)
        _check_reporting_period(calendar, day, tally)
        near = [p for p in candidates if -40 <= (day - p).days <= 130]
        was_late = _check_tasks(scenario, day, near, was_late, tally)
        _check_streaks(scenario, day, tally)
        day += DAY


def _check_chase(scenario: Scenario, day: datetime.date, tally: Tally) -> None:
    calendar = scenario.calendar
    chased = calendar.chase_period(day)
    if chased is None:
        return
    tally.check(calendar.due(chased) < day, f"{day}: chased {chased} before its report day")
    tally.check(calendar.asks(chased), f"{day}: chased {chased}, a period the plan never asked for")
    tally.check(calendar.state(chased, day) == PeriodState.OVERDUE, f"{day}: chased {chased} not overdue")
    following = period_end_of(chased + DAY, calendar.cycle)
    tally.check(
        calendar.state(following, day) != PeriodState.OVERDUE, f"{day}: chased {chased}, not the latest overdue"
    )
    # 催报: every task reminded for the chased period is late for it today.
    for task in scenario.tasks:
        if calendar.late(chased, day, task.filed.get(chased), task.start):
            tally.check(task.filed.get(chased, day + DAY) > day, f"{day}: chased a report already filed")


def _check_reporting_period(calendar: PlanCalendar, day: datetime.date, tally: Tally) -> None:
    current = calendar.reporting_period(day)
    tally.check(calendar.first_day.year == current.year, f"{day}: 本期 {current} outside the plan's year")
    in_season = period_start(period_end_of(calendar.first_day, calendar.cycle), calendar.cycle) <= day
    last = period_end_of(calendar.last_day, calendar.cycle)
    if in_season and day <= calendar.due(last) and calendar.asks(current):
        state = calendar.state(current, day)
        tally.check(state in (PeriodState.OPEN, PeriodState.DUE), f"{day}: 本期 {current} is {state}")
    for end in calendar.filing_periods(day):
        tally.check(period_start(end, calendar.cycle) <= day, f"{day}: filing open for {end}, not begun")
        tally.check(end.year == calendar.last_day.year, f"{day}: filing open for {end}, outside the year")


def _check_tasks(
    scenario: Scenario,
    day: datetime.date,
    near: list[datetime.date],
    was_late: set[tuple[int, datetime.date]],
    tally: Tally,
) -> set[tuple[int, datetime.date]]:
    calendar = scenario.calendar
    late_now: set[tuple[int, datetime.date]] = set()
    for n, task in enumerate(scenario.tasks):
        opens = calendar.opens(task.start)
        for end in near:
            state = calendar.state(end, day, task.start)
            # The database's shortcut (rules.owed_tasks: plan asks, and start <= period end) is the calendar's rule.
            sql_rule = calendar.asks(end) and (task.start is None or task.start <= end)
            tally.check(sql_rule == calendar.asks(end, task.start), f"{end}: owed_tasks disagrees with the calendar")
            if state == PeriodState.OVERDUE:
                tally.check(end.year == scenario.year, f"{day}: {end} overdue outside the plan's year")
                tally.check(end >= opens, f"{day}: {end} overdue before the task opened ({opens})")
                tally.check(day > calendar.due(end), f"{day}: {end} overdue on or before its report day")
            if state == PeriodState.OPEN:
                tally.check(period_start(end, calendar.cycle) <= day <= end, f"{day}: {end} open outside itself")
            filed = task.filed.get(end)
            if calendar.late(end, day, filed, task.start):
                late_now.add((n, end))
                tally.check(state == PeriodState.OVERDUE, f"{day}: {end} late but {state}")
            elif (n, end) in was_late:
                # Lateness only ends with the report.
                tally.check(filed is not None and filed <= day, f"{day}: {end} stopped being late unfiled")
    _check_late_count(scenario, day, late_now, tally)
    return late_now


def _check_late_count(
    scenario: Scenario, day: datetime.date, late_now: set[tuple[int, datetime.date]], tally: Tally
) -> None:
    """待办 counts the tasks late for the chased period; the list it opens lists them."""
    calendar = scenario.calendar
    chased = calendar.chase_period(day)
    listed = [
        n
        for n, task in enumerate(scenario.tasks)
        if chased and calendar.late(chased, day, task.filed.get(chased), task.start)
    ]
    counted = sum(1 for n, end in late_now if end == chased) if chased else 0
    window_missed = chased is not None and (day - chased).days > 130  # outside the checked window
    if not window_missed:
        tally.check(len(listed) == counted, f"{day}: late count {counted} but {len(listed)} listed")


def _check_streaks(scenario: Scenario, day: datetime.date, tally: Tally) -> None:
    """连续N期未按时报送: a unit that always files on time is never escalated; one that never
    files has missed every period asked of it, in a row."""
    calendar = scenario.calendar
    for unit, behaviour in scenario.behaviours.items():
        tasks = [t for t in scenario.tasks if t.unit == unit]
        if not tasks:
            continue
        missed: dict[datetime.date, bool] = {}
        for task in tasks:
            for end in calendar.periods(task.start):
                late = calendar.missed(end, day, task.filed.get(end), task.start)
                missed[end] = missed.get(end, False) or late
        streak = calendar.missed_in_a_row(missed, day)
        overdue = [e for e in missed if calendar.state(e, day) == PeriodState.OVERDUE]
        tally.check(streak <= len(overdue), f"{day}: unit {unit} streak {streak} > {len(overdue)} overdue periods")
        if behaviour == "on_time":
            tally.check(streak == 0, f"{day}: unit {unit} files on time, streak {streak}")
        if behaviour == "never":
            tally.check(streak == len(overdue), f"{day}: unit {unit} never files, streak {streak} of {len(overdue)}")


def test_the_calendar_holds_every_day_over_five_years_for_many_plans() -> None:
    tally = Tally()
    for seed in range(SEEDS):
        simulate(make_scenario(seed), tally)
    assert tally.days == sum(
        (datetime.date(s.year + 2, 12, 31) - datetime.date(s.year - 2, 1, 1)).days + 1
        for s in map(make_scenario, range(SEEDS))
    )
    assert tally.days > 14_000 and tally.checks > 400_000, tally


@settings(max_examples=6, deadline=None)
@given(st.integers(min_value=SEEDS, max_value=2**32))
def test_the_calendar_holds_for_any_plan(seed: int) -> None:
    simulate(make_scenario(seed), Tally())


def test_a_2027_plan_published_in_december_2026_owes_nothing_until_february() -> None:
    year = (datetime.date(2027, 1, 1), datetime.date(2027, 12, 31))
    calendar = PlanCalendar(MONTHLY, 5, *year, published=datetime.date(2026, 12, 7))
    day = datetime.date(2026, 1, 1)
    while day < datetime.date(2027, 2, 6):
        assert calendar.chase_period(day) is None, day
        day += DAY
    assert calendar.chase_period(day) == datetime.date(2027, 1, 31)


def test_quarterly_and_a_late_start_open_where_they_should() -> None:
    year = (datetime.date(2026, 1, 1), datetime.date(2026, 12, 31))
    calendar = PlanCalendar(QUARTERLY, 10, *year, published=datetime.date(2026, 5, 20))
    assert calendar.periods() == [datetime.date(2026, 6, 30), datetime.date(2026, 9, 30), datetime.date(2026, 12, 31)]
    assert calendar.periods(datetime.date(2026, 10, 1)) == [datetime.date(2026, 12, 31)]
    assert calendar.chase_period(datetime.date(2026, 7, 10)) is None  # Q2 due 10 July: not yet
    assert calendar.chase_period(datetime.date(2026, 7, 11)) == datetime.date(2026, 6, 30)
