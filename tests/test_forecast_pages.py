"""The risk light (年底预计) beside the schedule light: task page, dashboard and task board."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import Membership
from minsheng.indicators.models import Indicator
from minsheng.plans.models import Leader, TaskUnit
from minsheng.progress import services
from tests.factories import PlanFactory, ProjectFactory, TaskFactory, UnitFactory

pytestmark = pytest.mark.django_db
JULY_10 = datetime.datetime(2026, 7, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
MONTH_ENDS = {3: 31, 4: 30, 5: 31, 6: 30, 1: 31, 2: 28}


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(JULY_10, tick=False):
        yield


def _task(plan: Any, unit: Any, name: str, content: str, value: int, unit_word: str) -> Any:
    task = TaskFactory(project=ProjectFactory(plan=plan, name=name), content=content)
    TaskUnit.objects.create(task=task, unit=unit, role=TaskUnit.Role.LEAD)
    Indicator.objects.create(task=task, name=name, value=Decimal(value), unit=unit_word, text=f"{value}{unit_word}")
    return task


def _file(user: Any, task: Any, actuals: dict[int, int]) -> None:
    target = task.indicators.get()
    for month, actual in actuals.items():
        day = datetime.date(2026, month, MONTH_ENDS[month])
        filing = services.Filing(day, "in_progress", "", {target.pk: Decimal(actual)})
        services.file_report(user=user, task=task, filing=filing)


@pytest.fixture
def year(django_user_model: Any) -> dict[str, Any]:
    plan = PlanFactory()
    unit = UnitFactory(name="人社局")
    Leader.objects.create(name="分管领导")
    user = Membership.objects.create(user=django_user_model.objects.create_user("rs"), unit=unit).user
    # On 序时进度 at the end of June (49 % against 49.6 %), but flat since April.
    training = _task(plan, unit, "职业技能培训", "开展职业技能培训1000人次", 1000, "人次")
    _file(user, training, {1: 90, 2: 170, 3: 250, 4: 480, 5: 490, 6: 490})
    # Far behind 序时进度 (33 %), where buildings usually are in June.
    parking = _task(plan, unit, "新建停车场", "新建公共停车泊位100个", 100, "个")
    _file(user, parking, {3: 12, 4: 18, 5: 25, 6: 33})
    return {"plan": plan, "training": training, "parking": parking}


def test_task_page_shows_the_risk_light_with_its_reason(client: Client, office: Any, year: dict[str, Any]) -> None:
    client.force_login(office)
    page = client.get(reverse("progress:task", args=[year["training"].pk])).content.decode()
    assert "年底预计" in page
    assert 'data-risk="will_miss"' in page or 'data-risk="at_risk"' in page
    assert "近几个月进度几乎停滞" in page and "人次" in page
    assert 'data-light="green"' in page  # the schedule light alone would not have warned
    built = client.get(reverse("progress:task", args=[year["parking"].pk])).content.decode()
    assert 'data-risk="on_track"' in built and "同类项目（建设类）的常见节奏" in built
    assert 'data-light="red"' in built


def test_dashboard_and_board_show_the_risk_beside_the_light(client: Client, office: Any, year: dict[str, Any]) -> None:
    client.force_login(office)
    plan = year["plan"]
    dashboard = client.get(reverse("progress:dashboard", args=[plan.pk])).content.decode()
    assert 'id="risk-summary"' in dashboard and "预计完成 1" in dashboard
    board = client.get(reverse("progress:board", args=[plan.pk])).content.decode()
    assert "<th>预计</th>" in board and board.count("data-risk=") == 2
    on_track = client.get(reverse("progress:board", args=[plan.pk]) + "?risk=on_track").content.decode()
    assert "新建停车场" in on_track and "职业技能培训" not in on_track


def test_own_task_list_stays_without_the_column(client: Client, year: dict[str, Any]) -> None:
    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="rs"))
    page = client.get(reverse("progress:mine")).content.decode()
    assert "<th>预计</th>" not in page


def test_board_and_task_page_say_the_same(client: Client, office: Any, year: dict[str, Any]) -> None:
    from django.utils import timezone

    from minsheng.progress.board import build_board
    from minsheng.progress.forecast_board import board_risks

    risks = board_risks(build_board(year["plan"], timezone.localdate()))
    client.force_login(office)
    for task in (year["training"], year["parking"]):
        page = client.get(reverse("progress:task", args=[task.pk])).content.decode()
        assert f'data-risk="{risks[task.pk].risk.value}"' in page
        assert risks[task.pk].reason in page


def _chart(page: str) -> dict[str, Any]:
    import json
    import re

    found = re.search(r'<script id="forecast-data" type="application/json">(.*?)</script>', page, re.S)
    assert found, "no forecast chart data on the page"
    return dict(json.loads(found.group(1)))


def test_task_page_draws_the_forecast_on_its_trend_chart(client: Client, office: Any, year: dict[str, Any]) -> None:
    from django.utils import timezone

    from minsheng.progress.board import build_board
    from minsheng.progress.forecast_board import board_risks

    risks = board_risks(build_board(year["plan"], timezone.localdate()))
    client.force_login(office)
    for task in (year["training"], year["parking"]):
        page = client.get(reverse("progress:task", args=[task.pk])).content.decode()
        assert 'data-chart="forecast"' in page and "完成率趋势与年底预计" in page
        chart, risk = _chart(page), risks[task.pk]
        # The path ends where the light's sentence says, at the deadline, inside its 80 % range.
        assert chart["path"][-1] == ["2026-12-31", round(risk.share, 1)]
        assert chart["low"][-1][1] == round(risk.low, 1)
        assert abs(chart["low"][-1][1] + chart["band"][-1][1] - risk.high) < 0.2
        assert chart["path"][0] == chart["actual"][-1]  # it starts from the last report
        assert all(lo[0] == p[0] for lo, p in zip(chart["low"], chart["path"], strict=True))
        assert chart["expected"][-1] == ["2026-12-31", 100.0] and chart["due"] == "2026-12-31"
    training = _chart(client.get(reverse("progress:task", args=[year["training"].pk])).content.decode())
    assert [p[1] for p in training["actual"]] == [9.0, 17.0, 25.0, 48.0, 49.0, 49.0]
    assert len(training["path"]) == 7  # 30 June, then each month end to 31 December


def test_a_task_without_reports_has_no_forecast_chart(client: Client, office: Any, year: dict[str, Any]) -> None:
    unit = year["training"].task_units.get().unit
    idle = _task(year["plan"], unit, "新建游泳馆", "新建游泳馆1座", 1, "座")
    client.force_login(office)
    page = client.get(reverse("progress:task", args=[idle.pk])).content.decode()
    assert 'data-chart="forecast"' not in page and "forecast-data" not in page


def test_a_boards_forecasts_are_kept_until_a_report_or_review_changes_them(
    office: Any, year: dict[str, Any], django_assert_num_queries: Any
) -> None:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from minsheng.progress.board import build_board
    from minsheng.progress.forecast_board import board_risks

    plan, training = year["plan"], year["training"]
    first = board_risks(build_board(plan, timezone.localdate()))
    board = build_board(plan, timezone.localdate())
    with django_assert_num_queries(1):  # the window's stamp only
        assert board_risks(board) is first
    filing = services.Filing(
        datetime.date(2026, 6, 30), "in_progress", "", {training.indicators.get().pk: Decimal(900)}
    )
    filing.base_version = 1  # June revised upwards
    report = services.file_report(user=get_user_model().objects.get(username="rs"), task=training, filing=filing)
    refiled = board_risks(build_board(plan, timezone.localdate()))
    assert refiled is not first and refiled[training.pk].share != first[training.pk].share
    services.review_report(user=office, report=report, approve=False, comment="数字有误")
    returned = board_risks(build_board(plan, timezone.localdate()))
    # The returned version no longer counts (nor the one it replaced, never reviewed): May is last.
    assert returned is not refiled and returned[training.pk].reason.startswith("按1月至5月")


def test_a_two_year_task_gets_the_same_forecast_on_the_board_and_its_page(
    client: Client, office: Any, year: dict[str, Any]
) -> None:
    """A task of two years reads its last quarter of a span (half a year) of reports on the
    task page; the board must read the same ones, not a quarter of a calendar year."""
    from django.utils import timezone

    from minsheng.progress.board import build_board
    from minsheng.progress.forecast_board import board_risks

    unit = year["training"].task_units.get().unit
    long = _task(year["plan"], unit, "老旧小区改造", "改造老旧小区1000户", 1000, "户")
    long.deadline, long.due = "2027年底", datetime.date(2027, 12, 31)
    long.save()
    user = Membership.objects.filter(unit=unit).get().user
    _file(user, long, {1: 50, 2: 100, 3: 150, 4: 300, 5: 302, 6: 303})  # a leap in April, flat since
    risk = board_risks(build_board(year["plan"], timezone.localdate()))[long.pk]
    client.force_login(office)
    page = client.get(reverse("progress:task", args=[long.pk])).content.decode()
    assert f'data-risk="{risk.risk.value}"' in page and risk.reason in page


def test_the_boards_forecast_reason_opens_without_hover(client: Client, office: Any, year: dict[str, Any]) -> None:
    """A phone has no hover: the reason is in the page's text, in a <details> under the light."""
    import re

    from django.utils import timezone

    from minsheng.progress.board import build_board
    from minsheng.progress.forecast_board import board_risks

    risks = board_risks(build_board(year["plan"], timezone.localdate()))
    client.force_login(office)
    board = client.get(reverse("progress:board", args=[year["plan"].pk])).content.decode()
    opened = re.findall(r'<details class="risk-why">.*?<small data-risk-reason>(.*?)</small></details>', board, re.S)
    assert sorted(opened) == sorted(risks[t.pk].reason for t in (year["training"], year["parking"]))
