"""An atomic rate limit: a counter row per key and time window, incremented with
UPDATE … SET count = count + 1 inside a transaction, then read back under that lock.

django-ratelimit on Django's database cache counts with get-then-set, which loses the
increments of simultaneous requests (50 proposals at once all passed, the counter at 1).
"""

from __future__ import annotations

import re
import time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
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


def allow(key: str, rate: str, now: float | None = None) -> bool:
    """Count one request under `key`; False once the rate is exceeded in this window."""
    limit, period = parse_rate(rate)
    window = int(now if now is not None else time.time()) // period * period
    with transaction.atomic():
        counter = RateCounter.objects.filter(key=key, window=window)
        if not counter.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, window=window, count=1)
            except IntegrityError:  # created a moment earlier by a simultaneous request
                counter.update(count=F("count") + 1)
            RateCounter.objects.filter(window__lt=window - period).delete()
        count = counter.values_list("count", flat=True).get()
    return count <= limit
