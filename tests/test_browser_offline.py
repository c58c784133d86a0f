"""Pages that must work on an intranet with no way out: the API docs (Swagger UI from npm)."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_with_no_outside_network(live_server: Any, page: Any) -> None:
    outside: list[str] = []

    def block(route: Any) -> None:
        if not route.request.url.startswith(live_server.url):
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", block)
    page.goto(live_server.url + "/api/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=15000)
    assert "民生实事督办平台 API" in page.locator(".swagger-ui .info .title").inner_text()
    page.get_by_text("/api/plans/{plan_id}/progress").wait_for()
    assert outside == []
