"""Issue #26's done-when as one clerk's morning, in a real browser: a numbered list the reader
cannot place is uploaded, taught with one project in the preview, imported; the draft is
completed on 完善计划 (title, the units and deadline the page left out) and published; the
next year's page of the same shape from the same office then reads without asking."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from minsheng.documents.models import TaughtReading
from minsheng.plans.models import Plan, Task

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


def _upload(page: Any, base: str, path: Path) -> None:
    page.goto(base + reverse("documents:upload"))
    page.set_input_files("input[type=file]", str(path))
    page.click("text=读取并预览")


@pytest.mark.usefixtures("offices")
def test_teach_complete_publish_and_the_next_page_reads_without_asking(
    live_server: Any, page: Any, tmp_path: Path
) -> None:
    base = live_server.url
    # the last item gives no unit and no deadline, as real pages often do
    text = (TEACH / "wujin_2026.txt").read_text(encoding="utf-8")
    assert "（责任单位：区卫健委，完成时限：2026年12月底）" in text
    first = tmp_path / "wujin_2026.txt"
    first.write_text(text.replace("（责任单位：区卫健委，完成时限：2026年12月底）", ""), encoding="utf-8")
    page.goto(base + "/accounts/login/")
    page.fill("input[name=username]", "wujin")
    page.fill("input[name=password]", "office-pass-123")
    page.click("button[type=submit]")

    _upload(page, base, first)
    page.wait_for_selector("#least-sure")  # not placed: the least sure projects first
    _pick(page, "新建城东幼儿园1所", "设为名称")
    _pick(page, "新建城东幼儿园1所，新增学位360个", "设为内容")
    page.get_by_role("button", name="按此读取").click()
    page.wait_for_selector("#taught-how")
    with page.expect_navigation():
        page.get_by_role("button", name="确认导入").click()
    plan = Plan.objects.get()
    assert plan.state == Plan.State.DRAFT and plan.projects.count() == 4
    checkup = Task.objects.get(project__plan=plan, project__name="为65岁以上老人免费体检2万人次")
    assert not checkup.units.exists() and checkup.due is None

    page.goto(f"{base}/plans/{plan.pk}/state/?to=published")
    gaps = page.locator("#gaps").inner_text()
    assert "1 条任务没有牵头单位" in gaps and "为65岁以上老人免费体检2万人次" in gaps

    page.goto(f"{base}/plans/{plan.pk}/edit/")
    assert page.get_by_label("行政区划").locator("option:checked").inner_text().endswith("武进区")
    page.get_by_label("计划标题").fill("2026年武进区民生实事项目")
    page.get_by_label("第4行 牵头单位").fill("区卫健委")
    page.get_by_label("第4行 完成时间").fill("2026年12月底")
    page.get_by_role("button", name="保存", exact=True).click()
    assert "区卫健委" in page.locator("#new-units").inner_text()  # a new unit is asked for first
    page.get_by_role("button", name="确认新建以上单位并保存").click()
    page.wait_for_selector("text=已保存")

    page.goto(f"{base}/plans/{plan.pk}/state/?to=published")
    assert page.locator("#gaps").count() == 0
    page.get_by_role("button", name="确认发布计划").click()
    page.wait_for_selector("text=已发布计划")
    plan.refresh_from_db()
    checkup.refresh_from_db()
    assert (plan.state, plan.title) == (Plan.State.PUBLISHED, "2026年武进区民生实事项目")
    assert plan.jurisdiction is not None and plan.jurisdiction.name == "武进区"
    assert [u.name for u in checkup.units.all()] == ["区卫健委"] and str(checkup.due) == "2026-12-31"
    assert TaughtReading.objects.count() == 1

    _upload(page, base, TEACH / "wujin_2027.txt")
    page.wait_for_selector("#taught-how")
    assert "本单位上次确认的读法" in page.locator("#taught-how").inner_text()
    assert page.locator("#least-sure").count() == 0
    assert "新建口袋公园6个" in page.locator("#project-3 h4").inner_text()
