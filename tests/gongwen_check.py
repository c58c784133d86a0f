"""A GB/T 9704-2012 geometry checker for the PDFs and .docx files Minsheng writes.

Reads a PDF with pdfplumber and returns the list of what is wrong (empty when it passes).
A body line's box is one line pitch centred on its characters' em boxes, so the 版心's top
edge is the first line's centre less half a pitch (LibreOffice, like Word, centres text
in a fixed line).
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from typing import Any

import pdfplumber
from docx import Document

from minsheng.gongwen import document as g

MM = 72 / 25.4
TOLERANCE_MM = 1.0
PITCH_MM = g.LINE_PITCH_TWIPS / 20 / MM
PAGE_NUMBER = re.compile(r"^— (\d+) —$")


def _lines(chars: list[dict[str, Any]]) -> dict[float, list[dict[str, Any]]]:
    rows: dict[float, list[dict[str, Any]]] = defaultdict(list)
    for char in chars:
        rows[round(char["top"], 0)].append(char)
    return {top: sorted(row, key=lambda c: c["x0"]) for top, row in sorted(rows.items())}


def _page_number(page: Any) -> tuple[str, list[dict[str, Any]]] | None:
    for row in _lines(page.chars).values():
        text = "".join(c["text"] for c in row).strip()
        if PAGE_NUMBER.match(text):
            return text, row
    return None


def check_page_numbers(pdf: Any) -> list[str]:
    """7.5: "— N —", 4号, 一字线 7 mm below the 版心; odd right / even left, one character in."""
    errors = []
    for n, page in enumerate(pdf.pages, start=1):
        found = _page_number(page)
        if found is None:
            errors.append(f"第{n}页：没有“— {n} —”页码")
            continue
        text, row = found
        portrait = page.width < page.height
        bottom_margin = g.BOTTOM_MARGIN_MM if portrait else g.RIGHT_MARGIN_MM
        right_edge = g.LEFT_MARGIN_MM + g.TEXT_WIDTH_MM if portrait else g.BOTTOM_MARGIN_MM + g.TEXT_HEIGHT_MM
        left_edge = g.LEFT_MARGIN_MM if portrait else g.BOTTOM_MARGIN_MM
        one_char = g.SIZE_4HAO / MM
        if text != f"— {n} —":
            errors.append(f"第{n}页：页码是“{text}”")
        expected_top = page.height / MM - bottom_margin + g.PAGE_NUMBER_GAP_MM
        if abs(row[0]["top"] / MM - expected_top) > TOLERANCE_MM:
            errors.append(f"第{n}页：页码上距版心 {row[0]['top'] / MM - expected_top + 7:.1f} mm，应为 7 mm")
        if n % 2 and abs(row[-1]["x1"] / MM - (right_edge - one_char)) > TOLERANCE_MM:
            errors.append(f"第{n}页：单页码应居右空一字，右边在 {row[-1]['x1'] / MM:.1f} mm")
        if not n % 2 and abs(row[0]["x0"] / MM - (left_edge + one_char)) > TOLERANCE_MM:
            errors.append(f"第{n}页：双页码应居左空一字，左边在 {row[0]['x0'] / MM:.1f} mm")
    return errors


def body_rows(page: Any) -> list[list[dict[str, Any]]]:
    """The 3号 body lines of a page (not the page number, not tables)."""
    chars = [c for c in page.chars if abs(c["size"] - g.SIZE_3HAO) < 0.5]
    return list(_lines(chars).values())


def check_body_page(page: Any, n: int, *, full: bool, head: bool = False) -> list[str]:
    """5.2.2 / 5.2.4: A4, the body's top and left edges, 22 lines on a full page."""
    errors = []
    if abs(page.width / MM - g.PAGE_WIDTH_MM) > 0.5 or abs(page.height / MM - g.PAGE_HEIGHT_MM) > 0.5:
        errors.append(f"第{n}页：纸张 {page.width / MM:.0f}×{page.height / MM:.0f} mm，应为 A4")
    rows = body_rows(page)
    if not rows:
        return errors + [f"第{n}页：没有正文"]
    first = rows[0][0]
    top = (first["top"] + first["bottom"]) / 2 / MM - PITCH_MM / 2
    if not head and abs(top - g.TOP_MARGIN_MM) > TOLERANCE_MM:
        errors.append(f"第{n}页：版心上边 {top:.1f} mm，应为 {g.TOP_MARGIN_MM} mm")
    # A full line (a paragraph's continuation) starts at the 版心's left edge.
    full_rows = [row for row in rows if (row[-1]["x1"] - row[0]["x0"]) / MM > g.TEXT_WIDTH_MM - 5]
    left = min((row[0]["x0"] for row in full_rows), default=g.LEFT_MARGIN_MM * MM) / MM
    if abs(left - g.LEFT_MARGIN_MM) > TOLERANCE_MM:
        errors.append(f"第{n}页：版心左边 {left:.1f} mm，应为 {g.LEFT_MARGIN_MM} mm")
    if full and len(rows) != g.LINES_PER_PAGE:
        errors.append(f"第{n}页：{len(rows)} 行正文，应为 {g.LINES_PER_PAGE} 行")
    return errors


