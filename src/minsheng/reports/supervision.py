"""The 督办单 (supervision notice) the office sends a unit: the unit's lagging tasks
(behind 序时进度, far behind or overdue) and what is due (tasks near their deadline,
this period's report), as a 公文 .docx."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from django.utils import timezone

from ..plans.models import Plan, Task, TaskUnit, Unit
from ..progress import schedule
from ..progress.board import Board, TaskRow, build_board
from ..progress.metrics import Light
from ..progress.templatetags.progress_tags import pct
from . import gongwen
from .bulletin import cn_date


@dataclass
class SupervisionNotice:
    plan: Plan
    unit: Unit
    board: Board
    lagging: list[TaskRow]
    due_soon: list[TaskRow]
    unreported: list[TaskRow]

    @property
    def title(self) -> str:
        return f"{self.unit.name}督办单（截至{cn_date(self.board.as_of)}）"


def build_notice(plan: Plan, unit: Unit, as_of: datetime.date) -> SupervisionNotice:
    """The unit's own tasks (those it leads) on the board as of `as_of`."""
    tasks = Task.objects.filter(task_units__unit=unit, task_units__role=TaskUnit.Role.LEAD)
    board = build_board(plan, as_of, tasks=tasks)
    due_soon = board.with_light(Light.BLUE)
    return SupervisionNotice(plan, unit, board, board.overdue + board.behind, due_soon, board.missing)


def _lag_reason(row: TaskRow, as_of: datetime.date) -> str:
    if row.due and row.due < as_of:
        return f"已逾期（截止{cn_date(row.due)}），{row.status_label}"
    if row.completion is None:
        return "未报送进度"
    return f"完成{pct(row.completion)}，序时进度{pct(row.expected)}"


def _table(doc: object, headers: list[str], lines: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(headers))  # type: ignore[attr-defined]
    table.style = "Table Grid"
    gongwen.repeat_header(table.rows[0])
    for cell, text in zip(table.rows[0].cells, headers, strict=True):
        gongwen.cell_text(cell, text, font=gongwen.HEADING_FONT, size=12, center=True)
    for line in lines:
        for cell, text in zip(table.add_row().cells, line, strict=True):
            gongwen.cell_text(cell, text, size=12)


def notice_docx(notice: SupervisionNotice) -> bytes:
    as_of, plan = notice.board.as_of, notice.plan
    period = schedule.period_label(notice.board.period_end, plan.cycle)
    doc = gongwen.document()
    gongwen.paragraph(doc, "督 办 单", font=gongwen.HEADING_FONT, size=22, center=True)
    gongwen.paragraph(doc, f"{notice.unit.name}：")
    gongwen.paragraph(
        doc,
        f"　　根据《{plan.title}》督查安排，截至{cn_date(as_of)}，贵单位牵头的{len(notice.board.rows)}项任务中，"
        f"{len(notice.lagging)}项滞后于序时进度或逾期，{len(notice.due_soon)}项临近完成时限，"
        f"{len(notice.unreported)}项尚未报送{period}进度。请对照下列事项抓紧推进，"
        f"并于{cn_date(notice.board.report_due)}前登录民生实事督办平台报送进度。",
    )
    gongwen.paragraph(doc, "一、滞后任务", font=gongwen.HEADING_FONT)
    lines = [[str(n), r.project, r.content, _lag_reason(r, as_of)] for n, r in enumerate(notice.lagging, start=1)]
    _table(doc, ["序号", "项目名称", "任务内容", "滞后情况"], lines or [["", "无", "", ""]])
    gongwen.paragraph(doc, "二、近期到期和待报送事项", font=gongwen.HEADING_FONT)
    soon = {r.id for r in notice.due_soon}
    due_rows = notice.due_soon + [r for r in notice.unreported if r.id not in soon]
    lines = [
        [
            str(n),
            r.project,
            r.content,
            f"{cn_date(r.due)}前完成" if r.id in soon and r.due else f"报送{period}进度",
        ]
        for n, r in enumerate(due_rows, start=1)
    ]
    _table(doc, ["序号", "项目名称", "任务内容", "应办事项"], lines or [["", "无", "", ""]])
    gongwen.paragraph(doc, "")
    gongwen.paragraph(doc, "民生实事项目督查室")
    gongwen.paragraph(doc, cn_date(timezone.localdate()))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
