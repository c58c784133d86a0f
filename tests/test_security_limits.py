"""The atomic proposal counter. (Login lock-out, counted per account from every address since
issue #25, is in test_login_lockout.)"""

from __future__ import annotations

from typing import Any

import pytest

from minsheng.accounts import ratelimit
from minsheng.accounts.models import RateCounter

pytestmark = pytest.mark.django_db


def test_the_counter_counts_every_hit_in_its_window() -> None:
    allowed = [ratelimit.allow("propose:10.0.0.1", "3/h", now=7200.0) for _ in range(5)]
    assert allowed == [True, True, True, False, False]
    assert ratelimit.allow("propose:10.0.0.2", "3/h", now=7200.0)  # another address
    assert ratelimit.allow("propose:10.0.0.1", "3/h", now=7200.0 + 3600)  # the next hour
    assert RateCounter.objects.get(key="propose:10.0.0.1", window=7200).count == 5


@pytest.mark.parametrize(("rate", "parsed"), [("5/h", (5, 3600)), ("10/15m", (10, 900)), ("1/d", (1, 86400))])
def test_rates_are_read_as_count_per_period(rate: str, parsed: tuple[int, int]) -> None:
    assert ratelimit.parse_rate(rate) == parsed


def test_a_bad_rate_setting_is_named() -> None:
    with pytest.raises(ValueError, match="5/x"):
        ratelimit.parse_rate("5/x")


def test_behind_a_proxy_the_configured_header_names_the_client(rf: Any, settings: Any) -> None:
    request = rf.get("/", HTTP_X_REAL_IP="198.51.100.7", REMOTE_ADDR="127.0.0.1")
    assert ratelimit.client_ip(request) == "127.0.0.1"  # the header is not trusted by default
    settings.MINSHENG_CLIENT_IP_HEADER = "HTTP_X_REAL_IP"
    assert ratelimit.client_ip(request) == "198.51.100.7"
