"""A read replica (MINSHENG_REPLICA_URL): read-only pages and the API's reads go to a
PostgreSQL streaming replica; writes, reads inside a write transaction, and every request
for a few seconds after the browser (or system) wrote go to the primary, so a page after
a write reads its own write."""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
PRIMARY = "default"
COOKIE = "ms_primary"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

_reading = contextvars.ContextVar("minsheng_replica_reads", default=False)


def stick_seconds() -> int:
    """How long after a write a client's reads stay on the primary (replication lag cover)."""
    return int(getattr(settings, "MINSHENG_REPLICA_STICK_SECONDS", 10))


class ReplicaRouter:
    """Reads on the replica only while the request allows it and the primary is not in a transaction."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        if _reading.get() and not connections[PRIMARY].in_atomic_block:
            return REPLICA
        return PRIMARY

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return PRIMARY

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == PRIMARY


class ReplicaMiddleware:
    """Marks a request as read-only (replica) when it is a safe method and its client has not
    written in the last few seconds; after an unsafe request, sets the cookie that keeps the
    client's next reads on the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        safe = request.method in SAFE_METHODS
        token = _reading.set(safe and COOKIE not in request.COOKIES)
        try:
            response = self.get_response(request)
        finally:
            _reading.reset(token)
        if not safe and response.status_code < 500:
            response.set_cookie(COOKIE, "1", max_age=stick_seconds(), httponly=True, samesite="Lax")
        return response
