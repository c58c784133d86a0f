"""The 催办单 as a Word document, in the shape of a 政府办 notice (仿宋 body, 黑体 title)."""

from __future__ import annotations

import datetime
import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from . import schedule

BODY_FONT = "仿宋_GB2312"
TITLE_FONT = "黑体"


def _font(run: Any, name: str, size: float) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    # East Asian text takes its font from w:eastAsia, not from w:ascii.
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _paragraph(doc: Any, text: str, *, font: str = BODY_FONT, size: float = 16, center: bool = False) -> None:
    paragraph = doc.add_paragraph()
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(paragraph.add_run(text), font, size)


def escalation_docx(
    plan: Any, unit: Any, period_end: datetime.date, tasks: Sequence[Any], streak: int, number: int
) -> bytes:
    doc = Document()
    _paragraph(doc, "催 办 单", font=TITLE_FONT, size=22, center=True)
    _paragraph(doc, f"督办〔{period_end.year}〕{number}号", size=14, center=True)
    _paragraph(doc, f"{unit.name}：")
    label = schedule.period_label(period_end, plan.cycle)
    due = schedule.report_due(period_end, plan.report_day)
    _paragraph(
        doc,
        f"　　根据《{plan.title}》督查安排，贵单位牵头的下列任务已连续{streak}期未按时报送进度（截至{label}）。"
        f"请高度重视，于{due:%Y年%m月%d日}前登录民生实事督办平台补报，并说明未按时报送的原因。",
    )
    table = doc.add_table(rows=1, cols=4)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["序号", "项目名称", "任务内容", "完成时间"], strict=True):
        _font(cell.paragraphs[0].add_run(text), TITLE_FONT, 12)
    for n, task in enumerate(tasks, start=1):
        cells = table.add_row().cells
        values = [
            str(n),
            task.project.name,
            task.content,
            task.deadline or (f"{task.due:%Y年%m月%d日}" if task.due else ""),
        ]
        for cell, text in zip(cells, values, strict=True):
            _font(cell.paragraphs[0].add_run(text), BODY_FONT, 12)
    _paragraph(doc, "")
    _paragraph(doc, "民生实事项目督查室", center=False)
    _paragraph(doc, f"{timezone.localdate():%Y年%m月%d日}")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
