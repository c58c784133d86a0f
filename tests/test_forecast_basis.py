"""The forecast reads the figure beside it: a report filed for the running period (pending,
counted on the page's basis) is already achieved, so no forecast falls below it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import Membership
from minsheng.indicators.models import Indicator
from minsheng.plans.models import TaskUnit
from minsheng.progress import services
from minsheng.progress.board import build_board
from minsheng.progress.forecast_board import board_risks
from tests.factories import PlanFactory, ProjectFactory, TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db
DEC_6 = datetime.datetime(2026, 12, 6, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(DEC_6, tick=False):
        yield


def _year(django_user_model: Any) -> Any:
    plan = PlanFactory()
    unit = UnitFactory(name="城管局")
    user = Membership.objects.create(user=django_user_model.objects.create_user("cg"), unit=unit).user
    task = TaskFactory(project=ProjectFactory(plan=plan, name="停车泊位"), content="新增停车泊位1500个")
    TaskUnit.objects.create(task=task, unit=unit, role=TaskUnit.Role.LEAD)
    target = Indicator.objects.create(task=task, name="停车泊位", value=Decimal(1500), unit="个", text="1500个")
    ends = {9: 30, 10: 31, 11: 30, 12: 31}
    for month, actual in {9: 1100, 10: 1200, 11: 1224, 12: 1395}.items():
        filing = services.Filing(
            datetime.date(2026, month, ends[month]), "in_progress", "", {target.pk: Decimal(actual)}
        )
        report = services.file_report(user=user, task=task, filing=filing)
        if month < 12:  # December's is still 待审核, as in the demo
            report.review = report.Review.APPROVED
            report.save(update_fields=["review"])
    return task


def test_forecast_never_below_the_filed_figure_beside_it(client: Client, office: Any, django_user_model: Any) -> None:
    task = _year(django_user_model)
    board = build_board(task.project.plan, DEC_6.date())
    row = board.rows[0]
    assert row.completion == pytest.approx(93.0)  # the page's 累计完成 1395 (pending December)
    result = board_risks(board)[task.pk]
    assert result.low is not None and result.low >= 93.0, result
    assert result.share is not None and result.share >= 93.0
    client.force_login(office)
    page = client.get(reverse("progress:task", args=[task.pk])).content.decode()
    assert "约1,370个" not in page and "1395" in page
