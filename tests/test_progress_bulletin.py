"""The office uploads a bulletin or a unit's written report, ticks the figures read, files them."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from bench.common import PROGRESS_SEED
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.progress.bulletin_reading import read_bulletin
from minsheng.progress.models import Figure, Report

pytestmark = pytest.mark.django_db

UNIT_REPORT = (
    "城管局关于一季度民生实事推进情况的报告\n\n一、推进停车便利化\n\n"
    "截至3月31日，已新增公共停车泊位303个，完成年度目标的20.2%。\n\n"
    "二、其他工作\n\n另外新增巡河船只3艘。"
)


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def _upload(client: Any, plan: Any, name: str, data: bytes) -> Any:
    return client.post(reverse("progress:bulletin", args=[plan.pk]), {"file": SimpleUploadedFile(name, data)})


def _key(page: str) -> str:
    return page.split('name="key" value="')[1].split('"')[0]


def _accept_key(page: str, text: str) -> str:
    """The value of the checkbox of the row whose sentence holds `text`."""
    for row in page.split("<tr>"):
        if text in row and 'name="accept"' in row:
            return row.split('name="accept" value="')[1].split('"')[0]
    raise AssertionError(f"no proposal row with {text}")


def test_the_shared_bulletin_is_read_against_the_plan_and_filed_on_confirmation(
    client: Any, office: Any, wujin_plan: Any, parking_task: Any
) -> None:
    client.force_login(office)
    page = _upload(client, wujin_plan, "一季度通报.txt", PROGRESS_SEED.read_bytes()).content.decode()
    assert "推进停车便利化" in page and "303" in page and "确认录入" in page
    assert not Report.objects.exists()  # reading writes nothing
    key = _accept_key(page, "303")
    response = client.post(
        reverse("progress:bulletin_confirm", args=[wujin_plan.pk]),
        {"key": _key(page), "period_end": "2026-03-31", "accept": [key]},
    )
    assert response.status_code == 302
    report = Report.objects.get(task=parking_task)
    figure = Figure.objects.get(report=report)
    assert (report.period_end, report.filed_by, figure.actual) == (datetime.date(2026, 3, 31), office, 303)
    assert "303" in figure.source and "一季度通报.txt" in report.narrative
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.REPORT).latest("pk")
    assert entry.summary.startswith("督查室据上传材料代录进度")
    assert Report.objects.count() == 1  # only the ticked figure was filed


def test_the_confirmation_files_the_previewed_reading_without_reading_the_file_again(
    client: Any, office: Any, wujin_plan: Any, parking_task: Any, monkeypatch: Any
) -> None:
    from minsheng.documents.intake.staging import staged
    from minsheng.progress import bulletin_views

    client.force_login(office)
    page = _upload(client, wujin_plan, "城管局报告.txt", UNIT_REPORT.encode()).content.decode()
    upload = staged("bulletin", _key(page))
    upload.path.write_text("截至3月31日，已新增公共停车泊位999个。", encoding="utf-8")  # changed after the preview
    monkeypatch.setattr(bulletin_views, "read_bulletin", lambda *a: pytest.fail("read again on confirm"))
    response = client.post(
        reverse("progress:bulletin_confirm", args=[wujin_plan.pk]),
        {"key": _key(page), "period_end": "2026-03-31", "accept": [_accept_key(page, "303")]},
    )
    assert response.status_code == 302
    figure = Figure.objects.get(report__task=parking_task)
    assert figure.actual == 303 and "303个" in figure.source  # what the clerk saw, not the file as it is now
    assert not upload.folder.exists()


def test_a_reading_previewed_for_one_plan_is_not_filed_into_another(
    client: Any, office: Any, wujin_plan: Any, parking_task: Any
) -> None:
    from tests.factories import PlanFactory

    client.force_login(office)
    page = _upload(client, wujin_plan, "城管局报告.txt", UNIT_REPORT.encode()).content.decode()
    other = PlanFactory()
    response = client.post(
        reverse("progress:bulletin_confirm", args=[other.pk]),
        {"key": _key(page), "period_end": "2026-03-31", "accept": [_accept_key(page, "303")]},
    )
    assert response.status_code == 404
    assert not Report.objects.exists()


def test_a_unit_report_places_what_it_can_and_lists_the_rest(client: Any, office: Any, wujin_plan: Any) -> None:
    client.force_login(office)
    page = _upload(client, wujin_plan, "城管局报告.txt", UNIT_REPORT.encode()).content.decode()
    assert "推进停车便利化" in page
    unplaced = page.split("未能对应到指标的数字")[1]
    assert "3艘" in unplaced and "计划中没有以“艘”计量的指标" in unplaced


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("空.txt", b"", "空.txt：文件是空的"),
        ("无数字.txt", "今年以来，各项工作有序推进。".encode(), "无数字.txt：文中没有读到任何完成数"),
        ("表格.xlsx", b"PK\x03\x04", "表格.xlsx：不支持的文件格式"),
    ],
)
def test_bad_input_gets_a_clear_message_and_writes_nothing(
    client: Any, office: Any, wujin_plan: Any, name: str, data: bytes, message: str
) -> None:
    client.force_login(office)
    page = _upload(client, wujin_plan, name, data).content.decode()
    assert message in page and "确认录入" not in page
    assert not Report.objects.exists()


def test_two_figures_ticked_for_one_indicator_file_nothing(
    client: Any, office: Any, wujin_plan: Any, parking_task: Any
) -> None:
    client.force_login(office)
    text = UNIT_REPORT + "\n\n三、停车泊位\n\n截至3月31日，累计新增公共停车泊位310个。"
    page = _upload(client, wujin_plan, "报告.txt", text.encode()).content.decode()
    keys = [_accept_key(page, "303"), _accept_key(page, "310")]
    response = client.post(
        reverse("progress:bulletin_confirm", args=[wujin_plan.pk]),
        {"key": _key(page), "period_end": "2026-03-31", "accept": keys},
        follow=True,
    )
    assert "勾选了两个完成数" in response.content.decode()
    assert not Report.objects.exists()


def test_nothing_ticked_files_nothing(client: Any, office: Any, wujin_plan: Any) -> None:
    client.force_login(office)
    page = _upload(client, wujin_plan, "报告.txt", UNIT_REPORT.encode()).content.decode()
    response = client.post(
        reverse("progress:bulletin_confirm", args=[wujin_plan.pk]),
        {"key": _key(page), "period_end": "2026-03-31"},
        follow=True,
    )
    assert "请至少勾选一个" in response.content.decode()
    assert not Report.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "unit"])
def test_only_the_office_may_upload_or_confirm(
    client: Any, outsider: Any, member: Any, wujin_plan: Any, parking_task: Any, who: str
) -> None:
    client.force_login(outsider if who == "outsider" else member("城管局"))
    assert _upload(client, wujin_plan, "报告.txt", UNIT_REPORT.encode()).status_code == 403
    assert client.get(reverse("progress:bulletin", args=[wujin_plan.pk])).status_code == 403
    form = {"key": "0" * 64 + ".txt", "period_end": "2026-03-31"}
    confirm = client.post(reverse("progress:bulletin_confirm", args=[wujin_plan.pk]), form)
    assert confirm.status_code == 403
    assert not Report.objects.exists()


def test_the_preview_takes_as_many_queries_for_a_long_bulletin_as_for_a_short_one(
    client: Any, office: Any, wujin_plan: Any, parking_task: Any, django_assert_num_queries: Any
) -> None:
    client.force_login(office)
    with CaptureQueriesContext(connection) as short:
        assert _upload(client, wujin_plan, "短.txt", UNIT_REPORT.encode()).status_code == 200
    with django_assert_num_queries(len(short)):
        assert _upload(client, wujin_plan, "长.txt", PROGRESS_SEED.read_bytes()).status_code == 200


def test_confirming_again_says_it_was_filed_and_files_nothing_twice(
    client: Any, office: Any, wujin_plan: Any, parking_task: Any
) -> None:
    """The back button or a reload after the confirmation: the clerk is told, not shown a bare 404."""
    client.force_login(office)
    page = _upload(client, wujin_plan, "城管局报告.txt", UNIT_REPORT.encode()).content.decode()
    form = {"key": _key(page), "period_end": "2026-03-31", "accept": [_accept_key(page, "303")]}
    url = reverse("progress:bulletin_confirm", args=[wujin_plan.pk])
    assert client.post(url, form).status_code == 302
    again = client.post(url, form, follow=True)
    assert again.redirect_chain[-1][0] == reverse("progress:bulletin", args=[wujin_plan.pk])
    assert "已经确认录入过" in again.content.decode()
    assert Report.objects.filter(task=parking_task).count() == 1


def test_a_closed_plan_says_so_before_reading_a_file(client: Any, office: Any, wujin_plan: Any) -> None:
    from minsheng.plans.models import Plan

    Plan.objects.filter(pk=wujin_plan.pk).update(state=Plan.State.CLOSED)
    client.force_login(office)
    page = _upload(client, wujin_plan, "城管局报告.txt", UNIT_REPORT.encode()).content.decode()
    assert "该计划已结束，不再报送进度" in page and "读到的完成数" not in page
    assert not Report.objects.exists()


def test_a_refused_confirmation_shows_the_reading_again_with_the_clerks_choices(
    client: Any, office: Any, wujin_plan: Any, parking_task: Any
) -> None:
    client.force_login(office)
    text = UNIT_REPORT + "\n\n三、停车泊位\n\n截至3月31日，累计新增公共停车泊位310个。"
    page = _upload(client, wujin_plan, "报告.txt", text.encode()).content.decode()
    keys = [_accept_key(page, "303"), _accept_key(page, "310")]
    response = client.post(
        reverse("progress:bulletin_confirm", args=[wujin_plan.pk]),
        {"key": _key(page), "period_end": "2026-03-31", "accept": keys},
    )
    again = response.content.decode()
    assert response.status_code == 422 and not Report.objects.exists()
    assert "未录入：“新增公共停车泊位”勾选了两个完成数" in again or "勾选了两个完成数" in again
    rows = [row for row in again.split("<tr") if 'name="accept"' in row]
    flagged = [row for row in rows if 'class="row-error"' in row]
    assert len(flagged) == 2 and all("checked" in row and "勾选了两个完成数" in row for row in flagged)
    assert all("checked" not in row for row in rows if row not in flagged)
    assert 'value="2026-03-31" selected' in again and _key(again) == _key(page)
    # one tick taken off, the same staged reading files
    done = client.post(
        reverse("progress:bulletin_confirm", args=[wujin_plan.pk]),
        {"key": _key(again), "period_end": "2026-03-31", "accept": keys[1:]},
    )
    assert done.status_code == 302 and Figure.objects.get().actual == 310


def test_a_bulletin_entry_quotes_each_sentence_once_and_is_shown_as_the_offices(
    client: Any, office: Any, wujin_plan: Any, parking_task: Any
) -> None:
    """One sentence giving two figures of a task is quoted once in the report's narrative."""
    from minsheng.indicators.models import Indicator
    from minsheng.progress.bulletin_reading import BulletinReading, Proposal, accept

    first = parking_task.indicators.get()
    second = Indicator.objects.create(
        task=parking_task, order=1, name="充电桩", value=100, unit="个", text="充电桩100个"
    )
    sentence = "今年以来新增公共停车泊位303个、充电桩40个，正在施工。"
    proposals = [
        Proposal(f"k{i.pk}", parking_task.pk, i.pk, i.name, i.value, "个", Decimal(v), sentence, "", 1.0)
        for i, v in ((first, "303"), (second, "40"))
    ]
    reading = BulletinReading("bulletin.txt", None, proposals, tasks={parking_task.pk: parking_task})
    entered = accept(reading, {f"k{first.pk}", f"k{second.pk}"}, datetime.date(2026, 3, 31), office)
    (report,) = entered.reports
    assert report.narrative == f"据《bulletin.txt》：{sentence}"
    client.force_login(office)
    shown = client.get(reverse("progress:task", args=[parking_task.pk])).content.decode()
    assert "督查室据通报录入" in shown


