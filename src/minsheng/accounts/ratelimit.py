"""An atomic rate limit: a counter row per key and time window, incremented with
UPDATE … SET count = count + 1 inside a transaction, then read back under that lock.

django-ratelimit on Django's database cache counts with get-then-set, which loses the
increments of simultaneous requests (50 proposals at once all passed, the counter at 1).
"""

from __future__ import annotations

import contextlib
import re
import time

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpRequest

from .models import RateCounter

RATE = re.compile(r"^\s*(\d+)\s*/\s*(\d*)\s*([smhd])\s*$")
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """'5/h' → (5, 3600); '10/15m' → (10, 900)."""
    match = RATE.match(rate)
    if match is None:
        raise ValueError(f"频率设置“{rate}”无效，应形如 5/h、10/15m")
    count, multiple, unit = match.groups()
    return int(count), int(multiple or 1) * UNITS[unit]


def client_ip(request: HttpRequest) -> str:
    """The client's address: REMOTE_ADDR, or the header the trusted proxy sets
    (MINSHENG_CLIENT_IP_HEADER, e.g. HTTP_X_REAL_IP) when one is configured."""
    header = getattr(settings, "MINSHENG_CLIENT_IP_HEADER", "")
    value = request.META.get(header, "") if header else ""
    return value.split(",")[0].strip() or request.META.get("REMOTE_ADDR", "")


# The window each process last cleared old counters in, by period: at the deadline 200 tokens
# each start their window; one DELETE per process and window clears as well as 200 would.
_cleared: dict[int, int] = {}


def allow(key: str, rate: str, now: float | None = None) -> bool:
    """Count one request under `key`; False once the rate is exceeded in this window.
    One statement (an upsert that returns the new count, atomic under the row's lock);
    a key's first request in a window also clears old windows, once per process and window."""
    limit, period = parse_rate(rate)
    window = int(now if now is not None else time.time()) // period * period
    count = _counted(key, window)
    if count == 1 and _cleared.get(period) != window:
        RateCounter.objects.filter(window__lt=window - period).delete()
        _cleared[period] = window
    return count <= limit


def _counted(key: str, window: int) -> int:
    """Add one to the counter of (key, window), creating it at 1; the new count."""
    quote = connection.ops.quote_name
    table, count = quote(RateCounter._meta.db_table), quote("count")
    columns = f"{quote('key')}, {quote('window')}"
    sql = (
        f"INSERT INTO {table} ({columns}, {count}) VALUES (%s, %s, 1) "
        f"ON CONFLICT ({columns}) DO UPDATE SET {count} = {table}.{count} + 1 RETURNING {count}"
    )
    # On SQLite in a transaction, which settings begin IMMEDIATE (writers wait for the lock);
    # fetchall steps the statement to its end, so that the commit finds none in progress.
    atomic = transaction.atomic() if connection.vendor == "sqlite" else contextlib.nullcontext()
    with atomic, connection.cursor() as cursor:
        cursor.execute(sql, [key, window])
        return int(cursor.fetchall()[0][0])
