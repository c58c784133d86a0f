"""The targets of a plan as an .xlsx list (the 量化指标 page's download)."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Font

from ..gongwen.sheets import print_ready, xlsx_bytes
from ..plans.models import Plan
from .models import Indicator

HEADERS = [
    "实事名称",
    "项目名称",
    "任务内容",
    "指标原文",
    "指标名称",
    "目标值",
    "上限",
    "计量单位",
    "关系",
    "牵头单位",
    "来源",
]


def targets_xlsx(plan: Plan, targets: list[Indicator]) -> bytes:
    """The plan's targets as the office's list (one row per target, with its task and lead units)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "量化指标"
    sheet.append([plan.title + " 量化指标"])
    sheet.append(HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for t in targets:
        project = t.task.project
        sheet.append(
            [
                project.category.name if project.category else "",
                project.name,
                t.task.content,
                t.text,
                t.name,
                t.value,
                t.high,
                t.unit,
                t.get_op_display(),
                "、".join(tu.unit.name for tu in t.task.task_units.all()),
                t.get_origin_display(),
            ]
        )
    print_ready(sheet, 2, widths=[12, 18, 50, 30, 24, 12, 10, 10, 8, 16, 10])
    return xlsx_bytes(workbook)
