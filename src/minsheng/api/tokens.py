"""Creating, revoking and checking API tokens: atomic and audited like every write."""

from __future__ import annotations

import datetime
import hashlib
import secrets
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, Membership, audit
from ..plans import access
from ..plans.models import Jurisdiction, Unit
from ..regions.models import OfficeSeat
from .models import ApiToken

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PREFIX = "ms_"
LAST_USED_GRAIN = datetime.timedelta(minutes=1)  # how finely 最近使用 is kept


class TokenError(Exception):
    """A token that cannot be made or changed; the message says why."""


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _require_office_of(user: Actor, jurisdiction: Jurisdiction) -> User:
    """The office user of the jurisdiction's level; anyone else is refused."""
    scope = access.jurisdictions_supervised(user)
    if not access.is_office(user) or (scope is not None and jurisdiction.pk not in scope):
        raise TokenError("只有本级督查室可以管理本级的 API 令牌")
    return user


def create_token(
    *, user: Actor, name: str, jurisdiction: Jurisdiction, role: str, unit: Unit | None = None
) -> tuple[ApiToken, str]:
    """A new token for an integration; returns it with the secret, which is shown only once."""
    creator = _require_office_of(user, jurisdiction)
    name = name.strip()
    if not name:
        raise TokenError("对接系统名称：请填写")
    if role not in ApiToken.Role.values:
        raise TokenError(f"角色：“{role}”无效")
    if role == ApiToken.Role.REPORTER and unit is None:
        raise TokenError("报送单位：单位报送令牌须指定报送单位")
    secret = PREFIX + secrets.token_urlsafe(32)
    prefix = secret[: len(PREFIX) + 8]
    with transaction.atomic():
        bot = get_user_model().objects.create_user(f"api-{prefix}", first_name=name[:150])
        bot.set_unusable_password()
        bot.save(update_fields=["password"])
        if role == ApiToken.Role.REPORTER and unit is not None:
            Membership.objects.create(user=bot, unit=unit)
        if role == ApiToken.Role.OFFICE:  # an office seated at the token's level, nothing wider
            bot.is_staff = True
            bot.save(update_fields=["is_staff"])
            OfficeSeat.objects.create(user=bot, jurisdiction=jurisdiction)
        token = ApiToken.objects.create(
            name=name[:100],
            prefix=prefix,
            token_hash=digest(secret),
            jurisdiction=jurisdiction,
            role=role,
            unit=unit if role == ApiToken.Role.REPORTER else None,
            user=bot,
            created_by=creator,
        )
        audit(user=user, action=AuditEntry.Action.CREATE, obj=token, summary=f"创建 API 令牌：{token}")
    return token, secret


def revoke_token(*, user: Actor, token: ApiToken) -> ApiToken:
    _require_office_of(user, token.jurisdiction)
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            token.user.is_active = False
            token.user.save(update_fields=["is_active"])
            audit(user=user, action=AuditEntry.Action.UPDATE, obj=token, summary=f"吊销 API 令牌：{token}")
    return token


def authenticate(secret: str) -> ApiToken | None:
    """The live token with this secret, or None (unknown or revoked)."""
    if not secret.startswith(PREFIX):
        return None
    token = ApiToken.objects.select_related("user", "jurisdiction").filter(token_hash=digest(secret)).first()
    if token is None or token.revoked_at is not None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_GRAIN:
        # once a minute at most: a burst of requests writes the token's row once, not each time
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
