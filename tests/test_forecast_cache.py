"""A board's forecasts are right in every worker: keyed by the plan's generation, kept in the
shared cache. "Another worker" is this process with its own copies dropped (forecast_cache.
forget_local), which is all a second gunicorn worker lacks: it shares the database and so the
generation and the database cache."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from minsheng.indicators import services as targets
from minsheng.indicators.models import Indicator
from minsheng.plans.generation import generation
from minsheng.plans.services import plan_settings_save
from minsheng.progress import forecast_board, services
from minsheng.progress.board import build_board
from minsheng.progress.forecast_board import board_risks
from minsheng.progress.forecast_cache import forget_local
from minsheng.progress.forecast_learned import _LEARNED
from tests.factories import PlanFactory, ProjectFactory, TaskFactory
from tests.test_forecast_pages import _file, _frozen, _task, year  # noqa: F401

pytestmark = pytest.mark.django_db


def _risks(plan: Any) -> dict[int, Any]:
    return board_risks(build_board(plan, timezone.localdate()))


def _reporter() -> Any:
    return get_user_model().objects.get(username="rs")


def test_every_write_a_forecast_stands_on_moves_the_plans_generation(
    office: Any,
    year: dict[str, Any],  # noqa: F811
) -> None:
    plan, training = year["plan"], year["training"]
    sibling = PlanFactory()
    target = training.indicators.get()
    moves = []

    def step(write: Any) -> None:
        before = generation(plan.pk)
        write()
        moves.append(generation(plan.pk) - before)

    june = services.Filing(datetime.date(2026, 6, 30), "in_progress", "", {target.pk: Decimal(510)})
    june.base_version = 1
    step(lambda: services.file_report(user=_reporter(), task=training, filing=june))
    report = training.reports.order_by("-pk").first()
    step(lambda: services.review_report(user=office, report=report, approve=True))
    step(
        lambda: targets.target_value_change(
            user=office, indicator=target, value=Decimal(1200), high=None, effective_from=datetime.date(2026, 7, 1)
        )
    )
    data = {"name": "补贴", "text": "发放补贴100人", "value": Decimal(100), "high": None, "unit": "人", "op": "gte"}
    step(lambda: targets.indicator_save(user=office, task=training, data=data))
    spare = Indicator.objects.get(task=training, name="补贴")
    step(lambda: targets.indicator_delete(user=office, indicator=spare))
    quiet = TaskFactory(project=ProjectFactory(plan=plan), content="新建公园2个")
    step(lambda: targets.task_reextract(user=office, task=quiet))
    step(
        lambda: services.set_schedule(
            user=office, task=training, milestones=[(datetime.date(2026, 9, 30), Decimal(75))], weights={}
        )
    )
    step(lambda: plan_settings_save(user=office, plan=plan, changes={"cycle": plan.Cycle.QUARTERLY}))
    assert moves == [1] * 8
    assert generation(sibling.pk) == 0  # another plan's forecasts are not thrown away


def test_another_worker_reads_the_forecasts_one_worker_computed(
    year: dict[str, Any],  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
    django_assert_num_queries: Any,
) -> None:
    first = _risks(year["plan"])
    forget_local()  # a second worker: nothing of its own yet

    def computed_again(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the forecast was computed again")

    monkeypatch.setattr(forecast_board, "row_forecast", computed_again)
    board = build_board(year["plan"], timezone.localdate())
    with django_assert_num_queries(2):  # the generation and the shared cache
        assert board_risks(board) == first
    with django_assert_num_queries(1):  # then its own copy: the generation only
        assert board_risks(board) == first


def test_a_filing_taken_by_another_worker_changes_the_forecast_here(year: dict[str, Any]) -> None:  # noqa: F811
    plan, training = year["plan"], year["training"]
    here = _risks(plan)  # this worker keeps its copy; the filing below touches none of it
    board = build_board(plan, timezone.localdate())
    # May corrected (300, not 490): June's report still counts, so the board's rows are the same;
    # only the history the forecast reads changed (June was no stall), and only the generation
    # says so.
    may = services.Filing(datetime.date(2026, 5, 31), "in_progress", "", {training.indicators.get().pk: Decimal(300)})
    may.base_version = 1
    services.file_report(user=_reporter(), task=training, filing=may)
    again = build_board(plan, timezone.localdate())
    assert [(r.id, r.report_id, r.completion) for r in again.rows] == [
        (r.id, r.report_id, r.completion) for r in board.rows
    ]
    there = _risks(plan)
    assert there[training.pk].share != here[training.pk].share
    forget_local()
    assert _risks(plan) == there  # and a third worker reads the same


def _dashboard_queries(client: Client, plan: Any) -> tuple[int, int, int]:
    """Queries of the dashboard computing its forecasts, reading another worker's, and its own."""
    url = reverse("progress:dashboard", args=[plan.pk])
    counts = []
    _LEARNED.clear()  # past years are read once a day: count them in both measurements
    for drop in (False, True, False):
        if drop:
            forget_local()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return counts[0], counts[1], counts[2]


def test_the_dashboards_query_counts_stay_flat_with_the_shared_cache(
    client: Client,
    office: Any,
    year: dict[str, Any],  # noqa: F811
) -> None:
    client.force_login(office)
    small = _dashboard_queries(client, year["plan"])
    unit = year["training"].task_units.get().unit
    for i in range(6):  # six more tasks, each with four reports (a new generation: computed again)
        task = _task(year["plan"], unit, f"培训{i}", "开展技能培训100人次", 100, "人次")
        _file(_reporter(), task, {3: 30, 4: 40, 5: 40, 6: 40})
    large = _dashboard_queries(client, year["plan"])
    assert small == large
    computed, shared, own = small
    assert shared == own + 1  # the shared cache read
    assert computed > shared  # the figures read and the forecasts written once
