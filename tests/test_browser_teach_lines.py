"""Teaching a project of several tasks in a real browser: picking a run of lines in the document
shown fills 内容 one task a line, and the whole document reads each heading over its sub-items."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from .conftest import CHROMIUM
from .test_browser_done_26 import _pick
from .test_teach import offices  # noqa: F401 (the fixture)
from .test_teach_form import HEADINGS, HEADS, PICKED

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]


@pytest.mark.usefixtures("offices")
def test_a_run_of_lines_picked_is_one_task_a_line(live_server: Any, page: Any, tmp_path: Path) -> None:
    base = live_server.url
    document = tmp_path / "wushui.txt"
    document.write_text(HEADINGS, encoding="utf-8")
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", "wujin")
    page.fill("input[name=password]", "office-pass-123")
    page.click("button[type=submit]")
    page.goto(base + reverse("documents:upload"))
    page.set_input_files("input[type=file]", str(document))
    page.click("text=读取并预览")
    page.wait_for_selector("#teach-form", state="attached")  # folded: the untaught reading is sure
    page.locator("#teach").evaluate("d => d.open = true")
    _pick(page, HEADS[0], "设为名称")
    _pick(page, PICKED, "设为内容")
    assert page.locator("#teach-content").input_value() == PICKED  # three lines, three tasks
    page.get_by_role("button", name="按此读取").click()
    page.wait_for_selector("#taught-check")  # fewer projects than before: said beside the way back
    assert page.locator("article.project").count() == len(HEADS)
    assert page.locator("#project-1 td.content").count() == 3
    assert "取消示范" in page.locator("#taught-check").inner_text()
