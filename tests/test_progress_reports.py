"""Filing, reviewing and the history of progress reports, through the pages."""

from __future__ import annotations

import datetime
import io
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from PIL import Image

from minsheng.accounts.models import AuditEntry
from minsheng.plans.models import TaskUnit, Unit
from minsheng.progress.board import build_board
from minsheng.progress.models import Evidence, Figure, Report
from minsheng.progress.templatetags.progress_tags import pct

pytestmark = pytest.mark.django_db
MARCH_31 = datetime.datetime(2026, 3, 31, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(MARCH_31, tick=False):
        yield


def _post(client: Any, task: Any, actual: str, base: int = 0, **extra: Any) -> Any:
    target = task.indicators.get()
    data = {
        "period_end": "2026-03-31",
        "status": "in_progress",
        "narrative": "一季度新增公共停车泊位303个。",
        f"fig_{target.pk}": actual,
        "base_version": str(base),
        **extra,
    }
    return client.post(reverse("progress:report", args=[task.pk]), data)


def _png(name: str = "photo.png") -> io.BytesIO:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    out.seek(0)
    out.name = name
    return out


def test_unit_files_report_and_board_shows_share_against_expected(client: Any, member: Any, parking_task: Any) -> None:
    plan = parking_task.project.plan
    plan.yellow_margin = 3
    plan.save()
    client.force_login(member("城管局"))
    response = _post(client, parking_task, "303")
    assert response.status_code == 302
    report = Report.objects.get(task=parking_task)
    assert (report.version, report.review, report.period_end) == (1, "submitted", datetime.date(2026, 3, 31))
    assert Figure.objects.get(report=report).actual == 303
    row = next(r for r in build_board(plan, datetime.date(2026, 3, 31)).rows if r.id == parking_task.pk)
    assert pct(row.completion) == "20.2%" and pct(row.expected) == "24.7%"
    assert row.light == "yellow"
    page = client.get(reverse("progress:task", args=[parking_task.pk])).content.decode()
    assert "20.2%" in page and "24.7%" in page and "黄灯" in page
    assert AuditEntry.objects.filter(action="report", object_id=str(report.pk)).exists()


def test_returned_report_is_revised_and_both_versions_stay(
    client: Any, member: Any, office: Any, parking_task: Any
) -> None:
    unit = member("城管局")
    client.force_login(unit)
    _post(client, parking_task, "303")
    first = Report.objects.get(task=parking_task)
    client.force_login(office)
    review = reverse("progress:review", args=[first.pk])
    assert client.post(review, {"decision": "return", "comment": ""}).status_code == 302
    first.refresh_from_db()
    assert first.review == "submitted"  # a return needs a reason
    client.post(review, {"decision": "return", "comment": "请补充泊位分布情况"})
    first.refresh_from_db()
    assert (first.review, first.review_comment) == ("returned", "请补充泊位分布情况")
    client.force_login(unit)
    mine = client.get(reverse("progress:mine")).content.decode()
    assert "请补充泊位分布情况" in mine and "本期 2026年3月（4月5日前报送）" in mine
    assert _post(client, parking_task, "310", base=1, narrative="补充：分布于湖塘、牛塘。").status_code == 302
    versions = list(Report.objects.filter(task=parking_task).order_by("version").values_list("version", "review"))
    assert versions == [(1, "returned"), (2, "submitted")]
    page = client.get(reverse("progress:task", args=[parking_task.pk])).content.decode()
    assert "第1版" in page and "第2版" in page and "已退回" in page
    assert "请补充泊位分布情况" not in client.get(reverse("progress:mine")).content.decode()


def test_second_filer_is_told_and_nothing_is_lost(
    client: Any, member: Any, django_user_model: Any, parking_task: Any
) -> None:
    first = member("城管局")
    first.first_name = "王芳"
    first.save(update_fields=["first_name"])
    second = django_user_model.objects.create_user("second")
    second.memberships.create(unit=first.memberships.get().unit)
    client.force_login(first)
    _post(client, parking_task, "303")
    client.force_login(second)
    response = _post(client, parking_task, "999", base=0)  # opened the form before the first was filed
    assert response.status_code == 200
    page = response.content.decode()
    # told who by name and unit (never the login), and the figure is kept in the form
    assert "已由 王芳（城管局） 更新" in page and first.username not in page and "999" in page
    assert list(Report.objects.filter(task=parking_task).values_list("version", flat=True)) == [1]
    assert Figure.objects.get().actual == 303


def test_bad_figures_and_evidence_are_refused_with_nothing_written(client: Any, member: Any, parking_task: Any) -> None:
    client.force_login(member("城管局"))
    before = AuditEntry.objects.count()
    assert "累计完成数不能为负数（填写的是 -5）" in _post(client, parking_task, "-5").content.decode()
    fake = io.BytesIO(b"MZ\x90\x00 not an image")
    fake.name = "photo.jpg"
    page = _post(client, parking_task, "303", evidence=fake).content.decode()
    assert "photo.jpg" in page and "不是图片或 PDF" in page
    period = _post(client, parking_task, "303", period_end="2026-06-30").content.decode()
    assert "2026-06-30" in period
    assert not Report.objects.exists() and not Evidence.objects.exists()
    assert AuditEntry.objects.count() == before


def test_evidence_is_stored_and_only_readers_download_it(
    client: Any, member: Any, office: Any, outsider: Any, parking_task: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(member("城管局"))
    with django_capture_on_commit_callbacks(execute=True):  # the file is moved into place on commit
        assert _post(client, parking_task, "303", evidence=_png()).status_code == 302
    evidence = Evidence.objects.get()
    assert (evidence.content_type, evidence.name) == ("image/png", "photo.png")
    url = reverse("progress:evidence", args=[evidence.pk])
    assert client.get(url).status_code == 200
    client.force_login(office)
    assert client.get(url).status_code == 200
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_partner_reads_and_notes_but_cannot_file(client: Any, member: Any, parking_task: Any) -> None:
    task = parking_task  # the 2026 table names no partner units: add one
    TaskUnit.objects.create(task=task, unit=Unit.objects.create(name="区交通运输局"), role="partner")
    client.force_login(member("区交通运输局"))
    assert client.get(reverse("progress:task", args=[task.pk])).status_code == 200
    report = {"period_end": "2026-03-31", "status": "in_progress", "narrative": "x", "base_version": "0"}
    assert client.post(reverse("progress:report", args=[task.pk]), report).status_code == 403
    client.post(reverse("progress:note", args=[task.pk]), {"text": "配合做好施工占道审批"})
    assert task.notes.get().text == "配合做好施工占道审批"
    assert not Report.objects.exists()


def test_milestones_change_expected_share(client: Any, office: Any, parking_task: Any) -> None:
    client.force_login(office)
    url = reverse("progress:schedule", args=[parking_task.pk])
    target = parking_task.indicators.get()
    bad = client.post(url, {"milestones": "2026-03-31 十", f"w_{target.pk}": "1"}).content.decode()
    assert "第1行" in bad
    client.post(url, {"milestones": "2026-03-31 10\n2026-6-30 50", f"w_{target.pk}": "2"})
    assert list(parking_task.milestones.values_list("share", flat=True)) == [10, 50]
    row = next(
        r for r in build_board(parking_task.project.plan, datetime.date(2026, 3, 31)).rows if r.id == parking_task.pk
    )
    assert row.expected == 10


def test_counting_flag_agrees_with_the_dated_lookup(client: Any, member: Any, office: Any, parking_task: Any) -> None:
    """The dashboard reads Report.counts; a bulletin as of a past date reads the latest report up to it."""
    from minsheng.progress.board import counting_reports

    plan = parking_task.project.plan
    client.force_login(member("城管局"))
    _post(client, parking_task, "303")
    first = Report.objects.get()
    client.force_login(office)
    client.post(reverse("progress:review", args=[first.pk]), {"decision": "return", "comment": "补充"})
    assert list(counting_reports(plan, datetime.date(2026, 3, 31))) == []  # the only version was returned
    client.force_login(parking_task.units.get().members.get().user)
    _post(client, parking_task, "310", base=1)
    today = list(counting_reports(plan, datetime.date(2026, 3, 31)))
    with time_machine.travel(datetime.datetime(2026, 5, 1, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        dated = list(counting_reports(plan, datetime.date(2026, 3, 31)))
    assert today == dated == [Report.objects.get(version=2)]
