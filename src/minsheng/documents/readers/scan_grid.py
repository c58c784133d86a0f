"""Ruling lines of a scanned page: straighten it, then cut its tables into cells.

Works on a grey image (numpy, 0 = black). The page is turned so that its long
horizontal lines lie flat (deskew), then the lines are picked out by OpenCV
morphology: an opening with a long thin kernel keeps ruling lines and drops
the strokes of characters, which are never that long. Every distinct line
position gives a grid boundary; between two neighbouring places of the grid a
missing stretch of line means one merged cell (a row or column span).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import cv2
import numpy as np

# A ruling line is at least this share of the page side; a character stroke is shorter.
LONG_LINE = 1 / 50
# Share of a border stretch that must be inked for the border to count as drawn. Text never
# leaves anything in the line masks, so a hairline broken up by the scan still counts.
DRAWN = 0.35
MAX_SKEW_DEGREES = 8.0

Box = tuple[int, int, int, int]  # x0, y0, x1, y1


@dataclass
class GridCell:
    row: int
    col: int
    rowspan: int
    colspan: int
    box: Box


@dataclass
class Grid:
    """One ruled table: its boundaries and its cells (merged ones with spans)."""

    xs: list[int]
    ys: list[int]
    cells: list[GridCell] = field(default_factory=list)

    @property
    def box(self) -> Box:
        return self.xs[0], self.ys[0], self.xs[-1], self.ys[-1]

    def cell_at(self, x: float, y: float) -> GridCell | None:
        col = _band(self.xs, x)
        row = _band(self.ys, y)
        if col is None or row is None:
            return None
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.rowspan and cell.col <= col < cell.col + cell.colspan:
                return cell
        return None

    def inner_xs(self, row_y: float) -> list[int]:
        """The vertical borders drawn across the row band at height row_y (where text must be cut)."""
        row = _band(self.ys, row_y)
        if row is None:
            return []
        found = []
        for cell in self.cells:
            if cell.row <= row < cell.row + cell.rowspan and cell.col > 0:
                found.append(self.xs[cell.col])
        return sorted(found)


def _band(bounds: list[int], value: float) -> int | None:
    for i in range(len(bounds) - 1):
        if bounds[i] <= value < bounds[i + 1]:
            return i
    return None


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0, robust to grey paper and uneven light."""
    blurred = cv2.GaussianBlur(gray, (3, 3), 0)
    return cv2.adaptiveThreshold(blurred, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 8)


def _open(ink: np.ndarray, width: int, height: int) -> np.ndarray:
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(1, width), max(1, height)))
    return cv2.morphologyEx(ink, cv2.MORPH_OPEN, kernel)


def skew_angle(gray: np.ndarray) -> float:
    """Degrees to turn the page by so that its long horizontal lines lie flat (0 when none)."""
    ink = binarize(gray)
    w = gray.shape[1]
    # A short kernel still finds a line turned by a few degrees (its runs stay long enough).
    lines = _open(ink, max(20, int(w * LONG_LINE)), 1)
    lines = cv2.dilate(lines, cv2.getStructuringElement(cv2.MORPH_RECT, (9, 3)))
    count, labels, stats, _ = cv2.connectedComponentsWithStats(lines)
    angles: list[tuple[float, float]] = []
    for label in range(1, count):
        x, y, cw, ch, _area = stats[label]
        if cw < w / 5:
            continue
        ys, xs = np.nonzero(labels[y : y + ch, x : x + cw] == label)
        slope, _ = np.polyfit(xs.astype(float), ys.astype(float), 1)
        angles.append((float(np.degrees(np.arctan(slope))), float(cw)))
    if not angles:
        return 0.0
    angles.sort()
    total = sum(weight for _, weight in angles)
    running = 0.0
    for angle, weight in angles:  # weighted median: long lines count most
        running += weight
        if running >= total / 2:
            return angle if abs(angle) <= MAX_SKEW_DEGREES else 0.0
    return 0.0


def flatten(gray: np.ndarray) -> np.ndarray:
    """Paper to white, ink to black: divide by the background (the page with its text closed over).

    Grey paper, uneven light and a faint print all come out alike; small marks such
    as 、 keep their contrast for the recognition."""
    background = cv2.morphologyEx(gray, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (25, 25)))
    background = cv2.medianBlur(background, 5)
    flat = cv2.divide(gray, background, scale=255)
    low = float(np.percentile(flat, 0.5))
    if low >= 250:  # nothing printed
        return flat
    return cv2.convertScaleAbs(flat, alpha=255 / (255 - low), beta=-low * 255 / (255 - low))


