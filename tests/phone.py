"""What a page must be on a phone (390 px), asked by the browser tests of pages that stack as cards."""

from __future__ import annotations

from pathlib import Path
from typing import Any

PHONE = {"width": 390, "height": 844}
SHOTS = Path("/tmp/minsheng-phone")
# the innermost elements reaching past the screen's right edge, for the failure message
WIDER_THAN_THE_SCREEN = """(w) => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > w && ![...e.children].some(c => c.getBoundingClientRect().right > w))
  .map(e => e.tagName + ' ' + (e.textContent || '').trim().slice(0, 30) + ' '
    + Math.round(e.getBoundingClientRect().right)).slice(0, 5)"""


def assert_fits_the_phone(page: Any, cells: Any, shot: str) -> None:
    """Every one of `cells` inside the screen, and the page no wider than it (a screenshot kept)."""
    for i in range(cells.count()):
        box = cells.nth(i).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / shot), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(WIDER_THAN_THE_SCREEN, PHONE["width"])
    assert width <= PHONE["width"], f"{shot}: the page is {width}px wide on a phone: {wide}"
