"""票决 workflows: open and close a session, cast a ballot, enter paper ballots, tally
and publish. Each is atomic and audited; access is checked here as well as in views."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone

from ..accounts.kinds import Actor, signed_in
from ..accounts.models import AuditEntry, audit
from ..plans import access
from ..plans.models import Plan, Project
from . import ballot_box
from .models import Attendance, Ballot, BallotChoice, Deputy, PaperEntry, VoteReceipt, VotingSession
from .tally import Tally, decide

if TYPE_CHECKING:
    from django.contrib.auth.models import User

DEPUTY_CACHE = "_minsheng_deputy"


class VotingError(Exception):
    """A vote or a session step that is not allowed; the message says why (in Chinese)."""


def _require_office(user: Actor | None, plan: Plan | None = None) -> User:
    """The office user managing the vote (a teller, say) of `plan`'s jurisdiction: the office
    that supervises the plan; anyone else, a sibling district's office too, is refused."""
    if not access.is_office(user):
        raise VotingError("只有人大代表工作机构（管理员）可以管理票决")
    if plan is not None and not access.can_supervise_plan(user, plan):
        raise VotingError("该计划不属于本级，不能管理其票决或测评")
    return user


def deputy_of(user: Actor) -> Deputy:
    """The user's deputy record, read once per request (kept on the user object, as
    access.identity is; the menu reads it from there too). One query: the record joined to
    the profile's deputy flag (access.Identity.deputy), unless this request read it already."""
    deputy = getattr(user, DEPUTY_CACHE, None)
    if deputy is None and signed_in(user):
        records = Deputy.objects.filter(user=user)
        known = access.identity_if_read(user)
        if known is None:
            records = records.filter(user__profile__is_deputy=True)
        elif not known.deputy:
            records = records.none()
        deputy = records.first()
        setattr(user, DEPUTY_CACHE, deputy)  # not a declared field of User: see access._remember
    if deputy is None:
        raise VotingError("只有人大代表可以投票和测评")
    return deputy


def _locked(session: VotingSession) -> VotingSession:
    """The session as it is now, locked until the transaction ends: a ballot cast while
    the office closes the session waits for the close and is then refused."""
    return VotingSession.objects.select_for_update().get(pk=session.pk)


def _locked_in(session: VotingSession, state: str, refusal: str) -> VotingSession:
    """The session locked (see _locked), which must be in `state` for the step: otherwise
    the step is refused, saying where the session stands (票决已结束，不能结束)."""
    session = _locked(session)
    if session.state != state:
        raise VotingError(f"票决{session.get_state_display()}，{refusal}")
    return session


def open_session(*, user: Actor, session: VotingSession) -> VotingSession:
    _require_office(user, session.plan)
    with transaction.atomic():
        session = _locked_in(session, VotingSession.State.DRAFT, "不能再开始")
        count = session.candidates.count()
        if count <= session.seats:
            raise VotingError(f"候选项目（{count}个）应多于应选项目数（{session.seats}个）")
        if not session.attendance.exists():
            raise VotingError("请先导入代表名单")
        session.state, session.opened_at = VotingSession.State.OPEN, timezone.now()
        session.save(update_fields=["state", "opened_at"])
        audit(user=user, action=AuditEntry.Action.VOTE, obj=session, summary=f"开始票决：{session}")
    return session


def close_session(*, user: Actor, session: VotingSession) -> VotingSession:
    _require_office(user, session.plan)
    with transaction.atomic():
        session = _locked_in(session, VotingSession.State.OPEN, "不能结束")
        session.state, session.closed_at = VotingSession.State.CLOSED, timezone.now()
        session.save(update_fields=["state", "closed_at"])
        result = tally(session)
        audit(
            user=user,
            action=AuditEntry.Action.VOTE,
            obj=session,
            summary=f"结束票决：{session}",
            after={"ballots": session.ballots.count(), "present": result.present, "approvals": result.approvals},
        )
    return session


def _check_choice(session: VotingSession, approvals: Iterable[int]) -> list[int]:
    allowed = set(session.candidates.values_list("pk", flat=True))
    return _checked(approvals, session.seats, allowed)


def _checked(approvals: Iterable[int], seats: int, allowed: set[int]) -> list[int]:
    chosen = sorted(set(approvals))
    if len(chosen) > seats:
        raise VotingError(f"每张选票至多赞成{seats}个项目，这张选票赞成了{len(chosen)}个")
    if not set(chosen) <= allowed:
        raise VotingError("选票上有不是本次候选的项目")
    return chosen


