"""`minsheng backup` and `minsheng restore`: the database and the uploaded files in one
archive (tar.gz) with a manifest of sha256 checksums.

SQLite is copied with the online backup API (a consistent snapshot while the site runs);
PostgreSQL with pg_dump (custom format) and restored with pg_restore. The database is
copied first, then the files: every file the snapshot names already exists on disk.
A restore goes only into an empty data directory or database, and refuses an archive
whose manifest or checksums do not match, before it writes anything.
"""

from __future__ import annotations

import contextlib
import datetime
import gzip
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

FORMAT = "minsheng-backup"
VERSION = 1
MANIFEST = "manifest.json"
# uploads waiting for confirmation (documents/intake/staging.py; the older folders): not history
SKIPPED = {"staging", "pending", "pending-progress", "pending-bulletins"}
PARTIAL = ".partial"  # an archive (or an evidence file) still being written
# The folders backups were written to, one a line, so that purge-uploads finds the `.partial`
# a killed backup left there (the archive's folder is the operator's choice, e.g. /backup).
FOLDERS_FILE = "backup-folders.txt"


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _database() -> dict[str, Any]:
    from django.conf import settings

    return dict(settings.DATABASES["default"])


def _engine(db: dict[str, Any]) -> str:
    if db["ENGINE"].endswith("sqlite3"):
        return "sqlite"
    if "postgresql" in db["ENGINE"]:
        return "postgresql"
    raise BackupError(f"不支持备份此数据库：{db['ENGINE']}")


