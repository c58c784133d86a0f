"""A phone photo of a printed page: the page cut out of its background and its perspective undone.

The sheet of paper is the largest bright region of the photo. When its outline
is a quadrilateral (the four edges of the page are in the picture), the page is
warped to a rectangle with OpenCV's getPerspectiveTransform: lines that ran
together towards the far edge are parallel again, and the ruled grid can be
found as on a scan. A scan (the page fills the image) or a photo whose page
edges are cut off is returned as it is: deskew then handles a slight turn.
"""

from __future__ import annotations

import cv2
import numpy as np

MIN_PAGE = 0.2  # the page covers at least this share of the photo
FILLS_IMAGE = 0.9  # a page covering this much is a scan: nothing to undo
MIN_CONTRAST = 40  # grey levels between the paper and what lies around it
WORK = 1000  # the outline is found on the photo reduced to this long side


def page_corners(gray: np.ndarray) -> np.ndarray | None:
    """The page's four corners (top-left, top-right, bottom-right, bottom-left), or None."""
    h, w = gray.shape[:2]
    scale = min(1.0, WORK / max(h, w))
    small = cv2.resize(gray, (int(w * scale), int(h * scale)), interpolation=cv2.INTER_AREA) if scale < 1 else gray
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    _, bright = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    bright = cv2.morphologyEx(bright, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))  # text holes closed
    contours, _ = cv2.findContours(bright, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    page = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(page) / float(small.shape[0] * small.shape[1])
    if not MIN_PAGE <= area <= FILLS_IMAGE:
        return None
    if not _stands_out(blurred, page):
        return None
    outline = cv2.approxPolyDP(page, 0.02 * cv2.arcLength(page, True), True)
    if len(outline) != 4 or not cv2.isContourConvex(outline):
        return None
    return _ordered(outline.reshape(4, 2).astype(np.float32) / scale)


def _stands_out(gray: np.ndarray, page: np.ndarray) -> bool:
    """Paper on a desk is much brighter than the desk; Otsu on an evenly lit blank sheet only
    splits its lighter half from its darker half."""
    inside = np.zeros(gray.shape, np.uint8)
    cv2.drawContours(inside, [page], -1, 255, thickness=cv2.FILLED)
    paper, desk = cv2.mean(gray, mask=inside)[0], cv2.mean(gray, mask=255 - inside)[0]
    return bool(paper - desk >= MIN_CONTRAST)


def _ordered(points: np.ndarray) -> np.ndarray:
    sums, diffs = points.sum(axis=1), np.diff(points, axis=1).ravel()
    return np.array(
        [points[np.argmin(sums)], points[np.argmin(diffs)], points[np.argmax(sums)], points[np.argmax(diffs)]],
        dtype=np.float32,
    )


def unwarp(gray: np.ndarray) -> np.ndarray:
    """The page of a photo as if scanned flat; any other image unchanged."""
    corners = page_corners(gray)
    if corners is None:
        return gray
    tl, tr, br, bl = corners
    across = float(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    down = float(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    grow = max(gray.shape[:2]) / max(across, down)  # the page at the photo's working size
    width, height = int(across * grow), int(down * grow)
    target = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(corners, target)
    return cv2.warpPerspective(gray, matrix, (width, height), flags=cv2.INTER_CUBIC, borderValue=255)
