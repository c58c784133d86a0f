"""The roll-up's own line and its coverage: an area without a plan is said apart, not counted
silent, and the 合计 row sums the areas as one board over all their tasks would."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minsheng.plans.models import Jurisdiction, Task
from minsheng.progress.models import Figure, Report
from minsheng.progress.services import recount

from .jurisdiction_world import city_world
from .test_rollup import _frozen  # noqa: F401  (autouse: 10 April 2026, as the roll-up tests)

pytestmark = pytest.mark.django_db


def _report(task: Task, actual: int) -> None:
    report = Report.objects.create(
        task=task, period_end=datetime.date(2026, 3, 31), version=1, status="in_progress", review="approved"
    )
    Figure.objects.create(report=report, indicator=task.indicators.get(), actual=Decimal(actual))
    recount(task)


def _world(django_user_model: Any) -> dict[str, Any]:
    """Three districts: the first reports 10 of 10 on one task of three, the second nothing,
    and a third (天宁区) with no plan at all."""
    world = city_world(django_user_model, districts=2, tasks=3)
    Jurisdiction.objects.create(name="天宁区", level=Jurisdiction.Level.COUNTY, parent=world["city"])
    first = Task.objects.filter(project__plan=world["plans"][0]).order_by("pk")[0]
    _report(first, 10)
    return world


def test_an_area_without_a_plan_is_not_counted_as_silent(django_user_model: Any, client: Client) -> None:
    world = _world(django_user_model)
    client.force_login(world["city_office"])
    data = client.get(f"/api/jurisdictions/{world['city'].pk}/rollup").json()
    assert data["coverage_text"] == "1/2 个区县已报送（另有1个尚无2026年计划）"
    page = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
    assert "1/2 个区县已报送（另有1个尚无2026年计划）" in page


def test_the_total_row_sums_every_area_over_all_measured_tasks(django_user_model: Any, client: Client) -> None:
    world = _world(django_user_model)
    client.force_login(world["city_office"])
    data = client.get(f"/api/jurisdictions/{world['city'].pk}/rollup").json()
    total = data["total"]
    # an area with no plan has no figures (null, not 0): the total sums the areas that have one
    areas = [a for a in data["areas"] if a["plan_status"] == "published"]
    assert [a["tasks"] for a in data["areas"] if a not in areas] == [None]
    assert total["tasks"] == sum(a["tasks"] for a in areas) == 6
    assert total["reported"] == sum(a["reported"] for a in areas) == 1
    for light in {k for a in areas for k in a["lights"]}:
        assert total["lights"].get(light, 0) == sum(a["lights"].get(light, 0) for a in areas)
    # One measured task at 100 %: the total is that task's figure, not the mean of the areas'.
    assert total["completion"] == 100.0
    late = sum(len(a["late_units"]) for a in areas)
    assert len(total["late_units"]) == late > 0
    assert sorted(total["plans"]) == sorted(p.pk for p in world["plans"])
    page = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
    footer = page[page.index('<tr id="total"') :]
    assert "2/3 个有计划" in footer and "100.0%" in footer and f">{late}<" in footer


def test_the_citys_own_plan_and_the_districts_without_a_plan_are_named(django_user_model: Any, client: Client) -> None:
    world = _world(django_user_model)
    client.force_login(world["city_office"])
    data = client.get(f"/api/jurisdictions/{world['city'].pk}/rollup").json()
    assert data["own_plans"] == [{"id": world["city_plan"].pk, "title": "常州市2026年民生实事"}]
    assert data["own_plan_text"].startswith("常州市本级计划：“常州市2026年民生实事”（不计入下表")
    assert data["unplanned"] == ["天宁区"]
    assert {a["name"]: a["unplanned"] for a in data["areas"]} == {"武进区": False, "新北区": False, "天宁区": True}
    assert data["coverage_text"] == "1/2 个区县已报送（另有1个尚无2026年计划）"  # its meaning unchanged
    page = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
    own = page.split('id="own-plan"')[1].split("</p>")[0]
    assert reverse("progress:dashboard", args=[world["city_plan"].pk]) in own and "常州市2026年民生实事" in own
    assert "未导入2026年计划的下级区划：天宁区" in page
    row = page.split('data-area="天宁区"')[1].split("</tr>")[0]
    assert "未导入计划" in row and "红 0" not in row and ">0<" not in row
    world["city_plan"].state = "draft"  # a draft is the city office's own work, not a plan the city has
    world["city_plan"].save(update_fields=["state"])
    data = client.get(f"/api/jurisdictions/{world['city'].pk}/rollup").json()
    assert data["own_plans"] == [] and data["own_plan_text"] == "常州市本级2026年计划未发布（草稿不计入）"
    page = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
    assert "常州市本级2026年计划未发布（草稿不计入）" in page.split('id="own-plan"')[1].split("</p>")[0]
    world["city_plan"].delete()
    data = client.get(f"/api/jurisdictions/{world['city'].pk}/rollup").json()
    assert data["own_plans"] == [] and data["own_plan_text"] == "常州市本级未导入2026年计划"


def test_a_district_reads_neither_its_city_nor_its_neighbours_rollup(django_user_model: Any, client: Client) -> None:
    world = _world(django_user_model)
    wujin, xinbei = world["areas"]
    client.force_login(world["offices"][0])
    for place in (world["city"], xinbei):
        assert client.get(reverse("regions:rollup", args=[place.pk])).status_code == 403, place.name
        assert client.get(f"/api/jurisdictions/{place.pk}/rollup").status_code == 403, place.name
    assert client.get(f"/api/jurisdictions/{wujin.pk}/rollup").status_code == 200


def test_the_queries_do_not_grow_with_districts_with_or_without_a_plan(
    django_user_model: Any, django_assert_num_queries: Any
) -> None:
    def pages(client: Client, city: Jurisdiction) -> list[int]:
        return [
            client.get(reverse("regions:rollup", args=[city.pk])).status_code,
            client.get(f"/api/jurisdictions/{city.pk}/rollup").status_code,
        ]

    small = _world(django_user_model)
    client = Client()
    client.force_login(small["city_office"])
    pages(client, small["city"])  # the session's and the site's first-request queries
    with CaptureQueriesContext(connection) as baseline:
        assert pages(client, small["city"]) == [200, 200]
    expected = len(baseline)  # now: the next request clears the connection's query log
    big = city_world(django_user_model, districts=5, tasks=2, city_name="无锡市", province_name="江苏")
    for n in range(4):
        Jurisdiction.objects.create(name=f"无计划区{n}", level=Jurisdiction.Level.COUNTY, parent=big["city"])
    client.force_login(big["city_office"])
    pages(client, big["city"])
    with django_assert_num_queries(expected):
        assert pages(client, big["city"]) == [200, 200]
