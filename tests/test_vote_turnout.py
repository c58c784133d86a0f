"""Finding 12 of #27: a result published with low turnout (seats left empty, or a rating by no
more than half of the deputies) asks first, naming the turnout; 结束票决 asks first; the public
pages show turnout and the public index links to the results; a roster import names every bad
row, not only the first."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.voting import ratings, services
from minsheng.voting.models import Deputy, RatingSession, VotingSession
from minsheng.voting.roster import RosterError, read_roster
from tests.test_voting import roster_xlsx
from tests.test_voting_views import logged_in, session  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_it_asks_before_publishing_a_vote_that_fills_one_seat_of_three(
    session: VotingSession,  # noqa: F811
    office: Any,
) -> None:
    services.open_session(user=office, session=session)
    first = session.candidates.order_by("order").values_list("pk", flat=True)[0]
    services.cast_ballot(user=Deputy.objects.order_by("number")[0].user, session=session, approvals=[first])
    services.close_session(user=office, session=session)
    desk = logged_in(office)
    url = reverse("voting:step", args=[session.pk, "publish"])
    asked = desk.post(url).content.decode()
    assert "应选 3 项，当选仅 1 项" in asked and "出席 1 人，收回选票 1 张" in asked
    assert VotingSession.objects.get(pk=session.pk).state == "closed"
    desk.post(url, {"confirm": "1"})
    assert VotingSession.objects.get(pk=session.pk).state == "published"
    public = Client().get(reverse("voting:vote_result", args=[session.pk])).content.decode()
    assert re.search(r"代表名单 7 人 · 出席代表 1 人 · 收回选票 1 张", public)
    index = Client().get(reverse("reports:public_index")).content.decode()
    assert reverse("voting:vote_result", args=[session.pk]) in index


def test_it_asks_before_publishing_a_rating_of_one_deputy_in_seven(
    session: VotingSession,  # noqa: F811
    office: Any,
) -> None:
    rating = RatingSession.objects.create(plan=session.plan, title="年终测评", date=session.date)
    projects = ratings.projects_of(rating).values_list("pk", flat=True)
    deputy = Deputy.objects.order_by("number")[0]
    ratings.rate(user=deputy.user, session=rating, grades={pk: ("satisfied", "") for pk in projects})
    ratings.close(user=office, session=rating)
    desk = logged_in(office)
    url = reverse("voting:rating", args=[rating.pk])
    asked = desk.post(url, {"step": "publish"}).content.decode()
    assert "仅 1/7 名代表参加测评，未过半数" in asked
    assert RatingSession.objects.get(pk=rating.pk).state == "closed"
    desk.post(url, {"step": "publish", "confirm": "1"})
    assert RatingSession.objects.get(pk=rating.pk).state == "published"
    public = Client().get(reverse("voting:rating_result", args=[rating.pk])).content.decode()
    assert "参加测评代表 <span data-rated>1</span> / 7 人（未过半数" in public
    index = Client().get(reverse("reports:public_index")).content.decode()
    assert reverse("voting:rating_result", args=[rating.pk]) in index


def test_a_full_result_is_published_without_a_question(session: VotingSession, office: Any) -> None:  # noqa: F811
    services.open_session(user=office, session=session)
    ids = list(session.candidates.order_by("order").values_list("pk", flat=True))
    for deputy in Deputy.objects.all():
        services.cast_ballot(user=deputy.user, session=session, approvals=ids[:3])
    services.close_session(user=office, session=session)
    logged_in(office).post(reverse("voting:step", args=[session.pk, "publish"]))
    assert VotingSession.objects.get(pk=session.pk).state == "published"


def test_a_roster_import_names_every_bad_row() -> None:
    rows = [("甲", "18001", ""), ("乙", None, ""), (None, "18003", ""), ("丁", 18001, "")]
    with pytest.raises(RosterError) as caught:
        read_roster(roster_xlsx(rows), "代表名单.xlsx")
    message = str(caught.value)
    assert message.startswith("代表名单.xlsx 有 3 处错误")
    assert "第4行 B4（代表证号）为空" in message and "第5行 A5（姓名）为空" in message
    assert "第6行 B6：代表证号 18001 与第3行重复" in message


def test_the_turnout_opened_on_its_own_is_the_session_page_and_htmx_still_gets_the_fragment(
    session: VotingSession,  # noqa: F811
    office: Any,
) -> None:
    services.open_session(user=office, session=session)
    desk = logged_in(office)
    url = reverse("voting:turnout", args=[session.pk])
    alone = desk.get(url, follow=True)
    page = alone.content.decode()
    assert alone.redirect_chain == [(f"{reverse('voting:session', args=[session.pk])}#turnout", 302)]
    assert "<html" in page and 'id="turnout"' in page and "名单 7 人" in page
    partial = desk.get(url, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<p id="turnout"') and "<html" not in partial
    assert f'hx-get="{url}"' in partial  # it goes on polling while the session is open