def _pg_env(db: dict[str, Any]) -> dict[str, str]:
    env = {**os.environ, "PGHOST": str(db.get("HOST") or ""), "PGPORT": str(db.get("PORT") or "")}
    env |= {"PGUSER": str(db.get("USER") or ""), "PGDATABASE": str(db["NAME"])}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _sqlite_copy(source_path: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even while the site writes."""
    source = sqlite3.connect(str(source_path))
    copy = sqlite3.connect(str(target))
    try:
        source.backup(copy)
    finally:
        copy.close()
        source.close()


def _dump_database(db: dict[str, Any], folder: Path) -> str:
    if _engine(db) == "sqlite":
        target = folder / "database.sqlite3"
        _sqlite_copy(Path(str(db["NAME"])), target)
        return target.name
    target = folder / "database.dump"
    _run(["pg_dump", "--format=custom", "--no-owner", f"--file={target}"], _pg_env(db), "pg_dump")
    return target.name


def _run(command: list[str], env: dict[str, str], name: str) -> None:
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(f"未找到 {name}：请安装 PostgreSQL 客户端（postgresql-client）") from None
    if result.returncode != 0:
        raise BackupError(f"{name} 失败：{result.stderr.strip().splitlines()[-1] if result.stderr.strip() else ''}")


def _media_files(media: Path) -> list[Path]:
    if not media.exists():
        return []
    return sorted(
        p
        for p in media.rglob("*")
        if p.is_file() and p.relative_to(media).parts[0] not in SKIPPED and p.suffix != PARTIAL
    )


def _ledger() -> Path:
    from django.conf import settings

    return Path(settings.DATA_DIR) / FOLDERS_FILE


def _remember_folder(folder: Path) -> None:
    ledger = _ledger()
    known = set(ledger.read_text(encoding="utf-8").splitlines()) if ledger.exists() else set()
    if str(folder) not in known:
        # a read-only data directory: the archive matters more than the note
        with contextlib.suppress(OSError), ledger.open("a", encoding="utf-8") as handle:
            handle.write(f"{folder}\n")


def purge_partial_backups(max_age: datetime.timedelta, now: float | None = None) -> int:
    """Remove `*.partial` files older than `max_age` that killed backups (or restores) left in
    the folders backups were written to and in the data directory; returns how many."""
    from django.conf import settings

    ledger = _ledger()
    folders = {Path(settings.DATA_DIR)}
    if ledger.exists():
        folders |= {Path(line) for line in ledger.read_text(encoding="utf-8").splitlines() if line.strip()}
    limit = (now if now is not None else time.time()) - max_age.total_seconds()
    removed = 0
    for folder in folders:
        for path in folder.glob(f"*{PARTIAL}") if folder.is_dir() else []:
            if path.is_file() and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
    return removed


def backup(output: Path) -> dict[str, Any]:
    """Write the archive to `output` (via a temporary name, so a killed backup leaves
    no half archive behind under the final name); return the manifest."""
    from django.conf import settings

    db = _database()
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="minsheng-backup-") as tmp:
        folder = Path(tmp)
        db_name = _dump_database(db, folder)
        files = {f"database/{db_name}": folder / db_name}
        files |= {f"media/{p.relative_to(media).as_posix()}": p for p in _media_files(media)}
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            "engine": _engine(db),
            "files": {name: {"sha256": _sha256(path), "size": path.stat().st_size} for name, path in files.items()},
        }
        partial = output.with_name(output.name + PARTIAL)
        _remember_folder(output.resolve().parent)
        with tarfile.open(partial, "w:gz") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, _bytes(data))
            for name, path in files.items():
                archive.add(str(path), arcname=name, recursive=False)
        os.replace(partial, output)
    return manifest


def _bytes(data: bytes) -> Any:
    import io

    return io.BytesIO(data)


def _safe_name(name: str) -> bool:
    path = PurePosixPath(name)
    return not path.is_absolute() and ".." not in path.parts and path.parts[0] in {"database", "media"}


def _read_to_the_end(archive: Path) -> None:
    """Decompress the whole stream once: gzip checks its CRC only at the end, and tarfile stops
    reading at the archive's end marker, so a flipped byte in the padding after it would pass."""
    with gzip.open(archive) as stream:
        while stream.read(1 << 20):
            pass


def _verify(archive: Path, into: Path) -> dict[str, Any]:
    """Unpack into `into` and check everything against the manifest; raise on any difference."""
    try:
        _read_to_the_end(archive)
        with tarfile.open(archive, "r:gz") as tar:
            members = {m.name: m for m in tar.getmembers()}
            if MANIFEST not in members:
                raise BackupError("缺少清单 manifest.json")
            manifest = json.loads(tar.extractfile(members[MANIFEST]).read())  # type: ignore[union-attr]
            if manifest.get("format") != FORMAT or manifest.get("version") != VERSION:
                raise BackupError("不是本系统的备份文件（清单格式不符）")
            listed = set(manifest["files"])
            if listed != set(members) - {MANIFEST}:
                raise BackupError("归档中的文件与清单不一致")
            for name in sorted(listed):
                member = members[name]
                if not member.isfile() or not _safe_name(name):
                    raise BackupError(f"归档中有不安全的条目：{name}")
                target = into / name
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(member) as source, target.open("wb") as out:  # type: ignore[union-attr]
                    shutil.copyfileobj(source, out)
                if _sha256(target) != manifest["files"][name]["sha256"]:
                    raise BackupError(f"校验和不符：{name}")
    # zlib.error: a flipped byte inside the compressed stream (which byte decides the error's kind)
    except (tarfile.TarError, OSError, EOFError, ValueError, KeyError, zlib.error) as exc:
        raise BackupError(f"无法读取（{type(exc).__name__}）") from exc
    return dict(manifest)


def _require_empty(db: dict[str, Any], media: Path) -> None:
    if media.exists() and any(media.iterdir()):
        raise BackupError(f"上传文件目录不是空的：{media}；只能恢复到空的数据目录")
    if _engine(db) == "sqlite":
        path = Path(str(db["NAME"]))
        if path.exists() and path.stat().st_size > 0:
            raise BackupError(f"数据库文件已存在：{path}；只能恢复到空的数据目录")
        return
    from django.db import connection

    if connection.introspection.table_names():
        raise BackupError(f"数据库 {db['NAME']} 不是空的；只能恢复到空数据库")


def restore(archive: Path) -> dict[str, Any]:
    from django.conf import settings

    db = _database()
    media = Path(settings.MEDIA_ROOT)
    _require_empty(db, media)
    with tempfile.TemporaryDirectory(prefix="minsheng-restore-", dir=media.parent) as tmp:
        folder = Path(tmp)
        try:
            manifest = _verify(archive, folder)
        except BackupError as exc:
            raise BackupError(f"备份文件已损坏，未做任何恢复：{archive.name}：{exc}") from None
        if manifest["engine"] != _engine(db):
            raise BackupError(f"备份来自 {manifest['engine']}，当前数据库是 {_engine(db)}；请恢复到同类数据库")
        _load_database(db, folder / "database")
        if (folder / "media").exists():
            media.parent.mkdir(parents=True, exist_ok=True)
            if media.exists():
                media.rmdir()  # empty, checked above
            os.replace(folder / "media", media)
    return manifest


def _load_database(db: dict[str, Any], folder: Path) -> None:
    if _engine(db) == "sqlite":
        target = Path(str(db["NAME"]))
        partial = target.with_name(target.name + ".partial")
        _sqlite_copy(folder / "database.sqlite3", partial)
        os.replace(partial, target)
        return
    _run(
        ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={db['NAME']}", str(folder / "database.dump")],
        _pg_env(db),
        "pg_restore",
    )
