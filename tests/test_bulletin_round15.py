"""The office's bulletin upload on blind round 15's pages (issue #28): each figure is offered against the
task it names. A plan's target named only by the town's built-up part (完成市区7台供热燃煤锅炉改造) is
named by what it counts, so a bulletin's 7臺供熱燃煤鍋爐 finds it; a run of figures named once after the
last (累計開工14.15萬戶,完工3.77萬戶農村清潔取暖改造) offers both against the task that name states."""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minsheng.documents.store.services import plan_import
from minsheng.indicators.extract import extract
from minsheng.plans.models import Plan

from .test_bulletin_pairs import _upload  # the same upload the pairing tests make

OFFERED = re.compile(r'aria-label="采用 (.+?) ([\d.]+)(\S+?)"')
BULLETINS = Path(__file__).parent / "fixtures" / "progress"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("完成市区7台供热燃煤锅炉改造", "供热燃煤锅炉改造"),
        ("改造城区12条背街小巷", "背街小巷"),
        ("在中心城区新建5座公厕", "公厕"),
        ("县城新建3座口袋公园", "口袋公园"),
    ],
)
def test_a_target_named_only_by_the_towns_built_up_part_takes_what_it_counts(text: str, name: str) -> None:
    assert [i.name for i in extract(text)] == [name]


def test_the_built_up_part_inside_a_name_stays() -> None:
    assert [i.name for i in extract("新增城区公共停车泊位500个")] == ["城区公共停车泊位"]


PLAN = """2023年市办实事项目

一、推进农村清洁取暖改造。完成农村清洁取暖改造12万户。
二、实施供热燃煤锅炉改造。完成市区7台供热燃煤锅炉“煤改气”。
三、新建城市公园。新建口袋公园30处。
"""


@pytest.mark.django_db
def test_each_figure_of_a_traditional_mirror_is_offered_against_the_task_it_names(
    client: Any, office: Any, tmp_path: Path
) -> None:
    (tmp_path / "plan.txt").write_text(PLAN, encoding="utf-8")
    moment = datetime.datetime(2023, 7, 10, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        plan = plan_import(path=tmp_path / "plan.txt", user=None, state=Plan.State.PUBLISHED).plan
        client.force_login(office)
        text = next(BULLETINS.glob("60_*.txt")).read_text(encoding="utf-8")
        offered = {f"{value}{unit}": name for name, value, unit in OFFERED.findall(_upload(client, plan, text))}
    assert offered == {
        "7臺": "供热燃煤锅炉“煤改气”",
        "141500戶": "农村清洁取暖改造",  # 累計開工: started, named by the run's last figure
        "37700戶": "农村清洁取暖改造",  # 完工: done; the clerk ticks the one the task reports
    }
