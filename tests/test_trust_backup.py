"""`minsheng backup` and `minsheng restore` on SQLite, through the command as an operator
runs it: a data directory with a plan, a report, its figures and evidence and the audit
log is backed up, restored into a fresh directory and compared table by table and file
by file; a damaged archive and a non-empty target are refused and nothing is written."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, WUJIN_2026

TABLES = [
    "plans_plan",
    "plans_project",
    "plans_task",
    "plans_sourcedocument",
    "indicators_indicator",
    "progress_report",
    "progress_figure",
    "progress_evidence",
    "accounts_auditentry",
    "auth_user",
]
SEED = """
import datetime, io
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from minsheng.accounts.models import AuditEntry, audit
from minsheng.plans.models import Task
from minsheng.progress.models import Evidence, Figure, Report
from django.contrib.auth import get_user_model
user = get_user_model().objects.create_user("chengguan", password="unit-pass-123")
task = Task.objects.get(project__name="推进停车便利化")
report = Report.objects.create(task=task, period_end=datetime.date(2026, 3, 31), version=1,
                               status="in_progress", narrative="一季度新增公共停车泊位303个", filed_by=user)
Figure.objects.create(report=report, indicator=task.indicators.get(), actual=303)
out = io.BytesIO(); Image.new("RGB", (8, 8), "red").save(out, "PNG")
Evidence.objects.create(report=report, file=SimpleUploadedFile("a.png", out.getvalue()),
                        name="现场.png", content_type="image/png", size=len(out.getvalue()))
audit(user=user, action=AuditEntry.Action.REPORT, obj=report, summary="报送进度")
"""


def _minsheng(data_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minsheng.config.settings_test",
        "MINSHENG_DATA_DIR": str(data_dir),
        "DATABASE_URL": f"sqlite:///{data_dir / 'minsheng.sqlite3'}",
    }
    command = [sys.executable, "-m", "minsheng.cli", *args]
    return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)


def _rows(data_dir: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(data_dir / "minsheng.sqlite3") as db:
        return {t: db.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}  # noqa: S608


def _files(data_dir: Path) -> dict[str, bytes]:
    media = data_dir / "media"
    return {p.relative_to(media).as_posix(): p.read_bytes() for p in media.rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    data = tmp_path_factory.mktemp("source")
    assert _minsheng(data, "import", str(WUJIN_2026)).returncode == 0
    seeded = _minsheng(data, "manage", "shell", "-c", SEED)
    assert seeded.returncode == 0, seeded.stderr
    archive = data.parent / "backup.tar.gz"
    result = _minsheng(data, "backup", "-o", str(archive))
    assert result.returncode == 0, result.stderr
    return data, archive


@pytest.mark.no_ci_database
def test_a_restore_gives_back_the_same_records_and_files(source: tuple[Path, Path], tmp_path: Path) -> None:
    data, archive = source
    fresh = tmp_path / "fresh"
    result = _minsheng(fresh, "restore", str(archive))
    assert result.returncode == 0, result.stderr
    before, after = _rows(data), _rows(fresh)
    assert all(before[t] for t in TABLES)  # every table compared holds something
    assert after == before
    assert _files(fresh) == _files(data) and len(_files(data)) == 2  # the source document and the photo
    assert _minsheng(fresh, "plans").stdout == _minsheng(data, "plans").stdout


@pytest.mark.no_ci_database
def test_a_restore_into_a_used_directory_is_refused(source: tuple[Path, Path]) -> None:
    data, archive = source
    before = _rows(data)
    result = _minsheng(data, "restore", str(archive))
    assert result.returncode == 1 and "只能恢复到空的数据目录" in result.stderr
    assert _rows(data) == before


@pytest.mark.no_ci_database
@pytest.mark.parametrize("damage", ["flip", "truncate"])
def test_a_damaged_archive_is_refused_and_nothing_is_written(
    source: tuple[Path, Path], tmp_path: Path, damage: str
) -> None:
    data = bytearray(source[1].read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0xFF
    else:
        del data[len(data) * 2 // 3 :]
    broken = tmp_path / "broken.tar.gz"
    broken.write_bytes(bytes(data))
    fresh = tmp_path / "fresh"
    result = _minsheng(fresh, "restore", str(broken))
    assert result.returncode == 1 and "备份文件已损坏" in result.stderr and "broken.tar.gz" in result.stderr
    assert not (fresh / "minsheng.sqlite3").exists() and not (fresh / "media").exists()


@pytest.mark.django_db(transaction=True)
def test_postgresql_backup_restores_into_an_empty_database(wujin_plan: object, tmp_path: Path) -> None:
    """pg_dump / pg_restore (CI's second run): the same records in a fresh database."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("需要 PostgreSQL（CI 的第二轮）")
    import psycopg

    from minsheng.backup import backup

    exec(SEED, {})  # noqa: S102 - the same records as the SQLite case, in the test database
    archive = tmp_path / "pg.tar.gz"
    backup(archive)
    db = connection.settings_dict
    target = f"{db['NAME']}_restore"
    url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}"
    if db.get("PASSWORD"):
        url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}"
    with psycopg.connect(f"{url}/{db['NAME']}", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{target}"')
        admin.execute(f'CREATE DATABASE "{target}"')
    try:
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "minsheng.config.settings_test"}
        env |= {"MINSHENG_DATA_DIR": str(tmp_path / "fresh"), "DATABASE_URL": f"{url}/{target}"}
        result = subprocess.run(
            [sys.executable, "-m", "minsheng.cli", "restore", str(archive)],
            env=env, cwd=ROOT, capture_output=True, text=True, timeout=120,
        )
        assert result.returncode == 0, result.stderr
        rows = {}
        for name in (db["NAME"], target):
            with psycopg.connect(f"{url}/{name}") as conn:
                rows[name] = {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in TABLES}  # noqa: S608
        assert all(rows[db["NAME"]][t] for t in TABLES)
        assert rows[target] == rows[db["NAME"]]
        assert _files(tmp_path / "fresh") == _files(tmp_path) and len(_files(tmp_path)) == 2
    finally:
        with psycopg.connect(f"{url}/{db['NAME']}", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target}"')


@pytest.mark.no_ci_database
def test_every_flipped_byte_of_an_archive_is_a_damaged_archive(source: tuple[Path, Path], tmp_path: Path) -> None:
    """Where a flip lands decides which error the decompressor raises (a bad CRC, a bad code
    length set, a tar header…): each is the one message, never a traceback."""
    from minsheng.backup import BackupError, _verify

    data = source[1].read_bytes()
    body = data.index(b"\0", 10) + 1  # past gzip's header and the file name it keeps (not checked)
    for n, at in enumerate(range(body, len(data) - 8, max(1, (len(data) - body) // 97))):
        broken = bytearray(data)
        broken[at] ^= 0xFF
        path = tmp_path / f"broken{n}.tar.gz"
        path.write_bytes(bytes(broken))
        into = tmp_path / f"into{n}"
        into.mkdir()
        with pytest.raises(BackupError):
            _verify(path, into)
