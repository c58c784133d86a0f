"""Uploads waiting for confirmation, for every upload page (plans, progress workbooks, bulletins).

Each upload gets its own random folder (two uploads of the same bytes are two uploads) holding
the file under its cleaned original name (so that messages name it), a small `meta.json`, and
the reading the preview made (`reading.json`), so that the confirmation files what the user saw
without reading the file a second time. Nothing here is ever served. Folders older than
`MAX_AGE` are removed by `purge` (`minsheng purge-uploads`, run on a schedule).
"""

from __future__ import annotations

import json
import re
import secrets
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar

from django.conf import settings
from django.http import Http404
from django.utils.text import get_valid_filename

from ...accounts.kinds import Actor

TOKEN = re.compile(r"^[0-9a-f]{64}$")
KINDS = ("plan", "workbook", "bulletin")
MAX_AGE = timedelta(days=1)
ROOT_NAME = "staging"
_META, _READING, _FILE_DIR = "meta.json", "reading.json", "file"
DISK_FULL = "服务器磁盘空间不足，文件未能保存，请联系管理员"
GONE = "这份上传已经确认录入过，或已超过一天失效；如需再次录入，请重新上传"


class UploadGone(Http404):
    """A well-formed token whose upload is no longer here: confirmed already (the back button,
    a reload) or purged. Pages tell the user so (flash.upload_gone) rather than a bare 404."""


T = TypeVar("T")


def staging_root() -> Path:
    return Path(settings.MEDIA_ROOT) / ROOT_NAME


@dataclass(frozen=True)
class Staged:
    kind: str
    token: str

    @property
    def folder(self) -> Path:
        return staging_root() / self.kind / self.token

    @property
    def path(self) -> Path:
        """The uploaded file, under its cleaned original name."""
        return next((self.folder / _FILE_DIR).iterdir())

    @property
    def name(self) -> str:
        """The name the user's file had."""
        return str(self._meta().get("name") or self.path.name)

    def _meta(self) -> dict[str, Any]:
        return dict(json.loads((self.folder / _META).read_text(encoding="utf-8")))

    def keep(self, reading: Any, key: Any = None) -> None:
        """Keep the preview's reading (JSON), made under `key` (e.g. the column map it used)."""
        data = json.dumps({"key": key, "reading": reading}, ensure_ascii=False)
        partial = self.folder / (_READING + ".partial")
        partial.write_text(data, encoding="utf-8")
        partial.replace(self.folder / _READING)

    def kept(self, key: Any = None) -> Any | None:
        """The reading kept by the preview under the same `key`, or None."""
        try:
            data = json.loads((self.folder / _READING).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data["reading"] if data.get("key") == key else None

    def discard(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def stage(kind: str, name: str, data: bytes, owner: Actor | None = None) -> Staged:
    """Write an upload into a new folder of its own, marked with who uploaded it: only they
    preview, map or confirm it (another office with the token gets 404)."""
    assert kind in KINDS, kind
    staged = Staged(kind, secrets.token_hex(32))
    files = staged.folder / _FILE_DIR
    files.mkdir(parents=True)
    try:
        (files / (get_valid_filename(Path(name).name) or "upload")).write_bytes(data)
        meta = {"name": name, "owner": getattr(owner, "pk", None)}
        (staged.folder / _META).write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    except OSError:  # the disk is full: leave nothing half-written behind
        staged.discard()
        raise
    return staged


@dataclass(frozen=True)
class Preview(Generic[T]):
    """An upload staged and read for its preview page, or the reason it was not (`error`)."""

    staged: Staged | None
    reading: T | None
    error: str = ""


def stage_and_read(
    kind: str,
    name: str,
    data: bytes,
    read: Callable[[Path], T],
    to_kept: Callable[[T], Any],
    refused: type[Exception] | tuple[type[Exception], ...],
    key: Any = None,
    owner: Actor | None = None,
) -> Preview[T]:
    """Stage an upload, read it, and keep the reading for the confirmation to file. A refusal
    by the reader (`refused`: its message is for the user) or a full disk is the page's error,
    and nothing stays staged."""
    try:
        uploaded = stage(kind, name, data, owner)
    except OSError:
        return Preview(None, None, DISK_FULL)
    try:
        reading = read(uploaded.path)
        uploaded.keep(to_kept(reading), key=key)
    except refused as exc:
        uploaded.discard()
        return Preview(None, None, str(exc))
    except OSError:
        uploaded.discard()
        return Preview(None, None, DISK_FULL)
    return Preview(uploaded, reading)


def staged(kind: str, token: str, user: Actor | None = None) -> Staged:
    """The upload behind a token; 404 when the token is malformed, unknown or purged, or when
    `user` (a page's; the worker passes none) is not who uploaded it."""
    if kind not in KINDS or not TOKEN.match(token or ""):
        raise Http404("上传文件已失效，请重新上传")
    found = Staged(kind, token)
    files = found.folder / _FILE_DIR
    if not (found.folder / _META).is_file() or not files.is_dir() or not any(files.iterdir()):
        raise UploadGone(GONE)
    owner = found._meta().get("owner")
    if user is not None and owner is not None and owner != getattr(user, "pk", None):
        raise Http404("上传文件已失效，请重新上传")
    return found


def previewed(kind: str, token: str, key: Any = None, user: Actor | None = None) -> tuple[Staged, Any]:
    """The upload behind a token and the reading its preview kept under `key`, for the
    confirmation; 404 when either is gone (purged, or never previewed for this `key`) or
    `user` did not upload it."""
    found = staged(kind, token, user)
    kept = found.kept(key)
    if kept is None:
        raise Http404("上传文件已失效，请重新上传")
    return found, kept


def purge(max_age: timedelta = MAX_AGE, now: float | None = None) -> int:
    """Remove uploads older than `max_age` that were never confirmed; returns how many."""
    limit = (now if now is not None else time.time()) - max_age.total_seconds()
    removed = 0
    for kind in KINDS:
        base = staging_root() / kind
        for folder in base.iterdir() if base.is_dir() else []:
            meta = folder / _META
            stamp = meta.stat().st_mtime if meta.exists() else folder.stat().st_mtime
            if stamp < limit:
                shutil.rmtree(folder, ignore_errors=True)
                removed += 1
    return removed
