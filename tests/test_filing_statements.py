"""What one filing sends to the database, through the API and through the form (#31): the count
is asserted exactly, so a statement added to the filing's path is seen here and cannot creep
back unnoticed. Each filing is also checked for what it must still do: the report and its
figures stored, the audit entry, the idempotency row (API), the task's standing equal to a full
recount, and the plan's state read afresh once (a closed plan takes nothing)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.api.models import ApiToken, IdempotentRequest
from minsheng.api.tokens import create_token
from minsheng.plans.models import Plan, Unit
from minsheng.progress.models import Figure, Report
from minsheng.progress.summary import compute, stored

from .jurisdiction_world import allotted_world, frozen_on_april_10

pytestmark = pytest.mark.django_db

# What one filing sends in production on PostgreSQL (bench/lean_profile.py --sql prints them).
# The API: the token (1), the rate limit (1), the token's reach (1), the task through the gate
# (1), the Idempotency-Key (1), the caller's units and profile (2), the task's units (1), the
# last approved figures (1), the plan's state with the indicators' numbers (1), savepoint (1),
# the latest version (1), the figures carried (1), the report (1), its figures (1), the counting
# report (1) and its flag (1), the standing read (1) and written (1), the plan's generation (1),
# the audit entry (1), release (1), the idempotency row (1). 26 before #31's lean filing (the
# standing read in three, the plan's state and the indicators' numbers apart).
API_FILING = 23
# The form (a unit signed in): the session and the user rows, the task with its leaders, units,
# indicators and milestones (5), the caller's units and profile (2), the plan's state once for
# the view's early refusal and the service's check, the last approved figures, then the write
# as above (its transaction is the outermost: BEGIN and COMMIT, which Django does not log).
# 24 before #31's lean filing (the standing read in three, the plan's state read twice).
FORM_FILING = 21
# Here each test runs inside a transaction, so the filing's outermost atomic block (the API
# view's, the form's write) is a SAVEPOINT and a RELEASE, logged; and SQLite takes the rate
# limit's upsert in an atomic block of its own (accounts.ratelimit).
IN_TEST = {"api": 2, "form": 2}
SQLITE_EXTRA = {"api": 2, "form": 0}


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    yield from frozen_on_april_10()


@pytest.fixture
def world(django_user_model: Any) -> dict[str, Any]:
    made = allotted_world(django_user_model)
    return made


def _expected(statements: int, path: str) -> int:
    return statements + IN_TEST[path] + (0 if connection.vendor == "postgresql" else SQLITE_EXTRA[path])


def _kept(task: Any, report: Report, actual: int) -> None:
    """What a filing must leave, whatever it costs: the report, its figure, its audit entry and
    the task's standing equal to the rule recomputed."""
    assert Figure.objects.get(report=report).actual == actual
    assert AuditEntry.objects.filter(action=AuditEntry.Action.REPORT, object_id=str(report.pk)).exists()
    assert stored(Q(pk=task.pk)) == compute(Q(pk=task.pk)) != {}
    assert stored(Q(pk=task.pk))[task.pk].report_id == report.pk


def test_an_api_filing_sends_its_counted_statements(world: dict[str, Any], client: Client) -> None:
    unit = Unit.objects.get(name="常州市武进区城管局")
    office, area = world["offices"][0], world["areas"][0]
    _t, secret = create_token(user=office, name="对接", jurisdiction=area, role=ApiToken.Role.REPORTER, unit=unit)
    task = world["wujin_task"]
    url, target = f"/api/tasks/{task.pk}/reports", task.indicators.get().pk
    # the token's first use this minute also notes it as used and clears old rate windows
    assert client.get("/api/plans", headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    for n, actual in enumerate([1224, 1500], 1):  # the first filing, then one on top of it
        figures = [{"indicator": target, "actual": actual}]
        body = {"period_end": "2026-03-31", "status": "in_progress", "narrative": "一季度", "figures": figures}
        headers = {"Authorization": f"Bearer {secret}", "Idempotency-Key": f"key-{n}"}
        with CaptureQueriesContext(connection) as queries:
            answer = client.post(url, body, content_type="application/json", headers=headers)
        assert answer.status_code == 201, answer.content
        assert len(queries) == _expected(API_FILING, "api"), "\n".join(q["sql"][:120] for q in queries)
        report = Report.objects.get(pk=answer.json()["id"])
        assert report.version == n and IdempotentRequest.objects.filter(key=f"key-{n}", report=report).exists()
        _kept(task, report, actual)
        plan_reads = [q for q in queries if q["sql"].startswith('SELECT "plans_plan"."state"')]
        assert len(plan_reads) == 1  # the state read afresh, once


def test_a_form_filing_sends_its_counted_statements(world: dict[str, Any], client: Client, member: Any) -> None:
    task = world["wujin_task"]
    lead = task.task_units.get(role="lead").unit
    client.force_login(member(lead.name))
    target = task.indicators.get().pk
    for base, actual in enumerate([1224, 1500]):
        data = {"period_end": "2026-03-31", "status": "in_progress", "narrative": "一季度", f"fig_{target}": actual}
        with CaptureQueriesContext(connection) as queries:
            answer = client.post(reverse("progress:report", args=[task.pk]), data | {"base_version": str(base)})
        assert answer.status_code == 302
        assert len(queries) == _expected(FORM_FILING, "form"), "\n".join(q["sql"][:120] for q in queries)
        _kept(task, Report.objects.get(task=task, version=base + 1), actual)
        plan_reads = [q for q in queries if q["sql"].startswith('SELECT "plans_plan"."state"')]
        assert len(plan_reads) == 1  # the view's early refusal and the service's check share it


def test_a_plan_closed_between_loading_and_filing_takes_nothing(world: dict[str, Any], client: Client) -> None:
    """No state read earlier is reused by time (#31 finding 4): a page that read the plan open a
    moment ago does not let a filing through once the plan is closed; only the state a view
    hands the service, read in the same request, stands for the service's own read."""
    from minsheng.plans.models import Task
    from minsheng.progress import services

    task = Task.objects.with_people().get(pk=world["wujin_task"].pk)  # indicators prefetched, as the views
    plan = task.project.plan
    assert services.plan_refuses_filing(plan) == ""  # the page's read, a moment before
    Plan.objects.filter(pk=plan.pk).update(state=Plan.State.CLOSED)
    member = world["offices"][0]
    filing = services.Filing(datetime.date(2026, 3, 31), "in_progress", "", {})
    with pytest.raises(services.ProgressError, match="该计划已结束"):
        services.enter_for_unit(user=member, task=task, filing=filing, sources={})
    lead = task.task_units.get(role="lead").unit
    unit_user = type(member).objects.create_user("closed-plan-filer")
    unit_user.memberships.create(unit=lead)
    with pytest.raises(services.ProgressError, match="该计划已结束"):  # the state a view read and passed
        services.file_report(user=unit_user, task=task, filing=filing, plan_state=Plan.State.CLOSED)
    assert not Report.objects.filter(task=task).exists()
