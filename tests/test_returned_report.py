"""Finding 4 of #27: a returned report comes back as the unit left it (figures, narrative,
evidence) with the office's reason above the form; a resubmit cannot silently send a cumulative
figure below the last approved one."""

from __future__ import annotations

import datetime
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from PIL import Image

from minsheng.progress.models import Evidence, Figure, Report

pytestmark = pytest.mark.django_db
APRIL_8 = datetime.datetime(2026, 4, 8, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(APRIL_8, tick=False):
        yield


def _png() -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    out.seek(0)
    out.name = "分布图.png"
    return out


def _post(client: Client, task: Any, period: str, actual: str, base: int, **extra: Any) -> Any:
    data = {
        "period_end": period,
        "status": "in_progress",
        "narrative": f"累计新增泊位{actual}个，分布于湖塘、牛塘。",
        f"fig_{task.indicators.get().pk}": actual,
        "base_version": str(base),
        **extra,
    }
    return client.post(reverse("progress:report", args=[task.pk]), data)


def _review(client: Client, report: Report, decision: str, comment: str = "") -> None:
    client.post(reverse("progress:review", args=[report.pk]), {"decision": decision, "comment": comment})


@pytest.fixture
def returned(client: Client, member: Any, office: Any, parking_task: Any) -> tuple[Client, Any]:
    """February approved at 1224; March filed at 1400 with a photo, returned by the office."""
    unit, desk = Client(), Client()
    unit.force_login(member("城管局"))
    desk.force_login(office)
    assert _post(unit, parking_task, "2026-02-28", "1224", 0).status_code == 302
    _review(desk, Report.objects.get(task=parking_task, period_end="2026-02-28"), "approve")
    assert _post(unit, parking_task, "2026-03-31", "1400", 0, evidence=_png()).status_code == 302
    _review(desk, Report.objects.get(task=parking_task, period_end="2026-03-31"), "return", "请补充泊位分布明细")
    return unit, parking_task


def test_it_brings_the_returned_version_back_with_the_reason_on_top(returned: tuple[Client, Any]) -> None:
    unit, task = returned
    page = unit.get(reverse("progress:task", args=[task.pk])).content.decode()
    form = page[page.index('id="report-form"') - 2000 : page.index("</form>", page.index('id="report-form"'))]
    target = task.indicators.get()
    # 1224 stays only as February's own figure for the period switch (period-figures), not in the box
    assert f'name="fig_{target.pk}" value="1400"' in form and 'value="1224"' not in form
    assert "累计新增泊位1400个，分布于湖塘、牛塘。" in form
    assert '<option value="2026-03-31" selected>' in form
    # The reason comes before the form, not eight screens down in the history.
    assert page.index("请补充泊位分布明细") < page.index('id="report-form"')
    assert "分布图.png" in form


def test_it_keeps_the_evidence_when_the_returned_version_is_resubmitted(returned: tuple[Client, Any]) -> None:
    unit, task = returned
    first = Report.objects.get(task=task, period_end="2026-03-31", version=1)
    response = _post(unit, task, "2026-03-31", "1410", 1, keep_evidence_of=str(first.pk))
    assert response.status_code == 302
    second = Report.objects.get(task=task, period_end="2026-03-31", version=2)
    assert [e.name for e in Evidence.objects.filter(report=second)] == ["分布图.png"]


def test_the_returned_evidence_stays_with_its_own_period(returned: tuple[Client, Any]) -> None:
    """The form opens on the returned March; the unit switches to February to correct it: March's
    returned photo is no evidence for February (the hidden keep_evidence_of still names it)."""
    unit, task = returned
    first = Report.objects.get(task=task, period_end="2026-03-31", version=1)
    response = _post(unit, task, "2026-02-28", "1230", 1, keep_evidence_of=str(first.pk))
    assert response.status_code == 302
    february = Report.objects.get(task=task, period_end="2026-02-28", version=2)
    assert not Evidence.objects.filter(report=february).exists()


def test_it_refuses_a_figure_below_the_last_approved_one_without_confirmation(returned: tuple[Client, Any]) -> None:
    unit, task = returned
    response = _post(unit, task, "2026-03-31", "1200", 1)
    assert response.status_code == 200
    page = response.content.decode()
    assert "累计完成数低于上次审核通过的数" in page and "1224" in page and 'name="confirm_lower"' in page
    assert not Report.objects.filter(task=task, period_end="2026-03-31", version=2).exists()
    assert _post(unit, task, "2026-03-31", "1200", 1, confirm_lower="on").status_code == 302
    second = Report.objects.get(task=task, period_end="2026-03-31", version=2)
    assert Figure.objects.get(report=second).actual == 1200