def test_the_same_figures_confirmed_again_are_not_filed_twice(
    client: Any, office: Any, wujin_plan: Any, parking_task: Any
) -> None:
    client.force_login(office)
    url = reverse("progress:bulletin_confirm", args=[wujin_plan.pk])
    for n in (1, 2):
        page = _upload(client, wujin_plan, f"报告{n}.txt", UNIT_REPORT.encode()).content.decode()
        form = {"key": _key(page), "period_end": "2026-03-31", "accept": [_accept_key(page, "303")]}
        response = client.post(url, form, follow=True)
    assert Report.objects.filter(task=parking_task).count() == 1
    assert "1 项与已录入的相同，未重复录入" in response.content.decode()
    changed = UNIT_REPORT.replace("303", "320")  # a new figure is a new version
    page = _upload(client, wujin_plan, "报告3.txt", changed.encode()).content.decode()
    client.post(url, {"key": _key(page), "period_end": "2026-03-31", "accept": [_accept_key(page, "320")]})
    assert Report.objects.filter(task=parking_task).count() == 2


# a | table whose plan column's cell says what the month should reach in several clauses, a done-verb in each
PLAN_COLUMN_TABLE = (
    "民生实事项目推进情况表\n"
    "序号 | 项目内容 | 工作计划 | 责任单位 | 工作进展 |\n"
    "1 | 新增公共停车泊位1500个 | 10月:划定选址6处,累计建成泊位1260个(84%)。 | 城管局 | 已建成泊位1187个 |\n"
)


def test_the_upload_offers_no_figure_of_a_plan_column_as_done(wujin_plan: Any, tmp_path: Any) -> None:
    path = tmp_path / "推进表.txt"
    path.write_text(PLAN_COLUMN_TABLE, encoding="utf-8")
    reading = read_bulletin(path, path.name, wujin_plan)
    assert [(p.value, p.indicator_name) for p in reading.proposals] == [(Decimal(1187), "公共停车泊位")]
    assert [u.value for u in reading.unplaced if u.unit != "%"] == []  # 1260 and 6 are the month's plan
