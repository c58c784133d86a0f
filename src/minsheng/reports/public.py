"""What the public reads: published plans, each project with its targets and progress,
the latest public progress text and its history, and the same data as .xlsx.

Public means approved: a unit's report appears here only once the office has approved
it. Submitted or returned versions, review comments, notes and evidence never do.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from ..gongwen.sheets import print_ready, xlsx_bytes
from ..plans.models import Plan, Project
from ..progress.board import Board, TaskRow, build_board
from ..progress.models import Figure, Report
from ..progress.rules import counting_reports
from ..progress.templatetags.progress_tags import pct


def public_plans() -> Any:
    """Plans the public reads: published or closed, never drafts (whoever asks)."""
    return Plan.objects.public().select_related("jurisdiction")


@dataclass
class PublicTask:
    row: TaskRow
    narrative: str = ""


@dataclass
class PublicProject:
    id: int
    name: str
    tasks: list[PublicTask] = field(default_factory=list)


@dataclass
class PublicCategory:
    name: str
    projects: list[PublicProject] = field(default_factory=list)


@dataclass
class PublicPlan:
    plan: Plan
    board: Board
    categories: list[PublicCategory]


def public_plan(plan: Plan, as_of: datetime.date) -> PublicPlan:
    """The plan's formal projects with the progress of their latest approved reports."""
    board = build_board(plan, as_of, approved_only=True)
    narratives = dict(counting_reports(plan, as_of, approved_only=True).values_list("task_id", "narrative"))
    categories: dict[str, PublicCategory] = {}
    projects: dict[int, PublicProject] = {}
    for row in board.rows:
        category = categories.setdefault(row.category, PublicCategory(row.category))
        if row.project_id not in projects:
            projects[row.project_id] = PublicProject(row.project_id, row.project)
            category.projects.append(projects[row.project_id])
        projects[row.project_id].tasks.append(PublicTask(row, narratives.get(row.id, "")))
    return PublicPlan(plan, board, list(categories.values()))


@dataclass
class HistoryEntry:
    report: Report
    figures: list[Figure]


def project_history(project: Project) -> list[tuple[Any, list[HistoryEntry]]]:
    """Every approved report of the project's tasks, newest first, task by task."""
    tasks = list(project.tasks.order_by("order"))
    reports = (
        Report.objects.filter(task__project=project, review=Report.Review.APPROVED)
        .order_by("task_id", "-period_end", "-version")
        .prefetch_related("figures__indicator")
    )
    by_task: dict[int, list[HistoryEntry]] = {t.pk: [] for t in tasks}
    for report in reports:
        by_task[report.task_id].append(HistoryEntry(report, list(report.figures.all())))
    return [(task, by_task[task.pk]) for task in tasks]


HEADERS = ["类别", "项目", "任务内容", "牵头单位", "指标", "目标值", "单位", "累计完成", "完成率", "报送期", "进展情况"]


def public_xlsx(data: PublicPlan) -> bytes:
    """The published data, one row per target (or per task without one)."""
    book = Workbook()
    sheet = book.active
    sheet.title = "进展"
    sheet.append([f"{data.plan.title}进展（截至{data.board.as_of:%Y年%m月%d日}，经审核公开）"])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for category in data.categories:
        for project in category.projects:
            for item in project.tasks:
                for values in _task_lines(category.name, project.name, item):
                    sheet.append(values)
    print_ready(sheet, 2, widths=[12, 24, 48, 18, 20, 10, 6, 10, 8, 12, 48])
    return xlsx_bytes(book)


def _task_lines(category: str, project: str, item: PublicTask) -> list[list[Any]]:
    row = item.row
    units = "、".join(name for _, name in row.units)
    period = f"{row.period_end:%Y-%m}" if row.period_end else "未报送"
    head = [category, project, row.content, units]
    if not row.targets:
        return [[*head, "", None, "", None, pct(row.completion), period, item.narrative]]
    return [
        [
            *head,
            target.phrase,
            target.value,
            target.unit,
            target.actual,
            pct(target.share),
            period,
            item.narrative,
        ]
        for target in row.targets
    ]