def check_head(page: Any) -> list[str]:
    """7.2.4 the 发文机关标志 in red; 7.2.7 the red 分隔线 as wide as the 版心."""
    errors = []
    biggest = max(page.chars, key=lambda c: c["size"])
    issuer = [c for c in page.chars if c["size"] == biggest["size"]]
    if not all(tuple(c["non_stroking_color"] or ()) in ((1, 0, 0), (1.0, 0.0, 0.0)) for c in issuer):
        errors.append("发文机关标志不是红色")
    issuer_top = issuer[0]["top"] / MM - g.TOP_MARGIN_MM
    if abs(issuer_top - g.ISSUER_TOP_MM) > TOLERANCE_MM:
        errors.append(f"发文机关标志上距版心 {issuer_top:.1f} mm，应为 {g.ISSUER_TOP_MM} mm")
    red = [
        line for line in page.lines + page.rects
        if tuple(line.get("stroking_color") or line.get("non_stroking_color") or ()) in ((1, 0, 0), (1.0, 0.0, 0.0))
    ]
    if not red:
        return errors + ["没有红色分隔线"]
    width = max(line["x1"] - line["x0"] for line in red) / MM
    if abs(width - g.TEXT_WIDTH_MM) > TOLERANCE_MM:
        errors.append(f"红色分隔线宽 {width:.1f} mm，应与版心等宽 {g.TEXT_WIDTH_MM} mm")
    return errors


def check_pdf(data: bytes, *, head: bool) -> list[str]:
    errors: list[str] = []
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        errors += check_page_numbers(pdf)
        portrait = [(n, p) for n, p in enumerate(pdf.pages, start=1) if p.width < p.height]
        for i, (n, page) in enumerate(portrait):
            if body_rows(page) and not page.find_tables():
                # a full page: neither the first (版头) nor the last portrait page, followed by more body
                full = 0 < i < len(portrait) - 1 and bool(body_rows(portrait[i + 1][1]))
                errors += check_body_page(page, n, full=full, head=head and n == 1)
        if head:
            errors += check_head(pdf.pages[0])
        for n, page in enumerate(pdf.pages, start=1):
            if page.width > page.height:
                errors += [f"第{n}页（横排）：{e}" for e in check_landscape(page)]
    return errors


def check_landscape(page: Any) -> list[str]:
    """10.2: a landscape annex page: 297 × 210 mm, the table within the turned 版心."""
    errors = []
    if abs(page.width / MM - g.PAGE_HEIGHT_MM) > 0.5 or abs(page.height / MM - g.PAGE_WIDTH_MM) > 0.5:
        errors.append("纸张不是横排 A4")
    rules = [line for line in page.lines if line["x1"] - line["x0"] > 100 * MM]
    if rules:
        width = max(line["x1"] - line["x0"] for line in rules) / MM
        if width > g.TEXT_HEIGHT_MM + TOLERANCE_MM:
            errors.append(f"表格宽 {width:.1f} mm，超出版心 {g.TEXT_HEIGHT_MM} mm")
    return errors


def check_docx(data: bytes) -> list[str]:
    """Section geometry (5.2.1, 5.2.2) and annexed tables whose column widths differ by content."""
    errors = []
    doc = Document(io.BytesIO(data))
    for i, section in enumerate(doc.sections, start=1):
        size = (round(section.page_width.mm), round(section.page_height.mm))
        if size == (g.PAGE_WIDTH_MM, g.PAGE_HEIGHT_MM):
            margins = (section.top_margin.mm, section.left_margin.mm)
            expected = (g.TOP_MARGIN_MM, g.LEFT_MARGIN_MM)
        elif size == (g.PAGE_HEIGHT_MM, g.PAGE_WIDTH_MM):
            margins = (section.top_margin.mm, section.left_margin.mm)
            expected = (g.LEFT_MARGIN_MM, g.BOTTOM_MARGIN_MM)
        else:
            errors.append(f"第{i}节：纸张 {size}，应为 A4")
            continue
        if any(abs(a - b) > TOLERANCE_MM for a, b in zip(margins, expected, strict=True)):
            errors.append(f"第{i}节：页边距 {margins}，应为 {expected}")
    for t, table in enumerate(doc.tables, start=1):
        widths = [int(col.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}w")) for col in
                  table._tbl.tblGrid.iterchildren()]
        if len(set(widths)) < 2:
            errors.append(f"第{t}个表格：各列等宽")
        headers = [c.text for c in table.rows[0].cells]
        if "序号" in headers and widths[headers.index("序号")] != min(widths):
            errors.append(f"第{t}个表格：序号列不是最窄")
        for wide in ("项目概况", "任务内容"):
            if wide in headers and widths[headers.index(wide)] != max(widths):
                errors.append(f"第{t}个表格：{wide}列不是最宽")
    return errors
