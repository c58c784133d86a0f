"""Evidence files (佐证材料): images and PDFs only, checked by content, not by name."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, UnidentifiedImageError

IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}


def check_evidence(upload: UploadedFile) -> None:
    """Raise ProgressError unless the file is a real image or PDF under the size limit.

    Sets `upload.content_type` to the type found in the content.
    """
    from .services import ProgressError

    name = upload.name or "附件"
    limit = settings.MINSHENG_MAX_EVIDENCE_BYTES
    if not upload.size:
        raise ProgressError(f"佐证材料“{name}”是空文件")
    if upload.size > limit:
        raise ProgressError(f"佐证材料“{name}”超过 {limit // (1024 * 1024)} MB")
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        upload.content_type = "application/pdf"
        return
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
    upload.content_type = kind
