"""The import preview on a phone (390 px, issue #26 item 5): a long target's chip wraps inside its
card instead of widening the cell and pushing the task's text past the screen's right edge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from .conftest import CHROMIUM
from .phone import PHONE, assert_fits_the_phone

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium"),
]
# Targets whose own words run long: each chip names the whole phrase before its figure.
PLAN = (
    "澄江市2027年民生实事项目\n"
    "一、推进基层医疗服务提质。推进乡镇卫生院和村卫生室一体化管理试点村卫生室建设30家，"
    "城市社区卫生服务中心与三级医院组建紧密型医疗联合体协作单元25个（市卫健委，2027年12月底）\n"
    "二、推进农村寄宿制学校标准化建设。新建改扩建乡村小规模学校和乡镇寄宿制学校校舍及配套用房14万平方米"
    "（市教育局，2027年9月底）\n"
)


def test_long_target_chips_wrap_on_a_phone(live_server: Any, page: Any, office: Any, tmp_path: Path) -> None:
    upload = tmp_path / "plan.txt"
    upload.write_text(PLAN, encoding="utf-8")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", "office")
    page.fill("input[name=password]", "office-pass-123")
    page.click("button[type=submit]")
    page.goto(live_server.url + reverse("documents:upload"))
    page.set_input_files("input[type=file]", str(upload))
    page.click("text=读取并预览")
    page.wait_for_selector("table.task-rows .chip")
    assert max(len(chip) for chip in page.locator("table.task-rows .chip").all_inner_texts()) > 30
    cells = page.locator("table.task-rows td.content, table.task-rows .chip")
    assert_fits_the_phone(page, cells, "import-preview.png")
