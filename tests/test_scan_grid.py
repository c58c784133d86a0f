"""Ruling lines of a drawn table: deskew, the grid, merged cells as spans."""

from __future__ import annotations

import pytest

np = pytest.importorskip("numpy")
cv2 = pytest.importorskip("cv2")

from PIL import Image  # noqa: E402

from minsheng.documents.readers import scan_grid  # noqa: E402


def _table(skew: float = 0.0) -> object:
    """A 3-column, 4-row table; column 0 is merged over rows 1-3, and column 2 over rows 2-3."""
    page = np.full((1200, 1600), 235, np.uint8)
    xs, ys = [200, 500, 1000, 1400], [200, 300, 450, 600, 750]
    for y in ys:
        cv2.line(page, (xs[0], y), (xs[-1], y), 30, 3)
    for x in xs:
        cv2.line(page, (x, ys[0]), (x, ys[-1]), 30, 3)
    page[ys[1] + 3 : ys[-1] - 2, xs[0] + 3 : xs[1] - 2] = 235  # merged: rows 1-3 of column 0
    page[ys[2] + 3 : ys[-1] - 2, xs[2] + 3 : xs[3] - 2] = 235  # merged: rows 2-3 of column 2
    for y in (250, 380, 520, 680):  # text-like strokes inside the cells
        for x in range(560, 950, 40):
            cv2.rectangle(page, (x, y), (x + 22, y + 20), 40, 2)
    if skew:
        page = scan_grid.rotate(page, skew)
    return page


def test_it_finds_cells_and_spans() -> None:
    [grid] = scan_grid.find_grids(_table())
    spans = {(c.row, c.col): (c.rowspan, c.colspan) for c in grid.cells}
    assert len(grid.xs) == 4 and len(grid.ys) == 5
    assert spans[(1, 0)] == (3, 1)
    assert spans[(2, 2)] == (2, 1)
    assert spans[(1, 1)] == (1, 1) and (2, 0) not in spans


def test_it_straightens_a_turned_page() -> None:
    page = _table(skew=1.5)
    angle = scan_grid.skew_angle(page)
    assert abs(angle + 1.5) < 0.3
    [grid] = scan_grid.find_grids(scan_grid.rotate(page, angle))
    assert len(grid.xs) == 4 and len(grid.ys) == 5


def test_it_finds_no_table_on_a_page_without_lines() -> None:
    page = np.full((800, 1000), 240, np.uint8)
    cv2.putText(page, "no table here", (100, 400), cv2.FONT_HERSHEY_SIMPLEX, 2, 20, 3)
    assert scan_grid.find_grids(page) == []


def test_a_page_without_ink_is_blank_and_one_with_a_line_of_text_is_not() -> None:
    from PIL import ImageDraw, ImageFont

    from minsheng.documents.readers.scan import blank

    from .scanmaker import FONT, ROWS, TITLE, WIDTHS, drawn_table, worn_copy

    rng = np.random.default_rng(2)
    paper = worn_copy(Image.new("L", (1240, 1754), 255), 1.0, rng)  # grey, noisy, unevenly lit
    assert blank(np.asarray(paper))
    printed = worn_copy(drawn_table(TITLE[:1], [], []), 1.0, rng)  # one title line, no table
    assert not blank(np.asarray(printed))
    assert not blank(np.asarray(drawn_table(TITLE, ROWS, WIDTHS)))
    corner = Image.new("L", (1240, 1754), 255)  # the last lines of a table run over onto a page
    ImageDraw.Draw(corner).text((200, 150), "民活动400批次。", fill=0, font=ImageFont.truetype(FONT, 26))
    assert not blank(np.asarray(worn_copy(corner, 1.0, rng)))
