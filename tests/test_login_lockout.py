"""Guessing is limited per account from every address, with a clear message, and the office
unlocks an account of its own jurisdiction (or below) at 锁定的账号, audited."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minsheng.accounts.models import AuditEntry, Membership

from .factories import UnitFactory
from .jurisdiction_world import city_world

pytestmark = pytest.mark.django_db


def _guess(username: str, times: int, address: str = "203.0.113.9") -> Any:
    response = None
    for _ in range(times):
        response = Client(REMOTE_ADDR=address).post(reverse("login"), {"username": username, "password": "guess"})
    return response


def _reporter(django_user_model: Any, name: str, area: Any) -> Any:
    user = django_user_model.objects.create_user(name, password="unit-pass-123")
    Membership.objects.create(user=user, unit=UnitFactory(name=f"{area.name}{name}局", jurisdiction=area))
    return user


def test_guesses_from_many_addresses_lock_the_account_until_the_office_unlocks_it(
    office: Any, settings: Any, django_user_model: Any
) -> None:
    login = reverse("login")
    for n in range(settings.AXES_FAILURE_LIMIT):  # one guess from each of five addresses
        _guess("office", 1, f"203.0.113.{n}")
    desk = Client(REMOTE_ADDR="10.0.0.5")
    refused = desk.post(login, {"username": "office", "password": "office-pass-123"})
    assert refused.status_code == 429
    assert "不论从哪台电脑" in refused.content.decode() and "锁定的账号" in refused.content.decode()
    colleague = Client()
    colleague.force_login(django_user_model.objects.create_user("office-2", is_staff=True))
    page = colleague.get(reverse("accounts:locked")).content.decode()
    # the five guesses and the right password tried while locked
    assert "<td>office</td>" in page and f"<td>{settings.AXES_FAILURE_LIMIT + 1}</td>" in page
    done = colleague.post(reverse("accounts:locked"), {"username": "office"}, follow=True).content.decode()
    assert "已解除账号“office”的锁定" in done and "目前没有被锁定的账号" in done
    entry = AuditEntry.objects.get(object_id=str(office.pk))
    assert entry.user.username == "office-2" and "解除账号锁定：office" in entry.summary
    assert desk.post(login, {"username": "office", "password": "office-pass-123"}).status_code == 302


def test_only_the_office_opens_the_locked_accounts_page(client: Client, outsider: Any) -> None:
    client.force_login(outsider)
    assert client.get(reverse("accounts:locked")).status_code == 403
    assert client.post(reverse("accounts:locked"), {"username": "outsider"}).status_code == 403
    assert Client().get(reverse("accounts:locked")).status_code == 302  # to the login page


def _listed(client: Client) -> list[str]:
    page = client.get(reverse("accounts:locked")).content.decode()
    rows = page.split('<table id="locked">')[1].split("</table>")[0].split("<tr><td>")[1:]
    return sorted(row.split("</td>")[0] for row in rows)


def test_an_office_lists_and_unlocks_only_accounts_of_its_reach(
    django_user_model: Any, settings: Any, django_assert_num_queries: Any
) -> None:
    world = city_world(django_user_model)
    wujin, xinbei = world["areas"]
    wujin_office, xinbei_office = world["offices"]
    unseated = Client()
    unseated.force_login(django_user_model.objects.create_user("operator", is_staff=True))
    city, district = Client(), Client()
    city.force_login(world["city_office"])
    district.force_login(wujin_office)
    _guess(wujin_office.username, settings.AXES_FAILURE_LIMIT)
    _listed(district)  # the session's and the site's first-request queries
    with CaptureQueriesContext(connection) as one:
        assert _listed(district) == [wujin_office.username]
    expected = len(one)  # now: the next request clears the connection's query log
    locked = [xinbei_office.username, "wj-reporter", "xb-reporter", "nobody-at-all"]
    _reporter(django_user_model, "wj-reporter", wujin)
    _reporter(django_user_model, "xb-reporter", xinbei)
    for name in locked:
        _guess(name, settings.AXES_FAILURE_LIMIT)
    with django_assert_num_queries(expected):
        assert _listed(district) == sorted([wujin_office.username, "wj-reporter"])
    assert _listed(city) == sorted([wujin_office.username, xinbei_office.username, "wj-reporter", "xb-reporter"])
    assert len(_listed(unseated)) == 4  # every account; a name no account has is no one's to unlock
    refused = district.post(reverse("accounts:locked"), {"username": "xb-reporter"}, follow=True).content.decode()
    assert "不在本级管辖范围内" in refused and "xb-reporter" in _listed(city)
    assert not AuditEntry.objects.exists()
