"""Bad scans through the import page: a blank page, a photo without a table, 100 megapixels,
a corrupt image, a .tif: each gets a clear message naming the file, within the limits of
documents/intake/guard.py (5 s of CPU), and nothing is written."""

from __future__ import annotations

import io
import tracemalloc
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont

from minsheng.documents.readers import scan_ocr
from minsheng.plans.models import Plan

from .scanmaker import FONT
from .test_scan import _png_header

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not scan_ocr.available(), reason="文字识别组件未安装（make ocr）"),
]
PEAK_MB = 300  # Python's own allocations; the 5 s a file is measured by bench/bad_files.py, not here


def _saved(image: Image.Image, fmt: str) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format=fmt)
    return buffer.getvalue()


def _prose() -> Image.Image:
    image = Image.new("L", (1600, 1200), 235)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(["今天天气很好，我们去公园散步。", "公园里有很多花，还有一个湖。"]):
        draw.text((150, 300 + 80 * i), line, fill=30, font=ImageFont.truetype(FONT, 40))
    return image


CASES = [
    ("空白页.png", lambda: _saved(Image.new("L", (1700, 1200), 240), "PNG"), "没有读到任何文字"),
    ("空白页.tif", lambda: _saved(Image.new("L", (1700, 1200), 240), "TIFF"), "没有读到任何文字"),
    ("风景.jpg", lambda: _saved(_prose(), "JPEG"), "没有找到可识别的任务分解表"),
    ("一亿像素.png", lambda: _png_header(10_000, 10_000), "百万像素的上限"),
    ("损坏.jpg", lambda: _saved(_prose(), "JPEG")[:3000], "损坏"),
]


@pytest.mark.parametrize(("name", "make", "message"), CASES, ids=[c[0] for c in CASES])
def test_a_bad_scan_gets_a_message_and_nothing_is_written(
    client: Client, office: Any, name: str, make: Any, message: str
) -> None:
    client.force_login(office)
    scan_ocr.engine()  # loaded once per worker, not counted against one upload
    data = make()
    tracemalloc.start()
    try:
        response = client.post(reverse("documents:upload"), {"file": SimpleUploadedFile(name, data)}, follow=True)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    page = response.content.decode()
    assert message in page and name in page, page[-2000:]
    assert peak < PEAK_MB * 1024 * 1024, f"{name}: {peak // 1024 // 1024} MB"
    assert not Plan.objects.exists()
