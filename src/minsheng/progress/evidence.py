"""Evidence files (佐证材料): images and PDFs only, checked by content, not by name.

A file is stored under a random name with the extension of the type found in its
content (poc.html that is really a PDF is stored as .pdf), and served only through
the access-checked download view (see `evidence_response`).

Nothing half-written: the bytes go to `<name>.partial` and are moved to `<name>` only when
the report's row commits; a write that fails (a full disk) or a filing undone removes them,
and `purge_evidence` removes what a killed process left (strays no row names, old partials).
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import time
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path, PurePath

import pdfplumber
from django.conf import settings
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse
from PIL import Image, UnidentifiedImageError

from .errors import ProgressError
from .models import Evidence, Report

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
EXTENSIONS = {
    "application/pdf": ".pdf",
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
}
PARTIAL = ".partial"
FOLDER = "evidence"
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


@contextlib.contextmanager
def staged_files() -> Iterator[list[str]]:
    """The temporary names written inside the block; all removed if the block fails (the
    filing's transaction is then undone, so no row will ever name them)."""
    names: list[str] = []
    try:
        yield names
    except BaseException:
        storage = Evidence._meta.get_field("file").storage  # type: ignore[attr-defined]
        for name in names:
            with contextlib.suppress(OSError):
                storage.delete(name)
        raise


def store_evidence(*, report: Report, upload: UploadedFile, staged: list[str]) -> Evidence:
    """The evidence row, its bytes under a temporary name until the row commits."""
    evidence = Evidence(
        report=report,
        name=getattr(upload, "original_name", None) or upload.name or "附件",
        content_type=upload.content_type or "",
        size=upload.size or 0,
    )
    storage = evidence.file.storage
    final = evidence.file.field.generate_filename(evidence, upload.name or "evidence.bin")
    staged.append(final + PARTIAL)  # before writing: a write that fails midway leaves bytes there
    staged[-1] = storage.save(final + PARTIAL, upload)
    evidence.file.name = final
    evidence.save()
    transaction.on_commit(functools.partial(_move_into_place, storage, staged[-1], final))
    return evidence


def _move_into_place(storage: Storage, partial: str, final: str) -> None:
    os.replace(storage.path(partial), storage.path(final))


def purge_evidence(max_age: timedelta, now: float | None = None) -> int:
    """Remove files in the evidence folder older than `max_age` that no row names (a process
    killed between writing and committing, an outer transaction undone); returns how many."""
    root = Path(settings.MEDIA_ROOT) / FOLDER
    if not root.is_dir():
        return 0
    limit = (now if now is not None else time.time()) - max_age.total_seconds()
    named = set(Evidence.objects.values_list("file", flat=True).iterator())
    removed = 0
    for path in root.rglob("*"):
        if not path.is_file() or path.stat().st_mtime >= limit:
            continue
        if path.relative_to(settings.MEDIA_ROOT).as_posix() not in named:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
