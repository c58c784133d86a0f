"""The 督办单 (supervision notice) the office sends a unit: the unit's lagging tasks
(behind 序时进度, far behind or overdue) and what is due (tasks near their deadline,
this period's report), as a 公文 (GB/T 9704) with the lists as annexed tables."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils import timezone

from ..gongwen.document import Gongwen, Masthead
from ..gongwen.letterhead import Letterhead
from ..gongwen.table import Column, annex_table
from ..plans.models import Plan, Task, TaskUnit, Unit
from ..progress import schedule
from ..progress.board import Board, TaskRow, build_board
from ..progress.forecast import Forecast
from ..progress.forecast_board import at_risk, board_risks
from ..progress.metrics import Light
from ..progress.templatetags.progress_tags import pct
from .bulletin import cn_date
from .models import SupervisionNumber

COLUMNS = ["序号", "项目名称", "任务内容"]


@dataclass
class SupervisionNotice:
    plan: Plan
    unit: Unit
    board: Board
    lagging: list[TaskRow]
    due_soon: list[TaskRow]
    unreported: list[TaskRow]
    # Forecast 预计完不成 or 有风险 by the deadline, with the forecast (its reason is the line).
    at_risk: list[tuple[TaskRow, Forecast]]

    @property
    def title(self) -> str:
        return f"{self.unit.name}督办单（截至{cn_date(self.board.as_of)}）"


def build_notice(plan: Plan, unit: Unit, as_of: datetime.date) -> SupervisionNotice:
    """The unit's own tasks (those it leads) on the board as of `as_of`."""
    tasks = Task.objects.filter(task_units__unit=unit, task_units__role=TaskUnit.Role.LEAD)
    board = build_board(plan, as_of, tasks=tasks)
    due_soon = board.with_light(Light.BLUE)
    risks = at_risk(board.rows, board_risks(board))
    return SupervisionNotice(plan, unit, board, board.overdue + board.behind, due_soon, board.missing, risks)


def notice_number(notice: SupervisionNotice, letterhead: Letterhead) -> str:
    """The 督办单's 发文字号: taken from the letterhead's sequence the first time the unit's notice
    for this report period goes out, the same number every time after."""
    plan, unit, period = notice.plan, notice.unit, notice.board.period_end
    kept = SupervisionNumber.objects.filter(plan=plan, unit=unit, period_end=period).first()
    if kept is not None:
        return kept.number
    number = letterhead.take_number(plan.year or period.year)
    try:
        with transaction.atomic():
            SupervisionNumber.objects.create(plan=plan, unit=unit, period_end=period, number=number)
    except IntegrityError:  # a second download at the same moment stored its number first
        return SupervisionNumber.objects.get(plan=plan, unit=unit, period_end=period).number
    return number


def _lag_reason(row: TaskRow, as_of: datetime.date) -> str:
    if row.due and row.due < as_of:
        return f"已逾期（截止{cn_date(row.due)}），{row.status_label}"
    if row.completion is None:
        return "未报送进度"
    return f"完成{pct(row.completion)}，序时进度{pct(row.expected)}"


def _risk_rows(notice: SupervisionNotice) -> list[list[str]]:
    """One row per task forecast to miss: the light and the forecast's own reason sentence."""
    return [
        [str(n), row.project, row.content, f"{result.risk.label}：{result.reason}"]
        for n, (row, result) in enumerate(notice.at_risk, start=1)
    ]


def _due_rows(notice: SupervisionNotice, period: str) -> list[list[str]]:
    soon = {r.id for r in notice.due_soon}
    rows = notice.due_soon + [r for r in notice.unreported if r.id not in soon]
    return [
        [str(n), r.project, r.content, f"{cn_date(r.due)}前完成" if r.id in soon and r.due else f"报送{period}进度"]
        for n, r in enumerate(rows, start=1)
    ]


def _lead(notice: SupervisionNotice, period: str) -> list[str]:
    """The state of the unit's tasks, then what it is asked to do: two paragraphs, so that the short
    request goes with the signature to a next page and the state stays under the addressee."""
    plan, board = notice.plan, notice.board
    opening = f"根据《{plan.title}》督查安排，截至{cn_date(board.as_of)}，贵单位牵头的{len(board.rows)}项任务"
    if not (notice.lagging or notice.due_soon or notice.unreported or notice.at_risk):
        return [f"{opening}均按序时推进，暂无滞后、临近完成时限、预计完不成或待报送的事项。", "请继续按时报送进度。"]
    risk = f"{len(notice.at_risk)}项按目前进度预计年底完不成或有风险，" if notice.at_risk else ""
    return [
        f"{opening}中，{len(notice.lagging)}项滞后于序时进度或逾期，{risk}{len(notice.due_soon)}项临近完成时限，"
        f"{len(notice.unreported)}项尚未报送{period}进度（清单见附件）。",
        f"请对照清单抓紧推进，并于{cn_date(board.report_due)}前登录民生实事督办平台报送进度。",
    ]


def notice_docx(notice: SupervisionNotice, head: Masthead) -> bytes:
    as_of, plan = notice.board.as_of, notice.plan
    period = schedule.period_label(notice.board.period_end, plan.cycle)
    today = cn_date(timezone.localdate())
    doc = Gongwen(head)
    doc.title("民生实事项目督办单")
    doc.recipients(notice.unit.name)
    for text in _lead(notice, period):
        doc.body(text)
    annexes = [
        (
            "滞后任务清单",
            "滞后情况",
            [[str(n), r.project, r.content, _lag_reason(r, as_of)] for n, r in enumerate(notice.lagging, start=1)],
        ),
        ("预计年底完不成或有风险的任务清单", "预计情况", _risk_rows(notice)),
        ("近期到期和待报送事项清单", "应办事项", _due_rows(notice, period)),
    ]
    # Only lists with rows are annexed: a unit with nothing late gets one page, not pages of 无.
    annexes = [annex for annex in annexes if annex[2]]
    doc.attachments_note([name for name, _, _ in annexes])
    doc.signature(head.issuer, today)
    for n, (name, last, rows) in enumerate(annexes, start=1):
        columns = [Column(h) for h in COLUMNS] + [Column(last)]
        columns[2] = Column("任务内容", "left")
        annex_table(doc, f"附件{n}" if len(annexes) > 1 else "附件", name, columns, rows)
    # The 版记 follows the last annex on its page: a page of its own would hold only the 印发 line.
    doc.record(head.copy_to, head.printer, today)
    return doc.save()
