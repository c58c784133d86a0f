"""The plan page in a real browser: Debian's chromium driven by Playwright."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
]


def test_it_shows_the_wujin_2026_plan_in_a_browser(live_server: Any, page: Any) -> None:
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan

    from .conftest import WUJIN_2026

    plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="2026年武进区民生实事项目任务分解表").click()
    page.wait_for_url(f"**{plan.get_absolute_url()}")
    assert page.locator('[data-project-status="formal"]').count() == 30
    assert page.locator('[data-project-status="candidate"]').count() == 6
    assert page.get_by_role("heading", name="票决候选项目（6 个）").is_visible()
    assert page.locator("tr[data-task]").count() == 56
    # the stylesheet came from our own static files, not a CDN
    sheets = page.evaluate("Array.from(document.styleSheets).filter(s => s.href).map(s => [s.href, s.cssRules.length])")
    assert len(sheets) == 2 and all(href.startswith(live_server.url) and rules > 0 for href, rules in sheets)


def test_it_reads_as_cards_on_a_phone(live_server: Any, page: Any) -> None:
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan

    from .conftest import WUJIN_2026

    plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + plan.get_absolute_url())
    header = page.locator("table.task-rows thead").first
    assert not header.is_visible()
    cell = page.locator("tr[data-task] td[data-label='牵头单位']").first
    assert cell.evaluate("el => getComputedStyle(el).display") == "block"