def cast_ballot(*, user: Actor, session: VotingSession | int, approvals: Iterable[int]) -> None:
    """A deputy's electronic ballot: a receipt (who) and a ballot (what), never linked.
    `session` may be its number: the ballot reads what it needs under its lock (a missing
    session raises VotingSession.DoesNotExist). Four statements on PostgreSQL: begin, the
    ballot box under its lock (with the voter's deputy record, unless this request read it
    already), the writes in one statement (ballot_box.drop_in), commit."""
    session_pk = session if isinstance(session, int) else session.pk
    # The deputy record read with the ballot box when nothing read it yet (the tablet's
    # ballot): one query fewer; the checks and their order are deputy_of's.
    ask = getattr(user, DEPUTY_CACHE, None) is None and signed_in(user) and access.identity_if_read(user) is None
    deputy_pk = None if ask else deputy_of(user).pk
    try:
        with transaction.atomic():
            try:
                state, seats, allowed, found = ballot_box.read(session_pk, user.pk if ask else None)
            except VotingSession.DoesNotExist:
                deputy_of(user)  # not a deputy is said first, as when the record is read apart
                raise
            if ask:
                deputy_pk = found if found is not None else deputy_of(user).pk  # raises: not a deputy
            if state != VotingSession.State.OPEN:
                raise VotingError("票决未在进行中")
            chosen = _checked(approvals, seats, allowed)
            # Who votes is present; no row to mark: not on the roster. The unique (session,
            # deputy) receipt is what stops a second vote, even a concurrent one.
            if deputy_pk is None or not ballot_box.drop_in(session_pk, deputy_pk, chosen):
                raise VotingError("您不在本次会议的代表名单中")
    except IntegrityError as exc:
        raise VotingError("您已投过票，每位代表只能投一次") from exc


def issue_paper_ballot(*, user: Actor, session: VotingSession, deputy: Deputy) -> None:
    """The office hands a deputy a paper ballot: it counts as the deputy's vote."""
    _require_office(user, session.plan)
    try:
        with transaction.atomic():
            if _locked(session).state != VotingSession.State.OPEN:
                raise VotingError("票决未在进行中")
            updated = Attendance.objects.filter(session=session, deputy=deputy).update(present=True)
            if not updated:
                raise VotingError(f"{deputy.name}不在本次会议的代表名单中")
            receipt = VoteReceipt.objects.create(session=session, deputy=deputy, channel=VoteReceipt.Channel.PAPER)
            audit(user=user, action=AuditEntry.Action.VOTE, obj=receipt, summary=f"发放纸质选票：{deputy.name}")
    except IntegrityError as exc:
        raise VotingError(f"{deputy.name}已投过票（或已领取纸质选票）") from exc


def enter_paper_ballot(*, user: Actor, session: VotingSession, serial: str, approvals: Iterable[int]) -> str:
    """A teller's reading of paper ballot `serial`. The second teller's reading must agree
    with the first; then the ballot counts. Returns what happened, for the teller."""
    teller = _require_office(user, session.plan)
    serial = serial.strip()
    if not serial:
        raise VotingError("请填写选票编号")
    chosen = _check_choice(session, approvals)
    with transaction.atomic():
        if _locked(session).state not in (VotingSession.State.OPEN, VotingSession.State.CLOSED):
            raise VotingError("只能在票决进行中或结束后、公布前录入纸质选票")
        entries = list(PaperEntry.objects.select_for_update().filter(session=session, serial=serial))
        if any(e.teller_id == teller.pk for e in entries):
            raise VotingError(f"您已录入过第{serial}号选票，请由另一位计票人核对录入")
        if len(entries) >= 2:
            raise VotingError(f"第{serial}号选票已由两位计票人录入")
        if entries and sorted(entries[0].approvals) != chosen:
            raise VotingError(f"第{serial}号选票两位计票人录入不一致，请共同核对原票后重新录入（本次未计入）")
        if not entries:
            issued = session.receipts.filter(channel=VoteReceipt.Channel.PAPER).count()
            counted = session.paper_entries.values("serial").distinct().count()
            if counted >= issued:
                raise VotingError(f"已录入的纸质选票（{counted}张）不能多于发出的（{issued}张）")
        PaperEntry.objects.create(session=session, serial=serial, teller=teller, approvals=chosen)
        if not entries:
            return f"第{serial}号选票已录入，待第二位计票人核对"
        ballot = Ballot.objects.create(session=session, paper=True)
        ballot.approvals.set(chosen)
        audit(user=user, action=AuditEntry.Action.VOTE, obj=session, summary=f"纸质选票第{serial}号核对一致，计入")
    return f"第{serial}号选票两位计票人录入一致，已计入"


