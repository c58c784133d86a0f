"""Loads a national-size database for bench/scale_bench.py through PostgreSQL COPY
(psycopg's copy): provinces → cities (11 per province) → counties (10 per city), one
plan a year per county with 60 tasks, 2–3 targets each, 12 monthly reports per task
and a figure per target and report. The last year (2026) is the one being worked on
(some units stopped early: late); the years before it are history, closed plans with
all twelve reports. Units and leaders belong to the county and outlive the years.

Rows are written as COPY text, with ids assigned here; foreign-key triggers are off
during the load (session_replication_role = replica), as every id is made consistent.
"""

from __future__ import annotations

import datetime
import io
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

COUNTIES_PER_CITY = 10
CITIES_PER_PROVINCE = 11
TASKS_PER_PLAN = 60
TASKS_PER_PROJECT = 5
CATEGORIES = 6
UNITS_PER_PLAN = 30
LEADERS_PER_PLAN = 10
CURRENT_YEAR = 2026


def periods(year: int) -> list[datetime.date]:
    """The twelve month ends of a year."""
    ends = [datetime.date(year, m + 1, 1) - datetime.timedelta(days=1) for m in range(1, 12)]
    return [*ends, datetime.date(year, 12, 31)]


PERIODS = periods(CURRENT_YEAR)
CHUNK = 200_000
TABLES = [
    "plans_jurisdiction",
    "plans_plan",
    "plans_category",
    "plans_project",
    "plans_task",
    "plans_unit",
    "plans_leader",
    "plans_taskunit",
    "plans_taskleader",
    "indicators_indicator",
    "progress_report",
    "progress_figure",
]


