"""The Excel round trip checks the version it previewed (issue 19): when someone files the
task on the web between the preview and the confirmation, the confirmation is refused with
the conflict message and nothing of the sheet is written; the web version stays."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from minsheng.progress.models import Report
from minsheng.progress.workbook import COL_ACTUAL, COL_NARRATIVE, COL_STATUS
from tests.test_progress_workbook import _row_of, _template, _upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def test_a_web_filing_after_the_preview_is_not_silently_replaced(
    client: Any, member: Any, parking_task: Any
) -> None:
    plan, unit = parking_task.project.plan, parking_task.units.get()
    sheet_user, web_user = member("城管局"), member("城管局", username="web-filer")
    client.force_login(sheet_user)
    book = _template(client, plan, unit)
    sheet = book["进度报送"]
    row = _row_of(sheet, parking_task)
    sheet.cell(row, COL_ACTUAL).value = 303
    sheet.cell(row, COL_STATUS).value = "推进中"
    sheet.cell(row, COL_NARRATIVE).value = "表格中的一季度进展"
    preview = _upload(client, plan, book).content.decode()
    key = preview.split('name="key" value="')[1].split('"')[0]

    web = client.__class__()
    web.force_login(web_user)
    target = parking_task.indicators.get()
    filed = web.post(
        reverse("progress:report", args=[parking_task.pk]),
        {"period_end": "2026-03-31", "status": "in_progress", "narrative": "网页上的一季度进展",
         f"fig_{target.pk}": "320", "base_version": "0"},
    )
    assert filed.status_code == 302

    response = client.post(reverse("progress:workbook_confirm", args=[plan.pk]), {"key": key}, follow=True)
    page = response.content.decode()
    # the other filer by unit (and name, had they one), never by login (#31 finding 5)
    assert "未导入" in page and "已由 城管局 更新" in page and "web-filer" not in page
    report = Report.objects.get(task=parking_task)  # only the web version
    assert report.narrative == "网页上的一季度进展"
