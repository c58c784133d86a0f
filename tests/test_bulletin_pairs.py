"""Issue #28, the office's upload: a figure goes to the task its line names or to none, the 原文 column
shows the whole sentence, and a pairing the office corrects once is read right the next time."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minsheng.indicators.models import Indicator
from minsheng.indicators.progress_match import MIN_SCORE, Candidate, best_match, score, target_of
from minsheng.indicators.progress_reader import read_progress
from minsheng.progress.models import Figure, FigureAlias, Report

PARKING = Candidate(1, 10, "环境改善", "推进停车便利化", "公共停车泊位", Decimal(1500), "个")
MEALS = Candidate(2, 20, "老有所养", "老年助餐行动", "老年人助餐点", Decimal(18), "个")
# Another city's style: a category heading over its numbered items, one of which is about parking.
OTHER_CITY = "二、老年助餐行动\n1.新增老年助餐点18个 完成6个\n2.新增公共停车泊位18个 完成9个"
SYNONYM = "2026年一季度惠民行动进展情况\n三、其他\n阳光社区新增停车位88个,完成率44%。"


def _actual(text: str, value: int) -> tuple[Any, Any]:
    for group in read_progress(text).groups:
        for s in group.statements:
            if s.kind == "actual" and s.value == value:
                return s, group
    raise AssertionError(value)


def test_a_line_naming_one_project_is_not_offered_against_another() -> None:
    statement, group = _actual(OTHER_CITY, 9)
    target = target_of(group.statements, statement)
    assert score(statement, group.heading, target, MEALS) >= MIN_SCORE  # heading and figure alone mislead
    match = best_match(statement, group.heading, target, [MEALS, PARKING])
    assert match is not None and match["indicator"] == PARKING.indicator_id
    meals, group = _actual(OTHER_CITY, 6)
    assert best_match(meals, group.heading, target_of(group.statements, meals), [MEALS, PARKING])["indicator"] == 20


def test_an_indicator_named_by_one_word_is_not_named_by_every_sentence_holding_it() -> None:
    vague = Candidate(3, 30, "病有所医", "提升医疗服务水平", "建设", Decimal(6), "个")
    statement, group = _actual("4个社区养老服务中心建设已完成3个（75%）。", 3)
    assert best_match(statement, group.heading, target_of(group.statements, statement), [vague]) is None


def test_a_name_in_another_unit_does_not_take_the_figure_from_the_indicator_in_its_own() -> None:
    """专护病房 (2个) is named by the clause, but 48张 counts 病床 of the same clause: a line names only
    indicators counted in a unit its figure can be in (the office's bulletin quoting a task's clause)."""
    wards = Candidate(4, 40, "病有所医", "提升医疗服务水平", "专护病房", Decimal(2), "个")
    beds = Candidate(4, 41, "病有所医", "提升医疗服务水平", "病区", Decimal(60), "张")
    text = "2026年进度通报\n四、病有所医\n提升医疗服务水平：目标是建设专护病房2个病区60张病床，已完成48张。"
    statement, group = _actual(text, 48)
    match = best_match(statement, group.heading, target_of(group.statements, statement), [wards, beds])
    assert match is not None and match["indicator"] == beds.indicator_id


pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def _upload(client: Any, plan: Any, text: str) -> str:
    response = client.post(
        reverse("progress:bulletin", args=[plan.pk]), {"file": SimpleUploadedFile("通报.txt", text.encode())}
    )
    assert response.status_code == 200
    return response.content.decode()


def _key(page: str) -> str:
    return page.split('name="key" value="')[1].split('"')[0]


def _row_key(page: str, text: str) -> str:
    for row in page.split("<tr>"):
        if text in row and 'name="pair-' in row:
            return row.split('name="pair-')[1].split('"')[0]
    raise AssertionError(text)


def test_the_source_column_shows_the_whole_sentence(client: Any, office: Any, wujin_plan: Any) -> None:
    client.force_login(office)
    page = _upload(client, wujin_plan, SYNONYM)
    assert "阳光社区新增停车位88个,完成率44%。" in page


def test_a_pairing_corrected_once_is_read_right_the_next_time(
    client: Any, office: Any, wujin_plan: Any, parking_task: Any
) -> None:
    client.force_login(office)
    parking = Indicator.objects.get(task=parking_task)
    page = _upload(client, wujin_plan, SYNONYM)
    assert "未能对应到指标的数字" in page  # 停车位 is not yet known as 公共停车泊位
    key = _row_key(page, "阳光社区新增停车位88个")
    form = {"key": _key(page), "period_end": "2026-03-31", f"pair-{key}": str(parking.pk), "accept": key}
    assert client.post(reverse("progress:bulletin_confirm", args=[wujin_plan.pk]), form).status_code == 302
    assert Figure.objects.get(report__task=parking_task).actual == 88
    alias = FigureAlias.objects.get()
    assert (alias.jurisdiction_id, alias.indicator_name) == (wujin_plan.jurisdiction_id, parking.name)
    again = _upload(client, wujin_plan, SYNONYM.replace("88个", "120个"))
    assert "未能对应到指标的数字" not in again
    row = next(r for r in again.split("<tr>") if "阳光社区新增停车位120个" in r)
    assert parking.name in row and 'name="accept"' in row


def test_a_choice_outside_the_plan_is_refused_and_nothing_is_written(client: Any, office: Any, wujin_plan: Any) -> None:
    client.force_login(office)
    page = _upload(client, wujin_plan, SYNONYM)
    row = _row_key(page, "停车位88个")
    form = {"key": _key(page), "period_end": "2026-03-31", f"pair-{row}": "999999", "accept": row}  # ticked
    response = client.post(reverse("progress:bulletin_confirm", args=[wujin_plan.pk]), form, follow=True)
    assert "所选指标不属于本计划" in response.content.decode()
    assert not Report.objects.exists() and not FigureAlias.objects.exists()


def test_the_preview_queries_do_not_grow_with_remembered_pairings(
    client: Any, office: Any, wujin_plan: Any, parking_task: Any
) -> None:
    client.force_login(office)
    FigureAlias.objects.create(
        jurisdiction_id=wujin_plan.jurisdiction_id, words="停车位", project_name="x", indicator_name="y"
    )
    with CaptureQueriesContext(connection) as few:
        _upload(client, wujin_plan, SYNONYM)
    FigureAlias.objects.bulk_create(
        FigureAlias(jurisdiction_id=wujin_plan.jurisdiction_id, words=f"说法{i}", project_name="x", indicator_name="y")
        for i in range(40)
    )
    with CaptureQueriesContext(connection) as many:
        _upload(client, wujin_plan, SYNONYM)
    assert len(many) == len(few)
