"""`make run`'s demo data: the seed plans, an office login, a unit login, and a simulated year
of reports up to today (on time, late, returned, revised, waiting; red, yellow, green, done)."""

from __future__ import annotations

import datetime
from collections import Counter
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from minsheng.accounts.models import Membership
from minsheng.demo import ensure_demo
from minsheng.plans.models import Plan
from minsheng.progress import schedule
from minsheng.progress.board import build_board
from minsheng.progress.models import Notice, Report

pytestmark = pytest.mark.django_db


def test_demo_is_complete_lives_and_is_idempotent(client: Any, time_machine: Any) -> None:
    time_machine.move_to(datetime.datetime(2026, 9, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    lines = ensure_demo()
    _check_the_year_lives()
    assert Plan.objects.count() == 4
    office_password = lines[-2].split("密码 ")[1].split("（")[0]
    unit_password = lines[-1].split("密码 ")[1].split("（")[0]
    office = client.post("/accounts/login/", {"username": "office", "password": office_password})
    assert office.status_code == 302 and office["Location"] == "/accounts/home/"
    login = client.post("/accounts/login/", {"username": "chengguan", "password": unit_password})
    assert login.status_code == 302 and login["Location"] == "/accounts/home/"
    assert Membership.objects.get(user__username="chengguan").unit.name == "城管局"
    reports = Report.objects.count()
    assert reports > 0 and Report.objects.filter(task__units__name="城管局").exists()
    again = ensure_demo()
    assert again[-1] == lines[-1] and Plan.objects.count() == 4 and Report.objects.count() == reports
    _check_the_offices_are_seated(client)


def _check_the_offices_are_seated(client: Any) -> None:
    """The example plans sit in one tree (常州市 over 武进区 and 金坛区), each with its seated office."""
    from django.conf import settings

    from minsheng.plans.models import Jurisdiction

    saved = (Path(settings.DATA_DIR) / "demo-credentials-offices.txt").read_text()
    rows = [line.split("\t") for line in saved.splitlines() if line]
    assert [r[0] for r in rows] == ["wujin", "jintan", "changzhou"]
    wujin = Jurisdiction.objects.get(name="武进区")
    assert wujin.parent and wujin.parent.name == "常州市" and Plan.objects.get(year=2026).jurisdiction == wujin
    assert Plan.objects.get(year=2024).jurisdiction == Jurisdiction.objects.get(name="金坛区", parent=wujin.parent)
    username, password, _ = rows[1]
    assert client.post("/accounts/login/", {"username": username, "password": password}).status_code == 302
    theirs = Plan.objects.get(year=2026)
    assert client.get(f"/plans/{theirs.pk}/dashboard/").status_code == 403  # 金坛 reads 武进's plan as the public does


def _check_the_year_lives() -> None:
    newest = Plan.objects.get(year=2026)
    assert newest.state == Plan.State.PUBLISHED
    assert set(Plan.objects.exclude(pk=newest.pk).values_list("state", flat=True)) == {Plan.State.CLOSED}
    reports = Report.objects.filter(task__project__plan=newest)
    assert not Report.objects.exclude(task__project__plan=newest).exists()  # closed plans keep what they had
    assert all("演示数据" in text for text in reports.values_list("narrative", flat=True))
    reviews = Counter(reports.values_list("review", flat=True))
    assert reviews["approved"] and reviews["returned"] and reviews["submitted"]
    assert reports.filter(version__gt=1).exists()  # returned, then revised
    assert max(reports.values_list("period_end", flat=True)) == datetime.date(2026, 9, 30)  # reporting September
    late = on_time = 0
    for period, filed in reports.values_list("period_end", "filed_at"):
        due = schedule.report_due(period, newest.report_day)
        late += filed.date() > due
        on_time += filed.date() <= due
    assert late and on_time
    assert max(reports.values_list("filed_at", flat=True)).date() <= datetime.date(2026, 9, 20)
    assert Notice.objects.filter(plan=newest).exists()
    board = build_board(newest, datetime.date(2026, 9, 20))
    lights = board.overall.lights
    assert lights["red"] and lights["yellow"] and lights["green"] + lights["blue"]
    assert any(r.status == "done" for r in board.rows) and board.missing
