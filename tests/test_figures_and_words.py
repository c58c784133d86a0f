"""Finding 13 of #27: figures as people write them (no 1340.000000 on forms and pages), a
favicon that does not 404 and comes from the site itself, and the proposal form's unit list
kept to the office's jurisdiction."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse

from minsheng.indicators.forms import IndicatorForm
from minsheng.plans.models import Jurisdiction, Unit
from minsheng.progress.models import Figure, Report
from minsheng.voting.forms import ScreeningForm, scoped

from .jurisdiction_world import seat

pytestmark = pytest.mark.django_db
APRIL_8 = datetime.datetime(2026, 4, 8, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TRAILING = re.compile(r"\d\.0{3,}\b")


def test_it_writes_figures_without_trailing_zeros(client: Client, member: Any, office: Any, parking_task: Any) -> None:
    target = parking_task.indicators.get()
    target.value = Decimal("1340")
    target.save()
    with time_machine.travel(APRIL_8, tick=False):
        report = Report.objects.create(task=parking_task, period_end=datetime.date(2026, 3, 31), status="in_progress")
        Figure.objects.create(report=report, indicator=target, actual=Decimal("1224"))
        unit = Client()
        unit.force_login(member("城管局"))
        page = unit.get(reverse("progress:task", args=[parking_task.pk])).content.decode()
    assert f'name="fig_{target.pk}" value="1224"' in page and not TRAILING.search(page)
    form = IndicatorForm(instance=target).as_div()
    assert 'value="1340"' in form and not TRAILING.search(form)
    client.force_login(office)
    detail = client.get(parking_task.get_absolute_url()).content.decode()
    assert "1340" in detail and not TRAILING.search(detail) and "E+" not in detail


def test_the_favicon_is_the_sites_own(client: Client) -> None:
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("minsheng/favicon.ico") and "//" not in response["Location"]
    assert finders.find("minsheng/favicon.ico")
    assert client.get(response["Location"]).status_code == 200


def test_the_proposal_forms_units_keep_to_the_jurisdiction(django_user_model: Any) -> None:
    wujin = Jurisdiction.objects.create(name="武进区", level=Jurisdiction.Level.COUNTY)
    elsewhere = Jurisdiction.objects.create(name="金坛区", level=Jurisdiction.Level.COUNTY)
    own = Unit.objects.create(name="城管局", jurisdiction=wujin)
    other = Unit.objects.create(name="城管局", jurisdiction=elsewhere)
    units = set(scoped(ScreeningForm(), seat(django_user_model, "wujin-office", wujin)).fields["lead_unit"].queryset)
    assert own in units and other not in units


def test_the_templates_last_figure_is_the_approved_one(parking_task: Any) -> None:
    """上期累计 in a unit's workbook is the last approved figure, not one awaiting review."""
    import io

    from openpyxl import load_workbook

    from minsheng.progress.workbook import COL_TARGET, HEADER_ROW, build_template

    target = parking_task.indicators.get()
    unit = parking_task.task_units.get(role="lead").unit
    with time_machine.travel(APRIL_8, tick=False):
        for period, actual, review in (("2026-02-28", 1224, "approved"), ("2026-03-31", 1400, "submitted")):
            report = Report.objects.create(task=parking_task, period_end=period, status="in_progress", review=review)
            Figure.objects.create(report=report, indicator=target, actual=Decimal(actual))
        data = build_template(parking_task.project.plan, unit, datetime.date(2026, 3, 31))
    sheet = load_workbook(io.BytesIO(data)).active
    row = next(r for r in sheet.iter_rows(min_row=HEADER_ROW + 1) if r[COL_TARGET - 1].value == target.pk)
    header = [c.value for c in sheet[HEADER_ROW]]
    assert row[header.index("上期累计")].value == 1224
