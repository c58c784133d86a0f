"""Pages of a scan as grey images: rendered PDF pages, photos and TIFF pages.

An image's size is read from its header before any pixel is decoded (Pillow
opens lazily), so a 100-megapixel photo is refused without taking the memory
it would need. Every page is brought to about 150 dpi for an A4 page: enough
for small table text, small enough to stay within a few seconds a page.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from PIL import Image, ImageOps, ImageSequence

from ..errors import DocumentError

MAX_PIXELS = 40_000_000  # a 12 MP phone photo and a 600 dpi A4 scan fit; a poster does not
MAX_PAGES = 60
WORK_SIDE = 2339  # long side in pixels: an A4 page at 200 dpi
RENDER_DPI = 200


def pdf_pages(path: Path) -> Iterator[np.ndarray]:
    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise DocumentError(f"PDF 文件已损坏或无法打开（{exc}）", path.name) from exc
    try:
        if len(pdf) > MAX_PAGES:
            raise DocumentError(
                f"扫描件有 {len(pdf)} 页，超过 {MAX_PAGES} 页的上限；请只上传任务分解表所在的页", path.name
            )
        for page in pdf:
            width, height = page.get_size()
            scale = min(RENDER_DPI / 72, WORK_SIDE * 1.4 / max(width, height, 1))
            bitmap = page.render(scale=scale, grayscale=True)
            yield np.array(bitmap.to_pil().convert("L"))
    finally:
        pdf.close()


def image_pages(path: Path) -> Iterator[np.ndarray]:
    """The frames of a photo or TIFF, upright (EXIF orientation), grey, at working size."""
    with _open(path) as image:
        frames = getattr(image, "n_frames", 1)
        if frames > MAX_PAGES:
            raise DocumentError(f"图片有 {frames} 页，超过 {MAX_PAGES} 页的上限", path.name)
        for number, frame in enumerate(ImageSequence.Iterator(image), start=1):
            try:
                grey = ImageOps.exif_transpose(frame).convert("L")
            except (OSError, ValueError, SyntaxError) as exc:
                raise DocumentError(f"图片第 {number} 页已损坏，无法解码（{type(exc).__name__}）", path.name) from exc
            yield np.array(_to_work_size(grey))


def _open(path: Path) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(path)
    except Image.DecompressionBombError:
        raise DocumentError(f"图片像素过多，超过 {MAX_PIXELS // 1_000_000} 百万像素的上限，已拒绝", path.name) from None
    except (OSError, ValueError, SyntaxError) as exc:
        raise DocumentError(f"图片已损坏或不是支持的图片格式（{type(exc).__name__}）", path.name) from exc
    width, height = image.size
    if width * height > MAX_PIXELS:
        image.close()
        raise DocumentError(
            f"图片过大（{width}×{height}，约 {width * height // 1_000_000} 百万像素），"
            f"超过 {MAX_PIXELS // 1_000_000} 百万像素的上限；请缩小后再上传",
            path.name,
        )
    if width < 100 or height < 100:
        image.close()
        raise DocumentError(f"图片太小（{width}×{height}），无法识别文字", path.name)
    return image


def _to_work_size(image: Image.Image) -> Image.Image:
    long_side = max(image.size)
    if WORK_SIDE * 0.8 <= long_side <= WORK_SIDE * 1.4:
        return image
    scale = WORK_SIDE / long_side
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS if scale < 1 else Image.Resampling.BICUBIC)
