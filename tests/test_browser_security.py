"""The pages still work under the site's Content-Security-Policy, in a real browser
(Debian chromium): htmx loads, ECharts draws, the ballot's warning script runs, and the
browser reports no CSP violation on any of them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from .browser import sign_in

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_work_under_the_content_security_policy(live_server: Any, page: Any, office: Any) -> None:
    import vote_load

    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan

    from .conftest import WUJIN_2026

    plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
    session = vote_load.prepare(plan, 1)
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    base = live_server.url

    sign_in(page, base, "office", "office-pass-123")
    response = page.goto(f"{base}/plans/{plan.pk}/dashboard/")
    assert response is not None and "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_selector("[data-chart][data-ready='1'] canvas")  # ECharts drew under the policy
    assert page.evaluate("typeof htmx") == "object"
    page.goto(f"{base}/voting/{session.pk}/")
    page.get_by_role("button", name="退出").click()
    page.wait_for_load_state()

    sign_in(page, base, "load-0000", vote_load.PASSWORD)
    page.goto(f"{base}/deputy/votes/{session.pk}/")
    boxes = page.locator("input[name=approve]")
    assert boxes.count() > session.seats
    for i in range(session.seats + 1):
        boxes.nth(i).check()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.get_by_role("button", name="确认投票").click()
    page.wait_for_timeout(300)
    assert dialogs == [f"至多赞成 {session.seats} 项"]  # the static script ran and stopped the form
    assert violations == []
