"""How tall a page's printed text is, from a cheap look at a reduced copy.

The detector reads a line best when its text stands a certain number of pixels
tall on its input, whatever the page's resolution or font. Measuring the text
first lets a page of large print (a photo taken close, a title page, 三号 prose)
be detected on a smaller image, which is what sets detection's memory and time.
"""

from __future__ import annotations

import cv2
import numpy as np

from .scan_grid import _open, binarize

REDUCE = 2  # the estimate runs on a copy this many times smaller each way
JOIN = 3  # pixels (on the copy) bridged along a line so that a line's characters are one mark
LINE_SHARE = 1 / 15  # an ink run this share of the side is a ruling line, not text


def text_height(gray: np.ndarray) -> float | None:
    """The median height in page pixels of the printed lines' marks, or None without text.

    Ruling lines are taken out first; characters close along a line are joined, so a
    character split into parts (radicals, 、 beside a word) counts at the line's height."""
    h, w = gray.shape[:2]
    small = cv2.resize(gray, (max(1, w // REDUCE), max(1, h // REDUCE)), interpolation=cv2.INTER_AREA)
    ink = binarize(small)
    sh, sw = ink.shape
    ruled = cv2.max(_open(ink, int(sw * LINE_SHARE), 1), _open(ink, 1, int(sh * LINE_SHARE)))
    ink = cv2.subtract(ink, cv2.dilate(ruled, np.ones((3, 3), np.uint8)))  # with the lines' blurred edges
    ink = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (2 * JOIN + 1, 1)))
    _, _, stats, _ = cv2.connectedComponentsWithStats(ink, connectivity=8)
    widths, heights = stats[1:, cv2.CC_STAT_WIDTH], stats[1:, cv2.CC_STAT_HEIGHT]
    lines = heights[(heights >= 3) & (heights <= sh / 10) & (widths >= heights)]
    if len(lines) < 3:
        return None
    return float(np.median(lines)) * REDUCE
