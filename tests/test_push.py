"""`minsheng push`: a district running its own Minsheng sends its approved figures to the
city's over HTTP (a live server), through the city's API with an office token; twice
files once."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minsheng.api.models import ApiToken
from minsheng.api.push import push
from minsheng.api.tokens import create_token
from minsheng.cli import main
from minsheng.indicators.models import Indicator
from minsheng.plans.models import Plan
from minsheng.progress.models import Figure, Report

from .factories import PlanFactory, ProjectFactory, TaskFactory
from .jurisdiction_world import allot_all, city_world

pytestmark = pytest.mark.django_db(transaction=True)
APRIL_10 = datetime.datetime(2026, 4, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _local_plan(title: str) -> Plan:
    """The district's own installation: the same plan, its own ids, an approved March report."""
    plan = PlanFactory(title=title)
    task = TaskFactory(project=ProjectFactory(plan=plan, name="推进停车便利化"), content="新增公共停车泊位5000个")
    target = Indicator.objects.create(task=task, name="公共停车泊位", value=Decimal(3000), unit="个", text="3000个")
    report = Report.objects.create(
        task=task, period_end=datetime.date(2026, 3, 31), version=1, status="in_progress", review="approved"
    )
    Figure.objects.create(report=report, indicator=target, actual=Decimal(1200))
    lonely = TaskFactory(project=ProjectFactory(plan=plan, name="本地自有项目"))
    march = datetime.date(2026, 3, 31)
    Report.objects.create(task=lonely, period_end=march, version=1, status="done", review="approved")
    return plan


def test_it_pushes_approved_figures_once(django_user_model: Any, live_server: Any, capsys: Any) -> None:
    with time_machine.travel(APRIL_10, tick=False):
        world = city_world(django_user_model)
        wujin_task, _ = allot_all(world, [3000, 2000])
        local = _local_plan(world["plans"][0].title)
        _t, secret = create_token(
            user=world["offices"][0], name="武进区督办系统", jurisdiction=world["areas"][0], role=ApiToken.Role.OFFICE
        )
        first = push(plan=local, url=live_server.url, token=secret)
        assert (first.filed, first.repeated, first.unmatched) == (1, 0, ["本地自有项目"])
        remote = Report.objects.get(task=wujin_task)
        assert [f.actual for f in remote.figures.all()] == [Decimal(1200)]
        assert main(["push", str(local.pk), "--to", live_server.url, "--token", secret]) == 0
        assert "已推送 0 份报告，1 份此前已推送" in capsys.readouterr().out
        assert Report.objects.filter(task=wujin_task).count() == 1
        assert main(["push", str(local.pk), "--to", live_server.url, "--token", "ms_revoked"]) == 1
        assert "对方系统拒绝（401）" in capsys.readouterr().err
