"""The roll-up's own line and its coverage: an area without a plan is said apart, not counted
silent, and the 合计 row sums the areas as one board over all their tasks would."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
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
    total, areas = data["total"], data["areas"]
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

