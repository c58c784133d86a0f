"""票决: the N-of-M rule, ties, too many approvals, a second vote, tellers who disagree,
secrecy, the roster import, and publishing the result into the plan."""

from __future__ import annotations

import datetime
import io
import uuid
from typing import Any

import pytest
from django.conf import settings
from django.db import models
from openpyxl import Workbook

from minsheng.accounts.models import AuditEntry
from minsheng.plans.models import Project
from minsheng.voting import services
from minsheng.voting.models import Ballot, Deputy, Rating, VoteReceipt, VotingSession
from minsheng.voting.roster import RosterError, import_roster, read_roster
from minsheng.voting.services import VotingError
from minsheng.voting.tally import decide

pytestmark = pytest.mark.django_db


def roster_xlsx(rows: list[tuple[Any, ...]], header: tuple[str, ...] = ("姓名", "代表证号", "代表团")) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["武进区第十七届人民代表大会第七次会议代表名单"])
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def session(wujin_plan: Any, office: Any) -> VotingSession:
    """The 6 candidates of 附件2, 3 seats, a roster of 7 deputies."""
    vote = VotingSession.objects.create(
        plan=wujin_plan,
        congress="武进区第十七届人民代表大会",
        name="第七次会议",
        date=datetime.date(2026, 1, 10),
        seats=3,
    )
    vote.candidates.set(Project.objects.filter(plan=wujin_plan, status=Project.Status.CANDIDATE))
    rows = read_roster(roster_xlsx([(f"代表{i}", f"1700{i}", "湖塘代表团") for i in range(1, 8)]))
    import_roster(user=office, session=vote, rows=rows)
    return vote


@pytest.fixture
def deputies(session: VotingSession) -> list[Any]:
    return [d.user for d in Deputy.objects.order_by("number")]


def candidates(session: VotingSession) -> list[int]:
    return list(session.candidates.order_by("order").values_list("pk", flat=True))


def test_the_rule_chosen_needs_a_majority_of_those_present_and_a_top_n_rank() -> None:
    assert decide({1: 5, 2: 4, 3: 3, 4: 1}, present=7, seats=2).chosen == [1, 2]
    result = decide({1: 6, 2: 3, 3: 2}, present=7, seats=2)  # 3 of 7 is no majority: the seat stays empty
    assert result.chosen == [1] and result.not_chosen == [2, 3]
    assert decide({1: 4, 2: 4}, present=8, seats=2).chosen == []  # exactly half is not more than half


def test_ties_at_the_last_seat_are_reported_not_broken() -> None:
    result = decide({1: 6, 2: 5, 3: 5, 4: 5, 5: 1}, present=8, seats=2)
    assert result.chosen == [1] and result.tied == [2, 3, 4] and result.tied_seats == 1
    assert result.not_chosen == [5]
    fits = decide({1: 6, 2: 5, 3: 5}, present=8, seats=3)  # a tie that fits the seats is no tie
    assert fits.chosen == [1, 2, 3] and fits.tied == []


def test_a_full_session_publishes_the_chosen_as_formal_projects(
    session: VotingSession, deputies: list[Any], office: Any
) -> None:
    a, b, c, d, e, f = candidates(session)
    services.open_session(user=office, session=session)
    ballots = [[a, b, c]] * 4 + [[a, b, d]] * 2 + [[e]]
    for user, approvals in zip(deputies, ballots, strict=True):
        services.cast_ballot(user=user, session=session, approvals=approvals)
    services.close_session(user=office, session=session)
    result = services.tally(session)
    assert result.present == 7 and result.approvals == {a: 6, b: 6, c: 4, d: 2, e: 1, f: 0}
    assert sum(result.approvals.values()) == sum(len(x) for x in ballots)  # the tally equals the ballots
    assert result.chosen == [a, b, c]
    services.publish(user=office, session=session)
    statuses = dict(Project.objects.filter(pk__in=[a, b, c, d, e, f]).values_list("pk", "status"))
    assert [statuses[p] for p in (a, b, c, d, e, f)] == ["formal"] * 3 + ["candidate"] * 3
    session.refresh_from_db()
    assert session.state == "published"
    assert AuditEntry.objects.filter(action="vote", object_id=str(session.pk)).count() == 3


