"""Scanned PDFs and photos of a plan: recognise the text, rebuild the table, read it like the others.

Each page is straightened, its ruled tables are cut into cells (scan_grid),
its text is recognised (scan_ocr) and repaired (scan_repair), and each piece of
text goes to the cell under it; text outside the tables is the body (title,
通知, 附件 line). The pages then become the same Document a text-layer PDF
gives, joined the same way: a table running over several pages is one table,
and a row cut at the page end is joined back (helpers shared with readers/pdf.py).

Recognition is an optional extra (requirements/ocr.in, `make ocr`); without it a
scan gets a clear message saying what to install.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import DocumentError
from ..parsed import Document, ReadWarning
from .split_rows import PageTables

if TYPE_CHECKING:  # OpenCV and the engine are an optional extra: imported only when reading a scan
    import numpy as np

    from .scan_grid import Grid
    from .scan_ocr import Piece

INSTALL_HINT = "文字识别组件未安装（在服务器上运行 make ocr 安装 RapidOCR 和 OpenCV）"
NO_TEXT_LAYER = "PDF 没有文字层（可能是扫描件）"
MIN_SCORE = 0.5  # below this the engine is guessing: the piece is left out
# A page is read only if it holds at least this many marks the size of a character or part of
# one (6-150 px at the working 200 dpi, much darker than the paper around them), off the page's
# edges and not on a long straight line: a blank sheet's noise, dust, punch holes, folds, a
# scanner's dark edge, a photo's desk and an empty ruled form have none or one; three printed
# characters have four, a printed page hundreds (the shared scan's sparest page 702). Below it
# the recognition models are neither loaded nor run.
MIN_MARKS = 3
MARK_PX = (6, 150)
LINE_PX = 80  # a straight run of ink this long is a rule or a fold, not a stroke
EDGE = 0.02  # the margin, as a share of the long side, where scanner edges and desk remnants lie
UNSURE = 0.8  # a cell read with less confidence is marked for the clerk to check


@dataclass
class PageTable:
    """One ruled table of one page, as rows of cell text (None where a merged cell covers)."""

    rows: list[list[str | None]]
    above: list[str]
    scores: dict[tuple[int, int], float] = field(default_factory=dict)


@dataclass
class Page:
    tables: list[PageTable]
    body: list[str]  # every line outside the tables, top to bottom
    pieces: int = 0


def ocr_available() -> bool:
    from .scan_ocr import available

    return available()


def require_ocr(name: str, what: str) -> None:
    if not ocr_available():
        raise DocumentError(f"{what}，需要文字识别；{INSTALL_HINT}，或提供 Word/Excel 原件", name)


def read_scan_pdf(path: Path) -> Document:
    require_ocr(path.name, NO_TEXT_LAYER)
    from .scan_image import pdf_pages

    return _read(pdf_pages(path), path.name, NO_TEXT_LAYER)


def read_image(path: Path) -> Document:
    require_ocr(path.name, "图片文件")
    from .scan_image import image_pages

    return _read(image_pages(path), path.name, "图片")


def _read(pages: Iterable[np.ndarray], name: str, kind: str) -> Document:
    from .scan_ocr import RecognitionFailed, failure

    try:
        read = [read_page(gray) for gray in pages]
    except RecognitionFailed as exc:
        raise DocumentError(exc.message, name) from exc
    except Exception as exc:  # out of memory in a page's own arrays (numpy, OpenCV) is not the file's fault
        if not failure(exc).out_of_memory:
            raise
        raise DocumentError(failure(exc).message, name) from exc
    if not any(page.pieces for page in read):
        raise DocumentError(
            f"{kind}：文字识别没有读到任何文字（空白页或图像太模糊；字迹少于 {MIN_MARKS} 处的页视为空白页）", name
        )
    return assemble(read, name)


def read_page(gray: np.ndarray) -> Page:
    from . import scan_grid, scan_ocr, scan_photo
    from .scan_repair import repair

    gray = scan_photo.unwarp(gray)  # a phone photo: the page cut out and its perspective undone
    if blank(gray):
        return Page(tables=[], body=[])  # nothing printed: the models are not loaded or run
    gray = scan_grid.rotate(scan_grid.flatten(gray), scan_grid.skew_angle(gray))
    grids = scan_grid.find_grids(gray)
    pieces = scan_ocr.recognise(gray, scan_ocr.cut_at_borders(scan_ocr.detect(gray), grids))
    pieces = [p for p in pieces if p.score >= MIN_SCORE]
    for piece in pieces:
        piece.text = repair(piece.text)
    pieces = [p for p in pieces if p.text]
    tables: list[PageTable] = []
    placed: set[int] = set()
    top = 0
    for grid in grids:
        by_cell: dict[tuple[int, int], list[Piece]] = {}
        for i, piece in enumerate(pieces):
            x, y = (piece.box[0] + piece.box[2]) / 2, piece.cy
            cell = grid.cell_at(x, y)
            if cell is not None:
                by_cell.setdefault((cell.row, cell.col), []).append(piece)
                placed.add(i)
        above = [p for i, p in enumerate(pieces) if i not in placed and top <= p.cy < grid.ys[0]]
        top = grid.ys[-1]
        tables.append(_page_table(grid, by_cell, lines(above)))
    body = paragraphs([p for i, p in enumerate(pieces) if i not in placed])
    return Page(tables=tables, body=body, pieces=len(pieces))


def blank(gray: np.ndarray) -> bool:
    """A page without print: fewer than MIN_MARKS character-sized marks much darker than the paper.

    Sensor noise is not dark enough, specks too small; a fold, a scanner's edge or a ruled
    line too long; a punch hole too solid; anything at the page's edge is left out."""
    return marks(gray) < MIN_MARKS


