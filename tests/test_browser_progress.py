"""Done-when of supervision, in a real browser (Debian chromium, Playwright), on 31 March 2026:
a unit files 303 of 1500 parking spaces; the office sees 20.2% against a 序时进度 of 24.7%
and, with a 3-point margin, a yellow light; another unit is refused; a return keeps both versions."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from .browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
MARCH_31 = datetime.datetime(2026, 3, 31, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def _logout(page: Any) -> None:
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state()


def test_unit_reports_and_office_supervises(live_server: Any, page: Any, member: Any, office: Any) -> None:
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan, Task

    from .conftest import WUJIN_2026

    with time_machine.travel(MARCH_31, tick=True):
        plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
        plan.yellow_margin = 3
        plan.save()
        task = Task.objects.get(project__plan=plan, project__name="推进停车便利化")
        member("城管局", username="chengguan")
        member("教育局", username="jiaoyu")
        base = live_server.url
        task_url = f"{base}/progress/tasks/{task.pk}/"

        sign_in(page, base, "chengguan", "unit-pass-123")
        page.get_by_role("link", name="我的任务").click()
        page.get_by_role("link", name="推进停车便利化").click()
        page.wait_for_url(task_url)
        page.get_by_label("公共停车泊位（目标 1500个）累计完成").fill("303")
        page.get_by_label("进展状态").select_option(label="推进中")
        page.get_by_label("进展情况").fill("一季度新增公共停车泊位303个。")
        page.get_by_role("button", name="提交报告").click()
        page.wait_for_load_state()
        assert "已报送 2026年3月 进度（第1版）" in page.content()
        _logout(page)

        sign_in(page, base, "office", "office-pass-123")
        page.goto(f"{base}/plans/{plan.pk}/dashboard/")
        overall = page.locator("#overall")
        # One task of many reported: the coverage leads, the average stands beside it.
        tasks = Task.objects.filter(project__plan=plan, project__status="formal").count()
        assert overall.locator("[data-reported]").inner_text() == f"累计已报送 1/{tasks} 项"
        assert f"已报送 1/{tasks} 项，其中平均完成 20.2%" in overall.locator("[data-coverage]").inner_text()
        assert overall.locator("[data-expected]").inner_text() == "24.7%"
        row = page.locator(f"tr[data-task='{task.pk}']").first
        assert row.locator("[data-light]").get_attribute("data-light") == "yellow"
        assert "20.2%" in row.inner_text() and "24.7%" in row.inner_text()
        page.wait_for_selector("[data-chart][data-ready='1'] canvas")  # ECharts drew the category bars
        _logout(page)

        sign_in(page, base, "jiaoyu", "unit-pass-123")
        response = page.goto(task_url)
        assert response is not None and response.status == 403
        assert "您无权查看该任务的督办信息" in page.content() and "303" not in page.content()
        _logout(page)

        sign_in(page, base, "office", "office-pass-123")
        page.goto(task_url)
        page.get_by_label("审核意见").fill("请补充泊位分布情况")
        page.get_by_role("button", name="退回修改").click()
        page.wait_for_load_state()
        _logout(page)

        sign_in(page, base, "chengguan", "unit-pass-123")
        assert "请补充泊位分布情况" in page.content()  # on the unit's own dashboard
        page.goto(task_url)
        page.get_by_label("公共停车泊位（目标 1500个）累计完成").fill("303")
        page.get_by_label("进展情况").fill("一季度新增公共停车泊位303个，分布于湖塘、牛塘。")
        page.get_by_role("button", name="提交报告").click()
        page.wait_for_load_state()
        versions = page.locator("[data-period='2026-03-31'] [data-version]")
        assert versions.count() == 2
        assert "已退回" in versions.nth(1).inner_text() and "待审核" in versions.nth(0).inner_text()
