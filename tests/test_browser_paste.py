"""In a real browser: a unit pastes its 进展情况 and sees 303 proposed for the 1500 个 parking target,
marked 建议值 until it edits the figure; nothing is filed until it submits."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from .browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MARCH_31 = datetime.datetime(2026, 3, 31, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_a_pasted_paragraph_proposes_the_figure(live_server: Any, page: Any, member: Any) -> None:
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan, Task
    from minsheng.progress.models import Report

    from .conftest import WUJIN_2026

    with time_machine.travel(MARCH_31, tick=True):
        plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
        task = Task.objects.get(project__plan=plan, project__name="推进停车便利化")
        member("城管局", username="chengguan")
        base = live_server.url
        sign_in(page, base, "chengguan", "unit-pass-123")
        page.goto(f"{base}/progress/tasks/{task.pk}/")

        page.get_by_label("进展情况").fill("新增公共停车位303个，完成年度目标的20.2%")
        page.get_by_role("button", name="从文字读出建议值").click()
        figure = page.get_by_label("公共停车泊位（目标 1500个）累计完成")
        page.wait_for_selector("input[data-proposed]")
        assert figure.input_value() == "303"
        assert "建议值" in page.locator("small.proposed").inner_text()
        assert Report.objects.count() == 0  # proposed, not filed

        figure.fill("305")  # the unit edits: the mark goes, its own figure stays
        assert page.locator("small.proposed").count() == 0
        assert figure.get_attribute("data-proposed") is None
        page.get_by_label("进展状态").select_option(label="推进中")
        page.get_by_role("button", name="提交报告").click()
        page.wait_for_load_state()
        assert "已报送 2026年3月 进度（第1版）" in page.content()
        assert Report.objects.get().figures.get().actual == 305
