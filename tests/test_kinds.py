"""The actor types' run-time helpers (accounts/kinds.py, access.acting_user): who is signed in,
who is recorded as having acted, and what a service that must name a user does without one."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied

from minsheng.accounts.kinds import signed_in, who
from minsheng.plans import access


def test_only_a_signed_in_user_is_recorded() -> None:
    clerk = User(username="clerk")
    assert signed_in(clerk) and who(clerk) is clerk
    assert not signed_in(AnonymousUser()) and who(AnonymousUser()) is None
    assert not signed_in(None) and who(None) is None  # the CLI and the demo act as nobody


def test_the_office_is_a_signed_in_staff_user() -> None:
    assert access.is_office(User(username="office", is_staff=True))
    assert not access.is_office(User(username="clerk"))
    assert not access.is_office(AnonymousUser()) and not access.is_office(None)


def test_a_write_that_must_name_its_user_refuses_anyone_else() -> None:
    clerk = User(username="clerk")
    assert access.acting_user(clerk) is clerk
    for nobody in (AnonymousUser(), None):
        with pytest.raises(PermissionDenied):
            access.acting_user(nobody)
