"""Login lock-out by user name and address together, and the atomic proposal counter."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.accounts import ratelimit
from minsheng.accounts.models import RateCounter

pytestmark = pytest.mark.django_db


def test_a_stranger_cannot_lock_the_office_out(office: Any, settings: Any) -> None:
    login = reverse("login")
    stranger = Client(REMOTE_ADDR="203.0.113.9")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = stranger.post(login, {"username": "office", "password": "guess"})
    assert response.status_code == 429  # the stranger is locked out…
    assert stranger.post(login, {"username": "office", "password": "office-pass-123"}).status_code == 429
    desk = Client(REMOTE_ADDR="10.0.0.5")
    response = desk.post(login, {"username": "office", "password": "office-pass-123"})
    assert response.status_code == 302  # …the office at its own desk is not


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
