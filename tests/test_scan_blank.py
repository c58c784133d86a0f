"""Near-blank scans: what a scanner or a phone gives back from a sheet with nothing printed
(noise, dust, punch holes, a fold, the scanner's dark edge, the desk around a photographed
sheet, an empty ruled form) is blank before any recognition model is loaded; a few printed
characters are not. The memory this saves is measured by bench/bad_files.py."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

np = pytest.importorskip("numpy")
pytest.importorskip("cv2")

from PIL import Image, ImageDraw, ImageFont  # noqa: E402

from minsheng.documents.errors import DocumentError  # noqa: E402
from minsheng.documents.readers import scan, scan_ocr  # noqa: E402

from .scanmaker import FONT, photographed, worn_copy  # noqa: E402

A4 = (1654, 2339)  # 200 dpi


def _sheet(seed: int) -> np.ndarray:
    return np.asarray(worn_copy(Image.new("L", A4, 255), 0.6, np.random.default_rng(seed))).astype(np.int16)


def _dusty(seed: int = 1) -> np.ndarray:
    page, rng = _sheet(seed), np.random.default_rng(seed)
    for _ in range(40):  # specks of dust
        y, x = rng.integers(100, A4[1] - 100), rng.integers(100, A4[0] - 100)
        page[y : y + 3, x : x + 3] = 40
    rows, cols = np.ogrid[: A4[1], : A4[0]]
    for y in (700, 1600):  # two punch holes, 6 mm across
        page[(rows - y) ** 2 + (cols - 120) ** 2 < 24**2] = 25
    page[:, -25:] = 20  # the scanner's lid: a dark edge
    return np.clip(page, 0, 255).astype(np.uint8)


def _folded(depth: int, seed: int = 2) -> np.ndarray:
    page = _sheet(seed)
    page[1160:1166, :] -= depth  # folded in half, then across
    page[:, 800:804] -= depth
    return np.clip(page, 0, 255).astype(np.uint8)


def _empty_form(seed: int = 3) -> np.ndarray:
    form = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(form)
    for i in range(12):
        draw.line([(150, 300 + 150 * i), (1500, 300 + 150 * i)], fill=0, width=3)
    for x in (150, 400, 900, 1500):
        draw.line([(x, 300), (x, 1950)], fill=0, width=3)
    return np.asarray(worn_copy(form, 0.6, np.random.default_rng(seed)))


def _photo_of_blank() -> np.ndarray:
    from minsheng.documents.readers.scan_photo import unwarp

    return unwarp(np.asarray(photographed(Image.new("L", (1240, 1754), 255)).convert("L")))


def _printed(text: str, seed: int = 4) -> np.ndarray:
    page = Image.new("L", A4, 255)
    ImageDraw.Draw(page).text((300, 200), text, fill=0, font=ImageFont.truetype(FONT, 26))
    return np.asarray(worn_copy(page, 1.0, np.random.default_rng(seed)))


@pytest.mark.parametrize(
    "make",
    [_dusty, lambda: _folded(40), lambda: _folded(65), lambda: _folded(100), _empty_form, _photo_of_blank],
    ids=["dust-holes-edge", "faint-fold", "fold-at-ink-depth", "dark-fold", "empty-form", "photo-of-blank"],
)
def test_a_sheet_with_nothing_printed_is_blank(make: object) -> None:
    assert scan.blank(make()), scan.marks(make())  # type: ignore[operator]


@pytest.mark.parametrize("text", ["城管局", "民政局、财政局", "新增公共停车泊位1500个"])
def test_a_few_printed_characters_are_not_blank(text: str) -> None:
    assert not scan.blank(_printed(text))
    assert not scan.blank(_printed(text) & _dusty())  # on a dusty, punched, folded-edge sheet too


def test_a_near_blank_scan_is_refused_without_loading_the_models(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not scan_ocr.available():
        pytest.skip("文字识别组件未安装（make ocr）")
    monkeypatch.setattr(scan_ocr, "_engine", None)

    def no_engine() -> None:
        raise AssertionError("the recognition models were loaded for a blank page")

    monkeypatch.setattr(scan_ocr, "engine", no_engine)
    buffer = io.BytesIO()
    Image.fromarray(_dusty()).save(buffer, format="PDF", resolution=200)
    pdf = tmp_path / "盖章版.pdf"
    pdf.write_bytes(buffer.getvalue())
    with pytest.raises(DocumentError) as error:
        scan.read_scan_pdf(pdf)
    assert "没有读到任何文字" in str(error.value) and f"少于 {scan.MIN_MARKS} 处" in str(error.value)
