"""Setting up a 票决 session goes through voting/setup.py: checked there (not only in the form),
atomic and audited; a paper ballot handed out is audited too."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.voting import setup
from minsheng.voting.models import RatingSession, VotingSession
from minsheng.voting.services import VotingError

pytestmark = pytest.mark.django_db


def _spec(plan: Any, seats: int) -> setup.SessionSpec:
    day = datetime.date(2026, 1, 10)
    return setup.SessionSpec(plan=plan, congress="第十七届", name="第七次会议", date=day, seats=seats)


def test_it_creates_a_session_on_the_candidates_with_an_audit_entry(wujin_plan: Any, office: Any) -> None:
    session = setup.session_create(user=office, spec=_spec(wujin_plan, 3))
    assert session.candidates.count() == 6
    entry = AuditEntry.objects.get(object_type="voting.VotingSession", object_id=str(session.pk))
    assert entry.action == AuditEntry.Action.CREATE and entry.after["seats"] == "3"


@pytest.mark.parametrize("seats", [0, 6, 7])
def test_it_refuses_seats_the_candidates_cannot_fill_and_changes_nothing(
    wujin_plan: Any, office: Any, seats: int
) -> None:
    with pytest.raises(VotingError):
        setup.session_create(user=office, spec=_spec(wujin_plan, seats))
    assert not VotingSession.objects.exists() and not AuditEntry.objects.filter(action="create").exists()


def test_only_the_office_sets_up_sessions(wujin_plan: Any, outsider: Any) -> None:
    with pytest.raises(VotingError):
        setup.session_create(user=outsider, spec=_spec(wujin_plan, 3))


def test_the_page_shows_the_services_message(client: Client, wujin_plan: Any, office: Any) -> None:
    client.force_login(office)
    form = {"plan": wujin_plan.pk, "congress": "第十七届", "name": "第七次会议", "date": "2026-01-10", "seats": 6}
    page = client.post(reverse("voting:sessions"), form).content.decode()
    assert "该计划有6个候选项目，应多于应选项目数（6）" in page and not VotingSession.objects.exists()


def _wujin_deputies(plan: Any, office: Any) -> None:
    from minsheng.voting.roster import import_roster, read_roster
    from tests.test_voting import roster_xlsx

    session = setup.session_create(user=office, spec=_spec(plan, 3))
    import_roster(user=office, session=session, rows=read_roster(roster_xlsx([("代表1", "17001", "湖塘代表团")])))


def test_a_rating_session_is_audited(client: Client, wujin_plan: Any, office: Any) -> None:
    _wujin_deputies(wujin_plan, office)
    client.force_login(office)
    form = {"plan": wujin_plan.pk, "title": "年终测评", "date": "2026-12-20", "satisfied_share": 50, "basic_share": 50}
    assert client.post(reverse("voting:rating_new"), form).status_code == 302
    rating = RatingSession.objects.get()
    assert AuditEntry.objects.filter(object_type="voting.RatingSession", object_id=str(rating.pk)).exists()


def test_a_paper_ballot_handed_out_is_audited_and_a_second_one_is_not(wujin_plan: Any, office: Any) -> None:
    from minsheng.voting import services
    from minsheng.voting.models import Deputy
    from minsheng.voting.roster import import_roster, read_roster
    from tests.test_voting import roster_xlsx

    session = setup.session_create(user=office, spec=_spec(wujin_plan, 3))
    import_roster(user=office, session=session, rows=read_roster(roster_xlsx([("代表1", "17001", "湖塘代表团")])))
    services.open_session(user=office, session=session)
    deputy = Deputy.objects.get(number="17001")
    services.issue_paper_ballot(user=office, session=session, deputy=deputy)
    assert AuditEntry.objects.filter(summary="发放纸质选票：代表1").count() == 1
    with pytest.raises(VotingError):
        services.issue_paper_ballot(user=office, session=session, deputy=deputy)
    assert AuditEntry.objects.filter(summary="发放纸质选票：代表1").count() == 1


def test_it_refuses_a_rating_where_no_deputy_sits_and_says_where_to_add_them(
    client: Client, wujin_plan: Any, office: Any, django_user_model: Any
) -> None:
    # 武进区 has its deputies; 金坛区's office opens a 测评 of its own plan before any roster.
    from minsheng.plans.models import Jurisdiction
    from minsheng.regions.models import OfficeSeat
    from tests.factories import PlanFactory, ProjectFactory

    _wujin_deputies(wujin_plan, office)
    jintan = Jurisdiction.objects.create(name="金坛区", parent=wujin_plan.jurisdiction.parent)
    plan = PlanFactory(jurisdiction=jintan, title="金坛区2026年民生实事")
    ProjectFactory(plan=plan, name="建设口袋公园")
    jintan_office = django_user_model.objects.create_user("jintan", password="office-pass-123", is_staff=True)
    OfficeSeat.objects.create(user=jintan_office, jurisdiction=jintan)
    before = (RatingSession.objects.count(), AuditEntry.objects.count())
    client.force_login(jintan_office)
    form = {"plan": plan.pk, "title": "年终测评", "date": "2026-12-20", "satisfied_share": 50, "basic_share": 50}
    page = client.post(reverse("voting:rating_new"), form, follow=True).content.decode()
    assert "金坛区还没有人大代表名单" in page and "导入金坛区人大代表名单" in page and "票决与测评" in page
    assert (RatingSession.objects.count(), AuditEntry.objects.count()) == before
    with pytest.raises(VotingError, match="金坛区还没有人大代表名单"):
        setup.rating_create(
            user=jintan_office, fields={"plan": plan, "title": "测评", "date": datetime.date(2026, 12, 20)}
        )
