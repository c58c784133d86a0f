"""Recognition that fails says why: out of memory is the server's, not a damaged file's."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from minsheng.documents.errors import DocumentError
from minsheng.documents.parse import read_document
from minsheng.documents.readers import scan_ocr

from .scanmaker import FONT

pytestmark = [
    pytest.mark.skipif(not scan_ocr.available(), reason="文字识别组件未安装（make ocr）"),
    pytest.mark.no_ci_database,  # reading only, its process started without DATABASE_URL
]
ROOT = Path(__file__).resolve().parent.parent


def printed_page(path: Path) -> Path:
    image = Image.new("L", (1654, 2339), 240)
    draw = ImageDraw.Draw(image)
    for i in range(20):
        line = "新建公共停车泊位800个，改造老旧小区98个"
        draw.text((150, 200 + 90 * i), line, fill=20, font=ImageFont.truetype(FONT, 40))
    image.save(path)
    return path


# The engine loaded, then the process held to what it has plus a little, as on a desktop PC
# with little memory left: from the page on ("page": the page's own arrays in OpenCV fail
# first), or from detection on ("detector": onnxruntime's buffers for the page, ~100 MB).
SQUEEZED = """
import resource, sys
from pathlib import Path
from minsheng.documents.errors import DocumentError
from minsheng.documents.parse import read_document
from minsheng.documents.readers import scan_ocr


def squeeze():
    size = next(int(line.split()[1]) for line in open("/proc/self/status") if line.startswith("VmSize:"))
    limit = (size + 40 * 1024) * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


def squeezed_detect(gray, detect=scan_ocr.detect):
    squeeze()
    return detect(gray)


scan_ocr.engine()
if sys.argv[2] == "page":
    squeeze()
else:
    scan_ocr.detect = squeezed_detect
try:
    read_document(Path(sys.argv[1]))
except DocumentError as exc:
    print(exc.message)
"""


@pytest.mark.parametrize("where", ["page", "detector"])
def test_recognition_out_of_memory_says_so_and_does_not_blame_the_file(tmp_path: Path, where: str) -> None:
    page = printed_page(tmp_path / "扫描件.png")
    env = {"PYTHONPATH": str(ROOT / "src"), "MINSHENG_OCR_THREADS": "1", "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", SQUEEZED, str(page), where], capture_output=True, text=True, env=env, timeout=120
    )
    message = done.stdout.strip()
    assert "内存不足" in message and "文字识别失败" in message, (message, done.stderr[-2000:])
    assert "损坏" not in message and "格式不对" not in message
    if where == "detector":
        # onnxruntime's own words (its arena's, or the C++ library's), without its node's name or source file
        assert "（Failed to allocate memory" in message or "（std::bad_alloc）" in message, message
        assert "Name:" not in message and ".cc:" not in message, message


def test_an_engine_failure_names_its_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from rapidocr_onnxruntime.utils.infer_engine import ONNXRuntimeError

    def broken(crop: object) -> tuple[str, float]:
        try:  # as RapidOCR raises it: onnxruntime's error inside a whole traceback
            raise RuntimeError("[ONNXRuntimeError] : 6 : RUNTIME_EXCEPTION : Non-zero status code in node Conv_12")
        except RuntimeError as exc:
            raise ONNXRuntimeError("Traceback (most recent call last):\n  File ...\n" + str(exc)) from exc

    monkeypatch.setattr(scan_ocr, "read_line", broken)
    with pytest.raises(DocumentError) as caught:
        read_document(printed_page(tmp_path / "扫描件.png"))
    message = caught.value.message
    assert message.startswith("文字识别失败（") and "node Conv_12" in message, message
    assert "Traceback" not in message and "损坏" not in message and "内存不足" not in message
