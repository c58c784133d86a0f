"""Setting up a 票决 session and a year-end 测评: atomic, checked here and audited, whoever
calls (the office's page, the CLI, the demo). The forms only parse."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from ..plans.models import Plan, Project
from .models import RatingSession, VotingSession
from .services import VotingError, _require_office


@dataclass(frozen=True)
class SessionSpec:
    plan: Plan
    congress: str
    name: str
    date: datetime.date
    seats: int


def _candidates(plan: Plan) -> Any:
    return Project.objects.filter(plan=plan, status=Project.Status.CANDIDATE)


def session_create(*, user: Actor, spec: SessionSpec) -> VotingSession:
    """A new session on all the plan's candidates, which must outnumber the seats."""
    _require_office(user, spec.plan)
    if spec.seats < 1:
        raise VotingError("应选项目数应至少为1")
    with transaction.atomic():
        candidates = list(_candidates(spec.plan).select_for_update())
        if len(candidates) <= spec.seats:
            raise VotingError(f"该计划有{len(candidates)}个候选项目，应多于应选项目数（{spec.seats}）")
        fields = asdict(spec)
        session = VotingSession.objects.create(**fields)
        session.candidates.set(candidates)
        after = {k: str(v) for k, v in fields.items()} | {"candidates": [c.pk for c in candidates]}
        audit(user=user, action=AuditEntry.Action.CREATE, obj=session, summary=f"新建票决：{session}", after=after)
    return session


def rating_create(*, user: Actor, fields: dict[str, Any]) -> RatingSession:
    """A year-end rating of the plan's formal projects (fields as the form cleaned them)."""
    _require_office(user, fields["plan"])
    with transaction.atomic():
        session = RatingSession.objects.create(**fields)
        after = {k: str(v) for k, v in fields.items()}
        audit(user=user, action=AuditEntry.Action.CREATE, obj=session, summary=f"新建测评：{session}", after=after)
    return session
