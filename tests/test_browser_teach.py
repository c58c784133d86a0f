"""Done when (issue #26, item 3): in a real browser a clerk uploads a list the reader's rules cannot
place, teaches it with one project picked out of the document's text, imports it; the next page of
the same shape from the same office then reads without asking."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from minsheng.documents.models import TaughtReading
from minsheng.plans.models import Plan

from .conftest import CHROMIUM
from .test_teach import TEACH, offices  # noqa: F401 (the fixture)

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]


def _pick(page: Any, text: str, button: str) -> None:
    """Select `text` in the document shown and press 设为…"""
    page.evaluate(
        """(text) => {
            const pre = document.getElementById("teach-text");
            const node = pre.firstChild;
            const at = node.textContent.indexOf(text);
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + text.length);
            const selection = window.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
        }""",
        text,
    )
    page.get_by_role("button", name=button).click()


@pytest.mark.usefixtures("offices")  # 武进区's office (wujin) and 金坛区's, seated
def test_a_clerk_teaches_a_reading_with_one_project(live_server: Any, page: Any) -> None:
    base = live_server.url
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", "wujin")
    page.fill("input[name=password]", "office-pass-123")
    page.click("button[type=submit]")
    page.goto(base + reverse("documents:upload"))
    page.set_input_files("input[type=file]", str(TEACH / "wujin_2026.txt"))
    page.click("text=读取并预览")
    page.wait_for_selector("#least-sure")  # the least sure projects come first
    _pick(page, "新建城东幼儿园1所", "设为名称")
    _pick(page, "新建城东幼儿园1所，新增学位360个", "设为内容")
    _pick(page, "区教育局", "设为牵头单位")
    _pick(page, "2026年8月底", "设为完成时间")
    assert page.input_value("#teach-name") == "新建城东幼儿园1所"
    page.get_by_role("button", name="按此读取").click()
    page.wait_for_selector("#taught-how")
    title = page.locator("#project-2 h4").inner_text()
    assert "改造老旧小区12个" in title and "惠及" not in title  # the name ends where the example's did
    assert TaughtReading.objects.count() == 0
    with page.expect_navigation():
        page.get_by_role("button", name="确认导入").click()
    assert Plan.objects.get().projects.filter(name="新增公共停车泊位800个").exists()
    assert TaughtReading.objects.count() == 1
    page.goto(base + reverse("documents:upload"))
    page.set_input_files("input[type=file]", str(TEACH / "wujin_2027.txt"))
    page.click("text=读取并预览")
    page.wait_for_selector("#taught-how")
    assert "本单位上次确认的读法" in page.locator("#taught-how").inner_text()
    assert page.locator("#least-sure").count() == 0  # nothing to doubt: no questions asked
    assert "新建口袋公园6个" in page.locator("#project-3 h4").inner_text()
