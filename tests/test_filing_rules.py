"""One rule for what a filing may say (#31 finding 1), whichever way it arrives: the unit's form,
the API (a unit's token, an office's token) and the workbook upload refuse the same figures with
the same words, naming the field (or the row and cell), write nothing, and the roll-up never
counts the refused figure. The neighbouring district's unit and office reach nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from minsheng.api.tokens import create_token
from minsheng.plans.models import Unit
from minsheng.progress.filing_rules import NARRATIVE_MAX
from minsheng.progress.models import Report
from minsheng.progress.workbook import COL_ACTUAL, COL_NARRATIVE, COL_STATUS, COL_TASK, HEADER_ROW

from .jurisdiction_world import allotted_world, frozen_on_april_10

pytestmark = pytest.mark.django_db
SEVENTEEN_DIGITS = "12345678901234567"
WUJIN_UNIT = "常州市武进区城管局"  # leads the 武进区 share of the city's parking task: 3000 泊位


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    yield from frozen_on_april_10()


@pytest.fixture
def world(django_user_model: Any) -> dict[str, Any]:
    made = allotted_world(django_user_model)
    made["unit_user"] = django_user_model.objects.create_user("wj-filer")
    made["unit_user"].memberships.create(unit=Unit.objects.get(name=WUJIN_UNIT))
    made["neighbour_user"] = django_user_model.objects.create_user("xb-filer")
    made["neighbour_user"].memberships.create(unit=Unit.objects.get(name="常州市新北区城管局"))
    return made


def _form(client: Client, task: Any, actual: str, narrative: str = "一季度新增泊位") -> Any:
    target = task.indicators.get().pk
    data = {"period_end": "2026-03-31", "status": "in_progress", "narrative": narrative, f"fig_{target}": actual}
    return client.post(reverse("progress:report", args=[task.pk]), data | {"base_version": "0"})


def _api(client: Client, secret: str, task: Any, actual: Any, narrative: str | None = "一季度新增泊位") -> Any:
    body: dict[str, Any] = {"period_end": "2026-03-31", "status": "in_progress"}
    body["figures"] = [{"indicator": task.indicators.get().pk, "actual": actual}]
    if narrative is not None:
        body["narrative"] = narrative
    headers = {"Authorization": f"Bearer {secret}"}
    return client.post(f"/api/tasks/{task.pk}/reports", body, content_type="application/json", headers=headers)


def _token(world: dict[str, Any], role: str, area: int = 0) -> str:
    unit = Unit.objects.get(name=["常州市武进区城管局", "常州市新北区城管局"][area]) if role == "reporter" else None
    _t, secret = create_token(
        user=world["offices"][area], name=f"对接{role}{area}", jurisdiction=world["areas"][area], role=role, unit=unit
    )
    return secret


def _reported_in_rollup(client: Client, world: dict[str, Any]) -> int:
    client.force_login(world["city_office"])
    data = client.get(f"/api/jurisdictions/{world['city'].pk}/rollup").json()
    return int(data["total"]["reported"])


def test_it_refuses_a_17_digit_figure_on_the_form_naming_the_field(world: dict[str, Any], client: Client) -> None:
    task = world["wujin_task"]
    client.force_login(world["unit_user"])
    page = _form(client, task, SEVENTEEN_DIGITS).content.decode()
    assert "“公共停车泊位”累计完成数 12345678901234567个 超出合理范围" in page
    assert "不能超过目标值 3000个 的1000倍（3000000个）" in page and "本次报送未保存" in page
    assert SEVENTEEN_DIGITS in page  # what was typed stays in the box
    assert not Report.objects.exists() and _reported_in_rollup(client, world) == 0


def test_the_bound_is_the_same_on_the_form_and_the_api(world: dict[str, Any], client: Client) -> None:
    task, secret = world["wujin_task"], _token(world, "reporter")
    client.force_login(world["unit_user"])
    assert "超出合理范围" in _form(client, task, "3000001").content.decode()
    refused = _api(client, secret, task, 3000001)
    assert refused.status_code == 422 and refused.json()["field"] == "figures.0.actual"
    assert "“公共停车泊位”累计完成数 3000001个 超出合理范围" in refused.json()["detail"]
    assert not Report.objects.exists()
    assert _api(client, secret, task, 3000000).status_code == 201  # the bound itself is believed


@pytest.mark.parametrize("role", ["reporter", "office"])
def test_the_api_refuses_it_for_the_unit_and_for_the_office(world: dict[str, Any], client: Client, role: str) -> None:
    task = world["wujin_task"]
    for actual in (SEVENTEEN_DIGITS, int(SEVENTEEN_DIGITS), "1" * 30):
        refused = _api(client, _token(world, role), task, actual)
        assert refused.status_code == 422, refused.content
        assert refused.json()["field"] == "figures.0.actual" and "超出合理范围" in refused.json()["detail"]
    for huge in ("1e400", "1e100000", "-1e100000"):  # refused in a short message, never spelt out
        refused = _api(client, _token(world, role), task, huge)
        assert refused.status_code == 422 and len(refused.content) < 1000, len(refused.content)
        assert refused.json()["field"] == "figures.0.actual"
    negative = _api(client, _token(world, role), task, -1)
    assert negative.status_code == 422 and "“公共停车泊位”累计完成数不能为负数" in negative.json()["detail"]
    assert not Report.objects.exists() and _reported_in_rollup(client, world) == 0


def test_the_neighbour_reaches_nothing(world: dict[str, Any], client: Client) -> None:
    task = world["wujin_task"]
    for role in ("reporter", "office"):
        answer = _api(client, _token(world, role, area=1), task, 100)
        assert answer.status_code in (403, 404), (role, answer.content)
    client.force_login(world["neighbour_user"])
    assert _form(client, task, "100").status_code in (403, 404)
    client.force_login(world["offices"][1])
    assert _form(client, task, "100").status_code in (403, 404)
    assert not Report.objects.exists()


def test_api_schema_errors_are_chinese_and_name_the_field(world: dict[str, Any], client: Client) -> None:
    task, secret = world["wujin_task"], _token(world, "reporter")
    not_a_number = _api(client, secret, task, "一千")
    assert not_a_number.status_code == 422 and not_a_number.json()["field"] == "figures.0.actual"
    assert not_a_number.json()["detail"] == "完成数列表第1项的累计完成数（figures.0.actual）应为数字"
    headers = {"Authorization": f"Bearer {secret}"}
    url = f"/api/tasks/{task.pk}/reports"
    for body, field, words in (
        ({"status": "done"}, "period_end", "报送期（period_end）必须填写"),
        ({"period_end": "2026-03-31", "status": "maybe"}, "status", "进展状态（status）应为以下之一"),
        ({"period_end": "2026-03-31", "status": "done", "confirm_lower": "也许"}, "confirm_lower", "true 或 false"),
    ):
        answer = client.post(url, body, content_type="application/json", headers=headers).json()
        assert answer["field"] == field and words in answer["detail"], answer
        assert "Input should" not in answer["detail"] and "Field required" not in answer["detail"]


def test_the_narrative_is_required_and_one_limit_holds_everywhere(world: dict[str, Any], client: Client) -> None:
    task, secret = world["wujin_task"], _token(world, "reporter")
    client.force_login(world["unit_user"])
    assert "请填写进展情况" in _form(client, task, "100", narrative=" ").content.decode()
    too_long = "进" * (NARRATIVE_MAX + 1)
    assert (
        f"进展情况不能超过{NARRATIVE_MAX}字（现有{NARRATIVE_MAX + 1}字）"
        in _form(client, task, "100", too_long).content.decode()
    )
    for narrative in (None, "", too_long):
        refused = _api(client, secret, task, 100, narrative=narrative)
        assert refused.status_code == 422 and refused.json()["field"] == "narrative", narrative
    office = _api(client, _token(world, "office"), task, 100, narrative=too_long)  # the office's entry: same limit
    assert office.status_code == 422 and office.json()["field"] == "narrative"
    assert not Report.objects.exists()
    assert _form(client, task, "100", narrative="进" * NARRATIVE_MAX).status_code == 302


def _workbook(client: Client, world: dict[str, Any], actual: Any, narrative: str) -> str:
    plan, unit = world["plans"][0], Unit.objects.get(name=WUJIN_UNIT)
    response = client.get(reverse("progress:template", args=[plan.pk, unit.pk]))
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["进度报送"]
    row = next(r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet.cell(r, COL_TASK).value)
    sheet.cell(row, COL_ACTUAL).value = actual
    sheet.cell(row, COL_STATUS).value = "推进中"
    sheet.cell(row, COL_NARRATIVE).value = narrative
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("报送表.xlsx", out.getvalue())
    page = client.post(reverse("progress:workbook", args=[plan.pk]), {"file": upload}).content.decode()
    return f"{row}|{page}"


def test_the_workbook_names_the_row_and_cell_of_the_same_refusals(world: dict[str, Any], client: Client) -> None:
    client.force_login(world["unit_user"])
    # a spreadsheet keeps 15 significant digits: a 13-digit figure is read as typed
    row, page = _workbook(client, world, 1234567890123, "一季度").split("|", 1)
    assert f"第{row}行 J列（本期累计完成）：“公共停车泊位”累计完成数 1234567890123个 超出合理范围" in page
    row, page = _workbook(client, world, 100, "").split("|", 1)
    assert f"第{row}行 L列（进展情况）：请填写进展情况" in page
    assert not Report.objects.exists()
