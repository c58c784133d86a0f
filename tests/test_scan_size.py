"""The page's text measured before detection: large print goes to the detector on a smaller image."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from minsheng.documents.readers import scan_ocr

from .scanmaker import FONT

pytestmark = pytest.mark.skipif(not scan_ocr.available(), reason="文字识别组件未安装（make ocr）")
A4 = (1654, 2339)  # the working size of a page: A4 at 200 dpi


def page(size: int, ruled: bool = False) -> np.ndarray:
    """An A4 page of printed lines at this font size (pixels), with a ruled table's lines if asked."""
    image = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, size)
    for i in range(12):
        draw.text((150, 200 + i * size * 2), "市住建局新建公共停车泊位800个，改造老旧小区", fill=0, font=font)
    if ruled:
        for x in (100, 800, 1550):
            draw.line((x, 150, x, 2200), fill=0, width=3)
        for y in range(200 - size // 3, 2200, 2 * size):  # between the printed lines
            draw.line((100, y, 1550, y), fill=0, width=3)
    return np.asarray(image)


@pytest.mark.parametrize("ruled", [False, True])
@pytest.mark.parametrize("size", [28, 40, 64])
def test_the_text_height_is_measured_with_the_ruling_lines_left_out(size: int, ruled: bool) -> None:
    from minsheng.documents.readers.scan_size import text_height

    ink = ImageFont.truetype(FONT, size).getbbox("市住建局新建公共")
    height = text_height(page(size, ruled))
    assert height is not None and abs(height - (ink[3] - ink[1])) <= 0.2 * size, (height, ink)


def test_large_print_is_detected_smaller_and_table_print_at_the_usual_size() -> None:
    """A table's 五号 print stays at the side DETECT_SIDE allows (what every scan fixture reads at);
    三号 and larger print is reduced until it stands TEXT_PX tall, never below."""
    usual = scan_ocr.DETECT_SIDE / min(A4)
    assert scan_ocr.detect_scale(page(28, ruled=True)) == pytest.approx(usual)
    large = scan_ocr.detect_scale(page(64))
    assert large < 0.75 * usual
    from minsheng.documents.readers.scan_size import text_height

    assert large * (text_height(page(64)) or 0) == pytest.approx(scan_ocr.TEXT_PX)


def test_a_blank_or_speckled_page_keeps_the_usual_size() -> None:
    noise = np.full(A4[::-1], 255, np.uint8)
    noise[np.random.default_rng(3).random(noise.shape) < 0.001] = 0
    assert scan_ocr.detect_scale(noise) == pytest.approx(scan_ocr.DETECT_SIDE / min(A4))
