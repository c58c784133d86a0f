"""The roll-up of a city by district (and a province by city): figures per area, and a
query count that does not grow with the number of districts or tasks."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minsheng.plans.models import Task
from minsheng.progress.models import Figure, Report
from minsheng.progress.services import recount

from .jurisdiction_world import allot_all, city_world

pytestmark = pytest.mark.django_db
APRIL_10 = datetime.datetime(2026, 4, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(APRIL_10, tick=False):
        yield


def _approve_all(world: dict[str, Any], actual: int) -> None:
    """Every task of the first district reported for March and approved."""
    for task in Task.objects.filter(project__plan=world["plans"][0]):
        march = datetime.date(2026, 3, 31)
        report = Report.objects.create(task=task, period_end=march, version=1, status="in_progress", review="approved")
        Figure.objects.create(report=report, indicator=task.indicators.get(), actual=Decimal(actual))
        recount(task)  # as the filing services do: the counting flag and the task's standing


def _pages(client: Client, world: dict[str, Any]) -> list[Any]:
    city = world["city"].pk
    return [client.get(reverse("regions:rollup", args=[city])), client.get(f"/api/jurisdictions/{city}/rollup")]


@pytest.mark.parametrize("districts,tasks", [(5, 1), (5, 4)])
def test_rollup_queries_do_not_grow(
    django_user_model: Any, django_assert_num_queries: Any, districts: int, tasks: int
) -> None:
    small = city_world(django_user_model, districts=2, tasks=1)
    allot_all(small, [3000, 2000])
    _approve_all(small, 5)
    client = Client()
    client.force_login(small["city_office"])
    _pages(client, small)  # the session's and the site's first-request queries
    with CaptureQueriesContext(connection) as baseline:
        assert [r.status_code for r in _pages(client, small)] == [200, 200]
    expected = len(baseline)  # now: the next request clears the connection's query log
    big = city_world(django_user_model, districts=districts, tasks=tasks, city_name="无锡市", province_name="江苏")
    allot_all(big, [1000] * districts)
    _approve_all(big, 5)
    client.force_login(big["city_office"])
    _pages(client, big)
    with django_assert_num_queries(expected):
        assert [r.status_code for r in _pages(client, big)] == [200, 200]


def test_the_city_rollup_shows_each_district(django_user_model: Any, client: Client) -> None:
    world = city_world(django_user_model, districts=2, tasks=2)
    allot_all(world, [3000, 2000])
    _approve_all(world, 10)  # 武进区: its own two tasks done (10 of 10) and 10 of its 3000 parking places
    client.force_login(world["city_office"])
    data = client.get(f"/api/jurisdictions/{world['city'].pk}/rollup").json()
    wujin, xinbei = sorted(data["areas"], key=lambda a: a["name"] != "武进区")
    assert (wujin["tasks"], wujin["reported"], xinbei["reported"]) == (3, 3, 0)
    assert wujin["completion"] == pytest.approx((100 + 100 + 10 / 3000 * 100) / 3, abs=0.1)
    assert xinbei["lights"] == {"none": 3} and len(xinbei["late_units"]) == 3
    assert data["coverage_text"] == "1/2 个区县已报送"
    page = _pages(client, world)[0].content.decode()
    assert reverse("progress:dashboard", args=[world["plans"][0].pk]) in page  # drill-down
    for light in ("红", "黄", "蓝", "绿", "未报"):  # every light the dashboard counts: the sums agree
        assert f">{light} " in page


def test_the_province_rolls_up_by_city(django_user_model: Any, client: Client) -> None:
    world = city_world(django_user_model, districts=2, tasks=1)
    _approve_all(world, 10)
    client.force_login(world["city_office"])
    assert client.get(reverse("regions:rollup", args=[world["province"].pk])).status_code == 403  # not upward
    province_office = django_user_model.objects.create_user("province", is_staff=True)
    client.force_login(province_office)  # an unseated office: the whole installation
    data = client.get(f"/api/jurisdictions/{world['province'].pk}/rollup").json()
    assert [(a["name"], a["tasks"], a["reported"]) for a in data["areas"]] == [("常州市", 3, 1)]
    page = client.get(reverse("regions:rollup", args=[world["province"].pk])).content.decode()
    assert reverse("regions:rollup", args=[world["city"].pk]) in page  # drill down to the city


def test_it_rolls_up_a_leaf_middle_and_top_jurisdiction(django_user_model: Any, client: Client) -> None:
    """A district with nothing below it once made an empty subquery Django refused to compile (500)."""
    world = city_world(django_user_model, districts=2, tasks=1)
    _approve_all(world, 10)
    client.force_login(django_user_model.objects.create_user("province-office", is_staff=True))
    leaf, middle, top = world["areas"][0], world["city"], world["province"]
    for place, areas in [(leaf, []), (middle, ["武进区", "新北区"]), (top, ["常州市"])]:
        page = client.get(reverse("regions:rollup", args=[place.pk]))
        api = client.get(f"/api/jurisdictions/{place.pk}/rollup")
        assert (page.status_code, api.status_code) == (200, 200), place.name
        assert sorted(a["name"] for a in api.json()["areas"]) == sorted(areas)
    assert "没有下级区划" in client.get(reverse("regions:rollup", args=[leaf.pk])).content.decode()


def test_a_target_changed_later_counts_as_the_plans_own_board_counts_it(django_user_model: Any) -> None:
    """Found by the year simulator: a target raised from 1 April leaves March's figure against
    the value in force then (10), on the district's board and in the city's roll-up alike."""
    from minsheng.indicators.services import target_value_change
    from minsheng.progress.board import build_board
    from minsheng.regions.rollup import build_rollup

    world = city_world(django_user_model, districts=1, tasks=2)
    _approve_all(world, 4)
    indicator = Task.objects.filter(project__plan=world["plans"][0]).order_by("pk")[0].indicators.get()
    target_value_change(
        user=world["offices"][0],
        indicator=indicator,
        value=Decimal(40),
        high=None,
        effective_from=datetime.date(2026, 4, 1),
    )
    today = datetime.date(2026, 4, 10)
    board = build_board(world["plans"][0], today).overall
    area = build_rollup(world["city"], 2026, today).areas[0].group
    assert board.completion is not None and round(board.completion, 1) == 40.0
    assert area.completion is not None and round(area.completion, 1) == round(board.completion, 1)


def test_the_page_offers_the_years_the_areas_published_and_no_draft_year(
    django_user_model: Any, client: Client
) -> None:
    """The year was a `?year=` to type; the page now offers the years with published plans below."""
    from minsheng.plans.models import Plan

    world = city_world(django_user_model, districts=2, tasks=1)
    district = world["plans"][0].jurisdiction
    Plan.objects.create(title="去年计划", jurisdiction=district, year=2025, state=Plan.State.CLOSED)
    Plan.objects.create(title="草稿", jurisdiction=district, year=2023, state=Plan.State.DRAFT)  # private to its office
    client.force_login(world["city_office"])
    url = reverse("regions:rollup", args=[world["city"].pk])
    page = client.get(url).content.decode()
    assert '<option value="2026" selected>' in page and '<option value="2025">' in page
    assert 'value="2023"' not in page
    earlier = client.get(url, {"year": 2025}).content.decode()
    assert "去年计划" in earlier and '<option value="2025" selected>' in earlier


def test_the_places_own_plan_year_is_offered_and_a_bad_year_is_said(django_user_model: Any, client: Client) -> None:
    from minsheng.plans.models import Plan

    world = city_world(django_user_model, districts=2, tasks=1)
    Plan.objects.create(title="市级计划", jurisdiction=world["city"], year=2023, state=Plan.State.CLOSED)
    client.force_login(world["city_office"])
    url = reverse("regions:rollup", args=[world["city"].pk])
    assert '<option value="2023">' in client.get(url).content.decode()
    for bad in ("abc", "1999", "2024.0"):
        page = client.get(url, {"year": bad}).content.decode()
        assert f"年度“{bad}”无效，已显示2026年" in page and '<option value="2026" selected>' in page