def test_more_than_n_approvals_is_refused_and_nothing_is_written(
    session: VotingSession, deputies: list[Any], office: Any
) -> None:
    services.open_session(user=office, session=session)
    with pytest.raises(VotingError, match="至多赞成3个项目"):
        services.cast_ballot(user=deputies[0], session=session, approvals=candidates(session)[:4])
    assert not Ballot.objects.exists() and not VoteReceipt.objects.exists()
    services.cast_ballot(user=deputies[0], session=session, approvals=candidates(session)[:3])  # may still vote


def test_a_second_vote_is_refused(session: VotingSession, deputies: list[Any], office: Any) -> None:
    services.open_session(user=office, session=session)
    services.cast_ballot(user=deputies[0], session=session, approvals=candidates(session)[:1])
    with pytest.raises(VotingError, match="已投过票"):
        services.cast_ballot(user=deputies[0], session=session, approvals=candidates(session)[1:2])
    assert Ballot.objects.count() == 1


def test_only_deputies_on_the_roster_vote_and_only_while_open(
    session: VotingSession, deputies: list[Any], office: Any, outsider: Any, django_user_model: Any
) -> None:
    choice = candidates(session)[:1]
    with pytest.raises(VotingError, match="未在进行中"):
        services.cast_ballot(user=deputies[0], session=session, approvals=choice)
    services.open_session(user=office, session=session)
    for user in (outsider, office):
        with pytest.raises(VotingError, match="只有人大代表"):
            services.cast_ballot(user=user, session=session, approvals=choice)
    with pytest.raises(VotingError, match="只有人大代表工作机构"):
        services.close_session(user=deputies[0], session=session)
    assert not Ballot.objects.exists()


def test_paper_ballots_need_two_tellers_who_agree(session: VotingSession, office: Any, django_user_model: Any) -> None:
    teller = django_user_model.objects.create_user("teller2", is_staff=True)
    a, b, c, *_ = candidates(session)
    services.open_session(user=office, session=session)
    services.issue_paper_ballot(user=office, session=session, deputy=Deputy.objects.get(number="17001"))
    assert "待第二位计票人核对" in services.enter_paper_ballot(
        user=office, session=session, serial="001", approvals=[a, b]
    )
    with pytest.raises(VotingError, match="另一位计票人"):
        services.enter_paper_ballot(user=office, session=session, serial="001", approvals=[a, b])
    with pytest.raises(VotingError, match="录入不一致"):
        services.enter_paper_ballot(user=teller, session=session, serial="001", approvals=[a, c])
    assert not Ballot.objects.exists()
    services.close_session(user=office, session=session)
    with pytest.raises(VotingError, match="001号"):
        services.publish(user=office, session=session)  # a ballot not yet agreed blocks the result
    services.reset_paper_entry(user=office, session=session, serial="001")
    services.enter_paper_ballot(user=office, session=session, serial="001", approvals=[a, c])
    assert "已计入" in services.enter_paper_ballot(user=teller, session=session, serial="001", approvals=[c, a])
    assert Ballot.objects.get().paper and services.tally(session).approvals[c] == 1
    with pytest.raises(VotingError, match="不能多于发出的"):
        services.enter_paper_ballot(user=office, session=session, serial="002", approvals=[a])
    # the deputy given a paper ballot cannot vote electronically as well
    with pytest.raises(VotingError):
        services.issue_paper_ballot(user=office, session=session, deputy=Deputy.objects.get(number="17001"))


def test_publishing_a_tie_needs_the_meetings_decision(session: VotingSession, deputies: list[Any], office: Any) -> None:
    a, b, c, d, *_ = candidates(session)
    services.open_session(user=office, session=session)
    for user, approvals in zip(
        deputies, [[a, b, c], [a, b, d], [a, c, d], [a, b, c], [a, b, d], [c, d], []], strict=True
    ):
        services.cast_ballot(user=user, session=session, approvals=approvals)
    services.close_session(user=office, session=session)
    result = services.tally(session)
    assert result.chosen == [a] and sorted(result.tied) == sorted([b, c, d]) and result.tied_seats == 2
    with pytest.raises(VotingError, match="并列"):
        services.publish(user=office, session=session)
    with pytest.raises(VotingError, match="并列"):
        services.publish(user=office, session=session, decision=[b, c])  # no reason given
    services.publish(user=office, session=session, decision=[b, c], note="经大会主席团决定")
    assert set(Project.objects.filter(pk__in=[a, b, c, d], status="formal").values_list("pk", flat=True)) == {a, b, c}


