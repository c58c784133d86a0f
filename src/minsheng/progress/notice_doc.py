"""The 催办单 as a Word document, in the shape of a 政府办 notice (仿宋 body, 黑体 title)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone

from ..reports import gongwen
from ..reports.gongwen import paragraph
from . import schedule


def escalation_docx(
    plan: Any, unit: Any, period_end: datetime.date, tasks: Sequence[Any], streak: int, number: int
) -> bytes:
    doc = gongwen.document()
    paragraph(doc, "催 办 单", font=gongwen.HEADING_FONT, size=22, center=True)
    paragraph(doc, f"督办〔{period_end.year}〕{number}号", size=14, center=True)
    paragraph(doc, f"{unit.name}：")
    label = schedule.period_label(period_end, plan.cycle)
    due = schedule.report_due(period_end, plan.report_day)
    paragraph(
        doc,
        f"　　根据《{plan.title}》督查安排，贵单位牵头的下列任务已连续{streak}期未按时报送进度（截至{label}）。"
        f"请高度重视，于{due:%Y年%m月%d日}前登录民生实事督办平台补报，并说明未按时报送的原因。",
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["序号", "项目名称", "任务内容", "完成时间"], strict=True):
        gongwen.cell_text(cell, text, font=gongwen.HEADING_FONT, size=12)
    for n, task in enumerate(tasks, start=1):
        cells = table.add_row().cells
        values = [
            str(n),
            task.project.name,
            task.content,
            task.deadline or (f"{task.due:%Y年%m月%d日}" if task.due else ""),
        ]
        for cell, text in zip(cells, values, strict=True):
            gongwen.cell_text(cell, text, size=12)
    paragraph(doc, "")
    paragraph(doc, "民生实事项目督查室", center=False)
    paragraph(doc, f"{timezone.localdate():%Y年%m月%d日}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
