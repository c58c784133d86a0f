"""满意度测评 (the rule, once per deputy, flagged projects) and 征集 (screening, merging,
rejecting with a reason the proposer reads)."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from minsheng.plans.models import Project, Unit
from minsheng.voting import proposals, ratings
from minsheng.voting.models import Grade, Proposal, RatingSession
from minsheng.voting.services import VotingError
from tests.test_voting import roster_xlsx

pytestmark = pytest.mark.django_db


def test_the_rating_rule() -> None:
    assert ratings.grade_of(6, 2, 2) == Grade.SATISFIED  # 60% satisfied
    assert ratings.grade_of(5, 3, 2) == Grade.BASIC  # 50% is not more than half; 80% together
    assert ratings.grade_of(3, 2, 5) == Grade.UNSATISFIED  # together exactly half
    assert ratings.grade_of(0, 0, 0) == Grade.UNSATISFIED
    assert ratings.grade_of(7, 0, 3, satisfied_share=80) == Grade.BASIC  # a stricter rule, set per session


@pytest.fixture
def deputies(wujin_plan: Any, office: Any) -> list[Any]:
    from minsheng.voting.models import Deputy, VotingSession
    from minsheng.voting.roster import import_roster, read_roster

    holder = VotingSession.objects.create(
        plan=wujin_plan, congress="大会", name="名单", date=datetime.date(2026, 1, 1), seats=1
    )
    import_roster(
        user=office,
        session=holder,
        rows=read_roster(roster_xlsx([(f"代表{i}", f"1800{i}") for i in range(5)], ("姓名", "代表证号"))),
    )
    return [d.user for d in Deputy.objects.order_by("number")]


def test_each_deputy_rates_every_project_once_and_the_unsatisfied_are_flagged(
    wujin_plan: Any, deputies: list[Any], office: Any
) -> None:
    session = RatingSession.objects.create(
        plan=wujin_plan, title="2026年民生实事项目满意度测评", date=datetime.date(2026, 12, 20)
    )
    projects = list(ratings.projects_of(session).values_list("pk", flat=True))
    parking = Project.objects.get(plan=wujin_plan, name="推进停车便利化").pk
    for n, user in enumerate(deputies):
        grades = {pk: (Grade.SATISFIED, "") for pk in projects}
        grades[parking] = (Grade.UNSATISFIED if n < 3 else Grade.BASIC, "泊位仍紧张" if n == 0 else "")
        ratings.rate(user=user, session=session, grades=grades)
    with pytest.raises(VotingError, match="只能测评一次"):
        ratings.rate(user=deputies[0], session=session, grades={pk: (Grade.SATISFIED, "") for pk in projects})
    with pytest.raises(VotingError, match="只有人大代表"):
        ratings.rate(user=office, session=session, grades={pk: (Grade.SATISFIED, "") for pk in projects})
    with pytest.raises(VotingError, match="逐项测评"):
        ratings.rate(user=deputies[1], session=session, grades={parking: (Grade.SATISFIED, "")})
    outcomes = {o.project_id: o for o in ratings.close(user=office, session=session)}
    assert len(outcomes) == len(projects) == 30
    assert (outcomes[parking].satisfied, outcomes[parking].basic, outcomes[parking].unsatisfied) == (0, 2, 3)
    assert outcomes[parking].grade == Grade.UNSATISFIED and outcomes[parking].follow_up
    assert [pk for pk, o in outcomes.items() if o.follow_up] == [parking]
    with pytest.raises(VotingError, match="测评未在进行中"):
        ratings.rate(user=deputies[0], session=session, grades={})


def test_a_proposal_screened_into_a_candidate_with_its_targets(wujin_plan: Any, office: Any) -> None:
    proposal = proposals.submit(
        title="增设口袋公园", content="在湖塘镇建设口袋公园", proposer="张三", contact="13800000000"
    )
    duplicate = proposals.submit(title="多建小公园", content="湖塘多建小公园", proposer="李四", contact="13900000000")
    screening = proposals.Screening(
        plan=wujin_plan,
        name="建设口袋公园",
        content="新建口袋公园10个，新增绿地面积2万平方米。",
        lead_unit=Unit.objects.get(name="城管局"),
        feasibility="用地已落实",
        cost=Decimal("1200"),
    )
    candidate = proposals.accept(user=office, proposal=proposal, screening=screening)
    assert candidate.project.status == Project.Status.CANDIDATE and candidate.project.plan == wujin_plan
    task = candidate.project.tasks.get()
    assert [(i.value, i.unit) for i in task.indicators.order_by("order")] == [(10, "个"), (20000, "平方米")]
    assert task.task_units.get().unit.name == "城管局"
    proposals.merge(user=office, proposal=duplicate, into=proposal)
    duplicate.refresh_from_db()
    assert duplicate.status == Proposal.Status.MERGED and duplicate.candidate == candidate
    with pytest.raises(VotingError):
        proposals.accept(user=office, proposal=proposal, screening=screening)


def test_a_rejection_needs_a_reason_the_proposer_can_read(office: Any, outsider: Any) -> None:
    proposal = proposals.submit(title="修路", content="修建某路", proposer="王五", contact="139")
    with pytest.raises(VotingError, match="理由"):
        proposals.reject(user=office, proposal=proposal, reason=" ")
    with pytest.raises(VotingError, match="只有人大代表工作机构"):
        proposals.reject(user=outsider, proposal=proposal, reason="不属于民生实事范围")
    proposals.reject(user=office, proposal=proposal, reason="已列入交通部门年度计划")
    assert Proposal.objects.get(code=proposal.code).reason == "已列入交通部门年度计划"


def test_a_deputy_of_another_district_neither_sees_nor_rates_nor_counts(
    wujin_plan: Any, deputies: list[Any], django_user_model: Any, client: Any
) -> None:
    from minsheng.accounts.models import Profile
    from minsheng.plans.models import Jurisdiction
    from minsheng.voting import quorum
    from minsheng.voting.models import Deputy

    assert wujin_plan.jurisdiction is not None
    assert {d.jurisdiction_id for d in Deputy.objects.all()} == {wujin_plan.jurisdiction_id}  # placed by the roster
    jintan = Jurisdiction.objects.create(name="金坛区", parent=wujin_plan.jurisdiction.parent)
    stranger = django_user_model.objects.create_user("jt-deputy", password="x")
    Deputy.objects.create(name="金坛代表", number="JT001", user=stranger, jurisdiction=jintan)
    Profile.objects.create(user=stranger, is_deputy=True)
    session = RatingSession.objects.create(plan=wujin_plan, title="2026年武进区测评", date=datetime.date(2026, 12, 20))
    grades = {pk: (Grade.SATISFIED, "") for pk in ratings.projects_of(session).values_list("pk", flat=True)}
    with pytest.raises(VotingError, match="不属于您所在区划"):
        ratings.rate(user=stranger, session=session, grades=grades)
    client.force_login(stranger)
    assert "2026年武进区测评" not in client.get("/deputy/").content.decode()
    assert client.get(f"/deputy/ratings/{session.pk}/").status_code == 404
    assert client.post(f"/deputy/ratings/{session.pk}/", {}).status_code == 404
    ratings.rate(user=deputies[0], session=session, grades=grades)
    assert quorum.rating_turnout(session) == (1, 5)  # 武进区's five, not the 金坛 deputy
