"""Nothing half-written: evidence bytes wait under a temporary name until the report's row
commits; a full disk, a refused file or an undone filing leaves nothing in MEDIA; the purge
removes what a killed process left behind."""

from __future__ import annotations

import datetime
import errno
import io
import os
import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from minsheng.progress.evidence import purge_evidence
from minsheng.progress.models import Evidence, Report

pytestmark = pytest.mark.django_db
SMALL_ENOUGH = 4096


class HalfFullDisk(FileSystemStorage):
    """A disk that fills up: a file over SMALL_ENOUGH bytes fails with ENOSPC after its first block."""

    def _save(self, name: str, content: Any) -> str:
        data = content.read()
        if len(data) <= SMALL_ENOUGH:
            return super()._save(name, ContentFile(data))
        with open(self.path(name), "wb") as handle:
            handle.write(data[:SMALL_ENOUGH])
            raise OSError(errno.ENOSPC, "No space left on device")


@pytest.fixture(autouse=True)
def _march() -> Any:
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def _png(size: int, name: str) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.frombytes("RGB", (size, size), os.urandom(size * size * 3)).save(out, "PNG")
    return SimpleUploadedFile(name, out.getvalue())


def _post(client: Any, task: Any, *files: SimpleUploadedFile) -> Any:
    data = {"period_end": "2026-03-31", "status": "in_progress", "narrative": "本期进展", "base_version": "0"}
    return client.post(reverse("progress:report", args=[task.pk]), {**data, "evidence": list(files)})


def _media_files(settings: Any) -> list[str]:
    """The files in MEDIA's evidence folder (the imported plan's document lies beside it)."""
    root = Path(settings.MEDIA_ROOT)
    return sorted(p.relative_to(root).as_posix() for p in root.glob("evidence/**/*") if p.is_file())


def test_evidence_waits_under_a_temporary_name_until_the_row_commits(
    client: Any, member: Any, parking_task: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(member("城管局"))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert _post(client, parking_task, _png(8, "现场.png")).status_code == 302
    final = Evidence.objects.get().file.name
    assert _media_files(settings) == [f"{final}.partial"]
    for callback in callbacks:
        callback()
    assert _media_files(settings) == [final]


def test_a_full_disk_midway_leaves_no_file_and_no_row(
    client: Any, member: Any, parking_task: Any, settings: Any
) -> None:
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": f"{__name__}.HalfFullDisk"}}
    client.force_login(member("城管局"))
    page = _post(client, parking_task, _png(8, "小图.png"), _png(200, "大图.png")).content.decode()
    assert "服务器磁盘空间不足，本次报送未保存" in page and "本期进展" in page
    assert not Report.objects.exists() and not Evidence.objects.exists()
    assert _media_files(settings) == []  # neither the half photo nor the whole one written before it


def test_a_refused_file_writes_nothing(client: Any, member: Any, parking_task: Any, settings: Any) -> None:
    settings.MINSHENG_MAX_EVIDENCE_BYTES = 1024
    client.force_login(member("城管局"))
    page = _post(client, parking_task, _png(8, "小图.png"), _png(100, "大图.png")).content.decode()
    assert "佐证材料“大图.png”超过" in page
    assert not Report.objects.exists() and _media_files(settings) == []


def _aged(path: Path, days: float) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x")
    then = time.time() - days * 86400
    os.utime(path, (then, then))
    return path


def test_the_purge_removes_old_strays_and_partials_and_keeps_what_a_row_names(
    member: Any, parking_task: Any, settings: Any
) -> None:
    report = Report.objects.create(task=parking_task, period_end=datetime.date(2026, 3, 31), version=1)
    kept = Evidence.objects.create(report=report, file=_png(8, "a.png"), name="a.png", content_type="image/png", size=1)
    folder = Path(settings.MEDIA_ROOT) / "evidence" / "2026" / "03"
    _aged(Path(kept.file.path), 3)
    stray = _aged(folder / "0123.png", 2)
    partial = _aged(folder / "4567.pdf.partial", 2)
    fresh = _aged(folder / "89ab.png.partial", 0.1)  # perhaps a filing still under way
    other = _aged(Path(settings.MEDIA_ROOT) / "documents" / "old.pdf", 5)  # not the purge's folder
    assert purge_evidence(datetime.timedelta(days=1)) == 2
    assert not stray.exists() and not partial.exists()
    assert Path(kept.file.path).exists() and fresh.exists() and other.exists()