def marks(gray: np.ndarray) -> int:
    import cv2
    import numpy as np

    # The paper around each pixel: the brightest within about 100 px (on a quarter-size copy).
    height, width = gray.shape[:2]
    small = cv2.resize(gray, (max(1, width // 4), max(1, height // 4)), interpolation=cv2.INTER_AREA)
    paper = cv2.dilate(small, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 25)))
    depth = cv2.subtract(cv2.resize(paper, (width, height), interpolation=cv2.INTER_LINEAR), gray)
    ink = (depth > 60).astype(np.uint8)
    faint = (depth > 30).astype(np.uint8)  # a fold or a rule, unbroken by noise at this depth
    across, down = (cv2.getStructuringElement(cv2.MORPH_RECT, size) for size in ((LINE_PX, 1), (1, LINE_PX)))
    ruled = cv2.max(cv2.morphologyEx(faint, cv2.MORPH_OPEN, across), cv2.morphologyEx(faint, cv2.MORPH_OPEN, down))
    ink[cv2.dilate(ruled, cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5))) > 0] = 0
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    x, y, w, h, area = (stats[1:, i] for i in range(5))
    side = np.maximum(w, h)
    sized = (side >= MARK_PX[0]) & (side <= MARK_PX[1])
    solid = (area > 0.7 * w * h) & (np.minimum(w, h) > 20)
    m = int(EDGE * max(height, width))
    inside = (x > m) & (y > m) & (x + w < width - m) & (y + h < height - m)
    return int(np.count_nonzero(sized & ~solid & inside))


def _page_table(grid: Grid, by_cell: dict[tuple[int, int], list[Piece]], above: list[str]) -> PageTable:
    from .scan_repair import repair_cell

    n_rows, n_cols = len(grid.ys) - 1, len(grid.xs) - 1
    rows: list[list[str | None]] = [[None] * n_cols for _ in range(n_rows)]
    scores: dict[tuple[int, int], float] = {}
    for cell in grid.cells:
        found = by_cell.get((cell.row, cell.col), [])
        rows[cell.row][cell.col] = repair_cell("\n".join(lines(found)))
        if found:
            scores[(cell.row, cell.col)] = min(p.score for p in found)
    # Grid rows that hold no cell's top-left (a band inside merged cells only) are dropped.
    keep = [r for r in range(n_rows) if any(text is not None for text in rows[r])]
    scores = {(keep.index(r), c): s for (r, c), s in scores.items()}
    return PageTable(rows=[rows[r] for r in keep], above=above, scores=scores)


def lines(pieces: list[Piece]) -> list[str]:
    """Pieces grouped into printed lines (close centres), each read left to right."""
    from .scan_repair import repair_cell

    return [repair_cell(_join(sorted(group, key=lambda p: p.box[0]))) for group in _line_groups(pieces)]


