"""From a grid of cells to a plan, driven by the header row.

The header names each column's field (grid.py); table_body.py reads the body rows
with the rules of DESIGN.md; here the tables of a document become one plan: a
project repeated after a page break is the same project, a document without a
table is read as a list, and the title gives the year and the jurisdiction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ...plans.states import ProjectStatus
from ...text.normal import normal
from ..errors import DocumentError
from ..parsed import Document, ParsedPlan, ParsedProject, ReadWarning, Table
from ..store.keys import project_key
from ..store.mapping import FIELD_LABELS, ColumnMap, MappingSource, header_key
from .counts import said_count
from .enumeration import read_enumeration
from .furniture import without_furniture
from .grid import Layout, Slot, expand, find_layout, header_texts, mapped_layout, row_fields
from .heading_units import read_heading_leads, read_issuer_leads
from .listing import ListReader
from .records import read_records
from .rules import due_date, split_units, stated_totals, title_parts, without_marks
from .said_deadlines import read_said_deadlines
from .table_body import BodyReader
from .titles import jurisdiction_in, pick_title, year_in
from .unnumbered import read_unnumbered

GENERIC_SHEET = re.compile(r"^(?:sheet|工作表|附件|附表|表)\s*\d*$|民生|实事|项目|清单|计划|候选|分解|任务", re.I)
# A title presenting its projects as ones to vote on: 票决候选项目, 备选项目 (the deputies or the public choose).
CANDIDATE_WORDS = re.compile(r"候选|备选")
# …but a title telling how the projects were chosen from the candidates (从15件候选实事中选出) names
# the chosen ones: formal projects.
# A page asking to choose from the list below (请从以下4项备选项目中选出3项) presents candidates still.
CHOSEN_FROM = re.compile(
    r"[从在][^，。；]{0,20}(?:候选|备选)[^，。；]{0,12}中[^，。；]{0,6}(?:选出|选定|产生|确定|票选)"
)
TO_CHOOSE = re.compile(r"请|以下|下列|如下")


def _chosen(plain: str) -> bool:
    return bool(CHOSEN_FROM.search(plain)) and not TO_CHOOSE.search(plain)


def title_status(title: str | None) -> str:
    """Candidate projects when the title presents the list as ones to vote on, else formal ones."""
    plain = normal(title or "")
    return ProjectStatus.CANDIDATE if CANDIDATE_WORDS.search(plain) and not _chosen(plain) else ProjectStatus.FORMAL


def read_plan(
    document: Document, column_map: ColumnMap | None = None, remembered: MappingSource | None = None
) -> ParsedPlan:
    """The plan in a document. `column_map` names the columns of its first table (the clerk's
    choice, or `--columns`); `remembered` looks up maps saved for a header's wording."""
    reader = _PlanReader(document, column_map, remembered)
    for table in document.tables:
        reader.read_table(table)
    return reader.finish()


def plan_of_items(document: Document, found: list[ParsedProject], head: list[str]) -> ParsedPlan:
    """A plan from projects a taught reading cut out of the document (shapes/teach.py): its
    title, year and place from the lines above them, as a list's are."""
    reader = _PlanReader(document)
    reader.take(found, head)
    return reader.finish()


@dataclass
class TableReading:
    """How one table's columns were named, for the preview."""

    where: str
    header: list[str]
    columns: dict[str, int]
    source: str  # header / remembered / manual / none
    table: int = 0  # the document's table it read (from 0): a table cut in two gives two readings
    header_row: int | None = None  # the header's last row; the body starts below it
    names_each_row: bool = False  # the content column is a 项目名称 column (grid.Layout)

    def column_map(self) -> ColumnMap:
        """This reading as the clerk's map would say it: the mapping form starts from it, and
        saving it unchanged reads the same plan (grid.mapped_layout reads it back)."""
        columns = {col: name for name, col in self.columns.items()}
        if self.names_each_row:  # the items' column is a 项目名称 column: so the clerk names it
            columns[self.columns["content"]] = "name"
        return ColumnMap({c: n for c, n in columns.items() if n in FIELD_LABELS}, self.header_row, self.table)


