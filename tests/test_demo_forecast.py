"""The demo year shows what the forecast is for (issue #29's done-when): a service on 序时进度
that has stopped (green light) is 有风险 with its reason, and a build behind 序时进度 but on a
build's usual curve (yellow or red light) is 预计完成."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

pytestmark = [pytest.mark.django_db, pytest.mark.one_engine]


@pytest.mark.parametrize("day", [datetime.date(2026, 5, 10), datetime.date(2026, 6, 10)])
def test_the_demo_year_has_a_stall_on_schedule_and_a_build_on_its_curve(office: Any, day: datetime.date) -> None:
    from minsheng.demo_year import BUILD, PACES, STALL, _shaped_tasks, _tasks_by_unit, simulate_year
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan
    from minsheng.progress.board import build_board
    from minsheng.progress.forecast import Risk
    from minsheng.progress.forecast_board import board_risks

    from .conftest import WUJIN_2026

    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
        simulate_year(plan, office, day)
        board = build_board(plan, day)
        risks = board_risks(board)
    tasks = _tasks_by_unit(plan)
    paces = {unit: PACES[i % len(PACES)] for i, unit in enumerate(sorted(tasks, key=lambda u: u.name))}
    shaped = {pace: task for task, pace in _shaped_tasks(tasks, paces).items()}
    rows = {row.id: row for row in board.rows}
    stall, build = rows[shaped[STALL]], rows[shaped[BUILD]]
    assert stall.light == "green" and risks[stall.id].risk in (Risk.AT_RISK, Risk.WILL_MISS)
    assert "近几个月进度几乎停滞" in risks[stall.id].reason and "服务类" in risks[stall.id].reason
    assert build.light in ("yellow", "red") and risks[build.id].risk == Risk.ON_TRACK
    assert "建设类" in risks[build.id].reason
