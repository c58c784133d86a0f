"""Scanned PDFs and photos read back through text recognition, scored like the other formats.

Reading is done without the database, so the slow readings run once (skipped on the
PostgreSQL pass of CI, which would only repeat them)."""

from __future__ import annotations

import io
import json
import os
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from minsheng.documents.errors import DocumentError
from minsheng.documents.parse import parse_file
from minsheng.documents.readers import scan_ocr

from .conftest import SHARED
from .scanmaker import scan_pdf, scanned_pages
from .test_layouts import scorer

pytestmark = pytest.mark.skipif(not scan_ocr.available(), reason="文字识别组件未安装（make ocr）")
once = pytest.mark.skipif(bool(os.environ.get("DATABASE_URL")), reason="reading needs no database: run on SQLite only")
SCAN = SHARED / "corpus" / "002_e48e72fc4dd62ba5.scan.pdf"


def scores(gold: dict[str, Any], plan: dict[str, Any]) -> dict[str, Any]:
    result: dict[str, Any] = scorer.summary(scorer.score(gold, plan))
    return result | {"f1": result["targets_f1"]}


def _gold(stem: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((SHARED / "gold" / f"{stem}.json").read_text(encoding="utf-8"))
    return data


@once
def test_it_reads_the_shared_scan_to_the_goal() -> None:
    result = scores(_gold("002_e48e72fc4dd62ba5"), parse_file(SCAN).to_json())
    assert result["rows"] >= 0.95 and result["f1"] >= 0.95, result


@once
@pytest.mark.parametrize("fmt", ["jpg", "tif"])
def test_it_reads_our_own_scan_of_another_plan(tmp_path: Path, fmt: str) -> None:
    """The first page of 004 printed, scanned turned on grey paper with noise: a phone's JPEG
    and a scanner's TIFF.

    Whole scans of 000, 003, 004 and of unseen layouts are scored in bench/scan_bench.py."""
    [page, *_] = scanned_pages(SHARED / "corpus" / "004_ec3afaf71d2d5714.pdf", degrees=-1.0, seed=5)
    path = tmp_path / f"photo.{fmt}"
    if fmt == "jpg":
        page.save(path, quality=85)
    else:
        page.save(path, compression="tiff_deflate")
    plan = parse_file(path).to_json()
    gold = _gold("004_ec3afaf71d2d5714")
    assert (plan["year"], plan["jurisdiction"]) == (gold["year"], gold["jurisdiction"])
    gold_tasks = {t["content"] for p in gold["projects"] for t in p["tasks"]}
    read = [t["content"] for p in plan["projects"] for t in p["tasks"]]
    assert len(read) >= 4 and sum(content in gold_tasks for content in read) >= 0.7 * len(read), read


def _png_header(width: int, height: int) -> bytes:
    """A PNG whose header claims the size; its pixels are never there (nor needed to refuse it)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\0" * 64))


def _image(size: tuple[int, int], fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("L", size, 240).save(buffer, format=fmt)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("huge.png", _png_header(10_000, 10_000), "百万像素的上限"),
        ("corrupt.png", _png_header(2000, 1500), "损坏"),  # its pixels end after 64 bytes
        ("noise.jpg", b"\xff\xd8\xff\xe0 not a jpeg at all", "损坏"),
        ("blank.png", _image((1700, 1200), "PNG"), "没有读到任何文字"),
        ("blank-scan.pdf", _image((1700, 1200), "PDF"), "没有文字层"),
        ("tiny.tif", _image((40, 30), "TIFF"), "图片太小"),
    ],
)
def test_it_refuses_bad_images_with_a_message(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as error:
        parse_file(path)
    assert message in str(error.value) and name in str(error.value)


def test_it_says_no_table_on_a_photo_without_one(tmp_path: Path) -> None:
    image = Image.new("L", (1600, 1200), 235)
    from PIL import ImageDraw, ImageFont

    fonts = sorted(Path("/usr/share/fonts").rglob("NotoSansCJK-Regular.ttc"))
    if not fonts:
        pytest.skip("没有中文字体（make office 安装）")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(fonts[0]), 40)
    for i, line in enumerate(["今天天气很好，我们去公园散步。", "公园里有很多花，还有一个湖。"]):
        draw.text((150, 300 + 80 * i), line, fill=30, font=font)
    path = tmp_path / "photo.png"
    image.save(path)
    with pytest.raises(DocumentError) as error:
        parse_file(path)
    assert "没有找到可识别的任务分解表" in str(error.value)


def test_it_tells_what_to_install_without_the_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scan_ocr, "available", lambda: False)
    path = tmp_path / "scan.png"
    path.write_bytes(_image((1700, 1200), "PNG"))
    with pytest.raises(DocumentError, match="make ocr"):
        parse_file(path)
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(_image((1700, 1200), "PDF"))
    with pytest.raises(DocumentError, match="没有文字层.*make ocr"):
        parse_file(scanned)


def test_scanmaker_writes_an_image_only_pdf(tmp_path: Path) -> None:
    import pdfplumber

    out = scan_pdf(SHARED / "corpus" / "003_63b4d02ef7310a0d.pdf", tmp_path / "s.pdf")
    with pdfplumber.open(out) as pdf:
        assert pdf.pages and not any(page.chars for page in pdf.pages)


def test_it_marks_cells_read_with_little_confidence() -> None:
    from minsheng.documents.parsed import Cell, Document, Table
    from minsheng.documents.readers.scan import unsure_warnings

    table = Table(
        cells=[Cell(0, 0, "市教育局"), Cell(0, 1, "市卫健委"), Cell(1, 0, "")],
        where="scan.pdf 表格 1",
        scores={(0, 0): 0.97, (0, 1): 0.55, (1, 0): 0.1},
    )
    [warning] = unsure_warnings(Document(name="scan.pdf", tables=[table]))
    assert "市卫健委" in warning.message and "55%" in warning.message
    assert warning.where == "scan.pdf 表格 1 第1行第2列"


def test_the_engine_runs_on_one_thread_unless_told() -> None:
    """A web worker's import must not take both cores: every session is bounded explicitly."""
    engine = scan_ocr.engine()
    for session in (engine.text_det.infer.session, engine.text_rec.session.session):
        options = session.get_session_options()
        assert (options.intra_op_num_threads, options.inter_op_num_threads) == (1, 1)


def test_the_engine_threads_wait_without_spinning_and_the_detector_keeps_an_arena() -> None:
    """Spinning workers burn CPU seconds that are no work (a third of a page's CPU on two threads);
    the detector reuses its buffers within a run from an arena (no memory pattern), the recogniser
    as RapidOCR makes it. RapidOCR's own way of making options is left as it was."""
    from rapidocr_onnxruntime.utils.infer_engine import OrtInferSession

    engine = scan_ocr.engine()
    det, rec = (
        engine.text_det.infer.session.get_session_options(),
        engine.text_rec.session.session.get_session_options(),
    )
    for options in (det, rec):
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert (det.enable_cpu_mem_arena, det.enable_mem_pattern) == (True, False)
    assert (rec.enable_cpu_mem_arena, rec.enable_mem_pattern) == (False, True)
    with pytest.raises(RuntimeError, match="does not have configuration"):  # RapidOCR's own: untouched
        OrtInferSession._init_sess_opts({}).get_session_config_entry("session.intra_op.allow_spinning")


def test_the_detector_run_with_its_arena_given_back_finds_what_rapidocr_finds() -> None:
    """detect_lines is RapidOCR's TextDetector call with run options: the same boxes, twice over."""
    import numpy as np
    from PIL import ImageDraw, ImageFont

    from .scanmaker import FONT

    image = Image.new("L", (900, 400), 255)
    draw = ImageDraw.Draw(image)
    for n, text in enumerate(["2026年民生实事项目", "新建公共停车泊位800个", "市城管局 2026年12月"]):
        draw.text((40, 40 + 110 * n), text, fill=0, font=ImageFont.truetype(FONT, 40))
    bgr = np.stack([np.asarray(image)] * 3, axis=-1)
    detector = scan_ocr.engine().text_det
    theirs, _elapsed = detector(bgr)
    ours = [scan_ocr.detect_lines(detector, bgr) for _ in range(2)]
    assert len(theirs) == 3 and all(np.array_equal(found, theirs) for found in ours)


@pytest.mark.parametrize("text", ["1", "市住建局", "2026年12月底前完成", "新建公共停车泊位800个，改造老旧小区12个"])
def test_a_line_is_read_alone_at_its_own_width(text: str) -> None:
    """Short and long lines alike, without the engine's padding to 320 pixels."""
    import numpy as np
    from PIL import ImageDraw, ImageFont

    from .scanmaker import FONT

    font = ImageFont.truetype(FONT, 30)
    width = int(font.getlength(text)) + 16
    image = Image.new("L", (width, 44), 255)
    ImageDraw.Draw(image).text((8, 4), text, fill=0, font=font)
    read, score = scan_ocr.read_line(np.asarray(image))
    assert read == text and score > 0.9


@once
@pytest.mark.parametrize(
    "stem", ["04_city_list_units_line_after", "13_county_report_yishi_ershi", "15_county_labeled_fields"]
)
def test_a_page_without_ruling_lines_is_read_by_the_list_readers(tmp_path: Path, stem: str) -> None:
    """Unseen list layouts (numbered items, 一是…二是…, labelled fields) printed and scanned:
    the lines are joined back into paragraphs by position, then read as the text is."""
    from .scanmaker import printed_text

    text = Path(__file__).parent / "fixtures" / "unseen" / f"{stem}.txt"
    pages = printed_text([line for line in text.read_text(encoding="utf-8").splitlines() if line.strip()])
    path = tmp_path / "list.tif"
    pages[0].save(path, save_all=True, append_images=pages[1:], compression="tiff_deflate")
    gold = json.loads(text.with_suffix(".json").read_text(encoding="utf-8"))
    result = scores(gold, parse_file(path).to_json())
    assert result["rows"] >= 0.9 and result["f1"] >= 0.9, result


def test_printed_lines_are_joined_into_paragraphs_by_position() -> None:
    from minsheng.documents.readers.scan import paragraphs
    from minsheng.documents.readers.scan_ocr import Piece

    def line(x0: int, x1: int, y: int, text: str) -> Piece:
        return Piece((x0, y, x1, y + 30), text, 0.99)

    found = paragraphs(
        [
            line(400, 800, 100, "2026年民生实事清单"),  # a centred title: short of the edge
            line(160, 1100, 160, "1.新建幼儿园3所，新增"),  # indented first line, runs to the edge
            line(100, 1100, 200, "学位810个，改造老旧小区"),  # full: continues
            line(100, 500, 240, "14个。"),  # stops short: the paragraph ends
            line(160, 1100, 280, "2.新建城区公共停车泊位"),
            line(160, 600, 320, "责任单位：市城管局"),  # indented: a new paragraph
        ]
    )
    assert found == [
        "2026年民生实事清单",
        "1.新建幼儿园3所，新增学位810个，改造老旧小区14个。",
        "2.新建城区公共停车泊位",
        "责任单位：市城管局",
    ]


@once
def test_a_phone_photo_is_straightened_from_the_page_border(tmp_path: Path) -> None:
    """The page a trapezium on a desk: cut out and warped flat, its grid reads cell for cell."""
    from .scanmaker import ROWS, TITLE, WIDTHS, drawn_table, photographed

    path = tmp_path / "手机拍照.jpg"
    photographed(drawn_table(TITLE, ROWS, WIDTHS)).save(path, quality=85)
    plan = parse_file(path)
    assert plan.title == TITLE[1] and plan.jurisdiction == "溧阳市"
    read = [[task.content, task.deadline, task.lead_units] for project in plan.projects for task in project.tasks]
    assert read == [[row[2], row[3], [row[4]]] for row in ROWS[1:]]


def test_a_scan_or_a_photo_without_its_page_border_is_left_as_it_is() -> None:
    import numpy as np

    from minsheng.documents.readers.scan_photo import page_corners, unwarp

    from .scanmaker import ROWS, TITLE, WIDTHS, drawn_table, photographed, worn_copy

    page = np.asarray(drawn_table(TITLE, ROWS, WIDTHS))
    assert page_corners(page) is None and unwarp(page) is page  # the page fills the image
    photo = np.asarray(photographed(drawn_table(TITLE, ROWS, WIDTHS)))
    corners = page_corners(photo)
    assert corners is not None and np.abs(corners - [[430, 330], [1990, 400], [2130, 2760], [290, 2640]]).max() < 25
    cropped = photo[600:2400, 600:1900]  # a close-up: no border in the picture
    assert page_corners(cropped) is None
    # a page that is nearly empty, lit more from one side: its halves are not paper and desk
    rng = np.random.default_rng(4)
    nearly_empty = drawn_table([], [["民活动400批次。"]], [300])
    assert page_corners(np.asarray(worn_copy(nearly_empty, 0.8, rng))) is None