def test_ballots_are_secret() -> None:
    """No table links a ballot (or a rating) to a deputy or user, nor carries a time."""
    for model in (Ballot, Ballot.approvals.through, Rating):
        for f in model._meta.get_fields():
            target = getattr(f, "related_model", None)
            assert target not in (Deputy, settings.AUTH_USER_MODEL) and (
                target is None or target._meta.label != settings.AUTH_USER_MODEL
            ), (model, f.name)
            assert not isinstance(f, models.DateTimeField | models.DateField), (model, f.name)
    for model in (Ballot, Ballot.approvals.through, Rating):  # random keys: no order of casting
        assert isinstance(model._meta.pk, models.UUIDField), model
    assert uuid.UUID(str(Ballot().pk)).version == 4  # random: no order to match against receipts


def test_receipts_and_ballots_cannot_be_joined(session: VotingSession, deputies: list[Any], office: Any) -> None:
    services.open_session(user=office, session=session)
    for user in deputies[:3]:
        services.cast_ballot(user=user, session=session, approvals=candidates(session)[:1])
    receipt_fields = {f.name for f in VoteReceipt._meta.get_fields()}
    assert "ballot" not in receipt_fields and not any(f.name == "receipt" for f in Ballot._meta.get_fields())
    assert VoteReceipt.objects.count() == Ballot.objects.count() == 3


def test_roster_errors_name_the_row_and_change_nothing(session: VotingSession, office: Any) -> None:
    before = list(session.attendance.values_list("deputy_id", flat=True))
    with pytest.raises(RosterError, match="第4行 B4（代表证号）为空"):
        read_roster(roster_xlsx([("甲", "18001", ""), ("乙", None, "")]))
    with pytest.raises(RosterError, match="第4行 B4：代表证号 18001 与第3行重复"):
        read_roster(roster_xlsx([("甲", "18001", ""), ("乙", 18001, "")]))
    with pytest.raises(RosterError, match="没有找到"):
        read_roster(roster_xlsx([("甲", "18001")], header=("名字", "编号")))
    with pytest.raises(RosterError, match="不是可读取的 .xlsx"):
        read_roster(b"not a workbook", "代表.xlsx")
    services.open_session(user=office, session=session)
    with pytest.raises(RosterError, match="已开始"):
        import_roster(user=office, session=session, rows=read_roster(roster_xlsx([("甲", "18001", "")])))
    assert list(session.attendance.values_list("deputy_id", flat=True)) == before
    assert not Deputy.objects.filter(number="18001").exists()


def test_roster_import_makes_deputy_logins(session: VotingSession) -> None:
    rows = read_roster(roster_xlsx([(f"代表{i}", f"1700{i}", "") for i in range(1, 9)]))
    vote = VotingSession.objects.create(
        plan=session.plan, congress="大会", name="第八次会议", date=datetime.date(2027, 1, 10), seats=3
    )
    result = import_roster(user=None, session=vote, rows=rows)
    assert [login for _, login, _ in result.created] == ["17008"]  # the seven others exist already
    name, login, password = result.created[0]
    deputy = Deputy.objects.get(number=login)
    assert deputy.name == name and deputy.user.check_password(password) and deputy.user.profile.is_deputy


def test_publishing_refuses_a_name_already_formal(session: VotingSession, deputies: list[Any], office: Any) -> None:
    a, b, c, *_ = candidates(session)
    Project.objects.filter(pk=a).update(name="推进停车便利化")  # the name of a formal project of the plan
    services.open_session(user=office, session=session)
    for user in deputies:
        services.cast_ballot(user=user, session=session, approvals=[a, b, c])
    services.close_session(user=office, session=session)
    with pytest.raises(VotingError, match="同名的正式项目“推进停车便利化”"):
        services.publish(user=office, session=session)
    assert Project.objects.get(pk=a).status == "candidate"
    assert VotingSession.objects.get(pk=session.pk).state == "closed"
