"""One-time invitation links: the office invites a person to report for a unit."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from ..accounts.kinds import Actor, who
from ..accounts.models import AuditEntry, Invite, Membership, audit
from . import access
from .models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

VALID_FOR = datetime.timedelta(days=7)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_invite(*, user: Actor, unit: Unit, name: str, email: str = "") -> tuple[Invite, str]:
    """The invite and its token; only the token's hash is stored, so the link is shown once.
    Only an office of the unit's own level invites its reporters."""
    if not Unit.objects.filter(access.units_filter(user, supervise=True), pk=unit.pk).exists():
        raise PermissionDenied(f"“{unit.name}”不是本级的单位，不能邀请其填报人")
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        invite = Invite.objects.create(
            token_hash=_hash(token),
            unit=unit,
            name=name,
            email=email,
            created_by=who(user),
            expires_at=timezone.now() + VALID_FOR,
        )
        audit(user=user, action=AuditEntry.Action.INVITE, obj=invite, summary=f"邀请 {name} 加入 {unit.name}")
    return invite, token


def open_invite(token: str) -> Invite | None:
    """The invite of a token, if it is unused and not expired."""
    invite = Invite.objects.select_related("unit").filter(token_hash=_hash(token)).first()
    if invite is None or invite.used_at is not None or invite.expires_at < timezone.now():
        return None
    return invite


def accept_invite(*, token: str, username: str, password: str) -> User:
    """Create the user and the membership; the link cannot be used again."""
    with transaction.atomic():
        invite = Invite.objects.select_for_update().filter(token_hash=_hash(token)).first()
        if invite is None or invite.used_at is not None or invite.expires_at < timezone.now():
            raise ValueError("邀请链接已使用或已过期，请联系督查室重新邀请")
        user = get_user_model().objects.create_user(
            username=username, password=password, email=invite.email, first_name=invite.name
        )
        Membership.objects.create(user=user, unit=invite.unit)
        invite.used_at, invite.used_by = timezone.now(), user
        invite.save(update_fields=["used_at", "used_by"])
        audit(
            user=user,
            action=AuditEntry.Action.CREATE,
            obj=invite,
            summary=f"{username} 通过邀请加入 {invite.unit.name}",
        )
    return user