def paragraphs(pieces: list[Piece]) -> list[str]:
    """The body's printed lines joined back into paragraphs by where they stand on the page.

    A line that runs to the right edge of the text continues on the next line unless
    that one is indented (a new paragraph's first line) or set apart by a wider gap;
    a line that stops short ends its paragraph. Centred titles stop short of the edge."""
    groups = _line_groups(pieces)
    if not groups:
        return []
    left = min(min(p.box[0] for p in g) for g in groups)
    right = max(max(p.box[2] for p in g) for g in groups)
    out: list[str] = []
    previous: list[Piece] | None = None
    for group in groups:
        text = _join(sorted(group, key=lambda p: p.box[0]))
        if previous is not None and out and _continues(previous, group, left, right):
            out[-1] += text
        else:
            out.append(text)
        previous = group
    from .scan_repair import repair_cell

    return [repair_cell(text) for text in out]


def _continues(above: list[Piece], below: list[Piece], left: int, right: int) -> bool:
    size = sorted(p.height for p in above + below)[len(above + below) // 2]
    full = max(p.box[2] for p in above) >= right - 1.5 * size
    indented = min(p.box[0] for p in below) >= left + 1.2 * size
    gap = min(p.box[1] for p in below) - max(p.box[3] for p in above)
    return full and not indented and gap < 1.2 * size


def _line_groups(pieces: list[Piece]) -> list[list[Piece]]:
    found = sorted(pieces, key=lambda p: p.cy)
    groups: list[list[Piece]] = []
    for piece in found:
        if groups and abs(piece.cy - groups[-1][-1].cy) < 0.5 * max(piece.height, groups[-1][-1].height):
            groups[-1].append(piece)
        else:
            groups.append([piece])
    return groups


def _join(group: list[Piece]) -> str:
    text = ""
    for piece in group:
        part = piece.text
        if text and re.match(r"[A-Za-z0-9]", part) and re.search(r"[A-Za-z0-9]$", text):
            text += " "
        text += part
    return text


def assemble(pages: list[Page], name: str) -> Document:
    """The pages' tables as one Document, joined across pages as readers/pdf.py joins them."""
    gathered = PageTables(name)
    for number, page in enumerate(pages, start=1):
        gathered.paragraphs.extend(page.body)
        for table in page.tables:
            gathered.start(table.above, len(table.rows[0]) if table.rows else 0)
            _add_scanned(gathered, table, number)
    gathered.flush()
    return Document(name=name, tables=gathered.tables, paragraphs=gathered.paragraphs)


def _add_scanned(gathered: PageTables, table: PageTable, number: int) -> None:
    """A recognised table's rows added to the open table, with their recognition scores."""
    from .scan_repair import repair_cell

    page_rows = [list(r) for r in table.rows]
    if gathered.rows and page_rows and _read_alike(page_rows[0], gathered.rows[0]):
        page_rows[0] = list(gathered.rows[0])  # the header printed again, read a little differently
    printed, before = list(page_rows), len(gathered.rows)
    if gathered.extend(page_rows, number):  # a row cut at the page end, joined: its cells repaired whole
        gathered.rows[before - 1] = [text if text is None else repair_cell(text) for text in gathered.rows[before - 1]]
    for (r, c), score in table.scores.items():  # a row joined to the one above scores there
        at = next((i for i, row in enumerate(page_rows) if row is printed[r]), None)
        key = (before + at if at is not None else before - 1, c)
        gathered.scores[key] = min(score, gathered.scores.get(key, 1.0))


def _read_alike(a: list[str | None], b: list[str | None]) -> bool:
    """Two rows whose recognised text differs only by a character or two (noise read as text)."""
    if len(a) != len(b):
        return False
    left, right = ("".join("".join((x or "").split()) for x in row) for row in (a, b))
    return len(left) >= 4 and difflib.SequenceMatcher(None, left, right).ratio() >= 0.85


def unsure_warnings(document: Document, below: float = UNSURE) -> list[ReadWarning]:
    """One warning per cell the engine read with little confidence, where the clerk can find it."""
    found = []
    for table in document.tables:
        texts = {(cell.row, cell.col): cell.text for cell in table.cells}
        for (r, c), score in sorted(table.scores.items()):
            text = (texts.get((r, c)) or "").replace("\n", "")
            if score < below and text:
                shown = text if len(text) <= 20 else text[:20] + "…"
                message = f"文字识别把握不大（{score:.0%}），请对照原件核对：“{shown}”"
                found.append(ReadWarning(message, table.locate(r, c)))
    return found
