"""Round trip: the 进度通报 Minsheng writes for a plan with a year of reports reads back through the
progress reader to the figures filed, each matched to its task and indicator."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minsheng.cli import main
from minsheng.progress import services

pytestmark = pytest.mark.django_db
QUARTERS = [datetime.date(2026, m, d) for m, d in ((3, 31), (6, 30), (9, 30), (12, 31))]


def _file_a_year(plan: Any, member: Any) -> dict[int, Decimal]:
    """Twelve tasks with targets report every quarter, cumulative: a quarter of the target more each time."""
    from minsheng.indicators.models import Indicator

    indicators = list(
        Indicator.objects.filter(task__project__plan=plan, op="eq", value__gte=4)
        .select_related("task")
        .order_by("task__project__seq", "task__order")
    )
    tasks = {}
    for indicator in indicators:
        tasks.setdefault(indicator.task_id, (indicator.task, []))[1].append(indicator)
    chosen = list(tasks.values())[:12]
    users: dict[int, Any] = {}
    filed: dict[int, Decimal] = {}
    for quarter, day in enumerate(QUARTERS, start=1):
        with time_machine.travel(datetime.datetime.combine(day, datetime.time(12), ZoneInfo("Asia/Shanghai"))):
            for task, targets in chosen:
                lead = task.task_units.filter(role="lead").select_related("unit").first()
                if lead is None:
                    continue
                if lead.unit_id not in users:
                    users[lead.unit_id] = member(lead.unit.name, username=f"lead{lead.unit_id}")
                figures = {t.pk: (t.value * quarter / 5).quantize(Decimal(1)) for t in targets}
                filing = services.Filing(day, "in_progress", "", figures)
                services.file_report(user=users[lead.unit_id], task=task, filing=filing)
                filed.update(figures)
    return filed


def test_the_bulletin_reads_back_to_the_figures_filed(
    wujin_plan: Any, member: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    filed = _file_a_year(wujin_plan, member)
    assert len(filed) >= 10
    out = tmp_path / "bulletin.docx"
    assert main(["bulletin", str(wujin_plan.pk), "--as-of", "2026-12-31", "--format", "docx", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["read-progress", str(out), "--plan", str(wujin_plan.pk)]) == 0
    data = json.loads(capsys.readouterr().out)
    read_back = {
        s["match"]["indicator"]: Decimal(str(s["value"]))
        for g in data["groups"]
        for s in g["statements"]
        if s["kind"] == "actual" and s.get("match")
    }
    printed = _printed(wujin_plan)  # the figures the bulletin states, as the board counts them
    assert len(printed) >= 10 and all(filed[pk] == value for pk, value in printed.items())
    assert {pk: read_back.get(pk) for pk in printed} == printed


def _printed(plan: Any) -> dict[int, Decimal]:
    from minsheng.progress.board import build_board

    board = build_board(plan, QUARTERS[-1])
    return {t.id: Decimal(str(t.actual)) for row in board.rows for t in row.targets if t.actual is not None}
