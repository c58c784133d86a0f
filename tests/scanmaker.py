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


def scan_pdf(pdf: Path, out: Path, **options: float) -> Path:
    """An image-only PDF of the pages, as a scanner writes it."""
    pages = scanned_pages(pdf, **options)  # type: ignore[arg-type]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=200)
    out.write_bytes(buffer.getvalue())
    return out


FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"


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
