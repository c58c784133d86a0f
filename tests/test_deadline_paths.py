"""What the deadline's requests were relieved of (issue #31) still does its work: old rate
windows are cleared (once per process and window, not on every token's first request), a
token's reach is read by one recursive query that agrees with the tree walked in Python, and
the counting flag moves in one UPDATE."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from minsheng.accounts import ratelimit
from minsheng.accounts.models import RateCounter
from minsheng.plans.models import Jurisdiction
from minsheng.plans.tree import children_map, subtree

pytestmark = pytest.mark.django_db


def test_old_windows_are_cleared_once_per_window_not_by_every_key(monkeypatch: Any) -> None:
    monkeypatch.setattr(ratelimit, "_cleared", {})
    RateCounter.objects.create(key="api-token:1", window=0, count=9)
    assert ratelimit.allow("api-token:2", "600/m", now=600.0)
    assert not RateCounter.objects.filter(window=0).exists()  # the window's first request cleared it
    RateCounter.objects.create(key="api-token:1", window=60, count=9)
    with CaptureQueriesContext(connection) as same_window:
        assert ratelimit.allow("api-token:3", "600/m", now=610.0)  # another token, the same window
    deletes = [q for q in same_window.captured_queries if q["sql"].startswith("DELETE")]
    assert deletes == []  # the count alone: not a DELETE for each of 200 tokens
    assert ratelimit.allow("api-token:3", "600/m", now=700.0)  # the next window clears again
    assert not RateCounter.objects.filter(window=60).exists()


def test_a_subtree_read_in_the_database_is_the_tree_walked_in_python() -> None:
    province = Jurisdiction.objects.create(name="江苏省", level="province")
    cities = [Jurisdiction.objects.create(name=f"第{i}市", level="city", parent=province) for i in range(3)]
    counties = [
        Jurisdiction.objects.create(name=f"{c.name}第{i}县", level="county", parent=c) for c in cities for i in range(4)
    ]
    Jurisdiction.objects.create(name="浙江省", level="province")
    below = children_map()
    for root in [province, cities[1], counties[5]]:
        assert subtree([root.pk]) == subtree([root.pk], below)
    assert subtree([counties[5].pk]) == {counties[5].pk}
    assert len(subtree([province.pk])) == 1 + 3 + 12
    assert subtree([]) == frozenset()


def test_recount_moves_the_flag_in_one_update(wujin_plan: Any, member: Any) -> None:
    from minsheng.progress.models import Report
    from minsheng.progress.services import recount

    task = wujin_plan.projects.first().tasks.first()
    first = Report.objects.create(task=task, period_end=datetime.date(2026, 1, 31), version=1, status="in_progress")
    second = Report.objects.create(task=task, period_end=datetime.date(2026, 2, 28), version=1, status="in_progress")
    Report.objects.filter(pk=first.pk).update(counts=True)
    with CaptureQueriesContext(connection) as queries:
        recount(task)
    assert [r.counts for r in Report.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk")] == [False, True]
    # one UPDATE of the reports (the task's standing is written after it, as its own row)
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert sum(sql.startswith('UPDATE "progress_report"') for sql in updates) == 1, updates
