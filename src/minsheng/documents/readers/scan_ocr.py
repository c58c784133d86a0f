"""Text recognition on a straightened page: RapidOCR's PP-OCR models on ONNX Runtime.

The models ship inside the rapidocr-onnxruntime wheel: nothing is downloaded
and nothing leaves the machine. The engine is loaded once per process and runs
on a bounded number of threads (MINSHENG_OCR_THREADS, 1 by default) so that an
import in a web worker does not take every core.

Memory: only the detector and the recogniser are loaded (once per process), the
detector's large buffers are returned to the system after each page (mapped_buffers),
and a page of large print is detected on a smaller image (detect_scale).

Detection runs once on a reduced page; each detected line is then cut at the
table's vertical borders it crosses (the engine joins text of neighbouring
cells into one line) and every piece is recognised from the full-resolution
page.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from .scan_grid import Box, Grid

# Detection works on the page reduced to about 72 dpi: enough for body text, four times cheaper.
DETECT_SIDE = 800
TEXT_PX = 18  # the detector is never given larger text than this (see detect_scale)
# The detector's boxes keep a margin above and below the text; the recogniser reads small
# marks such as 、 more surely from a crop the text fills.
TRIM = 0.1
MIN_REC_WIDTH = 64
MAX_REC_WIDTH = 48 * 40  # a line longer than this is squeezed (none in a table's cell)
PAD = 6  # pixels kept clear of a border line (its ink, blurred by the turn, reads as a character)
# glibc's mallopt: buffers above this size are mapped from the system and returned when freed.
M_MMAP_THRESHOLD = -3
M_TRIM_THRESHOLD = -1
MAPPED_BYTES = 128 * 1024
HEAP_BYTES = 32 * 1024 * 1024  # glibc's own ceiling for the threshold
# Free heap kept at its top between two detections (malloc_trim gives it back before each).
KEPT_BYTES = 128 * 1024 * 1024
_engine: Engine | None = None
_lock = threading.Lock()
# How the libraries say that memory ran out: ONNX Runtime (C++ and its arena), OpenCV, the OS.
NO_MEMORY = ("bad_alloc", "failed to allocate", "insufficient memory", "cannot allocate memory", "out of memory")


class RecognitionFailed(Exception):
    """The engine could not run on this page; the message says why, in the interface's words.

    ONNX Runtime reports running out of memory as a generic failure; left alone it reached
    the clerk as 文件已损坏或格式不对（ONNXRuntimeError）, blaming a sound file."""

    def __init__(self, message: str, out_of_memory: bool) -> None:
        super().__init__(message)
        self.message = message
        self.out_of_memory = out_of_memory


@contextmanager
def engine_errors() -> Iterator[None]:
    """Within: any failure of the engine raised as RecognitionFailed, with its reason."""
    try:
        yield
    except RecognitionFailed:
        raise
    except Exception as exc:  # onnxruntime, RapidOCR's wrapper of it and OpenCV each raise their own
        raise failure(exc) from exc


def failure(exc: BaseException) -> RecognitionFailed:
    cause = exc.__cause__ or exc  # RapidOCR wraps onnxruntime's error in a whole traceback
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    whole = lines[-1] if lines else type(cause).__name__
    detail = whole[:160]
    # Looked for in the whole line: the arena's own words come after the node's name and source file.
    if isinstance(cause, MemoryError) or any(mark in whole.lower() for mark in NO_MEMORY):
        detail = _memory_words(whole)[:160]
        return RecognitionFailed(f"文字识别失败：服务器内存不足（{detail}）；请稍后重试，或提供 Word/Excel 原件", True)
    return RecognitionFailed(f"文字识别失败（{detail}）；请提供 Word/Excel 原件，或请管理员查看日志", False)


def _memory_words(line: str) -> str:
    """The words that say memory ran out, without the node or the source file before them."""
    words = line.rsplit(": ", 1)[-1]  # ... Status Message: std::bad_alloc
    found = [words.lower().find(mark) for mark in NO_MEMORY if mark in words.lower()]
    before = words[: min(found)] if found else ""
    if " " in before or "/" in before:  # .../bfc_arena.cc:360 void* ...(...) Failed to allocate memory ...
        words = words[min(found) :]
    return words


@dataclass
class Piece:
    """One recognised stretch of text on one line of one cell (or of the body)."""

    box: Box
    text: str
    score: float

    @property
    def cy(self) -> float:
        return (self.box[1] + self.box[3]) / 2

    @property
    def height(self) -> int:
        return self.box[3] - self.box[1]


def available() -> bool:
    return all(importlib.util.find_spec(name) is not None for name in ("rapidocr_onnxruntime", "cv2", "onnxruntime"))


def threads() -> int:
    try:
        return max(1, int(os.environ.get("MINSHENG_OCR_THREADS", "1")))
    except ValueError:
        return 1


@dataclass
class Engine:
    """The detector and the recogniser, nothing else (RapidOCR's own class loads a classifier too)."""

    text_det: Any
    text_rec: Any


def engine() -> Engine:
    global _engine
    with _lock:
        if _engine is None:
            cv2.setNumThreads(threads())
            with mapped_buffers(), engine_errors():
                _engine = _load()
        return _engine


def _load() -> Engine:
    from rapidocr_onnxruntime.ch_ppocr_det import TextDetector
    from rapidocr_onnxruntime.ch_ppocr_rec import TextRecognizer
    from rapidocr_onnxruntime.main import DEFAULT_CFG_PATH
    from rapidocr_onnxruntime.utils import read_yaml
    from rapidocr_onnxruntime.utils.parse_parameters import update_model_path

    from .scan_model import lean_path

    config = update_model_path(read_yaml(DEFAULT_CFG_PATH))
    for part in ("Det", "Rec"):
        config[part].update(intra_op_num_threads=threads(), inter_op_num_threads=1)
        config[part]["model_path"] = lean_path(config[part]["model_path"])  # a third less CPU (scan_model)
    config["Det"]["limit_side_len"] = 32  # never enlarged: detect_scale has chosen the size
    with lean_sessions(arena=True):
        detector = TextDetector(config["Det"])
    with lean_sessions(arena=False):
        return Engine(detector, TextRecognizer(config["Rec"]))


@contextmanager
def lean_sessions(arena: bool) -> Iterator[None]:
    """Within: RapidOCR's ONNX Runtime sessions made with threads that wait without spinning
    and, with arena, the detector's way of holding its buffers (see detect_lines).

    With more than one engine thread, ONNX Runtime's workers spin between operations by
    default: CPU seconds that are no work. On two threads the shared scan took 28-33 CPU s
    spinning and 19-20 without (one thread: about 19.5), the same rows; on one thread
    nothing spins either way. The recogniser keeps RapidOCR's choice (no arena, a memory
    pattern per line width). RapidOCR builds its options in one static method; it is
    wrapped for the loading only."""
    from rapidocr_onnxruntime.utils import infer_engine

    shipped = infer_engine.OrtInferSession.__dict__.get("_init_sess_opts")
    if not isinstance(shipped, staticmethod):  # another RapidOCR: its own options, as before
        yield
        return

    def options(config: dict[str, Any]) -> Any:
        opts = shipped.__func__(config)
        opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
        if arena:
            opts.enable_cpu_mem_arena, opts.enable_mem_pattern = True, False
        return opts

    infer_engine.OrtInferSession._init_sess_opts = staticmethod(options)
    try:
        yield
    finally:
        infer_engine.OrtInferSession._init_sess_opts = shipped


@contextmanager
def mapped_buffers() -> Iterator[None]:
    """Within: buffers above MAPPED_BYTES mapped from the system and unmapped when freed.

    The detector's activations are tens of megabytes each. glibc raises its mapping
    threshold whenever such a block is freed, so from the first page on they come from
    the heap, which fragments and does not shrink: a worker grew by 250-400 MB over one
    page and kept it. Mapping them keeps detection's peak at what it holds at once. After
    detection the threshold is set to glibc's own ceiling: the recogniser's many small
    runs then reuse the heap (mapping every one of them tripled the CPU time).
    Elsewhere than glibc nothing changes."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)  # what the last page's recognition freed goes back first
        libc.mallopt(M_MMAP_THRESHOLD, MAPPED_BYTES)
    try:
        yield
    finally:
        if libc is not None:
            libc.malloc_trim(0)
            libc.mallopt(M_MMAP_THRESHOLD, HEAP_BYTES)
            # Setting a threshold leaves glibc's trimming at 128 kB: recognition's runs then gave
            # the heap's top back and faulted it in again line after line (a tenth of the CPU).
            libc.mallopt(M_TRIM_THRESHOLD, KEPT_BYTES)


def _libc() -> Any:
    try:
        libc = ctypes.CDLL("libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def detect(gray: np.ndarray) -> list[Box]:
    """Boxes of the text lines on the page, in page pixels, top to bottom."""
    h, w = gray.shape[:2]
    scale = detect_scale(gray)
    small = cv2.resize(gray, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else gray
    detector = engine().text_det  # loaded first: its loading ends by restoring the threshold
    with mapped_buffers(), engine_errors():
        found = detect_lines(detector, cv2.cvtColor(small, cv2.COLOR_GRAY2BGR))
    boxes: list[Box] = []
    for quad in [] if found is None else found:
        xs, ys = quad[:, 0] / scale, quad[:, 1] / scale
        box = (int(xs.min()), int(ys.min()), int(np.ceil(xs.max())), int(np.ceil(ys.max())))
        if box[2] - box[0] >= 4 and box[3] - box[1] >= 4:
            boxes.append(box)
    return sorted(boxes, key=lambda b: (b[1], b[0]))


def detect_lines(detector: Any, image: np.ndarray) -> Any:
    """RapidOCR's TextDetector.__call__, its session run with the arena shrunk after the run.

    The detector's session keeps its buffers in an arena without a memory pattern: within a
    run freed buffers are reused (with a pattern, or without both, each run faulted in 60-190
    thousand fresh pages), and after the run the arena is given back, so the peak stays that
    of one page (the same rows; 0.7 → 0.5 CPU s of detection a page, peak a few MB lower)."""
    shape = image.shape[:2]
    prepared = detector.get_preprocess(max(shape))(image)
    if prepared is None:
        return None
    session = detector.infer.session
    run = ort_run_options()
    preds = session.run(None, {session.get_inputs()[0].name: prepared}, run)[0]
    boxes, _scores = detector.postprocess_op(preds, shape)
    return detector.filter_tag_det_res(boxes, shape)


def ort_run_options() -> Any:
    from onnxruntime import RunOptions

    options = RunOptions()
    options.add_run_config_entry("memory.enable_memory_arena_shrinkage", "cpu:0")
    return options


def detect_scale(gray: np.ndarray) -> float:
    """The page reduced so that its text stands TEXT_PX tall, never larger than DETECT_SIDE allows."""
    from .scan_size import text_height

    most = min(1.0, DETECT_SIDE / min(gray.shape[:2]))
    height = text_height(gray)
    return most if height is None else min(most, TEXT_PX / height)


def cut_at_borders(boxes: list[Box], grids: list[Grid]) -> list[Box]:
    """Cut every line box at the vertical borders drawn across it.

    A piece cut off narrower than a character (a border's own ink, a stroke or a
    speck spilling over it) is dropped, and so is a piece lying over most of a
    wider one (the engine's boxes overlap where one spills across a border)."""
    pieces: list[Box] = []
    for x0, y0, x1, y1 in boxes:
        cy = (y0 + y1) / 2
        borders: list[int] = []
        for grid in grids:
            gx0, gy0, gx1, gy1 = grid.box
            if gy0 <= cy <= gy1:
                borders = [x for x in grid.inner_xs(cy) + [gx0, gx1] if x0 + PAD < x < x1 - PAD]
        edges = [x0] + sorted(borders) + [x1]
        for left, right in zip(edges, edges[1:], strict=False):
            a, b = (left + PAD if left != x0 else left), (right - PAD if right != x1 else right)
            whole = left == x0 and right == x1
            if whole or b - a >= 0.8 * (y1 - y0):
                pieces.append((a, y0, b, y1))
    return [p for p in pieces if not any(_covered(p, other) for other in pieces if other is not p)]


def _covered(piece: Box, other: Box) -> bool:
    """Is most of piece inside a wider piece on the same line?"""
    width = piece[2] - piece[0]
    if other[2] - other[0] <= width:
        return False
    across = min(piece[2], other[2]) - max(piece[0], other[0])
    down = min(piece[3], other[3]) - max(piece[1], other[1])
    return across > 0.6 * width and down > 0.5 * (piece[3] - piece[1])


def recognise(gray: np.ndarray, boxes: list[Box]) -> list[Piece]:
    h, w = gray.shape[:2]
    pieces = []
    with engine_errors():
        for box in boxes:
            x0, y0, x1, y1 = box
            cut = int((y1 - y0) * TRIM)
            crop = gray[max(0, y0 - 1 + cut) : min(h, y1 + 1 - cut), max(0, x0) : min(w, x1)]
            if crop.size:
                text, score = read_line(crop)
                pieces.append(Piece(box, text, score))
    return pieces


def read_line(crop: np.ndarray) -> tuple[str, float]:
    """One line of text, recognised alone at its own width.

    The engine's own batching pads every line of a batch to the widest and to at
    least 320 pixels; a table's cells are mostly short, and on one thread a line
    read alone at its width costs a third of that."""
    rec = engine().text_rec
    _, height, _ = rec.rec_image_shape
    width = max(MIN_REC_WIDTH, min(MAX_REC_WIDTH, int(np.ceil(height * crop.shape[1] / crop.shape[0]))))
    width = -(-width // 8) * 8
    fitted = min(width, int(np.ceil(height * crop.shape[1] / crop.shape[0])))
    line = cv2.resize(crop, (max(1, fitted), height)).astype(np.float32) / 127.5 - 1.0
    batch = np.zeros((1, 3, height, width), dtype=np.float32)
    batch[0, :, :, : line.shape[1]] = line[None, :, :]
    preds = rec.session(batch)[0]
    [(text, score)] = rec.postprocess_op(preds, False, wh_ratio_list=[fitted / height], max_wh_ratio=width / height)
    return str(text), float(score)
