"""The 催办单 as a 公文 (GB/T 9704, gongwen/document.py): 版头 with the office's letterhead,
the tasks in an annexed table, 版记."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import timezone

from ..gongwen.document import Gongwen
from ..gongwen.letterhead import Letterhead
from ..gongwen.table import Column, annex_table
from ..plans.models import Plan, Task, Unit
from . import schedule


def _date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def escalation_docx(
    plan: Plan,
    unit: Unit,
    period_end: datetime.date,
    tasks: Sequence[Task],
    streak: int,
    issued: datetime.date | None = None,
) -> bytes:
    """The 催办单, numbered from the letterhead's own sequence (武政办〔2026〕13号), as every
    other document the office issues: never a database id. Dated the day it is issued (today,
    or the day a simulated year sent it)."""
    settings = Letterhead.for_plan(plan)
    head = settings.layout(settings.take_number(plan.year or period_end.year))
    today = _date(issued or timezone.localdate())
    doc = Gongwen(head)
    doc.title("民生实事项目催办单")
    doc.recipients(unit.name)
    label = schedule.period_label(period_end, plan.cycle)
    due = schedule.report_due(period_end, plan.report_day)
    # A 催办单 is sent only after the period's report day (progress/schedule.PlanCalendar.chase_period):
    # it names the day that passed, and asks for the report now.
    doc.body(
        f"根据《{plan.title}》督查安排，贵单位牵头的{len(tasks)}项任务已连续{streak}期未按时报送进度"
        f"（截至{label}，应于{_date(due)}前报送），任务清单见附件。"
    )
    # The request is its own short paragraph: it goes with the 附件说明 and the signature to a next
    # page when they do not fit, never leaving them alone there (gongwen Gongwen.signature).
    doc.body("请高度重视，收到本催办单后立即登录民生实事督办平台补报，并说明未按时报送的原因。")
    doc.attachments_note(["未按时报送进度的任务清单"])
    doc.signature(head.issuer, today)
    rows = [
        [str(n), task.project.name, task.content, task.deadline or (_date(task.due) if task.due else "")]
        for n, task in enumerate(tasks, start=1)
    ]
    columns = [Column("序号"), Column("项目名称"), Column("任务内容", "left"), Column("完成时间")]
    annex_table(doc, "附件", "未按时报送进度的任务清单", columns, rows or [["", "无", "", ""]])
    doc.record(head.copy_to, head.printer, today)
    return doc.save()