def rotate(gray: np.ndarray, degrees: float) -> np.ndarray:
    if abs(degrees) < 0.05:
        return gray
    h, w = gray.shape[:2]
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), degrees, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def find_grids(gray: np.ndarray) -> list[Grid]:
    """Every ruled table on a straightened page, top to bottom."""
    ink = binarize(gray)
    h, w = gray.shape[:2]
    checks = (_open(ink, int(w * LONG_LINE), 1), _open(ink, 1, int(h * LONG_LINE)))
    # Bridge the small gaps left by noise and thin print before looking for tables.
    horizontal = cv2.dilate(checks[0], cv2.getStructuringElement(cv2.MORPH_RECT, (5, 3)))
    vertical = cv2.dilate(checks[1], cv2.getStructuringElement(cv2.MORPH_RECT, (3, 5)))
    both = cv2.bitwise_or(horizontal, vertical)
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(both)
    grids = []
    for label in range(1, count):
        x, y, cw, ch, _area = stats[label]
        if cw < w / 4 or ch < h / 20:
            continue
        area = (slice(y, y + ch), slice(x, x + cw))
        grid = _grid((horizontal[area], vertical[area]), (checks[0][area], checks[1][area]), (x, y), h)
        if grid is not None:
            grids.append(grid)
    return sorted(grids, key=lambda g: g.ys[0])


def _positions(mask: np.ndarray, axis: int, min_length: int) -> list[int]:
    """Centres of the line segments in a mask (axis 0: horizontal lines -> their y)."""
    count, _labels, stats, centroids = cv2.connectedComponentsWithStats(mask)
    found = []
    for label in range(1, count):
        length = stats[label][cv2.CC_STAT_WIDTH] if axis == 0 else stats[label][cv2.CC_STAT_HEIGHT]
        if length >= min_length:
            found.append(int(round(centroids[label][1 if axis == 0 else 0])))
    return _cluster(sorted(found))


def _cluster(values: list[int], gap: int = 6) -> list[int]:
    groups: list[list[int]] = []
    for value in values:
        if groups and value - groups[-1][-1] <= gap:
            groups[-1].append(value)
        else:
            groups.append([value])
    return [int(round(sum(g) / len(g))) for g in groups]


Masks = tuple[np.ndarray, np.ndarray]  # horizontal, vertical


def _grid(lines: Masks, checks: Masks, origin: tuple[int, int], page_height: int) -> Grid | None:
    ch, cw = lines[0].shape
    ys = _positions(lines[0], 0, max(10, cw // 30))
    # A column border runs down at least two or three lines of text; a character's stroke does not.
    xs = _positions(lines[1], 1, max(10, page_height // 20))
    if len(ys) < 2 or len(xs) < 2:
        return None
    cells = _cells(checks[0], checks[1], xs, ys)
    ox, oy = origin
    grid = Grid(xs=[x + ox for x in xs], ys=[y + oy for y in ys])
    for row, col, rowspan, colspan in cells:
        box = (grid.xs[col], grid.ys[row], grid.xs[col + colspan], grid.ys[row + rowspan])
        grid.cells.append(GridCell(row, col, rowspan, colspan, box))
    return grid


def _drawn(mask: np.ndarray, fixed: int, start: int, stop: int, along_x: bool) -> bool:
    """Is the border at `fixed` drawn from start to stop (ignoring its ends, where lines cross)?"""
    margin = max(2, (stop - start) // 8)
    lo, hi = start + margin, stop - margin
    if hi <= lo:
        return True
    best = 0.0
    for at in range(max(1, fixed - 4), fixed + 5):  # the line may sit a few pixels off its cluster
        band = slice(at - 1, at + 2)
        strip = mask[band, lo:hi] if along_x else mask[lo:hi, band]
        best = max(best, float((strip.max(axis=0 if along_x else 1) > 0).mean()))
    return best >= DRAWN


def _cells(
    horizontal: np.ndarray, vertical: np.ndarray, xs: list[int], ys: list[int]
) -> list[tuple[int, int, int, int]]:
    """Base places of the grid joined where no border separates them: (row, col, rowspan, colspan)."""
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    parent = list(range(n_rows * n_cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(n_rows):
        for c in range(n_cols):
            here = r * n_cols + c
            if c + 1 < n_cols and not _drawn(vertical, xs[c + 1], ys[r], ys[r + 1], along_x=False):
                parent[find(here)] = find(here + 1)
            if r + 1 < n_rows and not _drawn(horizontal, ys[r + 1], xs[c], xs[c + 1], along_x=True):
                parent[find(here)] = find(here + n_cols)
    spans: dict[int, list[int]] = {}
    for r in range(n_rows):
        for c in range(n_cols):
            root = find(r * n_cols + c)
            box = spans.setdefault(root, [r, c, r, c])
            box[0], box[1] = min(box[0], r), min(box[1], c)
            box[2], box[3] = max(box[2], r), max(box[3], c)
    return sorted((r0, c0, r1 - r0 + 1, c1 - c0 + 1) for r0, c0, r1, c1 in spans.values())
