"""Minsheng's WSGI application, measured per request inside a gunicorn worker (bench/lean_profile.py).

For each POST: the worker thread's CPU time (time.thread_time, so waiting on PostgreSQL is not
counted), the statements sent to the database, and, with LEAN_PROFILE=1, a cProfile of the
request timed by the same CPU clock, summed per kind of request into LEAN_OUT/KIND.prof.
Records go to LEAN_OUT/requests.jsonl, one line a request.
"""

from __future__ import annotations

import cProfile
import json
import os
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.db import connection

from minsheng.config.wsgi import application as _inner

OUT = Path(os.environ.get("LEAN_OUT", "/tmp/lean-out"))
PROFILE = os.environ.get("LEAN_PROFILE") == "1"
FULL_SQL = os.environ.get("LEAN_SQL") == "1"  # the statements' text (first 400 characters), not only their verbs
_profiles: dict[str, cProfile.Profile] = {}


def _kind(environ: dict[str, Any]) -> str:
    path = environ.get("PATH_INFO", "")
    if path.endswith("/ballot/"):
        return "ballot"
    if path.startswith("/api/") and path.endswith("/reports"):
        return "filing"
    return "other"


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    if environ.get("REQUEST_METHOD") != "POST":
        return _inner(environ, start_response)  # type: ignore[no-any-return]
    kind = _kind(environ)
    statements: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        statements.append(sql[:400] if FULL_SQL else (sql.split(None, 1)[0].upper() if sql else ""))
        return execute(sql, params, many, context)

    profile = _profiles.setdefault(kind, cProfile.Profile(time.thread_time)) if PROFILE else None
    cpu = time.thread_time()
    with connection.execute_wrapper(count):
        if profile is not None:
            profile.enable()
        body = b"".join(_inner(environ, start_response))  # the response made in full, as gunicorn sends it
        if profile is not None:
            profile.disable()
    cpu = time.thread_time() - cpu
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "requests.jsonl").open("a") as log:
        log.write(
            json.dumps({"kind": kind, "cpu_ms": 1000 * cpu, "queries": len(statements), "sql": statements}) + "\n"
        )
    if profile is not None:
        profile.dump_stats(str(OUT / f"{kind}.prof"))
    return [body]
