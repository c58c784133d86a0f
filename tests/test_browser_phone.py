"""Phones (390 px wide): no page wider than the screen, a header that folds into a menu,
and a unit's task page that opens with its report form. Screenshots go to /tmp."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from .browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/minsheng-phone")
PHONE = {"width": 390, "height": 844}


def _no_overflow(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"{name}: page is {width}px wide on a {inner}px screen"


def test_pages_fit_a_phone(live_server: Any, page: Any, member: Any, office: Any) -> None:
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan, Task
    from minsheng.progress import services

    from .conftest import WUJIN_2026

    plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
    task = Task.objects.get(project__plan=plan, project__name="推进停车便利化")
    unit = member("城管局", username="chengguan")
    today = datetime.date.today()
    if today.year == 2026 and plan.start_date() and plan.start_date() <= today:  # a report when one can be filed
        period = services.allowed_periods(plan, today)[-1]
        filing = services.Filing(period, "in_progress", "新增泊位303个", {task.indicators.get().pk: Decimal(303)})
        services.review_report(user=office, report=services.file_report(user=unit, task=task, filing=filing),
                               approve=True)  # fmt: skip
    base = live_server.url
    page.set_viewport_size(PHONE)

    page.goto(f"{base}/public/plans/{plan.pk}/")
    _no_overflow(page, "public-plan")
    menu = page.locator("header nav .nav-toggle")
    assert menu.is_visible()  # the header folds into a menu button
    assert not page.get_by_role("link", name="建议征集").is_visible()
    menu.click()
    assert page.get_by_role("link", name="建议征集").is_visible()

    sign_in(page, base, "chengguan", "unit-pass-123")
    page.goto(f"{base}/my/")
    _no_overflow(page, "my-tasks")
    page.goto(f"{base}/progress/tasks/{task.pk}/")
    _no_overflow(page, "task-unit")
    form_top = page.evaluate("document.getElementById('report-form').getBoundingClientRect().top + window.scrollY")
    assert form_top < 844, f"the report form starts {form_top}px down"
    page.goto(f"{base}/plans/{plan.pk}/")
    _no_overflow(page, "plan-page")

    page.context.clear_cookies()
    sign_in(page, base, "office", "office-pass-123")
    for name, url in [
        ("dashboard", f"/plans/{plan.pk}/dashboard/"),
        ("todo", "/todo/"),
        ("task-office", f"/progress/tasks/{task.pk}/"),
        ("board", f"/plans/{plan.pk}/board/"),
    ]:
        page.goto(base + url)
        _no_overflow(page, name)


def test_the_desk_header_stays_one_line(live_server: Any, page: Any) -> None:
    page.goto(live_server.url + "/")
    assert not page.locator("header nav .nav-toggle").is_visible()
    assert page.get_by_role("link", name="建议征集").is_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "desk-home.png"))
    height = page.evaluate("document.querySelector('.site-header').getBoundingClientRect().height")
    assert height < 120
