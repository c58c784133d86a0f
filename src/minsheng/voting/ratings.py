"""满意度测评: each deputy rates each formal project once; the result per project by the
session's rule; 不满意 projects flagged for follow-up."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from ..plans.models import Plan, Project
from .models import Deputy, Grade, Rating, RatingOutcome, RatingReceipt, RatingSession
from .services import VotingError, _require_office, deputy_of


def rule_text(session: RatingSession) -> str:
    return (
        f"满意票超过该项目有效测评票的{session.satisfied_share}%为“满意”；"
        f"满意与基本满意票合计超过{session.basic_share}%为“基本满意”；否则为“不满意”，列入整改跟进。"
    )


def grade_of(satisfied: int, basic: int, unsatisfied: int, satisfied_share: int = 50, basic_share: int = 50) -> str:
    total = satisfied + basic + unsatisfied
    if total and satisfied * 100 > satisfied_share * total:
        return Grade.SATISFIED
    if total and (satisfied + basic) * 100 > basic_share * total:
        return Grade.BASIC
    return Grade.UNSATISFIED


def electorate(plan: Plan) -> QuerySet[Deputy]:
    """The deputies who rate a plan: those of its place's congress, and those placed nowhere (an
    installation of one jurisdiction). The one rule for who may rate and for the turnout."""
    if plan.jurisdiction_id is None:
        return Deputy.objects.all()
    return Deputy.objects.filter(Q(jurisdiction_id=plan.jurisdiction_id) | Q(jurisdiction__isnull=True))


def sessions_for(deputy: Deputy) -> QuerySet[RatingSession]:
    """The 测评 a deputy takes part in: of published or closed plans (a draft's projects are its
    office's alone) of the deputy's own place; an unplaced deputy's: every place's."""
    sessions = RatingSession.objects.exclude(plan__state=Plan.State.DRAFT)
    if deputy.jurisdiction_id is None:
        return sessions
    return sessions.filter(Q(plan__jurisdiction_id=deputy.jurisdiction_id) | Q(plan__jurisdiction__isnull=True))


def projects_of(session: RatingSession) -> Any:
    return Project.objects.filter(plan=session.plan, status=Project.Status.FORMAL).order_by("order")


def rate(*, user: Actor, session: RatingSession, grades: Mapping[int, tuple[str, str]]) -> None:
    """One deputy's ratings of every formal project: {project id: (grade, comment)}."""
    deputy = deputy_of(user)
    if not sessions_for(deputy).filter(pk=session.pk).exists():
        raise VotingError("本次测评不属于您所在区划的人民代表大会")
    try:
        with transaction.atomic():
            # Locked: a rating sent while the office closes the session waits, then is refused.
            if RatingSession.objects.select_for_update().get(pk=session.pk).state != RatingSession.State.OPEN:
                raise VotingError("测评未在进行中")
            _check_grades(session, grades)
            RatingReceipt.objects.create(session=session, deputy=deputy)
            Rating.objects.bulk_create(
                Rating(session=session, project_id=pk, grade=grade, comment=comment.strip()[:500])
                for pk, (grade, comment) in grades.items()
            )
    except IntegrityError as exc:
        raise VotingError("您已提交过测评，每位代表只能测评一次") from exc


def _check_grades(session: RatingSession, grades: Mapping[int, tuple[str, str]]) -> None:
    expected = set(projects_of(session).values_list("pk", flat=True))
    missing = expected - set(grades)
    if missing or set(grades) - expected:
        raise VotingError(f"请对全部{len(expected)}个项目逐项测评（还有{len(missing)}个未选）")
    if any(grade not in Grade.values for grade, _ in grades.values()):
        raise VotingError("测评结果只能是满意、基本满意或不满意")


def outcomes(session: RatingSession) -> list[RatingOutcome]:
    """Results as they stand (unsaved), one per formal project."""
    counts: Counter[tuple[int, str]] = Counter(session.ratings.values_list("project_id", "grade"))
    result = []
    for project in projects_of(session):
        s, b, u = (counts[(project.pk, g)] for g in (Grade.SATISFIED, Grade.BASIC, Grade.UNSATISFIED))
        grade = grade_of(s, b, u, session.satisfied_share, session.basic_share)
        result.append(
            RatingOutcome(
                session=session,
                project=project,
                satisfied=s,
                basic=b,
                unsatisfied=u,
                grade=grade,
                follow_up=grade == Grade.UNSATISFIED,
            )
        )
    return result


def close(*, user: Actor, session: RatingSession) -> list[RatingOutcome]:
    _require_office(user, session.plan)
    with transaction.atomic():
        session = RatingSession.objects.select_for_update().get(pk=session.pk)
        if session.state != RatingSession.State.OPEN:
            raise VotingError("测评不在进行中")
        saved = RatingOutcome.objects.bulk_create(outcomes(session))
        session.state = RatingSession.State.CLOSED
        session.save(update_fields=["state"])
        flagged = [o.project.name for o in saved if o.follow_up]
        audit(
            user=user,
            action=AuditEntry.Action.RATE,
            obj=session,
            summary=f"结束测评：{session}，不满意 {len(flagged)} 个",
            after={"follow_up": flagged},
        )
    return saved


def publish(*, user: Actor, session: RatingSession) -> None:
    _require_office(user, session.plan)
    with transaction.atomic():
        updated = RatingSession.objects.filter(pk=session.pk, state=RatingSession.State.CLOSED).update(
            state=RatingSession.State.PUBLISHED
        )
        if not updated:
            raise VotingError("只有已结束的测评可以公布")
        audit(user=user, action=AuditEntry.Action.RATE, obj=session, summary=f"公布测评结果：{session}")