@dataclass
class Shape:
    plans: int  # counties: one plan each a year
    years: int = 1

    @property
    def first_year(self) -> int:
        return CURRENT_YEAR - self.years + 1

    @property
    def all_plans(self) -> int:
        return self.plans * self.years

    def year_of(self, g: int) -> int:
        """The year of plan index g (0-based over all years; older years first, as filed)."""
        return self.first_year + g // self.plans

    def plan_id(self, i: int, year: int = CURRENT_YEAR) -> int:
        """The id of county i's plan of a year (the current year's by default)."""
        return (year - self.first_year) * self.plans + i + 1

    def year_of_task(self, t: int) -> int:
        return self.year_of((t - 1) // TASKS_PER_PLAN)

    @property
    def cities(self) -> int:
        return math.ceil(self.plans / COUNTIES_PER_CITY)

    @property
    def provinces(self) -> int:
        return math.ceil(self.cities / CITIES_PER_PROVINCE)

    def county_id(self, i: int) -> int:
        return self.provinces + self.cities + i + 1

    def city_id(self, c: int) -> int:
        return self.provinces + c + 1


def _copy(cursor: Any, table: str, columns: str, rows: Iterator[str]) -> int:
    """COPY rows (tab-separated lines, \\N for null) into table, in chunks; returns the count."""
    count = 0
    with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
        buffer = io.StringIO()
        for n, row in enumerate(rows, 1):
            buffer.write(row)
            count = n
            if n % CHUNK == 0:
                copy.write(buffer.getvalue())
                buffer = io.StringIO()
        copy.write(buffer.getvalue())
    return count


def _jurisdictions(shape: Shape) -> Iterator[str]:
    for p in range(shape.provinces):
        yield f"{p + 1}\t第{p + 1}省\tprovince\t\\N\n"
    for c in range(shape.cities):
        yield f"{shape.city_id(c)}\t第{c + 1}市\tcity\t{c // CITIES_PER_PROVINCE + 1}\n"
    for i in range(shape.plans):
        yield f"{shape.county_id(i)}\t第{i + 1}县\tcounty\t{shape.city_id(i // COUNTIES_PER_CITY)}\n"


def _plans(shape: Shape) -> Iterator[str]:
    for g in range(shape.all_plans):
        i, year = g % shape.plans, shape.year_of(g)
        title = f"第{i + 1}县{year}年民生实事"
        state = "published" if year == CURRENT_YEAR else "closed"
        settings = "monthly\t5\t5\t15\t30\t80\t2"
        created = f"{year}-01-01 00:00:00+08"
        yield f"{g + 1}\t{shape.county_id(i)}\t{year}\t{title}\t{state}\t{created}\t\\N\t{settings}\n"


def _per_plan(shape: Shape, per: int, line: str, plans: int | None = None) -> Iterator[str]:
    for i in range(shape.all_plans if plans is None else plans):
        for k in range(per):
            yield line.format(id=i * per + k + 1, plan=i + 1, k=k, county=shape.county_id(i % shape.plans))


def _tasks(shape: Shape) -> Iterator[str]:
    projects = TASKS_PER_PLAN // TASKS_PER_PROJECT
    for i in range(shape.all_plans):
        year = shape.year_of(i)
        for t in range(TASKS_PER_PLAN):
            pk = i * TASKS_PER_PLAN + t + 1
            project = i * projects + t // TASKS_PER_PROJECT + 1
            due = f"{year}-06-30" if t % 4 == 0 else f"{year}-12-31"
            yield f"{pk}\t{project}\t{t % TASKS_PER_PROJECT}\t新增公共停车泊位{t + 1}00个\t{year}年\t{due}\t\\N\n"


def targets_of(task: int) -> int:
    return 2 + task % 2


def _task_people(shape: Shape) -> tuple[Iterator[str], Iterator[str]]:
    tasks = shape.all_plans * TASKS_PER_PLAN

    def units() -> Iterator[str]:
        for t in range(tasks):
            plan = t // TASKS_PER_PLAN % shape.plans  # the county's units, every year
            lead = plan * UNITS_PER_PLAN + t % UNITS_PER_PLAN + 1
            partner = plan * UNITS_PER_PLAN + (t + 7) % UNITS_PER_PLAN + 1
            yield f"{2 * t + 1}\t{t + 1}\t{lead}\tlead\t0\n{2 * t + 2}\t{t + 1}\t{partner}\tpartner\t0\n"

    def leaders() -> Iterator[str]:
        for t in range(tasks):
            county = t // TASKS_PER_PLAN % shape.plans
            yield f"{t + 1}\t{t + 1}\t{county * LEADERS_PER_PLAN + t % LEADERS_PER_PLAN + 1}\t0\n"

    return units(), leaders()


def _indicators(shape: Shape) -> Iterator[str]:
    pk = 0
    for t in range(1, shape.all_plans * TASKS_PER_PLAN + 1):
        for k in range(targets_of(t)):
            pk += 1
            yield f"{pk}\t{t}\t{k}\t指标{k}\t1000\t\\N\t个\tgte\t指标{k}1000个\t\\N\t\\N\textracted\t1\n"


def periods_of(task: int, year: int = CURRENT_YEAR) -> int:
    """This year every tenth task stopped reporting two months ago: its unit is late.
    An earlier year's task has all twelve reports."""
    return 10 if task % 10 == 0 and year == CURRENT_YEAR else 12


def _reports_and_figures(shape: Shape) -> tuple[Iterator[str], Iterator[str]]:
    def reports() -> Iterator[str]:
        pk = 0
        ends = {year: periods(year) for year in range(shape.first_year, CURRENT_YEAR + 1)}
        for t in range(1, shape.all_plans * TASKS_PER_PLAN + 1):
            year = shape.year_of_task(t)
            last = periods_of(t, year)
            for m, end in enumerate(ends[year][:last], 1):
                pk += 1
                latest = m == last
                review = "submitted" if latest and t % 5 == 0 else "approved"
                status = "done" if latest and t % 7 == 0 else "in_progress"
                counts = "t" if latest else "f"
                yield (
                    f"{pk}\t{t}\t{end}\t1\t{status}\t\t{review}\t\\N\t{end} 12:00:00+08\t\\N\t\\N\t\t{counts}\n"
                )

    def figures() -> Iterator[str]:
        pk = report = indicator = 0
        for t in range(1, shape.all_plans * TASKS_PER_PLAN + 1):
            first, n = indicator + 1, targets_of(t)
            indicator += n
            for m in range(1, periods_of(t, shape.year_of_task(t)) + 1):
                report += 1
                actual = 1000 * m // 12 * (8 + t % 5) // 10
                for k in range(n):
                    pk += 1
                    yield f"{pk}\t{report}\t{first + k}\t{actual}\t\tf\n"  # no source sentence, not carried

    return reports(), figures()


def load(cursor: Any, plans: int, years: int = 1) -> dict[str, int]:
    """Fill an empty, migrated database with `years` years of `plans` counties; returns row counts by table."""
    shape = Shape(plans, years)
    cursor.execute("SET session_replication_role = replica")
    counts = {"jurisdictions": _copy(cursor, "plans_jurisdiction", "id, name, level, parent_id", _jurisdictions(shape))}
    plan_columns = "id, jurisdiction_id, year, title, state, created_at, start, cycle, report_day, yellow_margin, "
    plan_columns += "red_margin, blue_days, coverage_floor, escalate_after"
    counts["plans"] = _copy(cursor, "plans_plan", plan_columns, _plans(shape))
    category = "{id}\t{plan}\t类别{k}\t{k}\n"
    _copy(cursor, "plans_category", 'id, plan_id, name, "order"', _per_plan(shape, CATEGORIES, category))
    projects = TASKS_PER_PLAN // TASKS_PER_PROJECT
    _copy(
        cursor,
        "plans_project",
        'id, plan_id, category_id, seq, name, status, "order"',
        (_project_row(i, k, projects) for i in range(shape.all_plans) for k in range(projects)),
    )
    task_columns = 'id, project_id, "order", content, deadline, due, carried_from_id'
    counts["tasks"] = _copy(cursor, "plans_task", task_columns, _tasks(shape))
    unit = "{id}\t第{plan}县单位{k}\t{county}\t[]\n"
    _copy(cursor, "plans_unit", "id, name, jurisdiction_id, aliases", _per_plan(shape, UNITS_PER_PLAN, unit, plans))
    leader = "{id}\t第{plan}县领导{k}\n"
    _copy(cursor, "plans_leader", "id, name", _per_plan(shape, LEADERS_PER_PLAN, leader, plans))
    units, leaders = _task_people(shape)
    _copy(cursor, "plans_taskunit", 'id, task_id, unit_id, role, "order"', units)
    _copy(cursor, "plans_taskleader", 'id, task_id, leader_id, "order"', leaders)
    indicator_columns = 'id, task_id, "order", name, value, high, unit, op, text, start, "end", origin, weight'
    counts["indicators"] = _copy(cursor, "indicators_indicator", indicator_columns, _indicators(shape))
    reports, figures = _reports_and_figures(shape)
    report_columns = "id, task_id, period_end, version, status, narrative, review, filed_by_id, filed_at, "
    report_columns += "reviewed_by_id, reviewed_at, review_comment, counts"
    counts["reports"] = _copy(cursor, "progress_report", report_columns, reports)
    figure_columns = "id, report_id, indicator_id, actual, source, carried"
    counts["figures"] = _copy(cursor, "progress_figure", figure_columns, figures)
    cursor.execute("SET session_replication_role = DEFAULT")
    for table in TABLES:
        cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))")
    return counts


def _project_row(plan: int, k: int, per: int) -> str:
    pk = plan * per + k + 1
    category = plan * CATEGORIES + k % CATEGORIES + 1
    return f"{pk}\t{plan + 1}\t{category}\t{k + 1}\t项目{k + 1}\tformal\t{k}\n"
