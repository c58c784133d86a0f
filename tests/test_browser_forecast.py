"""The forecast on the task page's trend chart, in a real browser on a phone (390 px) on
10 July 2026: the chart is drawn (a canvas), no wider than the screen, its caption in Chinese.
Screenshots go to /tmp/minsheng-phone."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from .browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
JULY_10 = datetime.datetime(2026, 7, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
SHOTS = Path("/tmp/minsheng-phone")
PHONE = {"width": 390, "height": 844}


def test_the_forecast_chart_fits_a_phone(live_server: Any, page: Any, member: Any, office: Any) -> None:
    from minsheng.indicators.models import Indicator
    from minsheng.plans.models import TaskUnit
    from minsheng.progress import services
    from tests.factories import PlanFactory, ProjectFactory, TaskFactory

    with time_machine.travel(JULY_10, tick=True):
        from tests.factories import UnitFactory

        plan = PlanFactory()
        unit = UnitFactory(name="人社局")
        reporter = member("人社局", username="rs")
        task = TaskFactory(project=ProjectFactory(plan=plan, name="职业技能培训"), content="开展职业技能培训1000人次")
        TaskUnit.objects.create(task=task, unit=unit, role=TaskUnit.Role.LEAD)
        target = Indicator.objects.create(task=task, name="培训", value=Decimal(1000), unit="人次", text="1000人次")
        for month, actual in [(3, 250), (4, 480), (5, 490), (6, 490)]:
            day = datetime.date(2026, month, 31 if month in (3, 5) else 30)
            filing = services.Filing(day, "in_progress", "", {target.pk: Decimal(actual)})
            services.file_report(user=reporter, task=task, filing=filing)
        page.set_viewport_size(PHONE)
        sign_in(page, live_server.url, "office", "office-pass-123")
        page.goto(f"{live_server.url}/progress/tasks/{task.pk}/")
        chart = page.locator("[data-chart='forecast'][data-ready='1']")
        chart.locator("canvas").wait_for()
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(1500)  # ECharts draws its lines in an animation of one second
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "task-forecast.png"))
        chart.screenshot(path=str(SHOTS / "task-forecast-chart.png"))
        box = chart.bounding_box()
        assert box is not None and box["width"] <= PHONE["width"] and box["height"] >= 250
        width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= inner
        assert "阴影为80%的可能区间" in page.content()
