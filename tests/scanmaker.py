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
            turn = degrees if number % 2 == 0 else -degrees * 0.7
            image = image.rotate(turn, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=255)
            pixels = np.asarray(image, dtype=np.float32)
            pixels = 60 + pixels * (175 / 255)  # grey paper, grey ink
            pixels += rng.normal(0, 9, pixels.shape)  # sensor noise
            pixels += np.linspace(-8, 8, pixels.shape[1])[None, :]  # uneven light
            pages.append(Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), "L"))
    finally:
        document.close()
    return pages


def scan_pdf(pdf: Path, out: Path, **options: float) -> Path:
    """An image-only PDF of the pages, as a scanner writes it."""
    pages = scanned_pages(pdf, **options)  # type: ignore[arg-type]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="PDF", save_all=True, append_images=pages[1:], resolution=200)
    out.write_bytes(buffer.getvalue())
    return out
