"""Invitations by one-time link, and lock-out after repeated failed logins."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import Invite, Membership
from minsheng.plans.models import Unit

pytestmark = pytest.mark.django_db


def test_office_invites_and_the_link_works_once(client: Client, office: Any, wujin_plan: Any) -> None:
    unit = Unit.objects.get(name="城管局")
    client.force_login(office)
    page = client.post(reverse("accounts:invite"), {"unit": unit.pk, "name": "张三", "email": "zs@example.gov.cn"})
    link = page.content.decode().split('<code id="invite-link">')[1].split("</code>")[0]
    invite = Invite.objects.get()
    assert invite.token_hash not in link  # only the hash is stored
    client.logout()
    form = {"username": "zhangsan", "password1": "Wj-2026-secure!", "password2": "Wj-2026-secure!"}
    weak = client.post(link, form | {"password1": "123", "password2": "123"})
    assert weak.status_code == 200 and not Membership.objects.exists()
    assert client.post(link, form).status_code == 302
    membership = Membership.objects.get()
    assert (membership.user.username, membership.unit, membership.user.email) == ("zhangsan", unit, "zs@example.gov.cn")
    assert client.get(reverse("progress:mine")).status_code == 200  # logged in as the new user
    client.logout()
    assert client.get(link).status_code == 404
    assert client.post(link, form | {"username": "again"}).status_code == 404


def test_outsiders_cannot_invite(client: Client, outsider: Any, wujin_plan: Any) -> None:
    client.force_login(outsider)
    unit = Unit.objects.get(name="城管局")
    assert client.post(reverse("accounts:invite"), {"unit": unit.pk, "name": "李四"}).status_code == 403
    assert not Invite.objects.exists()


def test_repeated_failures_lock_the_account(client: Client, office: Any, settings: Any) -> None:
    login = reverse("login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(login, {"username": "office", "password": "wrong"})
    assert response.status_code == 429 and "锁定" in response.content.decode()
    right = client.post(login, {"username": "office", "password": "office-pass-123"})
    assert right.status_code == 429  # even the right password waits for the cool-off
    other = Client()
    assert other.post(login, {"username": "nobody", "password": "x"}).status_code == 200  # per user, not per address


@pytest.mark.parametrize("n", [1, 12])
def test_invite_list_query_count_does_not_grow(
    client: Client, office: Any, wujin_plan: Any, django_assert_max_num_queries: Any, n: int
) -> None:
    from minsheng.plans.invites import create_invite

    unit = Unit.objects.get(name="城管局")
    for i in range(n):
        create_invite(user=office, unit=unit, name=f"填报人{i}")
    client.force_login(office)
    with django_assert_max_num_queries(8):
        page = client.get(reverse("accounts:invite")).content.decode()
    assert page.count("<td>填报人") == n
