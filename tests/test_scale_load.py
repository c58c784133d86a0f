"""The five-year loader of bench/scale_bench.py (issue #31) writes the history it claims:
a plan per county and year (the earlier ones closed, with all twelve reports), units and
leaders that belong to the county across the years, and this year's plans where the
benchmark's pages look for them. The rows are checked as written, without a database."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import pytest  # noqa: E402
import scale_load  # noqa: E402

SHAPE = scale_load.Shape(plans=3, years=2)


def _fields(rows: object) -> list[list[str]]:
    return [line.rstrip("\n").split("\t") for chunk in rows for line in str(chunk).splitlines(keepends=True)]


def test_each_county_has_a_plan_a_year_and_only_this_years_is_open() -> None:
    plans = _fields(scale_load._plans(SHAPE))
    assert [(p[0], p[1], p[2], p[4]) for p in plans] == [
        ("1", "3", "2025", "closed"),
        ("2", "4", "2025", "closed"),
        ("3", "5", "2025", "closed"),
        ("4", "3", "2026", "published"),
        ("5", "4", "2026", "published"),
        ("6", "5", "2026", "published"),
    ]
    assert [SHAPE.plan_id(i) for i in range(3)] == [4, 5, 6]  # the pages read this year's


def test_an_earlier_year_has_all_twelve_reports_and_this_year_has_late_units() -> None:
    reports, figures = scale_load._reports_and_figures(SHAPE)
    rows = _fields(reports)
    per_task: dict[int, list[str]] = {}
    for row in rows:
        per_task.setdefault(int(row[1]), []).append(row[2])
    tasks_a_year = 3 * scale_load.TASKS_PER_PLAN
    assert len(per_task) == 2 * tasks_a_year
    assert all(len(per_task[t]) == 12 for t in range(1, tasks_a_year + 1))  # 2025: every month
    assert per_task[10] == [d.isoformat() for d in scale_load.periods(2025)]
    assert len(per_task[tasks_a_year + 10]) == 10  # 2026: every tenth task stopped two months ago
    assert sum(1 for row in rows if row[-1] == "t") == len(per_task)  # one counting report a task
    assert len(list(figures)) == sum(scale_load.targets_of(t) * len(per_task[t]) for t in per_task)


def test_units_and_leaders_are_the_countys_in_every_year() -> None:
    units, leaders = scale_load._task_people(SHAPE)
    lead = {int(r[1]): int(r[2]) for r in _fields(units) if r[3] == "lead"}
    same_task_next_year = 3 * scale_load.TASKS_PER_PLAN
    assert all(lead[t] == lead[t + same_task_next_year] for t in range(1, same_task_next_year + 1))
    assert max(lead.values()) <= 3 * scale_load.UNITS_PER_PLAN
    assert max(int(r[2]) for r in _fields(leaders)) <= 3 * scale_load.LEADERS_PER_PLAN


@pytest.mark.django_db
def test_the_loader_fills_a_migrated_postgresql_database_and_the_standings_follow() -> None:
    """The COPY names every column the schema now requires: a later migration that adds one (a
    figure's `carried`, say) breaks the national benchmark here, not on its next 40-minute run."""
    from django.db import connection

    from minsheng.progress import summary
    from minsheng.progress.models import Figure, Report, TaskProgress

    if connection.vendor != "postgresql":
        pytest.skip("COPY 载入需要 PostgreSQL（CI 的第二轮）")
    with connection.cursor() as cursor:
        counts = scale_load.load(cursor.cursor, 3, 2)
    assert (Report.objects.count(), Figure.objects.count()) == (counts["reports"], counts["figures"]) != (0, 0)
    assert not Figure.objects.filter(carried=True).exists()
    assert summary.rebuild() == TaskProgress.objects.count() > 0
