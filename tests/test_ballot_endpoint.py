"""The tablet's JSON ballot (voting:ballot): the same checks as the ballot page (a signed-in
deputy on the roster of an open session, CSRF, one ballot each, secrecy), a fixed number
of queries whatever the size of the session, and no page rendered."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from minsheng.voting import services
from minsheng.voting.models import Ballot, BallotChoice, Deputy, VoteReceipt, VotingSession
from tests.test_voting_views import logged_in, session  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db


# session, user, savepoint, the ballot box (state, seats, candidates under a share lock, and
# the voter's deputy record joined to its profile), the writes in one statement, release; on
# SQLite the deputy, the locked session, its candidates, attendance, receipt, ballot and
# choices one by one
def ballot_queries() -> int:
    return 6 if connection.vendor == "postgresql" else 11


def _open(session: VotingSession, office: Any) -> list[int]:  # noqa: F811
    services.open_session(user=office, session=session)
    return list(session.candidates.values_list("pk", flat=True))


def test_a_deputy_votes_once_through_the_json_endpoint(
    session: VotingSession,  # noqa: F811
    office: Any,
    django_assert_num_queries: Any,
) -> None:
    ids = _open(session, office)
    client = logged_in(Deputy.objects.get(number="17001").user)
    url = reverse("voting:ballot", args=[session.pk])
    too_many = client.post(url, {"approve": ids[:4]})
    assert too_many.status_code == 403 and "至多赞成3个项目" in too_many.json()["error"]
    with django_assert_num_queries(ballot_queries()):
        answer = client.post(url, {"approve": ids[:2]})
    assert answer.status_code == 200 and answer.json() == {"message": "投票成功"}
    again = client.post(url, {"approve": ids[:1]})
    assert again.status_code == 403 and again.json()["error"] == "您已投过票，每位代表只能投一次"
    assert Ballot.objects.count() == VoteReceipt.objects.count() == 1
    assert sorted(BallotChoice.objects.values_list("project_id", flat=True)) == sorted(ids[:2])
    assert "deputy" not in {f.name for f in Ballot._meta.get_fields()}  # the ballot names nobody


def test_the_json_endpoint_refuses_who_the_ballot_page_refuses(
    session: VotingSession,  # noqa: F811
    office: Any,
    outsider: Any,
) -> None:
    url = reverse("voting:ballot", args=[session.pk])
    deputy = Deputy.objects.get(number="17001").user
    assert logged_in(deputy).post(url, {"approve": []}).json()["error"] == "票决未在进行中"
    ids = _open(session, office)
    assert Client().post(url, {"approve": ids[:1]}).status_code == 401
    for stranger in (outsider, office):
        refused = logged_in(stranger).post(url, {"approve": ids[:1]})
        assert refused.status_code == 403 and refused.json()["error"] == "只有人大代表可以投票和测评"
    assert logged_in(deputy).get(url).status_code == 405
    assert logged_in(deputy).post(url, {"approve": ["x"]}).status_code == 400
    missing = reverse("voting:ballot", args=[session.pk + 1000])
    assert logged_in(deputy).post(missing, {"approve": []}).status_code == 404
    assert logged_in(outsider).post(missing, {"approve": []}).status_code == 403  # not a deputy, said first
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(deputy)
    assert strict.post(url, {"approve": ids[:1]}).status_code == 403  # no CSRF token
    assert Ballot.objects.count() == VoteReceipt.objects.count() == 0


def test_a_deputy_off_the_roster_is_refused(
    session: VotingSession,  # noqa: F811
    office: Any,
) -> None:
    ids = _open(session, office)
    deputy = Deputy.objects.get(number="17001")
    session.attendance.filter(deputy=deputy).delete()
    answer = logged_in(deputy.user).post(reverse("voting:ballot", args=[session.pk]), {"approve": ids[:1]})
    assert answer.status_code == 403 and answer.json()["error"] == "您不在本次会议的代表名单中"
    assert Ballot.objects.count() == 0
