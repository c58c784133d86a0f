"""The Excel round trip for units that work in Excel.

The office (or the unit) downloads a per-unit template: one row per target of each
task the unit leads, with protected columns and only 本期累计完成, 进展状态 and
进展情况 open for input. The unit fills it in and uploads it; every row is
validated (problems named by row and cell), previewed, then filed in one
transaction through the same service as the web form.
"""

from __future__ import annotations

import datetime
import io
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils import timezone
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.datavalidation import DataValidation

from ..accounts.kinds import Actor
from ..gongwen.sheets import print_ready, xlsx_bytes
from ..plans.models import Plan, Task, TaskUnit, Unit
from . import filing_rules, schedule, services
from .models import Report

SHEET = "进度报送"
HEADERS = [
    "任务编号",
    "项目名称",
    "任务内容",
    "完成时间",
    "指标编号",
    "指标",
    "目标值",
    "计量单位",
    "上期累计",
    "本期累计完成",
    "进展状态",
    "进展情况",
]
HEADER_ROW = 4
COL_TASK, COL_TARGET, COL_ACTUAL, COL_STATUS, COL_NARRATIVE = 1, 5, 10, 11, 12
STATUS_BY_LABEL = {label: value for value, label in Report.Status.choices}
INPUT_FILL = PatternFill("solid", fgColor="FFF8DC")


class WorkbookError(Exception):
    """The file is not a template of this plan and unit; nothing can be read from it."""


def unit_tasks(plan: Plan, unit: Unit) -> list[Task]:
    return list(
        Task.objects.filter(project__plan=plan, task_units__unit=unit, task_units__role=TaskUnit.Role.LEAD)
        .select_related("project__plan")
        .prefetch_related("indicators", "task_units", "task_leaders")
        .order_by("project__order", "order")
    )


def _last_figures(tasks: list[Task]) -> dict[int, Decimal]:
    """上期累计: the last approved figures. A figure still awaiting review (or returned) is no
    settled base for the unit to add to (#27 finding 13)."""
    from .models import Figure
    from .rules import counting_report_id

    if not tasks:
        return {}
    ids = [t.pk for t in tasks]
    today = timezone.localdate()
    plan = tasks[0].project.plan
    reports = (
        Task.objects.filter(pk__in=ids)
        .annotate(r=counting_report_id(today, plan.cycle, approved_only=True))
        .values_list("r", flat=True)
    )
    figures = Figure.objects.filter(report_id__in=[r for r in reports if r]).values_list("indicator_id", "actual")
    return dict(figures)


def build_template(plan: Plan, unit: Unit, period_end: datetime.date) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = SHEET
    _write_head(sheet, plan, unit, period_end)
    row = _write_tasks(sheet, unit_tasks(plan, unit))
    status = DataValidation(type="list", formula1='"' + ",".join(STATUS_BY_LABEL) + '"', allow_blank=True)
    status.add(f"K{HEADER_ROW + 1}:K{max(row, HEADER_ROW + 1)}")
    sheet.add_data_validation(status)
    print_ready(sheet, HEADER_ROW, widths=[9, 20, 50, 12, 9, 20, 10, 8, 10, 12, 10, 40])
    sheet.protection.sheet = True
    return xlsx_bytes(book)


def _write_head(sheet: Any, plan: Plan, unit: Unit, period_end: datetime.date) -> None:
    sheet["A1"] = f"{plan.title} 进度报送表"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"], sheet["B2"], sheet["C2"] = (
        "报送单位",
        unit.name,
        f"报送期：{schedule.period_label(period_end, plan.cycle)}",
    )
    # What the upload is checked against; kept in the sheet so a copied file still says where it belongs.
    sheet["A3"], sheet["B3"], sheet["C3"], sheet["D3"] = "plan", plan.pk, unit.pk, period_end.isoformat()
    sheet.row_dimensions[3].hidden = True
    for col, header in enumerate(HEADERS, start=1):
        cell = sheet.cell(HEADER_ROW, col, header)
        cell.font = Font(bold=True)


