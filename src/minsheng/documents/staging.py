"""Uploaded plan files waiting for the clerk's confirmation, one folder per upload (its token)."""

from __future__ import annotations

import re
from pathlib import Path

from django.conf import settings
from django.http import Http404

TOKEN = re.compile(r"^[0-9a-f]{64}$")


def pending_dir() -> Path:
    path = Path(settings.MEDIA_ROOT) / "pending"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pending_path(token: str) -> Path:
    """The uploaded file waiting for confirmation, kept under its own name so messages name it."""
    if not TOKEN.match(token):
        raise Http404
    matches = [p for p in (pending_dir() / token).glob("*") if p.is_file()]
    if not matches:
        raise Http404
    return matches[0]
