"""Accounts locked after repeated failed logins, and the office's unlock.

django-axes counts the failures (settings: AXES_LOCKOUT_PARAMETERS, per account from any
address); this module reads its rows to list what is locked now and clears them on the
office's word, audited. Which accounts an office may see: its seat's jurisdiction and every
level below (staff seated there, reporters of units there); an unseated office sees all.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Max, Q, QuerySet, Sum
from django.utils import timezone

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from ..plans.tree import subtree


class UnlockError(Exception):
    """The account cannot be unlocked by this office; the message says why."""


@dataclass
class LockedAccount:
    user: Any
    failures: int
    last_attempt: datetime.datetime
    until: datetime.datetime


def _window() -> datetime.timedelta:
    return get_cool_off() or datetime.timedelta(hours=1)


def _failures() -> dict[str, tuple[int, datetime.datetime]]:
    """User name → (failures, last failure) for names at the limit within the cool-off."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - _window(), username__isnull=False)
    rows = recent.order_by().values("username").annotate(n=Sum("failures_since_start"), last=Max("attempt_time"))
    return {r["username"]: (r["n"], r["last"]) for r in rows.filter(n__gte=settings.AXES_FAILURE_LIMIT)}


def users_in_reach(office: Actor) -> QuerySet[Any]:
    """The accounts `office` administers: all for an unseated office, else those seated in its
    jurisdiction or below, or reporting for a unit there."""
    users = get_user_model().objects.all()
    seat = getattr(office, "office_seat", None)
    if seat is None:
        return users
    area = subtree([seat.jurisdiction_id])
    return users.filter(
        Q(office_seat__jurisdiction_id__in=area) | Q(memberships__unit__jurisdiction_id__in=area)
    ).distinct()


def locked_accounts(*, office: Actor) -> list[LockedAccount]:
    failures = _failures()
    if not failures:
        return []
    users = users_in_reach(office).filter(username__in=list(failures)).order_by("username")
    window = _window()
    return [
        LockedAccount(user, failures[user.username][0], failures[user.username][1], failures[user.username][1] + window)
        for user in users
    ]


def unlock_account(*, office: Actor, username: str) -> int:
    """Clear `username`'s failed logins (from every address); returns how many were cleared."""
    user = users_in_reach(office).filter(username=username).first()
    if user is None:
        raise UnlockError(f"找不到账号“{username}”，或不在本级管辖范围内")
    failures = _failures().get(username, (0, None))[0]
    if not failures:
        raise UnlockError(f"账号“{username}”未被锁定")
    with transaction.atomic():
        reset(username=username)
        audit(
            user=office,
            action=AuditEntry.Action.UPDATE,
            obj=user,
            summary=f"解除账号锁定：{username}（1小时内登录失败{failures}次）",
            before={"failures": failures},
            after={"failures": 0},
        )
    return failures