def reset_paper_entry(*, user: Actor, session: VotingSession, serial: str) -> None:
    """When two tellers disagree, the first reading is withdrawn to be entered again."""
    _require_office(user, session.plan)
    with transaction.atomic():
        entries = PaperEntry.objects.filter(session=session, serial=serial)
        if entries.count() != 1:
            raise VotingError("只有未核对一致的选票可以重新录入")
        entries.delete()
        audit(user=user, action=AuditEntry.Action.VOTE, obj=session, summary=f"撤回纸质选票第{serial}号的录入")


def pending_paper(session: VotingSession) -> list[str]:
    """Serials entered by one teller only."""
    rows = session.paper_entries.values("serial").annotate(n=Count("pk")).filter(n=1)
    return sorted(r["serial"] for r in rows)


def turnout(session: VotingSession) -> dict[str, int]:
    counts = Counter(session.receipts.values_list("channel", flat=True))
    return {
        "roster": session.attendance.count(),
        "present": session.attendance.filter(present=True).count(),
        "electronic": counts[VoteReceipt.Channel.ELECTRONIC],
        "paper": counts[VoteReceipt.Channel.PAPER],
        "ballots": session.ballots.count(),
    }


def tally(session: VotingSession) -> Tally:
    """Count the ballots (two queries) and apply the rule."""
    approvals = dict.fromkeys(session.candidates.values_list("pk", flat=True), 0)
    choices = BallotChoice.objects.filter(ballot__session=session)
    for project_id, n in choices.values_list("project_id").annotate(n=Count("pk")):
        approvals[project_id] = n
    present = session.attendance.filter(present=True).count()
    return decide(approvals, present, session.seats)


def publish(*, user: Actor, session: VotingSession, decision: Iterable[int] = (), note: str = "") -> Tally:
    """Publish the result: the chosen candidates become the plan's formal projects, the
    others stay 票决候选项目. A tie needs the meeting's decision (which tied ones take
    the remaining seats) and its reason."""
    _require_office(user, session.plan)
    with transaction.atomic():
        session = _locked(session)
        if session.state != VotingSession.State.CLOSED:
            raise VotingError("只有已结束的票决可以公布结果")
        if pending_paper(session):
            raise VotingError(f"还有纸质选票未经第二位计票人核对：{'、'.join(pending_paper(session))}号")
        result = tally(session)
        decided = sorted(set(decision))
        if result.tied:
            if len(decided) != result.tied_seats or not set(decided) <= set(result.tied) or not note.strip():
                raise VotingError(
                    f"有{len(result.tied)}个项目票数并列争{result.tied_seats}个名额，请按会议决定选出并说明依据"
                )
        elif decided:
            raise VotingError("没有并列，无需决定")
        chosen = set(result.chosen) | set(decided)
        _apply(session, chosen)
        session.state, session.decision, session.decision_note = VotingSession.State.PUBLISHED, decided, note.strip()
        session.save(update_fields=["state", "decision", "decision_note"])
        audit(
            user=user,
            action=AuditEntry.Action.VOTE,
            obj=session,
            summary=f"公布票决结果：{session}",
            after={"chosen": sorted(chosen), "decision": decided, "note": note.strip()},
        )
    return result


def _apply(session: VotingSession, chosen: set[int]) -> None:
    """Chosen candidates become formal projects (after the plan's formal ones), the rest candidates."""
    formal = Project.objects.filter(plan=session.plan, status=Project.Status.FORMAL).exclude(pk__in=chosen)
    clash = formal.filter(name__in=session.candidates.filter(pk__in=chosen).values("name")).first()
    if clash is not None:  # (plan, status, name) is unique: say so instead of failing on it
        raise VotingError(f"计划中已有同名的正式项目“{clash.name}”，请先更名后再公布")
    last = Project.objects.filter(plan=session.plan).aggregate(m=Max("order"))["m"] or 0
    for offset, project in enumerate(session.candidates.order_by("order"), start=1):
        project.status = Project.Status.FORMAL if project.pk in chosen else Project.Status.CANDIDATE
        if project.status == Project.Status.FORMAL:
            project.order = last + offset  # listed after the projects already formal
            _starts_today(session.plan, project)
        project.save(update_fields=["status", "order"])


def _starts_today(plan: Plan, project: Project) -> None:
    """A project voted into a plan already running starts now: it owes no report for the
    periods before, and its 序时进度 runs from today (progress/schedule.py). Voted in before
    the plan is published, its tasks start with the plan."""
    if plan.state == Plan.State.PUBLISHED:
        project.tasks.filter(start__isnull=True).update(start=timezone.localdate())