class _PlanReader:
    def __init__(
        self, document: Document, column_map: ColumnMap | None = None, remembered: MappingSource | None = None
    ) -> None:
        self.document = document
        self.column_map = column_map
        self.remembered = remembered
        self.projects: dict[tuple[str, str], ParsedProject] = {}
        self.warnings: list[ReadWarning] = []
        self.titles: list[tuple[str, str]] = []  # (status, title)
        self.known_units: set[str] = set()
        self.year_hint: int | None = None
        self.readings: list[TableReading] = []
        self.tables_read = 0

    def read_table(self, table: Table) -> None:
        self.tables_read += 1
        self._read_grid(expand(table), table.caption, table.where, self._sheet_category(table))

    def _sheet_category(self, table: Table) -> str | None:
        """A workbook with a sheet per category (教育类, 卫生类): the sheet's name is the category
        of rows that name none. Generic names (Sheet1, 附件1) and titles name none."""
        sheets = [t.sheet for t in self.document.tables if t.sheet]
        name = (table.sheet or "").strip()
        if len(sheets) < 2 or not name or GENERIC_SHEET.search(normal(name)):
            return None
        return name

    def _layout(self, grid: list[list[Slot]], where: str) -> Layout | None:
        if self.column_map is not None and self.column_map.table == self.tables_read - 1:
            layout: Layout | None = mapped_layout(grid, self.column_map)
            self.column_map = None  # for that table only, not for a second table on its sheet
        else:
            layout = self._remembered(grid) or find_layout(grid)
        columns, source = (layout.columns, layout.source) if layout else ({}, "none")
        reading = TableReading(where, header_texts(grid, layout), columns, source, self.tables_read - 1)
        if layout is not None:
            reading.header_row, reading.names_each_row = layout.header_rows - 1, layout.names_each_row
        self.readings.append(reading)
        return layout

    def _remembered(self, grid: list[list[Slot]]) -> Layout | None:
        """A map the clerk saved for one of the first rows' wording: that row is the header."""
        if self.remembered is None:
            return None
        for r, row in enumerate(grid[:10]):
            saved = self.remembered(header_key([s.text for s in row]))
            if saved is not None:
                return mapped_layout(grid, replace(saved, header_row=r), "remembered")
        return None

    def _read_grid(self, grid: list[list[Slot]], caption: list[str], where: str, category: str | None = None) -> None:
        layout = self._layout(grid, where)
        if layout is None:
            if len(grid) > 1:
                self.warnings.append(ReadWarning("未识别出表头（序号/项目名称/主要内容…），已跳过此表", where))
            return
        title = pick_title(caption + layout.title_lines)
        status = title_status(title)
        if title:
            self.titles.append((status, title))
        # a table under a sentence rather than a title (…票决确定2025年某县民生实事项目，分别是：)
        self.year_hint = self.year_hint or year_in(caption)
        body = grid[layout.header_rows :]
        cut = _next_table_at(body)
        self._learn_units(grid[: layout.header_rows + (len(body) if cut is None else cut)], layout)
        reader = BodyReader(self, layout, status)
        reader.category = category
        reader.read(body if cut is None else body[:cut])
        if cut is not None:
            self._read_grid(body[cut:], [], where)

    def _learn_units(self, grid: list[list[Slot]], layout: Layout) -> None:
        for name in ("lead_units", "partner_units"):
            col = layout.columns.get(name)
            if col is None:
                continue
            for row in grid[layout.header_rows :]:
                text = row[col].text.strip()
                # only a one-line cell is surely whole names; a longer cell may wrap one
                if text and "\n" not in text:
                    self.known_units.update(split_units(text))

    def project(self, status: str, seq: int | None, name: str, category: str | None, where: str) -> ParsedProject:
        key = project_key(status, name)
        if key not in self.projects:
            self.projects[key] = ParsedProject(seq=seq, category=category, name=name, status=status, source=where)
        return self.projects[key]

    def read_list(self) -> None:
        """No table held a plan: read the body as a numbered list (a 通知, a news article)."""
        paragraphs = without_furniture(self.document.paragraphs)
        reader = ListReader(paragraphs, self.document.name)
        found, head = read_records(paragraphs, self.document.name)
        if not found:
            found, head = reader.projects(), reader.head
        if not found:
            found, head = read_enumeration(paragraphs, self.document.name)
        if not found:
            found, head = read_unnumbered(paragraphs, self.document.name)
        self.take(found, head)

    def take(self, found: list[ParsedProject], head: list[str]) -> None:
        """Projects a list reader found, with the lines above them (their headline)."""
        title = pick_title(head)
        status = title_status(title)
        for item in found:
            project = self.project(status, item.seq, item.name, item.category, item.source)
            project.tasks.extend(item.tasks)
        if self.projects:
            if title:
                self.titles.append((status, title))
            self.year_hint = year_in(head) or year_in(self.document.paragraphs)  # a page's date counts

    def finish(self) -> ParsedPlan:
        if not self.projects:
            self.read_list()
        if not self.projects:
            raise DocumentError(
                "文件中没有找到可识别的任务分解表（需要“序号”“项目名称”“主要内容”等表头）", self.document.name
            )
        formal = [t for s, t in self.titles if s == ProjectStatus.FORMAL]
        title = formal[0] if formal else (self.titles[0][1] if self.titles else None)
        year, jurisdiction = title_parts(title)
        year = year or self.year_hint
        jurisdiction = jurisdiction or jurisdiction_in(without_furniture(self.document.paragraphs)[:12])
        projects = list(self.projects.values())
        read_said_deadlines(projects)
        read_heading_leads(projects)
        read_issuer_leads(projects, title, self.document.paragraphs)
        for project in projects:
            project.name = without_marks(project.name)  # whichever reader cut it
            for task in project.tasks:
                task.due = due_date(task.deadline, year)
        plan = ParsedPlan(jurisdiction=jurisdiction, year=year, title=title, projects=projects, warnings=self.warnings)
        plan.readings = self.readings
        self._check_totals(plan)
        return plan

    def _check_totals(self, plan: ParsedPlan) -> None:
        text = "\n".join(self.document.paragraphs)
        totals = stated_totals(text)
        formal = [p for p in plan.projects if p.status == ProjectStatus.FORMAL]
        found = {
            "categories": len({p.category for p in formal if p.category}),
            "projects": len(formal),
            "candidates": len(plan.projects) - len(formal),
        }
        labels = {"categories": "类别", "projects": "项目", "candidates": "票决候选项目"}
        for key, stated in totals.items():
            if key == "categories" and not found[key]:
                continue
            if found[key] != stated:
                said = said_count({stated}, found[key]) if key == "projects" else None  # the one count notice
                message = said or f"文中写明{labels[key]} {stated} 个，读出 {found[key]} 个"
                self.warnings.append(ReadWarning(message, f"{self.document.name} 正文"))


def _next_table_at(body: list[list[Slot]]) -> int | None:
    """Where a second table starts in the same grid: a title row, then its own header.

    Offices put the formal and the 票决候选 table on one sheet, one under the other."""
    for i, row in enumerate(body):
        filled = [slot.text for slot in row if slot.origin and slot.text.strip()]
        if len(filled) == 1 and pick_title(filled) and any(len(row_fields(r)) >= 2 for r in body[i + 1 : i + 3]):
            return i
    return None