def _write_tasks(sheet: Any, tasks: list[Task]) -> int:
    """A row per target (a task without one gets one row); the unit fills only the marked
    cells. Returns the row after the last."""
    last = _last_figures(tasks)
    row = HEADER_ROW + 1
    for task in tasks:
        targets: list[Any] = list(task.indicators.all()) or [None]
        for index, target in enumerate(targets):
            values: list[Any] = [task.pk, task.project.name, task.content, task.deadline]
            values += [target.pk, target.name, target.value, target.unit, last.get(target.pk)] if target else [None] * 5
            for col, value in enumerate(values, start=1):
                sheet.cell(row, col, value)
            inputs = [COL_ACTUAL] if target else []
            inputs += [COL_STATUS, COL_NARRATIVE] if index == 0 else []
            for col in inputs:
                cell = sheet.cell(row, col)
                cell.protection = Protection(locked=False)
                cell.fill = INPUT_FILL
            row += 1
    return row


@dataclass
class TaskUpdate:
    task: Task
    row: int
    status: str = ""
    narrative: str = ""
    figures: dict[int, Decimal] = field(default_factory=dict)
    touched: bool = False

    @property
    def status_label(self) -> str:
        return Report.Status(self.status).label if self.status else ""


@dataclass
class WorkbookUpload:
    plan: Plan
    unit: Unit
    period_end: datetime.date
    updates: list[TaskUpdate]
    errors: list[str]


def _where(row: int, col: int) -> str:
    return f"第{row}行 {'ABCDEFGHIJKL'[col - 1]}列（{HEADERS[col - 1]}）"


def _header(sheet: Any) -> tuple[int, int, datetime.date]:
    try:
        plan_id, unit_id = int(sheet["B3"].value), int(sheet["C3"].value)
        period_end = datetime.date.fromisoformat(str(sheet["D3"].value))
    except (TypeError, ValueError) as exc:
        raise WorkbookError("文件不是本平台下载的报送模板（第3行的模板信息缺失）") from exc
    found = [sheet.cell(HEADER_ROW, col).value for col in range(1, len(HEADERS) + 1)]
    if found != HEADERS:
        raise WorkbookError(f"第{HEADER_ROW}行表头被改动，应为：{'、'.join(HEADERS)}")
    return plan_id, unit_id, period_end


def _number(value: Any, where: str, errors: list[str]) -> Decimal | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        errors.append(f"{where}：“{value}”不是数字")
        return None
    if not number.is_finite():
        errors.append(f"{where}：“{value}”不是数字")
        return None
    return number


def read_upload(data: bytes, name: str, plan: Plan, unit_ids: frozenset[int]) -> WorkbookUpload:
    """Every row checked; `errors` lists each problem with its row and cell."""
    try:
        book = load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise WorkbookError(f"{name}：不是有效的 Excel (.xlsx) 文件") from exc
    if SHEET not in book.sheetnames:
        raise WorkbookError(f"{name}：找不到工作表“{SHEET}”，请使用本平台下载的报送模板")
    sheet = book[SHEET]
    plan_id, unit_id, period_end = _header(sheet)
    if plan_id != plan.pk:
        raise WorkbookError(f"{name}：这是另一个计划的报送模板")
    if unit_id not in unit_ids:
        raise WorkbookError(f"{name}：这是其他单位的报送模板，您不能代为报送")
    unit = Unit.objects.get(pk=unit_id)
    tasks = {t.pk: t for t in unit_tasks(plan, unit)}
    updates: dict[int, TaskUpdate] = {}
    errors: list[str] = []
    for row in range(HEADER_ROW + 1, sheet.max_row + 1):
        _read_row(sheet, row, tasks, updates, errors)
    for update in updates.values():
        if update.touched and not update.status:
            errors.append(f"{_where(update.row, COL_STATUS)}：请选择进展状态")
        problem = filing_rules.narrative_problem(update.narrative) if update.touched else ""
        if problem:
            errors.append(f"{_where(update.row, COL_NARRATIVE)}：{problem}")
    return WorkbookUpload(plan, unit, period_end, [u for u in updates.values() if u.touched], errors)


