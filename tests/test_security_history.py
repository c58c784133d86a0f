"""History is append-only (issue 19): reports, figures and audit entries cannot be deleted
or rewritten, by the admin or by code; only the office's review of a report is written later."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from minsheng.accounts.history import AppendOnlyError
from minsheng.accounts.models import AuditEntry, audit
from minsheng.progress.models import Figure, Report

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(parking_task: Any, office: Any) -> tuple[Report, Figure, AuditEntry]:
    report = Report.objects.create(
        task=parking_task, period_end=datetime.date(2026, 3, 31), version=1, status="in_progress", narrative="303个"
    )
    figure = Figure.objects.create(report=report, indicator=parking_task.indicators.get(), actual=303)
    entry = audit(user=office, action=AuditEntry.Action.REPORT, obj=report, summary="报送进度")
    return report, figure, entry


def _counts() -> tuple[int, int, int]:
    return Report.objects.count(), Figure.objects.count(), AuditEntry.objects.count()


def test_nothing_recorded_can_be_deleted_by_code(history: tuple[Report, Figure, AuditEntry]) -> None:
    for obj in history:
        with pytest.raises(AppendOnlyError, match="不能删除"):
            obj.delete()
        with pytest.raises(AppendOnlyError, match="不能删除"):
            type(obj).objects.filter(pk=obj.pk).delete()
    assert _counts() == (1, 1, 2)  # the import's entry and the report's


def test_nothing_recorded_can_be_rewritten_by_code(history: tuple[Report, Figure, AuditEntry]) -> None:
    report, figure, entry = history
    figure.actual = 1500
    entry.summary = "从未报送"
    report.narrative = "已全部完成"
    for obj in (report, figure, entry):
        with pytest.raises(AppendOnlyError, match="不能修改"):
            obj.save()
    with pytest.raises(AppendOnlyError):
        Figure.objects.filter(pk=figure.pk).update(actual=1500)
    with pytest.raises(AppendOnlyError):
        Report.objects.filter(pk=report.pk).update(narrative="改写")
    with pytest.raises(AppendOnlyError):
        report.save(update_fields=["narrative", "review"])
    figure.refresh_from_db()
    report.refresh_from_db()
    assert (figure.actual, report.narrative) == (303, "303个")


def test_the_review_is_still_written(history: tuple[Report, Figure, AuditEntry]) -> None:
    report = history[0]
    report.review = Report.Review.APPROVED
    report.save(update_fields=["review"])
    assert Report.objects.get().review == Report.Review.APPROVED


def test_what_history_hangs_on_cannot_be_deleted(history: tuple[Report, Figure, AuditEntry]) -> None:
    report = history[0]
    with pytest.raises(ProtectedError):
        report.task.delete()
    with pytest.raises(ProtectedError):
        report.task.project.plan.delete()


def test_the_admin_cannot_delete_or_edit_history(
    client: Any, django_user_model: Any, history: tuple[Report, Figure, AuditEntry]
) -> None:
    report, _, entry = history
    client.force_login(django_user_model.objects.create_superuser("root", password="root-pass-123"))
    for model, obj in (("progress/report", report), ("accounts/auditentry", entry)):
        change = client.get(f"/admin/{model}/{obj.pk}/change/")
        assert change.status_code == 200 and "deletelink" not in change.content.decode()
        assert client.post(f"/admin/{model}/{obj.pk}/delete/", {"post": "yes"}).status_code == 403
        listing = client.post(
            f"/admin/{model}/", {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"}
        )
        assert listing.status_code in (200, 302)
    page = client.get(reverse("admin:progress_report_change", args=[report.pk])).content.decode()
    assert 'name="figures-0-actual"' not in page and "figures-0-DELETE" not in page
    assert _counts() == (1, 1, 2)  # the import's entry and the report's
