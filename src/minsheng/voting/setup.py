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
from .ratings import electorate
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


def no_deputies(plan: Plan) -> str:
    """Why a rating cannot start: which deputies are missing and where the office adds them."""
    place = plan.jurisdiction.name if plan.jurisdiction else "本级"
    return (
        f"{place}还没有人大代表名单，满意度测评无人可以参加。测评由{place}人大代表进行："
        f"请先在“票决与测评”页为该计划新建一场票决，在票决页的“代表名单”中导入{place}人大代表名单"
        "（.xlsx：姓名、代表证号、代表团），再新建测评"
    )


def rating_create(*, user: Actor, fields: dict[str, Any]) -> RatingSession:
    """A year-end rating of the plan's formal projects (fields as the form cleaned them), rated
    by the deputies of the plan's place (ratings.electorate): none there, no rating to open."""
    plan: Plan = fields["plan"]
    _require_office(user, plan)
    if not electorate(plan).exists():
        raise VotingError(no_deputies(plan))
    with transaction.atomic():
        session = RatingSession.objects.create(**fields)
        after = {k: str(v) for k, v in fields.items()}
        audit(user=user, action=AuditEntry.Action.CREATE, obj=session, summary=f"新建测评：{session}", after=after)
    return session
