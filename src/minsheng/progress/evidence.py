"""Evidence files (佐证材料): images and PDFs only, checked by content, not by name.

A file is stored under a random name with the extension of the type found in its
content (poc.html that is really a PDF is stored as .pdf), and served only through
the access-checked download view (see `evidence_response`).
"""

from __future__ import annotations

import io
import uuid
from pathlib import PurePath

import pdfplumber
from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse
from PIL import Image, UnidentifiedImageError

from .errors import ProgressError

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
# A served file runs nothing and loads nothing, whatever it holds.
FILE_CSP = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox"


def check_evidence(upload: UploadedFile) -> None:
    """Raise ProgressError unless the file is a real image or PDF under the size limit.

    Sets `upload.content_type` to the type found in the content and renames the
    upload to a random name with that type's extension (the original name is kept
    by the caller in `Evidence.name`).
    """
    name = upload.name or "附件"
    limit = settings.MINSHENG_MAX_EVIDENCE_BYTES
    if not upload.size:
        raise ProgressError(f"佐证材料“{name}”是空文件")
    if upload.size > limit:
        raise ProgressError(f"佐证材料“{name}”超过 {limit // (1024 * 1024)} MB")
    kind = _detect(upload, name)
    upload.content_type = kind
    upload.original_name = name  # type: ignore[attr-defined]
    upload.name = stored_name(kind)


def stored_name(kind: str) -> str:
    return f"{uuid.uuid4().hex}{EXTENSIONS[kind]}"


def display_name(name: str, kind: str) -> str:
    """The original name with the extension of the detected type: a download never
    lands on the user's disk as .html when it is a PDF."""
    stem = PurePath(name).stem or "附件"
    return f"{stem}{EXTENSIONS.get(kind, '.bin')}"


def _detect(upload: UploadedFile, name: str) -> str:
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    try:
        if head == b"%PDF-":
            _check_pdf(upload, name)
            return "application/pdf"
        try:
            with Image.open(upload) as image:
                image.verify()
                kind = IMAGE_FORMATS.get(image.format or "")
        except (UnidentifiedImageError, OSError, SyntaxError) as exc:
            raise ProgressError(f"佐证材料“{name}”不是图片或 PDF 文件") from exc
    finally:
        upload.seek(0)
    if kind is None:
        raise ProgressError(f"佐证材料“{name}”的图片格式不受支持（请用 JPG、PNG、GIF 或 WEBP）")
    return kind


def _check_pdf(upload: UploadedFile, name: str) -> None:
    """A file that only starts like a PDF (a web page behind `%PDF-`) is refused."""
    try:
        with pdfplumber.open(io.BytesIO(upload.read())) as pdf:
            pages = len(pdf.pages)
    except Exception as exc:  # noqa: BLE001 - pdfminer fails in many ways on a non-PDF
        raise ProgressError(f"佐证材料“{name}”不是有效的 PDF 文件（文件已损坏或只是冒充 PDF）") from exc
    if pages == 0:
        raise ProgressError(f"佐证材料“{name}”是没有页面的 PDF 文件")


def evidence_response(file: object, *, name: str, kind: str) -> FileResponse:
    """Images inline, everything else as an attachment; never sniffed, never scripted."""
    inline = kind in EXTENSIONS and kind.startswith("image/")
    response = FileResponse(file, as_attachment=not inline, filename=display_name(name, kind), content_type=kind)
    return protect(response)


def protect(response: FileResponse) -> FileResponse:
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_CSP
    return response
