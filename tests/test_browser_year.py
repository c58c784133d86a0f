"""The year of an office, walked in a browser at phone (390 px) and desktop width: import a plan, publish
it, invite a reporter from the directory; the reporter files; the office finds the report in
待办, returns it; the unit revises; the office approves; the bulletin and the public page show
coverage and figures; the office closes the year and the unit is asked for nothing more.
Every page is checked for horizontal overflow and shot to /tmp/minsheng-year/."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/minsheng-year")
APRIL_3 = datetime.datetime(2026, 4, 3, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


class Walk:
    def __init__(self, page: Any, base: str) -> None:
        self.page, self.base, self.step = page, base, 0
        self.shots = SHOTS / str(page.viewport_size["width"])
        self.shots.mkdir(parents=True, exist_ok=True)

    def check(self, name: str) -> None:
        """No page wider than the phone; a screenshot of each step."""
        self.page.wait_for_load_state()
        self.step += 1
        self.page.screenshot(path=str(self.shots / f"{self.step:02d}-{name}.png"))
        width, inner = self.page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= inner, f"{name}: {width}px wide on a {inner}px screen"

    def login(self, username: str, password: str) -> None:
        self.page.context.clear_cookies()
        self.page.goto(self.base + "/accounts/login/")
        self.page.get_by_label("用户名").fill(username)
        self.page.get_by_label("密码").fill(password)
        self.page.get_by_role("button", name="登录").click()
        self.page.wait_for_load_state()

    def menu(self, link: str) -> None:
        # a phone (the stylesheet folds the header under 720 px): the links are behind 菜单. Decided
        # by the width, not by asking whether the button shows, which races the stylesheet's load
        if self.page.viewport_size["width"] <= 720:
            self.page.locator(".nav-toggle").click()
        self.page.get_by_role("link", name=link).click()
        self.page.wait_for_load_state()


@pytest.mark.parametrize("width", [390, 1280])
def test_an_office_runs_its_year(live_server: Any, page: Any, office: Any, width: int) -> None:
    from minsheng.plans.models import Plan, Task
    from minsheng.progress.models import Report
    from minsheng.progress.remind import remind

    from .conftest import WUJIN_2026

    page.set_viewport_size({"width": width, "height": 844})
    walk = Walk(page, live_server.url)
    with time_machine.travel(APRIL_3, tick=True):
        walk.login("office", "office-pass-123")
        page.wait_for_url("**/todo/")
        walk.check("todo-empty")
        walk.menu("导入计划")
        page.set_input_files("input[type=file]", str(WUJIN_2026))
        page.get_by_role("button", name="读取并预览").click()
        walk.check("preview")
        page.get_by_role("button", name="确认导入").click()
        walk.check("plan-draft")
        plan = Plan.objects.get()
        assert plan.state == Plan.State.DRAFT
        page.get_by_role("button", name="发布计划…").click()
        walk.check("publish-confirm")
        assert "各单位" in page.locator("#consequence").inner_text()
        page.get_by_role("button", name="确认发布计划").click()
        assert Plan.objects.get().state == Plan.State.PUBLISHED

        walk.menu("邀请填报人")
        page.get_by_label("单位（输入名称或别名搜索）").fill("城管局")
        page.get_by_label("姓名").fill("张三")
        page.get_by_role("button", name="生成邀请链接").click()
        walk.check("invite")
        link = page.locator("#invite-link").inner_text()

        page.context.clear_cookies()
        page.goto(link)
        page.get_by_label("用户名").fill("zhangsan")
        page.get_by_label("密码", exact=True).fill("Unit-pass-2026!")
        page.get_by_label("密码确认").fill("Unit-pass-2026!")
        page.get_by_role("button", name="注册并登录").click()
        page.wait_for_load_state()
        walk.menu("我的任务")
        walk.check("my-tasks")
        page.get_by_role("link", name="推进停车便利化").first.click()
        walk.check("task-form-first")
        _file(page, "303", "一季度新增公共停车泊位303个。")

        walk.login("office", "office-pass-123")
        review_count = page.locator("#todo-review .big").inner_text()
        assert review_count == "1"
        page.get_by_role("button", name="逐份审核").click()
        walk.check("queue")
        page.get_by_label("审核意见（退回时必填）").fill("请补充泊位分布")
        page.get_by_role("button", name="退回修改并下一份").click()
        walk.check("queue-done")

        walk.login("zhangsan", "Unit-pass-2026!")
        page.goto(walk.base + "/my/")
        assert "请补充泊位分布" in page.content()
        page.get_by_role("link", name="推进停车便利化").first.click()
        _file(page, "320", "一季度新增公共停车泊位320个，分布于湖塘、牛塘。")

        walk.login("office", "office-pass-123")
        page.get_by_role("button", name="逐份审核").click()
        page.get_by_role("button", name="通过并下一份").click()
        assert Report.objects.get(review="approved").version == 2

        tasks = Task.objects.filter(project__plan=plan, project__status="formal").count()
        page.goto(f"{walk.base}/plans/{plan.pk}/bulletin/?as_of=2026-04-03")
        walk.check("bulletin")
        assert f"已报送1/{tasks}项，其中平均完成21.3%" in page.content()
        page.context.clear_cookies()
        page.goto(f"{walk.base}/public/plans/{plan.pk}/")
        walk.check("public")
        assert f"已报送 1/{tasks} 项，其中平均完成 21.3%" in page.locator("#overall-completion").inner_text()
        assert "320" in page.content()

        walk.login("office", "office-pass-123")
        page.goto(f"{walk.base}/plans/{plan.pk}/")
        page.get_by_role("button", name="结束计划…").click()
        walk.check("close-confirm")
        assert "停止报送" in page.locator("#consequence").inner_text()
        page.get_by_role("button", name="确认结束计划").click()
        assert Plan.objects.get().state == Plan.State.CLOSED

        walk.login("zhangsan", "Unit-pass-2026!")
        page.goto(walk.base + "/my/")
        walk.check("my-tasks-closed")
        assert "暂无分配给您的任务" in page.content()
        assert remind(Plan.objects.get(), datetime.date(2026, 4, 3)).reminded == []


def _file(page: Any, actual: str, narrative: str) -> None:
    page.get_by_label("公共停车泊位（目标 1500个）累计完成").fill(actual)
    page.get_by_label("进展状态").select_option(label="推进中")
    page.get_by_label("进展情况").fill(narrative)
    page.get_by_role("button", name="提交报告").click()
    page.wait_for_load_state()
    assert "进度（第" in page.content()
