"""In a real browser: the office uploads a scan, sees the page beside the grid, corrects the one
cell the recognition was unsure of, and stores the plan read from the corrected grid."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from minsheng.documents.readers import scan_ocr

from .browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not scan_ocr.available(), reason="文字识别组件未安装（make ocr）"),
]
SHOTS = Path("/tmp/minsheng-scan")


def test_a_clerk_corrects_an_unsure_cell_and_stores_the_plan(
    live_server: Any, page: Any, office: Any, tmp_path: Path
) -> None:
    from minsheng.indicators.models import Indicator
    from minsheng.plans.models import Plan, Task

    from .test_scan_review import worn_scan

    SHOTS.mkdir(exist_ok=True)
    base = live_server.url
    sign_in(page, base, "office", "office-pass-123")
    page.goto(base + "/imports/new/")
    page.set_input_files("input[type=file]", str(worn_scan(tmp_path)))
    page.get_by_role("button", name="读取并预览").click()
    page.wait_for_selector(".scan-review", timeout=60_000)

    image = page.locator(".scan-pages img").first
    image.scroll_into_view_if_needed()
    for _ in range(100):  # the page image comes from its own access-checked view
        if image.evaluate("img => img.complete && img.naturalWidth"):
            break
        page.wait_for_timeout(100)
    assert image.evaluate("img => img.naturalWidth") > 600
    unsure = page.locator("td.unsure")
    assert unsure.count() == 1
    assert "待核对" in page.locator(".chip.unsure").inner_text()
    page.screenshot(path=str(SHOTS / "preview-1280.png"), full_page=True)

    unsure.locator("summary").click()
    unsure.get_by_role("textbox").fill("新建公共停车泊位800个")
    unsure.get_by_role("button", name="改正此单元格").click()
    page.wait_for_load_state()
    assert "已改正单元格" in page.content()
    assert page.locator("td.unsure").count() == 0
    assert page.locator("td.fixed").inner_text().strip() == "新建公共停车泊位800个"
    assert page.locator(".chip.unsure").count() == 0
    assert Plan.objects.count() == 0  # nothing stored before the confirmation

    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(SHOTS / "preview-390.png"), full_page=True)
    widest = page.evaluate("document.documentElement.scrollWidth")
    assert widest <= 390, widest  # the panes stack; wide tables scroll inside their own pane

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_load_state()
    task = Task.objects.get(project__name="停车便利工程")
    assert task.content == "新建公共停车泊位800个"
    assert [i.origin for i in task.indicators.all()] == [Indicator.Origin.EXTRACTED]
    assert Plan.objects.get().title == "2026年溧阳市民生实事项目任务分解表"
