"""A target's value changes from a date (issue 19): earlier periods keep the value then in force,
so 1500 → 100 does not make the first quarter's 1400 read as 1400%."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.indicators.models import TargetChange
from minsheng.indicators.services import TargetChangeError, target_value_change
from minsheng.progress.board import build_board
from minsheng.progress.models import Figure, Report

pytestmark = pytest.mark.django_db
Q1, Q3 = datetime.date(2026, 3, 31), datetime.date(2026, 9, 30)


def _file(task: Any, period_end: datetime.date, actual: int) -> None:
    report = Report.objects.create(task=task, period_end=period_end, version=1, status="in_progress", narrative="进展")
    Figure.objects.create(report=report, indicator=task.indicators.get(), actual=actual)


def _target(plan: Any, task: Any, as_of: datetime.date) -> Any:
    row = next(r for r in build_board(plan, as_of).rows if r.id == task.pk)
    return row.targets[0]


def test_earlier_periods_keep_the_value_then_in_force(parking_task: Any, office: Any) -> None:
    plan, target = parking_task.project.plan, parking_task.indicators.get()
    assert target.value == 1500
    _file(parking_task, Q1, 1400)
    target_value_change(
        user=office, indicator=target, value=Decimal(100), high=None, effective_from=datetime.date(2026, 7, 1)
    )
    _file(parking_task, Q3, 80)

    first = _target(plan, parking_task, datetime.date(2026, 4, 15))
    assert (first.value, round(first.share, 1)) == (1500, 93.3)  # not 1400%
    third = _target(plan, parking_task, datetime.date(2026, 10, 15))
    assert (third.value, third.share) == (100, 80)
    target.refresh_from_db()
    assert target.value == 100
    assert AuditEntry.objects.filter(summary__contains="由 1500 改为 100").exists()


def test_changes_follow_one_another_in_time(parking_task: Any, office: Any) -> None:
    target = parking_task.indicators.get()
    target_value_change(
        user=office, indicator=target, value=Decimal(1200), high=None, effective_from=datetime.date(2026, 7, 1)
    )
    with pytest.raises(TargetChangeError, match="须晚于上次变更"):
        target_value_change(
            user=office, indicator=target, value=Decimal(900), high=None, effective_from=datetime.date(2026, 6, 1)
        )
    assert TargetChange.objects.count() == 1 and target.value == 1200


def test_the_edit_page_keeps_history_once_units_have_reported(client: Any, parking_task: Any, office: Any) -> None:
    plan, target = parking_task.project.plan, parking_task.indicators.get()
    _file(parking_task, Q1, 1400)
    client.force_login(office)
    data = {"text": target.text, "name": target.name, "value": "100", "high": "", "unit": target.unit, "op": target.op}
    response = client.post(reverse("indicators:edit", args=[target.pk]), {**data, "effective_from": "2026-07-01"})
    assert response.status_code == 302
    change = TargetChange.objects.get()
    assert (change.previous, change.value, change.effective_from) == (1500, 100, datetime.date(2026, 7, 1))
    assert _target(plan, parking_task, datetime.date(2026, 4, 15)).value == 1500
    again = client.post(
        reverse("indicators:edit", args=[target.pk]), {**data, "value": "90", "effective_from": "2026-05-01"}
    )
    assert again.status_code == 422 and "须晚于上次变更" in again.content.decode()


def test_a_target_nobody_reported_on_is_simply_corrected(client: Any, parking_task: Any, office: Any) -> None:
    target = parking_task.indicators.get()
    client.force_login(office)
    data = {"text": target.text, "name": target.name, "value": "150", "high": "", "unit": target.unit, "op": target.op}
    assert client.post(reverse("indicators:edit", args=[target.pk]), data).status_code == 302
    target.refresh_from_db()
    assert target.value == 150 and not TargetChange.objects.exists()


def test_a_change_is_history(parking_task: Any, office: Any) -> None:
    from minsheng.accounts.history import AppendOnlyError

    change = target_value_change(
        user=office,
        indicator=parking_task.indicators.get(),
        value=Decimal(100),
        high=None,
        effective_from=datetime.date(2026, 7, 1),
    )
    with pytest.raises(AppendOnlyError):
        change.delete()
    with pytest.raises(AppendOnlyError):
        TargetChange.objects.update(previous=1)
