"""An office administrator (本级账号管理员) runs its own accounts in the browser.

Who is one: a seated office user whose seat has `is_admin` (regions.OfficeSeat). Its reach is
its seat's jurisdiction and every level below (access.jurisdictions_readable); an account is
within reach when it is seated there (office staff, tellers), reports for a unit of a
jurisdiction there (Unit.jurisdiction), or is a leader or deputy at home there
(HomeJurisdiction). The reach checks are here, not in plans/access.py: access answers
"may this user read this plan", this module "may this administrator manage this account".

Refusals: `NotAdmin` (a 403: the user is no administrator at all) and `OutOfReach` (a 404:
the account or jurisdiction is another office's, and its existence is not this one's business).
"""

from __future__ import annotations

import secrets
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from ..plans import access
from ..plans.models import Jurisdiction
from .models import OfficeSeat

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class StaffError(Exception):
    """A step the administrator asked for that cannot be done; the message says why."""


class NotAdmin(StaffError):
    """Not an office administrator: the page answers 403."""


class OutOfReach(StaffError):
    """Another office's account or jurisdiction: the page answers 404."""


NOT_ADMIN = "只有本级账号管理员可以管理账号（请联系上级督查室或系统管理员）"


def admin_seat(user: Actor | None) -> OfficeSeat:
    """The administrator's seat; anyone else is refused (NotAdmin)."""
    if not access.is_office(user):
        raise NotAdmin(NOT_ADMIN)
    seat = OfficeSeat.objects.select_related("jurisdiction").filter(user=user, is_admin=True).first()
    if seat is None:
        raise NotAdmin(NOT_ADMIN)
    return seat


def is_office_admin(user: Actor | None) -> bool:
    try:
        admin_seat(user)
    except NotAdmin:
        return False
    return True


def reach(user: Actor) -> frozenset[int]:
    """The jurisdictions an administrator manages: its seat's and every level below."""
    admin_seat(user)
    readable = access.jurisdictions_readable(user)
    return readable or frozenset()  # a seated office always has a subtree (never None)


def placeable(user: Actor) -> list[Jurisdiction]:
    """Where an administrator may seat or place new accounts: its own level and one below."""
    seat = admin_seat(user)
    below = Jurisdiction.objects.filter(parent=seat.jurisdiction).order_by("name")
    return [seat.jurisdiction, *below]


def check_jurisdiction(user: Actor, jurisdiction_id: int | None) -> Jurisdiction:
    """A jurisdiction the administrator may place accounts in (its own or one below)."""
    found = next((j for j in placeable(user) if j.pk == jurisdiction_id), None)
    if found is None:
        raise OutOfReach("该区划不在本级或下一级")
    return found


def _within(scope: frozenset[int]) -> Q:
    """Accounts placed in `scope`. A superuser is the operator's, whatever its seat: resetting
    its password from an office's page would hand over the whole installation."""
    placed = (
        Q(office_seat__jurisdiction_id__in=scope)
        | Q(memberships__unit__jurisdiction_id__in=scope)
        | Q(home_jurisdiction__jurisdiction_id__in=scope)
    )
    return placed & Q(is_superuser=False, api_token__isnull=True)


def accounts_within(user: Actor) -> QuerySet[User]:
    """The accounts an administrator manages, with what the list shows read in a fixed number
    of queries. Integration tokens' own users are left out: the tokens page manages them."""
    scope = reach(user)
    found = get_user_model().objects.filter(_within(scope)).distinct()
    found = found.select_related("office_seat__jurisdiction", "home_jurisdiction__jurisdiction", "profile__leader")
    return found.prefetch_related("memberships__unit", "deputy").order_by("username")


def check_account(user: Actor, account_id: int) -> User:
    """An account within the administrator's reach (OutOfReach otherwise)."""
    found = get_user_model().objects.filter(_within(reach(user)), pk=account_id).first()
    if found is None:
        raise OutOfReach("没有这个账号，或它不属于本级及下级")
    return found


def one_time_password() -> str:
    """Shown once to the administrator, never stored in clear (Django keeps its hash)."""
    return secrets.token_urlsafe(12)


def deactivate_account(*, user: Actor, account_id: int) -> User:
    """The account can no longer log in; its records stay (reports, audit) under its name."""
    account = check_account(user, account_id)
    if account.pk == getattr(user, "pk", None):
        raise StaffError("不能停用自己的账号")
    if not account.is_active:
        raise StaffError(f"账号“{account.username}”已停用")
    with transaction.atomic():
        account.is_active = False
        account.save(update_fields=["is_active"])
        audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=account,
            summary=f"停用账号 {account.username}",
            before={"is_active": True},
            after={"is_active": False},
        )
    return account


def reset_password(*, user: Actor, account_id: int) -> tuple[User, str]:
    """A new random password for the account, returned once for the administrator to pass on."""
    account = check_account(user, account_id)
    if not account.is_active:
        raise StaffError(f"账号“{account.username}”已停用，不能重置密码")
    password = one_time_password()
    with transaction.atomic():
        account.set_password(password)
        account.save(update_fields=["password"])
        audit(user=user, action=AuditEntry.Action.UPDATE, obj=account, summary=f"重置账号 {account.username} 的密码")
    return account, password
