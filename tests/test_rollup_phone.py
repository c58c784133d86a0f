"""The roll-up page on a phone (390 px): each area's row stands as a card, every cell with its
column's name (the project's `table.cards`, as the dashboard), nothing wider than the screen."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from .browser import sign_in
from .jurisdiction_world import allot_all, city_world
from .phone import PHONE, assert_fits_the_phone

APRIL_10 = datetime.datetime(2026, 4, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
LABELS = ("区划", "计划", "任务", "已报送", "平均完成", "序时进度", "状态灯", "本期未报送单位")


@pytest.mark.django_db
def test_every_cell_of_the_rollup_names_its_column(client: Client, django_user_model: Any) -> None:
    world = city_world(django_user_model)
    allot_all(world, [3000, 2000])
    client.force_login(world["city_office"])
    with time_machine.travel(APRIL_10, tick=False):
        page = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
    areas = page.split('<table id="areas" class="cards">')[1].split("</table>")[0]
    for label in LABELS:
        assert areas.count(f'data-label="{label}"') == 3, label  # one per district, one for 合计
    assert '<table id="allotted" class="cards">' in page and 'data-label="已分解"' in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_rollup_reads_on_a_phone(live_server: Any, page: Any, django_user_model: Any) -> None:
    world = city_world(django_user_model)
    allot_all(world, [3000, 2000])
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, world["city_office"].username, "office-pass-123")
    page.goto(f"{live_server.url}{reverse('regions:rollup', args=[world['city'].pk])}")
    cells = page.locator("table#areas td[data-label]")
    assert cells.count() == 3 * len(LABELS)  # two districts and 合计
    assert_fits_the_phone(page, cells, "rollup.png")