def _read_row(sheet: Any, row: int, tasks: dict[int, Task], updates: dict[int, TaskUpdate], errors: list[str]) -> None:
    task_id = sheet.cell(row, COL_TASK).value
    if task_id is None:
        return
    task = tasks.get(task_id) if isinstance(task_id, int) else None
    if task is None:
        errors.append(f"{_where(row, COL_TASK)}：“{task_id}”不是贵单位牵头的任务")
        return
    update = updates.setdefault(task.pk, TaskUpdate(task=task, row=row))
    target_id = sheet.cell(row, COL_TARGET).value
    actual = _number(sheet.cell(row, COL_ACTUAL).value, _where(row, COL_ACTUAL), errors)
    if actual is not None:
        target = next((i for i in task.indicators.all() if i.pk == target_id), None)
        problem = "" if target is None else filing_rules.figure_problem(filing_rules.Target.of(target), actual)
        if target is None:
            errors.append(f"{_where(row, COL_TARGET)}：指标编号“{target_id}”不属于任务 {task.pk}")
        elif problem:
            errors.append(f"{_where(row, COL_ACTUAL)}：{problem}")
        else:
            update.figures[target_id] = actual
            update.touched = True
    status = sheet.cell(row, COL_STATUS).value
    narrative = sheet.cell(row, COL_NARRATIVE).value
    if status:
        if str(status).strip() not in STATUS_BY_LABEL:
            errors.append(f"{_where(row, COL_STATUS)}：“{status}”应为{'、'.join(STATUS_BY_LABEL)}之一")
        else:
            update.status = STATUS_BY_LABEL[str(status).strip()]
            update.touched = True
    if narrative and str(narrative).strip():
        update.narrative = str(narrative).strip()
        update.touched = True


def previewed_versions(upload: WorkbookUpload) -> dict[str, int]:
    """The version of each task's report the unit saw when it previewed the upload."""
    return {str(u.task.pk): services.latest_version(u.task, upload.period_end) for u in upload.updates}


def upload_to_kept(upload: WorkbookUpload) -> dict[str, Any]:
    """The preview's reading as JSON, kept beside the upload, with the versions it saw."""
    return {
        "plan": upload.plan.pk,
        "unit": upload.unit.pk,
        "period_end": upload.period_end.isoformat(),
        "errors": upload.errors,
        "versions": previewed_versions(upload),
        "updates": [
            {
                "task": u.task.pk,
                "row": u.row,
                "status": u.status,
                "narrative": u.narrative,
                "figures": {str(pk): str(value) for pk, value in u.figures.items()},
            }
            for u in upload.updates
        ],
    }


def upload_from_kept(
    data: dict[str, Any], plan: Plan, unit_ids: frozenset[int]
) -> tuple[WorkbookUpload, dict[str, int]]:
    """The reading the preview showed, checked again against who confirms it (no second parse)."""
    if data["plan"] != plan.pk:
        raise WorkbookError("这是另一个计划的报送表")
    if data["unit"] not in unit_ids:
        raise WorkbookError("这是其他单位的报送表，您不能代为报送")
    unit = Unit.objects.get(pk=data["unit"])
    tasks = {t.pk: t for t in unit_tasks(plan, unit)}
    updates = []
    for item in data["updates"]:
        if item["task"] not in tasks:
            raise WorkbookError(f"任务 {item['task']} 已不由贵单位牵头，请重新下载模板")
        figures = {int(pk): Decimal(value) for pk, value in item["figures"].items()}
        updates.append(
            TaskUpdate(tasks[item["task"]], item["row"], item["status"], item["narrative"], figures, touched=True)
        )
    period_end = datetime.date.fromisoformat(data["period_end"])
    return WorkbookUpload(plan, unit, period_end, updates, list(data["errors"])), dict(data["versions"])


def apply_upload(upload: WorkbookUpload, user: Actor, previewed: dict[str, int] | None = None) -> list[Report]:
    """File every update as a new report version, all or nothing. With `previewed`, a task
    someone filed on the web since the preview is a conflict, not silently replaced."""
    if upload.errors:
        raise services.ProgressError("文件中还有错误，未做任何修改")
    with transaction.atomic():
        return [
            services.file_report(
                user=user,
                task=u.task,
                filing=services.Filing(
                    period_end=upload.period_end,
                    status=u.status,
                    narrative=u.narrative,
                    figures=u.figures,
                    base_version=(previewed or {}).get(
                        str(u.task.pk), services.latest_version(u.task, upload.period_end)
                    ),
                ),
            )
            for u in upload.updates
        ]
