"""征集: the public proposes; the office merges duplicates, screens proposals into
candidates (a candidate Project of the plan, with a task, lead unit and targets), or
rejects them with a reason the proposer can read with the proposal's code."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Q

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from ..indicators.services import write_targets
from ..plans import access
from ..plans.models import Jurisdiction, Plan, Project, Task, TaskUnit, Unit
from .models import Candidate, Proposal
from .services import VotingError, _require_office

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read over the phone


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))


def submit(
    *, title: str, content: str, proposer: str, contact: str, jurisdiction: Jurisdiction | None = None
) -> Proposal:
    proposal = Proposal.objects.create(
        jurisdiction=jurisdiction,
        title=title.strip(),
        content=content.strip(),
        proposer=proposer.strip(),
        contact=contact.strip(),
        code=new_code(),
    )
    audit(user=None, action=AuditEntry.Action.CREATE, obj=proposal, summary=f"收到项目建议：{proposal.title}")
    return proposal


@dataclass
class Screening:
    plan: Plan
    name: str
    content: str
    lead_unit: Unit | None
    feasibility: str = ""
    cost: Decimal | None = None


def screened_by(user: Actor) -> Q:
    """The proposals an office screens: those proposed for its own level."""
    return access.supervised_filter(user)


def _require_screener(user: Actor, proposal: Proposal) -> None:
    _require_office(user)
    if not Proposal.objects.filter(screened_by(user), pk=proposal.pk).exists():
        raise VotingError("该建议不是提给本级的，不能办理")


def accept(*, user: Actor, proposal: Proposal, screening: Screening) -> Candidate:
    """The proposal becomes a candidate project of the plan (票决候选项目): a plan of the
    office's own level, led (if named) by one of its own units."""
    _require_screener(user, proposal)
    _require_office(user, screening.plan)
    if screening.lead_unit and screening.lead_unit.jurisdiction_id != screening.plan.jurisdiction_id:
        raise VotingError(f"“{screening.lead_unit.name}”不是该计划所在区划的单位")
    if proposal.status != Proposal.Status.RECEIVED:
        raise VotingError(f"该建议{proposal.get_status_display()}，不能再列为候选")
    if Project.objects.filter(plan=screening.plan, name=screening.name.strip()).exists():
        raise VotingError(f"计划中已有名为“{screening.name}”的项目，可将此建议合并到该项目")
    with transaction.atomic():
        last = Project.objects.filter(plan=screening.plan).aggregate(m=Max("order"))["m"] or 0
        project = Project.objects.create(
            plan=screening.plan, name=screening.name.strip(), status=Project.Status.CANDIDATE, order=last + 1
        )
        task = Task.objects.create(project=project, content=screening.content.strip())
        if screening.lead_unit:
            TaskUnit.objects.create(task=task, unit=screening.lead_unit, role=TaskUnit.Role.LEAD)
        write_targets(task)
        candidate = Candidate.objects.create(project=project, feasibility=screening.feasibility, cost=screening.cost)
        proposal.status, proposal.candidate = Proposal.Status.ACCEPTED, candidate
        proposal.reason = f"已列为候选项目“{project.name}”，提交人大代表票决"
        proposal.save(update_fields=["status", "candidate", "reason"])
        audit(user=user, action=AuditEntry.Action.CREATE, obj=candidate, summary=f"建议列为候选项目：{project.name}")
    return candidate


def merge(*, user: Actor, proposal: Proposal, into: Proposal) -> None:
    """A duplicate joins another proposal (and its candidate, if it has one)."""
    _require_screener(user, proposal)
    _require_screener(user, into)
    if proposal.pk == into.pk or into.status in (Proposal.Status.MERGED, Proposal.Status.REJECTED):
        raise VotingError("只能合并到另一条有效的建议")
    if proposal.status != Proposal.Status.RECEIVED:
        raise VotingError(f"该建议{proposal.get_status_display()}，不能再合并")
    with transaction.atomic():
        proposal.status, proposal.merged_into, proposal.candidate = Proposal.Status.MERGED, into, into.candidate
        proposal.reason = f"与同类建议“{into.title}”合并办理"
        proposal.save(update_fields=["status", "merged_into", "candidate", "reason"])
        audit(user=user, action=AuditEntry.Action.UPDATE, obj=proposal, summary=f"合并到：{into.title}")


def reject(*, user: Actor, proposal: Proposal, reason: str) -> None:
    _require_screener(user, proposal)
    if not reason.strip():
        raise VotingError("不采纳时请填写理由（建议人可见）")
    if proposal.status != Proposal.Status.RECEIVED:
        raise VotingError(f"该建议{proposal.get_status_display()}，不能再处理")
    with transaction.atomic():
        proposal.status, proposal.reason = Proposal.Status.REJECTED, reason.strip()
        proposal.save(update_fields=["status", "reason"])
        audit(user=user, action=AuditEntry.Action.UPDATE, obj=proposal, summary=f"不采纳：{proposal.title}")
