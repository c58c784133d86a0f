"""The task table (任务分解表) as a 政府办 issues it, as .docx and .xlsx.

附件1 holds the formal projects, 附件2 the 票决候选 projects. A project's rows share
merged 序号 and 项目名称 cells, a category's projects a merged 实事名称 cell, and the
header row repeats on every page. `minsheng parse` reads the files back to the same plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from ..documents.store.to_json import plan_to_json
from ..gongwen import document as gongwen
from ..gongwen.document import Gongwen
from ..gongwen.sheets import print_ready, xlsx_bytes
from ..gongwen.table import Column as TableColumn
from ..gongwen.table import annex_table
from ..plans.fields import BY_KEY, TABLE_ORDER
from ..plans.models import Plan
from ..plans.states import ProjectStatus


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width_cm: float


def _columns(projects: list[dict[str, Any]]) -> list[Column]:
    """The registry's columns in the task table's order (plans/fields.py); an optional one only
    when some project or task has a value for it."""
    tasks = [t for p in projects for t in p["tasks"]]
    columns = []
    for key in TABLE_ORDER:
        field = BY_KEY[key]
        holders = projects if field.level == "project" else tasks
        if field.optional and not any(h.get(key) for h in holders):
            continue
        columns.append(Column(key, field.column, field.width_cm))
    return columns


def _value(column: Column, project: dict[str, Any], task: dict[str, Any]) -> str:
    field = BY_KEY[column.key]
    value = project.get(column.key) if field.level == "project" else task.get(column.key)
    if isinstance(value, list):
        # Units one per line as the offices print them (a unit name may itself hold 、); leaders by 、.
        return field.separator.join(value)
    return "" if value is None else str(value)


def _attachments(plan: Plan) -> list[tuple[str, str, list[dict[str, Any]]]]:
    data = plan_to_json(plan)
    formal = [p for p in data["projects"] if p["status"] == ProjectStatus.FORMAL]
    candidates = [p for p in data["projects"] if p["status"] == ProjectStatus.CANDIDATE]
    result = [("附件1", plan.title, formal)]
    if candidates:
        prefix = f"{plan.year}年" if plan.year else ""
        place = plan.jurisdiction.name if plan.jurisdiction else ""
        result.append(("附件2", f"{prefix}{place}民生实事票决候选项目", candidates))
    return [r for r in result if r[2]]


def _spans(projects: list[dict[str, Any]]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Row ranges (first, last; body-relative) of each project and each run of one category."""
    project_spans, category_spans = [], []
    row = 0
    for project in projects:
        size = max(len(project["tasks"]), 1)
        project_spans.append((row, row + size - 1))
        row += size
    start = 0
    for i in range(1, len(projects) + 1):
        if i == len(projects) or projects[i]["category"] != projects[start]["category"]:
            category_spans.append((project_spans[start][0], project_spans[i - 1][1]))
            start = i
    return project_spans, category_spans


def _rows(projects: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    empty: dict[str, Any] = {"content": "", "deadline": ""}
    return [(p, t) for p in projects for t in (p["tasks"] or [empty])]


def task_table_docx(plan: Plan) -> bytes:
    """The annexes alone (GB/T 9704 clause 8), each a landscape table with widths from its content."""
    doc = Gongwen()
    for label, title, projects in _attachments(plan):
        _docx_table(doc, label, title, projects)
    return doc.save()


def _docx_table(doc: Gongwen, label: str, title: str, projects: list[dict[str, Any]]) -> None:
    columns = _columns(projects)
    rows = [[_value(column, project, task) for column in columns] for project, task in _rows(projects)]
    project_spans, category_spans = _spans(projects)
    merged = {"seq": project_spans, "name": project_spans, "category": category_spans}
    spans = {c: merged[column.key] for c, column in enumerate(columns) if column.key in merged}
    table_columns = [TableColumn(c.header, "left" if c.key == "content" else "center") for c in columns]
    annex_table(doc, label, title, table_columns, rows, spans)


def task_table_xlsx(plan: Plan) -> bytes:
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for label, title, projects in _attachments(plan):
        _xlsx_sheet(book.create_sheet(label), title, projects)
    return xlsx_bytes(book)


THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)


def _xlsx_sheet(sheet: Any, title: str, projects: list[dict[str, Any]]) -> None:
    columns = _columns(projects)
    last = get_column_letter(len(columns))
    sheet.append([title])
    sheet.merge_cells(f"A1:{last}1")
    sheet["A1"].font = Font(name=gongwen.TITLE_FONT, size=16)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append([c.header for c in columns])
    for cell in sheet[2]:
        cell.font = Font(name=gongwen.HEADING_FONT, size=11)
    rows = _rows(projects)
    for project, task in rows:
        sheet.append([_value(c, project, task) if c.key != "seq" else project["seq"] for c in columns])
    project_spans, category_spans = _spans(projects)
    merged = {"seq": project_spans, "name": project_spans, "category": category_spans}
    for c, column in enumerate(columns, start=1):
        for first, last_row in merged.get(column.key, []):
            if last_row > first:
                sheet.merge_cells(start_row=first + 3, start_column=c, end_row=last_row + 3, end_column=c)
    print_ready(sheet, 2, widths=[column.width_cm * 4.5 for column in columns])
