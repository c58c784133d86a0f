"""Reminders for missing reports and the 催办单 for repeated lateness, with a frozen clock."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from docx import Document

from minsheng.cli import main
from minsheng.plans.models import TaskUnit
from minsheng.progress import services
from minsheng.progress.models import Notice
from minsheng.progress.remind import missing_by_unit, remind

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def _at(year: int, month: int, day: int) -> Any:
    return time_machine.travel(datetime.datetime(year, month, day, 9, 0, tzinfo=TZ), tick=False)


def test_units_without_a_report_are_reminded_once_per_period(wujin_plan: Any, member: Any, parking_task: Any) -> None:
    lead = member("城管局", email="cgj@example.gov.cn")
    member("教育局")
    with _at(2026, 4, 6):  # March was due on 5 April: it is chased from the 6th
        missing = missing_by_unit(wujin_plan, datetime.date(2026, 3, 31))
        formal_leads = TaskUnit.objects.filter(
            task__project__plan=wujin_plan, task__project__status="formal", role="lead"
        ).values("unit")
        assert {u.pk for u in missing} == set(formal_leads.values_list("unit", flat=True))
        target = parking_task.indicators.get()
        filing = services.Filing(datetime.date(2026, 3, 31), "in_progress", "", {target.pk: Decimal(303)})
        services.file_report(user=lead, task=parking_task, filing=filing)
        result = remind(wujin_plan, datetime.date(2026, 4, 6))
        assert result.period_end == datetime.date(2026, 3, 31)
        reminded = {n.unit.name: n for n in result.reminded}
        assert "城管局" not in reminded or parking_task not in reminded["城管局"].tasks.all()
        owing = {u.name for u, tasks in missing.items() if tasks != [parking_task]}
        # Only units with a reporter account are reminded; the others are named, not counted.
        assert set(reminded) == owing & {"城管局", "教育局"} and "教育局" in reminded
        assert {u.name for u in result.no_account} == owing - {"城管局", "教育局"}
        again = remind(wujin_plan, datetime.date(2026, 4, 6))
        assert again.reminded == [] and again.already == len(reminded)
        assert Notice.objects.filter(kind="reminder").count() == len(reminded)


def test_mail_and_notice_reach_the_unit_and_lateness_escalates(
    client: Any, wujin_plan: Any, member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    wujin_plan.escalate_after = 3
    wujin_plan.save()
    user = member("城管局", email="cgj@example.gov.cn")
    # mail goes out on commit; the test runs inside one transaction
    with _at(2026, 3, 6), django_capture_on_commit_callbacks(execute=True):
        first = remind(wujin_plan, datetime.date(2026, 3, 6))  # January and February missed: two in a row
    assert first.escalated == []
    to_cgj = [m for m in mail.outbox if m.to == ["cgj@example.gov.cn"]]
    assert len(to_cgj) == 1 and "2026年2月" in to_cgj[0].body and "新增公共停车泊位1500个" in to_cgj[0].body
    with _at(2026, 4, 6):
        with django_capture_on_commit_callbacks(execute=True):
            second = remind(wujin_plan, datetime.date(2026, 4, 6))  # March missed too: three in a row
        notice = next(n for n in second.escalated if n.unit.name == "城管局")
        assert any(m.attachments for m in mail.outbox if m.to == ["cgj@example.gov.cn"])
        client.force_login(user)
        page = client.get(reverse("progress:mine")).content.decode()
        assert "催办单" in page and "连续3期" in page
        response = client.get(reverse("progress:notice_document", args=[notice.pk]))
        doc = Document(io.BytesIO(b"".join(response.streaming_content)))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "民生实事项目催办单" in text and "城管局：" in text and "连续3期" in text
    rows = [[c.text for c in row.cells] for row in doc.tables[0].rows]
    assert rows[0] == ["序号", "项目名称", "任务内容", "完成时间"]
    assert ["1", "推进停车便利化", "新增公共停车泊位1500个。", "2026年"] in rows


def test_cli_remind(wujin_plan: Any, capsys: Any) -> None:
    with _at(2026, 4, 6):
        assert main(["remind", str(wujin_plan.pk), "--as-of", "2026-04-06"]) == 0
    out = capsys.readouterr().out
    assert "2026年3月" in out and "城管局" in out and "共催报 0 个单位" in out
    assert "尚无填报账号、未能催报的单位" in out
    assert main(["remind", "99999"]) == 1
    assert "没有编号为 99999 的计划" in capsys.readouterr().err


def test_cli_remind_all_reminds_every_published_plan_and_no_draft(wujin_plan: Any, capsys: Any) -> None:
    from minsheng.plans.models import Plan

    draft = Plan.objects.create(title="某区2026年民生实事（草稿）", year=2026)
    with _at(2026, 4, 3):
        assert main(["remind", "--all", "--as-of", "2026-04-03"]) == 0
    out = capsys.readouterr().out
    assert wujin_plan.title in out and draft.title not in out
    assert main(["remind"]) == 1
    assert "--all" in capsys.readouterr().err


def test_a_done_report_filed_late_for_an_earlier_period_ends_the_asking(
    wujin_plan: Any, member: Any, parking_task: Any
) -> None:
    """Found by the year simulator (seeds 61, 62, 72): February filed in progress, then January
    filed late saying done. The task is done from January: March is not chased, and the 催办单's
    count agrees (one rule, progress/rules: owed_tasks and filings_of)."""
    from minsheng.progress.remind import missed_streaks

    lead = member("城管局")
    target = parking_task.indicators.get()
    with _at(2026, 3, 2):
        february = services.Filing(datetime.date(2026, 2, 28), "in_progress", "", {target.pk: Decimal(900)})
        services.file_report(user=lead, task=parking_task, filing=february)
        # above February's 900: a correction the unit confirms (progress/cumulative.py)
        figures = {target.pk: Decimal(1500)}
        january = services.Filing(datetime.date(2026, 1, 31), "done", "", figures, confirm_lower=True)
        services.file_report(user=lead, task=parking_task, filing=january)
    with _at(2026, 4, 6):
        missing = missing_by_unit(wujin_plan, datetime.date(2026, 3, 31))
        assert all(parking_task not in tasks for tasks in missing.values())
        unit = parking_task.task_units.get(role="lead").unit_id
        assert missed_streaks(wujin_plan, [unit], datetime.date(2026, 4, 6)) == {unit: 0}
