"""Make scans the way an office does: print a text-layer PDF, scan it turned, on grey paper, with noise.

Used by the scan tests and bench/scan_bench.py; nothing here knows any document."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image


def scanned_pages(pdf: Path, degrees: float = 1.2, dpi: int = 200, seed: int = 7) -> list[Image.Image]:
    rng = np.random.default_rng(seed)
    document = pdfium.PdfDocument(str(pdf))
    pages = []
    try:
        for number, page in enumerate(document):
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            pages.append(worn_copy(image, degrees if number % 2 == 0 else -degrees * 0.7, rng))
    finally:
        document.close()
    return pages


def worn_copy(image: Image.Image, turn: float, rng: np.random.Generator) -> Image.Image:
    """The page as a scanner gives it back: turned, grey paper and ink, noise, uneven light."""
    image = image.rotate(turn, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
    pixels = np.asarray(image, dtype=np.float32)
    pixels = 60 + pixels * (175 / 255)  # grey paper, grey ink
    pixels += rng.normal(0, 9, pixels.shape)  # sensor noise
    pixels += np.linspace(-8, 8, pixels.shape[1])[None, :]  # uneven light
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")


def printed_text(paragraphs: list[str], per_line: int = 34, degrees: float = 0.8) -> list[Image.Image]:
    """Text without a table printed as an office prints it (A4 at 150 dpi), then scanned.

    Every paragraph starts indented by two characters and fills lines `per_line` characters wide."""
    from PIL import ImageDraw, ImageFont

    font, size, step = ImageFont.truetype(FONT, 26), 26, 46
    lines: list[tuple[int, str]] = []
    for paragraph in (p.strip() for p in paragraphs):
        text, indent = paragraph, 2
        while text:  # as a typesetter fills a line: as many characters as its width holds
            room = 1
            while room < len(text) and font.getlength(text[: room + 1]) <= (per_line - indent) * size:
                room += 1
            lines.append((indent, text[:room]))
            text, indent = text[room:], 0
    rng, pages = np.random.default_rng(3), []
    per_page = (1754 - 240) // step
    for start in range(0, len(lines), per_page):
        page = Image.new("L", (1240, 1754), 255)
        draw = ImageDraw.Draw(page)
        for row, (indent, line) in enumerate(lines[start : start + per_page]):
            draw.text((180 + indent * size, 120 + row * step), line, fill=0, font=font)
        pages.append(worn_copy(page, degrees, rng))
    return pages


def photographed(page: Image.Image, seed: int = 11) -> Image.Image:
    """The page photographed on a desk from a little to one side: the page is a trapezium on a
    darker, uneven background, lit unevenly, with sensor noise."""
    import cv2

    rng = np.random.default_rng(seed)
    w, h = 2400, 3000
    desk = 95 + rng.normal(0, 12, (h, w)).astype(np.float32)
    desk = cv2.GaussianBlur(desk, (0, 0), 6)
    source = np.float32([[0, 0], [page.width, 0], [page.width, page.height], [0, page.height]])
    corners = np.float32([[430, 330], [1990, 400], [2130, 2760], [290, 2640]])
    matrix = cv2.getPerspectiveTransform(source, corners)
    paper = cv2.warpPerspective(np.asarray(page, dtype=np.float32) * 0.85 + 25, matrix, (w, h))
    inside = cv2.warpPerspective(np.ones((page.height, page.width), np.float32), matrix, (w, h))
    pixels = desk * (1 - inside) + paper * inside
    pixels *= np.linspace(0.85, 1.05, w)[None, :]  # light from one side
    pixels += rng.normal(0, 5, pixels.shape)
    return Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L")


def scan_pdf(pdf: Path, out: Path, **options: float) -> Path:
    """An image-only PDF of the pages, as a scanner writes it."""
    pages = scanned_pages(pdf, **options)  # type: ignore[arg-type]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=200)
    out.write_bytes(buffer.getvalue())
    return out


FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
# A small plan drawn as a one-page table (drawn_table): its title lines, rows and column widths.
TITLE = ["溧阳市人民政府办公室", "2026年溧阳市民生实事项目任务分解表"]
ROWS = [
    ["序号", "项目名称", "主要内容", "完成时间", "牵头单位"],
    ["1", "停车便利工程", "新建公共停车泊位800个", "2026年12月", "市城管局"],
    ["2", "老旧小区改造", "改造老旧小区12个", "2026年10月", "市住建局"],
    ["3", "托育服务", "新增普惠托位300个", "2026年11月", "市卫健委"],
]
WIDTHS = [90, 220, 380, 170, 170]


def drawn_table(
    lines: list[str], rows: list[list[str]], widths: list[int], worn: tuple[int, int] | None = None, wear: float = 0.7
) -> Image.Image:
    """A printed page drawn directly: title lines, then a ruled table of one-line cells (A4 at 150 dpi).

    In the cell at `worn` (row, col) a share `wear` of the ink is gone, as on a worn copy
    or a dry toner cartridge: the recognition reads it with little confidence."""
    from PIL import ImageDraw, ImageFont

    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    font, title = ImageFont.truetype(FONT, 26), ImageFont.truetype(FONT, 34)
    y = 120
    for line in lines:
        draw.text((620, y), line, fill=0, font=title, anchor="mt")
        y += 70
    top, height, left = y + 30, 64, (1240 - sum(widths)) // 2
    xs = [left + sum(widths[:i]) for i in range(len(widths) + 1)]
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            draw.text((xs[c] + 10, top + r * height + 18), text, fill=0, font=font)
    pixels = np.asarray(page).copy()
    if worn is not None:
        r, c = worn
        band = pixels[top + r * height + 14 : top + (r + 1) * height - 12, xs[c] + 8 : xs[c + 1] - 4]
        band[np.random.default_rng(1).random(band.shape) < wear] = 255
    page = Image.fromarray(pixels)
    draw = ImageDraw.Draw(page)
    for r in range(len(rows) + 1):
        draw.line([(xs[0], top + r * height), (xs[-1], top + r * height)], fill=0, width=2)
    for x in xs:
        draw.line([(x, top), (x, top + len(rows) * height)], fill=0, width=2)
    return page
