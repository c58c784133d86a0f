"""The ballot and the API come first in the site's URL patterns (config/urls.py), so a burst of
ballots or filings does not try some seventy other patterns first. That is only safe while no
other pattern matches their addresses: this walks every route, fills its parameters and checks
that an address the voting or API patterns take matches nothing else (and the reverse)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.exceptions import Resolver404

SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x/y", "uuid": "12345678-1234-1234-1234-123456789012"}


def _routes(patterns: list[URLPattern | URLResolver], prefix: str = "") -> Iterator[str]:
    for p in patterns:
        route = str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + route)
        elif not route.startswith("^") and "(?P" not in route:
            yield prefix + route


def _address(route: str) -> str:
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)


def _matches(entry: URLPattern | URLResolver, address: str) -> bool:
    try:
        return entry.resolve(address) is not None
    except Resolver404:
        return False


def test_the_first_patterns_share_no_address_with_the_rest() -> None:
    top = get_resolver().url_patterns
    first, rest = top[:2], top[2:]
    assert [str(e.pattern) for e in first] == ["", "api/"]  # voting, then the API
    checked = 0
    for route in _routes(top):
        address = _address(route)
        taken = [e for e in first if _matches(e, address)]
        if taken:
            others = [str(e.pattern) for e in rest if _matches(e, address)]
            assert not others, f"/{address} 也匹配 {others}"
            checked += 1
    assert checked > 20  # the ballot, the sessions' pages, the API's endpoints
