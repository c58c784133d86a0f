"""A scan's preview: the page beside the grid, unsure cells marked, the clerk's corrections
re-read before anything is stored; only the uploader's session sees the page image."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from minsheng.documents.readers import scan_ocr
from minsheng.indicators.models import Indicator
from minsheng.indicators.services import indicator_delete, task_reextract
from minsheng.plans.models import Plan, Task

from .scanmaker import ROWS, TITLE, WIDTHS, drawn_table

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not scan_ocr.available(), reason="文字识别组件未安装（make ocr）"),
]


def worn_scan(folder: Path) -> Path:
    """A one-page table whose first 主要内容 cell is worn: read, but with little confidence."""
    path = folder / "盖章版.png"
    drawn_table(TITLE, ROWS, WIDTHS, worn=(1, 2), wear=0.74).save(path)
    return path


@pytest.fixture
def uploaded(client: Client, office: Any, tmp_path: Path) -> str:
    client.force_login(office)
    path = worn_scan(tmp_path)
    response = client.post(reverse("documents:upload"), {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 302
    return str(response["Location"]).rstrip("/").split("/")[-1]


def test_it_shows_the_page_beside_the_grid_with_the_unsure_cell_marked(client: Client, uploaded: str) -> None:
    page = client.get(reverse("documents:preview", args=[uploaded])).content.decode()
    assert "扫描件核对" in page and reverse("documents:scan_page", args=[uploaded, 1]) in page
    unsure = re.findall(r'<td id="cell-0-(\d+)-(\d+)"[^>]*class="unsure"', page)
    assert unsure == [("1", "2")]  # the worn cell, and only it
    assert "待核对 " in page  # its target is marked for review
    image = client.get(reverse("documents:scan_page", args=[uploaded, 1]))
    assert image.status_code == 200 and image["Content-Type"] == "image/png" and image.content[:4] == b"\x89PNG"
    assert client.get(reverse("documents:scan_page", args=[uploaded, 2])).status_code == 404


def test_a_correction_is_read_into_the_plan_and_stored_only_on_confirm(client: Client, uploaded: str) -> None:
    fix = {"table": "0", "row": "1", "col": "2", "text": "新建公共停车泊位800个"}
    response = client.post(reverse("documents:scan_cell", args=[uploaded]), fix)
    assert response.status_code == 302 and "#cell-0-1-2" in response["Location"]
    page = client.get(reverse("documents:preview", args=[uploaded])).content.decode()
    assert 'class="fixed"' in page and "待核对 " not in page and "新建公共停车泊位800个" in page
    assert Plan.objects.count() == 0  # nothing written before the confirmation
    client.post(reverse("documents:confirm", args=[uploaded]))
    task = Task.objects.get(project__name="停车便利工程")
    assert task.content == "新建公共停车泊位800个"
    assert [i.origin for i in task.indicators.all()] == [Indicator.Origin.EXTRACTED]


def test_a_target_read_from_an_unsure_cell_is_stored_for_review(client: Client, uploaded: str) -> None:
    client.get(reverse("documents:preview", args=[uploaded]))  # what is confirmed is what the preview read
    client.post(reverse("documents:confirm", args=[uploaded]))
    parking = Task.objects.get(project__name="停车便利工程")
    assert {i.origin for i in parking.indicators.all()} == {Indicator.Origin.UNSURE}
    sure = Task.objects.get(project__name="托育服务")
    assert {i.origin for i in sure.indicators.all()} == {Indicator.Origin.EXTRACTED}
    # the office deletes the misread target: like any extracted one, re-extraction leaves it out
    indicator_delete(user=None, indicator=parking.indicators.get())
    task_reextract(user=None, task=parking)
    assert not parking.indicators.exists()


def test_it_refuses_a_cell_that_is_not_in_the_table(client: Client, uploaded: str) -> None:
    bad = {"table": "0", "row": "40", "col": "2", "text": "x"}
    response = client.post(reverse("documents:scan_cell", args=[uploaded]), bad, follow=True)
    assert "表格 1 没有第41行第3列的单元格" in response.content.decode()
    assert f"cells-{uploaded}" not in client.session


def test_another_clerk_and_an_outsider_get_neither_page_nor_correction(
    client: Client, uploaded: str, django_user_model: Any, outsider: Any
) -> None:
    other = Client()
    other.force_login(django_user_model.objects.create_user("other-office", password="x-pass-123", is_staff=True))
    assert other.get(reverse("documents:scan_page", args=[uploaded, 1])).status_code == 404
    fix = {"table": "0", "row": "1", "col": "2", "text": "改过"}
    assert other.post(reverse("documents:scan_cell", args=[uploaded]), fix).status_code == 404
    stranger = Client()
    stranger.force_login(outsider)
    assert stranger.get(reverse("documents:scan_page", args=[uploaded, 1])).status_code == 403
    assert stranger.post(reverse("documents:scan_cell", args=[uploaded]), fix).status_code == 403
    assert f"cells-{uploaded}" not in client.session


def test_a_text_document_has_no_scan_panel_and_keeps_no_reading(client: Client, office: Any) -> None:
    from minsheng.documents.intake.staging import staging_root

    from .conftest import WUJIN_2026

    client.force_login(office)
    upload = SimpleUploadedFile(WUJIN_2026.name, WUJIN_2026.read_bytes())
    response = client.post(reverse("documents:upload"), {"file": upload}, follow=True)
    assert "扫描件核对" not in response.content.decode() and "确认导入" in response.content.decode()
    assert not list(staging_root().glob("*/*/.read"))
