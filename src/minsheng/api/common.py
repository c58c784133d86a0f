"""What every endpoint shares: who is calling (a token, a signed-in user or the public),
what they may read, and the error answers each endpoint declares in the schema."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Schema
from ninja.security import HttpBearer

from ..accounts.kinds import Actor
from ..accounts.ratelimit import allow
from ..plans import access
from ..plans.models import Plan, Task
from ..plans.tree import subtree
from . import tokens
from .models import ApiToken

DEFAULT_RATE = "600/m"
MAX_LIMIT = 200


class RateLimited(Exception):
    """A token used more often than MINSHENG_API_RATE allows."""


class ErrorOut(Schema):
    detail: str
    field: str | None = None


ERRORS: dict[int, Any] = {code: ErrorOut for code in (401, 403, 404, 422, 429)}


def answers(ok: Any, status: int = 200) -> dict[int, Any]:
    """The responses an endpoint declares: its own and every error it may give."""
    return {status: ok, **ERRORS}


@dataclass(frozen=True)
class Caller:
    user: Actor
    token: ApiToken | None = None


class Bearer(HttpBearer):
    """Authorization: Bearer ms_…, a token made by an office on its 对接系统 page."""

    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        found = tokens.authenticate(token)
        if found is None:
            return None
        if not allow(f"api-token:{found.pk}", getattr(settings, "MINSHENG_API_RATE", DEFAULT_RATE)):
            raise RateLimited
        request.user = found.user
        return Caller(user=found.user, token=found)


class TokenOrSession(Bearer):
    """Reads: a token when one is sent (a wrong one is 401), else the signed-in user or the public."""

    def __call__(self, request: HttpRequest) -> Caller | None:
        if not request.headers.get(self.header):
            return Caller(user=request.user)
        return super().__call__(request)


def caller(request: HttpRequest) -> Caller:
    return request.auth  # type: ignore[attr-defined,no-any-return]


def readable_plans(request: HttpRequest) -> QuerySet[Plan]:
    """Plans the caller reads: a token only its jurisdiction's and those below (no drafts);
    a user what the pages show them."""
    who = caller(request)
    if who.token is None:
        return Plan.objects.visible_to(who.user)
    scope = subtree([who.token.jurisdiction_id])
    return Plan.objects.filter(jurisdiction_id__in=scope).exclude(state=Plan.State.DRAFT)


def readable_tasks(request: HttpRequest) -> QuerySet[Task]:
    return Task.objects.filter(project__plan__in=readable_plans(request))


def readable_jurisdictions(request: HttpRequest) -> frozenset[int] | None:
    """Jurisdictions whose roll-up the caller reads; None: all of them."""
    who = caller(request)
    if who.token is not None:
        return subtree([who.token.jurisdiction_id])
    return access.jurisdictions_readable(who.user)


def clamp(limit: int, offset: int) -> tuple[int, int]:
    return max(1, min(limit, MAX_LIMIT)), max(0, offset)
