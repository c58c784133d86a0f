"""The pages of 征集, 票决 and 测评: who may open what, the deputy's ballot over HTTP,
the office's flow from roster to published result, the public form's spam checks and
rate limit, and query counts that do not grow."""

from __future__ import annotations

import datetime
import io
import time
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from minsheng.plans.models import Project
from minsheng.voting import services
from minsheng.voting.models import Ballot, Deputy, Proposal, RatingSession, VotingSession
from tests.test_voting import roster_xlsx

pytestmark = pytest.mark.django_db


def logged_in(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def session(wujin_plan: Any, office: Any) -> VotingSession:
    client = logged_in(office)
    response = client.post(
        reverse("voting:sessions"),
        {
            "plan": wujin_plan.pk,
            "congress": "武进区第十七届人民代表大会",
            "name": "第七次会议",
            "date": "2026-01-10",
            "seats": 3,
        },
    )
    vote = VotingSession.objects.get()
    assert response.status_code == 302 and vote.candidates.count() == 6
    upload = io.BytesIO(roster_xlsx([(f"代表{i}", f"1700{i}", "湖塘") for i in range(1, 8)]))
    upload.name = "名单.xlsx"
    response = client.post(reverse("voting:roster", args=[vote.pk]), {"file": upload}, follow=True)
    assert "已导入代表名单 7 人，新建登录账号 7 个" in response.content.decode()  # a message, not a download
    response = client.post(reverse("voting:passwords", args=[vote.pk]))
    credentials = load_workbook(io.BytesIO(response.content)).active
    assert [row[1] for row in credentials.iter_rows(min_row=2, values_only=True)] == [f"1700{i}" for i in range(1, 8)]
    return vote


def test_a_deputy_votes_on_a_phone_once(session: VotingSession, office: Any) -> None:
    office_client = logged_in(office)
    assert office_client.post(reverse("voting:step", args=[session.pk, "open"])).status_code == 302
    deputy = logged_in(Deputy.objects.get(number="17001").user)
    url = reverse("voting:vote", args=[session.pk])
    page = deputy.get(url).content.decode()
    assert "至多 3 项" in page and page.count('name="approve"') == 6
    ids = list(session.candidates.values_list("pk", flat=True))
    too_many = deputy.post(url, {"approve": ids[:4]})
    assert too_many.status_code == 400 and "至多赞成3个项目" in too_many.content.decode()
    assert too_many.content.decode().count(" checked>") == 4  # refused as marked: the deputy unticks one
    assert "投票成功" in deputy.post(url, {"approve": ids[:3]}).content.decode()
    again = deputy.post(url, {"approve": ids[:1]})
    assert again.status_code == 400 and "已投过票" in again.content.decode()
    assert Ballot.objects.count() == 1
    turnout = office_client.get(reverse("voting:turnout", args=[session.pk]), headers={"HX-Request": "true"})
    turnout = turnout.content.decode()  # the live refresh, as htmx asks for it
    assert "<span data-ballots>1</span>" in turnout and 'hx-trigger="every 5s"' in turnout


def test_the_office_closes_and_publishes_and_the_public_reads_the_result(session: VotingSession, office: Any) -> None:
    office_client = logged_in(office)
    office_client.post(reverse("voting:step", args=[session.pk, "open"]))
    ids = list(session.candidates.order_by("order").values_list("pk", flat=True))
    for n, deputy in enumerate(Deputy.objects.order_by("number")):
        logged_in(deputy.user).post(
            reverse("voting:vote", args=[session.pk]), {"approve": ids[:3] if n < 5 else ids[3:]}
        )
    result_url = reverse("voting:vote_result", args=[session.pk])
    assert Client().get(result_url).status_code == 404  # not before it is published
    asked = office_client.post(reverse("voting:step", args=[session.pk, "close"])).content.decode()
    assert "结束后代表不能再投票" in asked and "收回选票 7 张" in asked  # 结束票决 asks first
    office_client.post(reverse("voting:step", args=[session.pk, "close"]), {"confirm": "1"})
    page = office_client.get(reverse("voting:session", args=[session.pk])).content.decode()
    assert page.count("当选") >= 3
    office_client.post(reverse("voting:step", args=[session.pk, "publish"]))
    assert set(Project.objects.filter(pk__in=ids, status="formal").values_list("pk", flat=True)) == set(ids[:3])
    public = Client().get(result_url).content.decode()
    assert "出席代表 7 人" in public and public.count("未当选") == 3


def test_outsiders_get_403_and_anonymous_users_the_login(
    session: VotingSession, outsider: Any, member: Any, office: Any
) -> None:
    rating = RatingSession.objects.create(plan=session.plan, title="测评", date=datetime.date(2026, 12, 20))
    deputy = Deputy.objects.get(number="17001").user
    office_urls = [
        reverse("voting:proposals"),
        reverse("voting:sessions"),
        reverse("voting:session", args=[session.pk]),
        reverse("voting:turnout", args=[session.pk]),
        reverse("voting:rating", args=[rating.pk]),
    ]
    office_posts = [
        reverse("voting:step", args=[session.pk, "open"]),
        reverse("voting:roster", args=[session.pk]),
        reverse("voting:rating_new"),
    ]
    deputy_urls = [
        reverse("voting:deputy"),
        reverse("voting:vote", args=[session.pk]),
        reverse("voting:rate", args=[rating.pk]),
    ]
    for user in (outsider, member("城管局"), deputy):
        client = logged_in(user)
        for url in office_urls:
            assert client.get(url).status_code == 403, (user, url)
        for url in office_posts:
            assert client.post(url).status_code == 403, (user, url)
    for user in (outsider, member("教育局"), office):
        client = logged_in(user)
        for url in deputy_urls:
            assert client.get(url).status_code == 403, (user, url)
    for url in office_urls + deputy_urls:
        assert Client().get(url).status_code == 302
    assert session.state == VotingSession.objects.get().state == "draft"  # nothing happened


def test_a_deputy_not_on_the_roster_cannot_open_the_ballot(
    session: VotingSession, office: Any, django_user_model: Any
) -> None:
    from minsheng.accounts.models import Profile

    stranger = django_user_model.objects.create_user("99999")
    Profile.objects.create(user=stranger, is_deputy=True)
    Deputy.objects.create(name="外地代表", number="99999", user=stranger)
    assert logged_in(stranger).get(reverse("voting:vote", args=[session.pk])).status_code == 403


def _proposal(client: Client, after: float = 0, **extra: str) -> Any:
    """Open the form, then send it `after` seconds later."""
    page = client.get(reverse("voting:propose")).content.decode()
    started = page.split('name="started" value="')[1].split('"')[0]
    data = {
        "title": "增设口袋公园",
        "content": "湖塘镇",
        "proposer": "张三",
        "contact": "138",
        "started": started,
        **extra,
    }
    with time_machine.travel(time.time() + after):
        return client.post(reverse("voting:propose"), data)


def test_the_public_form_refuses_robots_and_too_many_posts(settings: Any) -> None:
    settings.MINSHENG_PROPOSAL_RATE = "3/h"
    cache.clear()
    client = Client()
    assert "提交过快" in _proposal(client).content.decode()  # sent the instant it was shown
    assert "请勿填写" in _proposal(client, 10, website="http://spam.example").content.decode()
    assert "链接过多" in _proposal(client, 10, content="http://a http://b http://c").content.decode()
    assert Proposal.objects.count() == 0
    limited = _proposal(client, 10)
    assert limited.status_code == 429 and "提交过于频繁" in limited.content.decode()
    assert Proposal.objects.count() == 0


def test_a_proposer_reads_the_answer_with_the_code(office: Any) -> None:
    cache.clear()
    client = Client()
    thanks = _proposal(client, 10).content.decode()
    code = thanks.split('<strong id="code">')[1].split("<")[0]
    proposal = Proposal.objects.get(code=code)
    logged_in(office).post(
        reverse("voting:proposal", args=[proposal.pk]), {"action": "reject", "reason": "已列入部门计划"}
    )
    page = client.get(reverse("voting:proposal_status"), {"code": code.lower()}).content.decode()
    assert "未采纳" in page and "已列入部门计划" in page
    assert "没有找到" in client.get(reverse("voting:proposal_status"), {"code": "XXXXXXXX"}).content.decode()


@pytest.mark.parametrize("extra", [0, 20])
def test_voting_pages_query_counts_do_not_grow(
    session: VotingSession, office: Any, django_assert_max_num_queries: Any, extra: int
) -> None:
    from minsheng.voting import proposals

    for i in range(extra):
        proposals.submit(title=f"建议{i}", content="内容", proposer="某", contact="1")
    services.open_session(user=office, session=session)
    ids = list(session.candidates.values_list("pk", flat=True))
    for deputy in Deputy.objects.all()[: 3 + extra // 5]:
        services.cast_ballot(user=deputy.user, session=session, approvals=ids[:2])
    services.close_session(user=office, session=session)
    client = logged_in(office)
    for url, ceiling in [
        (reverse("voting:proposals"), 8),
        (reverse("voting:sessions"), 8),
        (reverse("voting:session", args=[session.pk]), 16),
    ]:
        with django_assert_max_num_queries(ceiling):
            assert client.get(url).status_code == 200
    services.publish(user=office, session=session)
    with django_assert_max_num_queries(10):
        assert Client().get(reverse("voting:vote_result", args=[session.pk])).status_code == 200


@pytest.mark.parametrize("extra", [0, 20])
def test_deputy_and_rating_pages_query_counts_do_not_grow(
    session: VotingSession, office: Any, django_assert_max_num_queries: Any, extra: int
) -> None:
    from minsheng.voting import ratings

    for i in range(extra):
        VotingSession.objects.create(plan=session.plan, congress="大会", name=f"第{i}次", date=session.date, seats=1)
        RatingSession.objects.create(plan=session.plan, title=f"测评{i}", date=session.date)
    rating = RatingSession.objects.create(plan=session.plan, title="年终测评", date=session.date)
    deputies = list(Deputy.objects.order_by("number")[: 2 + extra // 5])
    projects = ratings.projects_of(rating).values_list("pk", flat=True)
    for deputy in deputies:
        ratings.rate(user=deputy.user, session=rating, grades={pk: ("satisfied", "") for pk in projects})
    deputy_client, office_client = logged_in(deputies[0].user), logged_in(office)
    with django_assert_max_num_queries(10):
        assert deputy_client.get(reverse("voting:deputy")).status_code == 200
    ratings.close(user=office, session=rating)
    with django_assert_max_num_queries(10):
        page = office_client.get(reverse("voting:rating", args=[rating.pk])).content.decode()
    assert f"<span data-receipts>{len(deputies)}</span>" in page
    ratings.publish(user=office, session=rating)
    with django_assert_max_num_queries(6):
        assert Client().get(reverse("voting:rating_result", args=[rating.pk])).status_code == 200


def test_initial_passwords_can_be_issued_again_for_who_never_logged_in(session: VotingSession, office: Any) -> None:
    from django.utils import timezone

    first = Deputy.objects.get(number="17001").user
    first.last_login = timezone.now()
    first.save()
    kept = first.password
    response = logged_in(office).post(reverse("voting:passwords", args=[session.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    assert [row[1] for row in rows] == [f"1700{i}" for i in range(2, 8)]  # 17001 has logged in: not reissued
    number, password = rows[0][1], rows[0][2]
    assert Deputy.objects.get(number=number).user.check_password(password)
    first.refresh_from_db()
    assert first.password == kept


def test_only_the_office_issues_passwords(session: VotingSession, outsider: Any) -> None:
    deputy = Deputy.objects.get(number="17002").user
    before = deputy.password
    for user in (outsider, deputy):
        assert logged_in(user).post(reverse("voting:passwords", args=[session.pk])).status_code == 403
    deputy.refresh_from_db()
    assert deputy.password == before


# A ballot over HTTP: the login session and user; the deputy (joined to its profile); the
# session with whether they are on its roster; then in one transaction (a savepoint here)
# the session's state, seats and candidates, and their presence, the receipt, the ballot and
# its choices in one statement (on SQLite two queries and four); the page's menu reads their
# roles (units, profile). Nothing per candidate or per deputy.
VOTE_POST_QUERIES = 10  # 14 on SQLite


@pytest.mark.parametrize("extra", [0, 30])
def test_a_vote_costs_the_same_queries_however_many_candidates_and_deputies(
    session: VotingSession, office: Any, django_user_model: Any, django_assert_num_queries: Any, extra: int
) -> None:
    from minsheng.accounts.models import Profile
    from minsheng.voting.models import Attendance, BallotChoice

    last = max(Project.objects.filter(plan=session.plan).values_list("order", flat=True))
    for i in range(extra):
        project = Project.objects.create(
            plan=session.plan, name=f"候选{i}", status=Project.Status.CANDIDATE, order=last + 1 + i
        )
        session.candidates.add(project)
        user = django_user_model.objects.create_user(f"extra-{i}")
        Profile.objects.create(user=user, is_deputy=True)
        deputy = Deputy.objects.create(name=f"加{i}", number=f"9{i:04d}", user=user)
        Attendance.objects.create(session=session, deputy=deputy)
    services.open_session(user=office, session=session)
    ids = list(session.candidates.order_by("-order").values_list("pk", flat=True))[:3]
    for other in Deputy.objects.exclude(number="17001"):
        services.cast_ballot(user=other.user, session=session, approvals=ids)
    client = logged_in(Deputy.objects.get(number="17001").user)
    url = reverse("voting:vote", args=[session.pk])
    with django_assert_num_queries(VOTE_POST_QUERIES + 4 * (connection.vendor != "postgresql")):
        page = client.post(url, {"approve": ids}).content.decode()
    assert "投票成功" in page
    voters = Deputy.objects.count()
    assert Ballot.objects.count() == voters and BallotChoice.objects.count() == 3 * voters
    again = client.post(url, {"approve": ids[:1]})
    assert again.status_code == 400 and "您已投过票，每位代表只能投一次" in again.content.decode()
    assert Ballot.objects.count() == voters  # the refused second ballot left nothing


def test_the_rating_page_keeps_refused_picks_and_says_when_already_rated(session: VotingSession) -> None:
    from minsheng.voting import ratings

    rating = RatingSession.objects.create(plan=session.plan, title="年终测评", date=session.date)
    projects = list(ratings.projects_of(rating).values_list("pk", flat=True))
    client, url = logged_in(Deputy.objects.get(number="17001").user), reverse("voting:rate", args=[rating.pk])
    # one project left without a grade: refused, and the grade and words given come back
    partial = {f"grade-{projects[0]}": "unsatisfied", f"comment-{projects[0]}": "泊位仍紧张"}
    refused = client.post(url, partial)
    page = refused.content.decode()
    assert refused.status_code == 400 and "逐项测评" in page
    assert f'name="grade-{projects[0]}" value="unsatisfied" required checked' in page
    assert 'value="泊位仍紧张"' in page
    grades = {f"grade-{pk}": "satisfied" for pk in projects}
    assert client.post(url, grades).status_code == 200
    again = client.get(url).content.decode()
    assert "您已测评" in again and "<form" not in again.split("<main")[-1].split("</main>")[0]
