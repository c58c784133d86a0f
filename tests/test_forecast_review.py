"""已研判: the plan's own office marks a task's forecast as read with a note (who, when, the note
beside the light); a newer report shows the mark as stale; bad input and other actors change
nothing. Sibling and upper offices are refused in test_security_neighbours."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.progress.models import ForecastReview
from tests.test_forecast_pages import _frozen, year  # noqa: F401  (fixtures: 10 July 2026)

pytestmark = pytest.mark.django_db
NOTE = "已约谈人社局，三季度集中开班"


def _mark(client: Client, task: Any, note: str = NOTE) -> Any:
    return client.post(reverse("progress:forecast_review", args=[task.pk]), {"note": note}, follow=True)


def test_the_office_marks_a_forecast_read_and_pages_show_it(client: Client, office: Any, year: dict[str, Any]) -> None:  # noqa: F811
    client.force_login(office)
    training = year["training"]
    page = _mark(client, training).content.decode()
    assert "年底预计已标记为已研判" in page
    assert 'data-mark="fresh"' in page and f"<strong>已研判</strong>：{NOTE}（督查室，2026-07-10" in page
    review = ForecastReview.objects.get()
    assert review.reviewed_by == office and review.risk in ("at_risk", "will_miss") and review.report is not None
    assert review.reason in page  # it stands on the forecast the page shows
    entry = AuditEntry.objects.get(object_type__icontains="forecast")
    assert entry.user == office and NOTE in entry.summary
    board = client.get(reverse("progress:board", args=[year["plan"].pk])).content.decode()
    row = board.split(f'data-task="{training.pk}"')[1].split("</tr>")[0]
    assert 'data-mark="fresh"' in row and f'title="{NOTE}（督查室，2026-07-10）"' in row
    other = board.split(f'data-task="{year["parking"].pk}"')[1].split("</tr>")[0]
    assert "data-mark" not in other
    # Never the login: the office when the account has no name, else the person's name.
    office.first_name = "王明"  # accounts keep the whole name in first_name (invites, staff, roster)
    office.save()
    page = client.get(reverse("progress:task", args=[training.pk])).content.decode()
    assert "（王明，2026-07-10" in page


def test_a_newer_report_shows_the_mark_as_stale(client: Client, office: Any, year: dict[str, Any]) -> None:  # noqa: F811
    client.force_login(office)
    training = year["training"]
    _mark(client, training)
    import datetime
    from decimal import Decimal

    from minsheng.progress import services

    revised = services.Filing(
        datetime.date(2026, 6, 30), "in_progress", "", {training.indicators.get().pk: Decimal(520)}
    )
    revised.base_version = 1  # June revised: the newer version counts
    services.file_report(user=get_user_model().objects.get(username="rs"), task=training, filing=revised)
    page = client.get(reverse("progress:task", args=[training.pk])).content.decode()
    assert 'data-mark="stale"' in page and "研判已过期" in page and "研判后有新的报告，预计已更新，请重新研判" in page
    assert NOTE in page  # the office's note stays readable
    _mark(client, training, "已再次研判")
    page = client.get(reverse("progress:task", args=[training.pk])).content.decode()
    assert 'data-mark="fresh"' in page and "已再次研判" in page and ForecastReview.objects.count() == 2


@pytest.mark.parametrize("note", ["", "   ", "字" * 501])
def test_a_bad_note_is_refused_with_its_reason(client: Client, office: Any, year: dict[str, Any], note: str) -> None:  # noqa: F811
    client.force_login(office)
    audits = AuditEntry.objects.count()
    page = _mark(client, year["training"], note).content.decode()
    assert "未保存" in page and ("研判意见不能为空" in page or "研判意见不超过500字（现为501字）" in page)
    assert ForecastReview.objects.count() == 0 and AuditEntry.objects.count() == audits


def test_a_task_without_reports_has_nothing_to_mark(client: Client, office: Any, year: dict[str, Any]) -> None:  # noqa: F811
    from tests.test_forecast_pages import _task

    idle = _task(year["plan"], year["training"].task_units.get().unit, "新建游泳馆", "新建游泳馆1座", 1, "座")
    client.force_login(office)
    assert (
        'name="note" rows="2" maxlength="500"'
        not in client.get(reverse("progress:task", args=[idle.pk])).content.decode()
    )
    page = _mark(client, idle).content.decode()
    assert "该任务尚无进度报告，没有可研判的年底预计" in page and ForecastReview.objects.count() == 0


def test_the_lead_unit_can_neither_mark_nor_see_the_form(client: Client, year: dict[str, Any]) -> None:  # noqa: F811
    client.force_login(get_user_model().objects.get(username="rs"))
    training = year["training"]
    assert "标记为已研判" not in client.get(reverse("progress:task", args=[training.pk])).content.decode()
    response = client.post(reverse("progress:forecast_review", args=[training.pk]), {"note": NOTE})
    assert response.status_code == 403 and ForecastReview.objects.count() == 0
