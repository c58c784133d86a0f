"""Issue #28, the office's upload preview on a phone (390 px): each figure's row stands as a card with its
原文 and 对应有误时改为 on the screen, and the picker names the task beside an indicator whose own name is a
fragment (建设（6个）)."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from .browser import sign_in
from .phone import PHONE, assert_fits_the_phone

# one figure placed (停车泊位 of 推进停车便利化), one the plan cannot place (a count in 个 of nothing it names)
BULLETIN = (
    "2026年一季度民生实事进展情况\n一、推进停车便利化\n截至3月31日，已新增公共停车泊位303个，完成年度目标的20.2%。\n"
    "二、其他\n阳光社区新增停车位88个,完成率44%。"
)


@pytest.mark.django_db
def test_the_preview_stacks_on_a_phone_and_the_picker_names_the_task(client: Any, office: Any, wujin_plan: Any) -> None:
    client.force_login(office)
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        response = client.post(
            reverse("progress:bulletin", args=[wujin_plan.pk]),
            {"file": SimpleUploadedFile("通报.txt", BULLETIN.encode())},
        )
    page = response.content.decode()
    assert page.count('class="bulletin-task cards"') == 1 and '<table class="cards">' in page
    assert 'data-label="原文"' in page and 'data-label="对应有误时改为"' in page and 'data-label="对应到"' in page
    # 建设（6个） alone says nothing: the task's first clause stands beside it
    assert "提升医疗服务水平 · 遴选建设6个区级基层重点发展特色专科 · 建设（6个）" in page
    assert "新增公共停车泊位1500个" in page.split('class="bulletin-task cards"')[0]  # the task under its project


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_on_a_phone_the_source_and_the_picker_are_on_the_screen(
    live_server: Any, page: Any, office: Any, tmp_path: Path
) -> None:
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan

    from .conftest import WUJIN_2026

    plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
    upload = tmp_path / "通报.txt"
    upload.write_text(BULLETIN, encoding="utf-8")
    page.set_viewport_size(PHONE)
    sign_in(page, live_server.url, "office", "office-pass-123")
    page.goto(f"{live_server.url}/plans/{plan.pk}/bulletin-upload/")
    page.set_input_files("input[type=file]", str(upload))
    page.get_by_role("button", name="上传并读取").click()
    page.wait_for_load_state()
    cells = page.locator(
        "table.bulletin-task td[data-label='原文'], table.bulletin-task td[data-label='对应有误时改为']"
    )
    assert cells.count() >= 2
    assert_fits_the_phone(page, cells, "bulletin-preview.png")


@pytest.mark.django_db
def test_a_refused_confirmation_keeps_the_pickers_and_the_pick(client: Any, office: Any, wujin_plan: Any) -> None:
    from minsheng.indicators.models import Indicator

    client.force_login(office)
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        page = client.post(
            reverse("progress:bulletin", args=[wujin_plan.pk]),
            {"file": SimpleUploadedFile("通报.txt", BULLETIN.encode())},
        ).content.decode()
        row = next(r for r in page.split("<tr>") if "阳光社区新增停车位88个" in r)
        key = row.split('name="pair-')[1].split('"')[0]
        meals = Indicator.objects.get(task__project__plan=wujin_plan, name="老年人助餐点")
        # no 报送期: refused, the reading shown again
        again = client.post(
            reverse("progress:bulletin_confirm", args=[wujin_plan.pk]),
            {"key": page.split('name="key" value="')[1].split('"')[0], f"pair-{key}": str(meals.pk)},
        )
    assert again.status_code == 422
    row = next(r for r in again.content.decode().split("<tr>") if "阳光社区新增停车位88个" in r)
    assert f'<option value="{meals.pk}" selected>' in row and "遴选建设6个区级基层重点发展特色专科" in row
