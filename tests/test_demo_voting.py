"""The demo's 人大 side: a new user logs in as the demo deputy, finds a 票决 under way and a
满意度测评 open, votes and rates through the pages; running the demo again changes nothing."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from minsheng.demo import ensure_demo
from minsheng.voting.models import Ballot, RatingReceipt, RatingSession, VoteReceipt, VotingSession
from minsheng.voting.services import turnout

pytestmark = pytest.mark.django_db


def _deputy_login(lines: list[str]) -> tuple[str, str]:
    line = next(text for text in lines if text.startswith("人大代表演示账号"))
    return line.split("用户名 ")[1].split("，")[0], line.split("密码 ")[1].split("（")[0]


def test_the_demo_deputy_votes_and_rates(client: Any, time_machine: Any) -> None:
    time_machine.move_to(datetime.datetime(2026, 3, 2, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    lines = ensure_demo()
    session = VotingSession.objects.get()
    assert session.state == VotingSession.State.OPEN and session.plan.year == 2026
    assert session.candidates.count() > session.seats
    assert VoteReceipt.objects.filter(session=session).count() == Ballot.objects.filter(session=session).count() == 2
    rating = RatingSession.objects.get()
    assert rating.state == RatingSession.State.OPEN and rating.plan == session.plan  # 武进区's own
    assert "武进区" in rating.title
    # the README tells a new user which plan the demo deputy rates: this one
    readme = (Path(__file__).parents[1] / "README.md").read_text()
    plan = f"{rating.plan.year} {rating.plan.jurisdiction.name}"
    assert f"满意度测评 of the same plan's formal projects open (the {plan} plan" in readme

    username, password = _deputy_login(lines)
    assert client.post("/accounts/login/", {"username": username, "password": password}).status_code == 302
    assert client.get("/my/")["Location"] == "/deputy/"  # no tasks of its own: not a unit's to-do list
    home = client.get("/deputy/").content.decode()
    assert session.congress in home and rating.title in home
    page = client.get(f"/deputy/votes/{session.pk}/")
    assert page.status_code == 200
    chosen = list(session.candidates.order_by("order").values_list("pk", flat=True))[-session.seats :]
    voted = client.post(f"/deputy/votes/{session.pk}/", {"approve": chosen})
    assert voted.status_code == 200 and VoteReceipt.objects.filter(session=session).count() == 3
    assert turnout(session)["electronic"] == turnout(session)["ballots"] == 3

    form = client.get(f"/deputy/ratings/{rating.pk}/")
    assert form.status_code == 200
    projects = form.context["projects"]
    answers = {f"grade-{p.pk}": "satisfied" for p in projects}
    rated = client.post(f"/deputy/ratings/{rating.pk}/", answers)
    assert rated.status_code == 200 and RatingReceipt.objects.filter(session=rating).count() == 1

    again = ensure_demo()
    assert _deputy_login(again) == (username, password)
    assert VotingSession.objects.count() == RatingSession.objects.count() == 1
