"""A PostgreSQL streaming replica on loopback for bench/scale_bench.py --replica: a copy of
the primary by pg_basebackup (-R writes the standby settings), started on its own port,
and Django pointed at it as the `replica` alias with the router of config/replica.py."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.test.utils import override_settings

ROUTER = "minsheng.config.replica.ReplicaRouter"
MIDDLEWARE = "minsheng.config.replica.ReplicaMiddleware"


def _as_postgres(command: list[str]) -> list[str]:
    """initdb and the server refuse to run as root: run them as the postgres user then."""
    return ["runuser", "-u", "postgres", "--", *command] if os.getuid() == 0 else command


def _lsn(alias: str, query: str) -> int:
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT ({query}) - '0/0'::pg_lsn")
        return int(cursor.fetchone()[0] or 0)


def catch_up(timeout: float = 60) -> None:
    """Wait until the replica has replayed everything the primary has written so far."""
    target = _lsn("default", "pg_current_wal_lsn()")
    deadline = time.monotonic() + timeout
    while _lsn("replica", "pg_last_wal_replay_lsn()") < target:
        if time.monotonic() > deadline:
            raise RuntimeError("副本追赶主库超时")
        time.sleep(0.05)


def _start(primary: dict[str, object], folder: Path) -> int:
    pgbin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
    host, port, user = str(primary["HOST"]), int(str(primary["PORT"])), str(primary["USER"])
    data, replica_port = folder / "data", port + 1000
    started = time.perf_counter()
    backup = [str(pgbin / "pg_basebackup"), "-h", host, "-p", str(port), "-U", user, "-D", str(data)]
    subprocess.run(_as_postgres([*backup, "-R", "-X", "stream", "-c", "fast"]), check=True)
    options = f"-c listen_addresses=127.0.0.1 -p {replica_port} -k {folder} -c fsync=off -c hot_standby=on"
    start = [str(pgbin / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "replica.log"), "-o", options, "start"]
    subprocess.run(_as_postgres(start), check=True, stdout=subprocess.DEVNULL)
    print(f"副本：pg_basebackup 并启动用时 {time.perf_counter() - started:.0f} s，端口 {replica_port}", flush=True)
    return replica_port


@contextmanager
def streaming_replica() -> Iterator[None]:
    primary = dict(connections["default"].settings_dict)
    folder = Path(tempfile.mkdtemp(prefix="minsheng-replica-"))
    if os.getuid() == 0:
        shutil.chown(folder, "postgres")
    pgbin = Path(sorted(glob.glob("/usr/lib/postgresql/*/bin"))[-1])
    try:
        port = _start(primary, folder)
        connections.settings["replica"] = {**primary, "PORT": str(port)}
        catch_up()
        with override_settings(DATABASE_ROUTERS=[ROUTER], MIDDLEWARE=[MIDDLEWARE, *settings.MIDDLEWARE]):
            yield
    finally:
        if "replica" in connections.settings:
            connections["replica"].close()
        stop = [str(pgbin / "pg_ctl"), "-D", str(folder / "data"), "-m", "fast", "-w", "stop"]
        subprocess.run(_as_postgres(stop), check=False, stdout=subprocess.DEVNULL)
        shutil.rmtree(folder, ignore_errors=True)


def replica_share(run: object) -> str:
    """How the queries of one round of pages split between the primary and the replica."""
    from django.test.utils import CaptureQueriesContext

    assert callable(run)
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(
        connections["replica"]
    ) as replica:
        run()
        counts = len(primary), len(replica)
    return f"一轮页面的查询：主库 {counts[0]} 条（写入与事务内读取），副本 {counts[1]} 条"
