"""A board's forecasts computed once for every worker, and kept until what they stand on changes.

The key is everything the forecasts are computed from:
- the plan's generation (plans/generation.py): bumped in the same transaction as every report
  filed or reviewed, every target changed and every milestone set, so a filing taken by one
  gunicorn worker changes the key every other worker computes on its next request;
- the plan's identity (its id and creation time: a database rebuilt from scratch reuses ids);
- the board's date and the plan's calendar;
- a digest of the board's rows (targets, figures, dates, text) and milestones, read for the page
  anyway, so a change no service path announces is still seen.

Forecasts live in Django's cache (settings.CACHES: the database cache, shared by every worker,
no server to run) and, in front of it, in this process's memory: a board asked again costs one
query (the generation), or two when another worker computed it (the generation and the cache).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from django.core.cache import cache

from ..plans.generation import generation
from ..plans.models import Plan

T = TypeVar("T")
PREFIX = "forecast:"
TIMEOUT = 6 * 3600  # seconds; the key changes with the date anyway
LOCAL_SIZE = 16
_LOCAL: OrderedDict[str, object] = OrderedDict()


def key_of(plan: Plan, parts: Hashable) -> str:
    """The cache key: the plan's current generation and a stable digest of the rest (Python's
    own hash() differs between processes, so it cannot name an entry another worker reads)."""
    made = plan.created_at.isoformat() if plan.created_at else ""
    digest = hashlib.blake2b(repr((made, parts)).encode(), digest_size=16).hexdigest()
    return f"{PREFIX}{plan.pk}:{generation(plan.pk)}:{digest}"


def cached(key: str, compute: Callable[[], T]) -> T:
    """This process's copy, else the shared cache's, else computed and shared."""
    if key in _LOCAL:
        _LOCAL.move_to_end(key)
        return _LOCAL[key]  # type: ignore[return-value]
    found = cache.get(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT)
    _LOCAL[key] = found
    while len(_LOCAL) > LOCAL_SIZE:
        _LOCAL.popitem(last=False)
    return found  # type: ignore[no-any-return]


def forget_local() -> None:
    """Drop this process's copies (what a fresh worker starts with); the shared cache stays."""
    _LOCAL.clear()
