"""An office upgrading an installation with a year of reports: `migrate` brings the schema forward
and every task's standing (progress.summary, what the roll-ups read) is filled from the reports it
already holds. The standings were once filled inside migrations 0007 and 0009 by the application's
current code, which writes columns a later migration adds: upgrading a database from before 0007
then failed at 0007 with the reports already there."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Q

from minsheng.progress import services
from minsheng.progress.models import TaskProgress
from minsheng.progress.summary import compute, stored

pytestmark = pytest.mark.django_db(transaction=True)
MARCH = datetime.date(2026, 3, 31)


def _file_and_approve(task: Any, lead: Any, office: Any, actual: int) -> Any:
    target = task.indicators.get()
    filing = services.Filing(MARCH, "in_progress", "一季度", {target.pk: Decimal(actual)}, base_version=0)
    report = services.file_report(user=lead, task=task, filing=filing)
    services.review_report(user=office, report=report, approve=True)
    return report


def test_upgrading_a_database_with_reports_fills_every_standing(parking_task: Any, member: Any, office: Any) -> None:
    report = _file_and_approve(parking_task, member("城管局"), office, 600)
    try:
        call_command("migrate", "progress", "0006", verbosity=0)  # the schema before the standings
        call_command("migrate", verbosity=0)
    finally:
        call_command("migrate", verbosity=0)  # the next test gets the current schema whatever happened
    row = TaskProgress.objects.get(task=parking_task)
    assert (row.report_id, round(row.completion, 1)) == (report.pk, 40.0)  # 600 of 1500
    assert (row.approved_report_id, round(row.approved_completion, 1)) == (report.pk, 40.0)
    scope = Q(pk=parking_task.pk)
    assert stored(scope) == compute(scope)


def test_migrating_backwards_and_forwards_again_on_an_empty_database_writes_nothing(db: None) -> None:
    try:
        call_command("migrate", "progress", "0008", verbosity=0)
        call_command("migrate", verbosity=0)
    finally:
        call_command("migrate", verbosity=0)
    assert not TaskProgress.objects.exists()
