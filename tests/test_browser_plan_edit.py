"""Issue 26, item 5 in a real browser: a clerk opens a draft read from a numbered list (未命名计划,
no place, no units, no deadlines), completes it on the 完善计划 page, sees the publish warning
name what is still missing until everything is set, and publishes; the editor works on a phone."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from .browser import sign_in
from .conftest import CHROMIUM
from .test_plan_edit import numbered_list_draft

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]


def _warning(page: Any, base: str, pk: int) -> str:
    page.goto(f"{base}/plans/{pk}/state/?to=published")
    gaps = page.locator("#gaps")
    return gaps.inner_text() if gaps.count() else ""


def test_a_clerk_completes_and_publishes_a_numbered_list(
    live_server: Any, page: Any, office: Any, tmp_path: Path
) -> None:
    from minsheng.plans.models import Jurisdiction, Plan, Task

    wujin = Jurisdiction.objects.create(name="武进区")
    plan = numbered_list_draft(tmp_path, office)
    base = live_server.url
    sign_in(page, base, "office", "office-pass-123")
    warning = _warning(page, base, plan.pk)
    assert "标题仍为“未命名计划”" in warning and "未设置行政区划" in warning
    assert "3 条任务没有牵头单位" in warning and "新建社区食堂12家" in warning

    page.goto(f"{base}/plans/{plan.pk}/")
    page.get_by_role("button", name="完善计划…").click()
    page.screenshot(path="/tmp/minsheng-plan-edit-desk.png", full_page=True)
    page.get_by_label("计划标题").fill("2026年武进区民生实事项目")
    page.get_by_label("行政区划").select_option(label="武进区")
    page.get_by_label("年度").fill("2026")
    page.get_by_label("第1行 牵头单位").fill("区民政局")
    page.get_by_label("第1行 完成时间").fill("6月底")
    page.get_by_label("第2行 牵头单位").fill("区城管局")
    page.get_by_label("第2行 配合单位").fill("区公安分局、区住建局")
    page.get_by_role("button", name="保存", exact=True).click()
    # none of these is in the directory yet: the save is held until the clerk confirms them
    assert "将新建单位：区城管局" in page.locator("#new-units").inner_text()
    assert page.get_by_label("第2行 牵头单位").input_value() == "区城管局"
    page.get_by_role("button", name="确认新建以上单位并保存").click()
    page.wait_for_selector("text=已保存")
    warning = _warning(page, base, plan.pk)
    assert "未命名计划" not in warning and "未设置行政区划" not in warning
    assert "1 条任务没有牵头单位" in warning and "完成老旧小区改造30个" in warning
    assert "2 条任务没有完成时间" in warning and "新建社区食堂12家" not in warning

    # the rest at once: rows 2 and 3 picked, one lead unit and deadline for both (on a phone)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{base}/plans/{plan.pk}/edit/")
    page.screenshot(path="/tmp/minsheng-plan-edit-phone.png", full_page=True)
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"the editor is {width}px wide on a {inner}px phone"
    page.get_by_label("选中第3行").check()
    page.get_by_label("选中第2行").check()
    page.locator("input[name=bulk_deadline]").fill("2026年12月底")
    page.get_by_role("button", name="应用到选中的任务并保存").click()
    page.wait_for_selector("text=已保存")
    assert "1 条任务没有牵头单位" in _warning(page, base, plan.pk)
    page.goto(f"{base}/plans/{plan.pk}/edit/")
    page.get_by_label("第3行 牵头单位").fill("区住建局")
    page.get_by_role("button", name="保存", exact=True).click()
    page.wait_for_selector("text=已保存")
    page.set_viewport_size({"width": 1280, "height": 900})

    assert _warning(page, base, plan.pk) == ""  # all set: no warning, one confirmation
    page.get_by_role("button", name="确认发布计划").click()
    page.wait_for_selector("text=已发布计划")
    plan.refresh_from_db()
    assert (plan.state, plan.title, plan.jurisdiction, plan.year) == (
        Plan.State.PUBLISHED,
        "2026年武进区民生实事项目",
        wujin,
        2026,
    )
    dues = [str(t.due) for t in Task.objects.filter(project__plan=plan).order_by("project__order")]
    assert dues == ["2026-06-30", "2026-12-31", "2026-12-31"]
