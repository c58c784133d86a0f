"""From a grid of cells to a plan, driven by the header row.

The header names each column's field; then every body row is read with the
rules of DESIGN.md: a blank cell inherits from the cell above, a project
repeated after a page break is the same project, list cells split into names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from ..indicators.extract import extract
from ..plans.states import ProjectStatus
from .enumeration import read_enumeration
from .errors import DocumentError
from .grid import Layout, Slot, expand, find_layout, header_texts, mapped_layout, row_fields
from .headers import normalise
from .keys import project_key
from .labels import read_labels
from .listing import ListReader
from .mapping import ColumnMap, MappingSource, header_key
from .model import Document, ParsedPlan, ParsedProject, ParsedTask, ReadWarning, Table
from .records import read_records
from .rules import (
    SUB_ITEM,
    category_heading,
    due_date,
    item_title,
    join_wrapped,
    lead_marked,
    parse_seq,
    split_leaders,
    split_units,
    stated_totals,
    strip_count,
    strip_sub_number,
    title_parts,
    without_marks,
)
from .script import simplified
from .titles import jurisdiction_in, pick_title, year_in

NAME_PREFIX = re.compile(r"^([^：:。，,；;\n]{2,20})[：:]\s*(.+)$", re.S)
# A name printed with its own number when the table has no 序号 column: 1.城市人居环境提升项目
NUMBERED_NAME = re.compile(r"^\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*[、.．](?!\d)\s*(\S.*)$", re.S)
GENERIC_SHEET = re.compile(r"^(?:sheet|工作表|附件|附表|表)\s*\d*$|民生|实事|项目|清单|计划|候选|分解|任务", re.I)
NOTE_ROW = re.compile(r"^(?:注|说明|备注|附注|合计|总计|小计|填表|制表|附件)")
LIST_FIELDS = ("leaders", "lead_units", "partner_units")


def read_plan(
    document: Document, column_map: ColumnMap | None = None, remembered: MappingSource | None = None
) -> ParsedPlan:
    """The plan in a document. `column_map` names the columns of its first table (the clerk's
    choice, or `--columns`); `remembered` looks up maps saved for a header's wording."""
    reader = _PlanReader(document, column_map, remembered)
    for table in document.tables:
        reader.read_table(table)
    return reader.finish()


@dataclass
class TableReading:
    """How one table's columns were named, for the preview."""

    where: str
    header: list[str]
    columns: dict[str, int]
    source: str  # header / remembered / manual / none


_GROUP_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十]{1,3}[)）、.．]?$")


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
        if len(sheets) < 2 or not name or GENERIC_SHEET.search(simplified(name)):
            return None
        return name

    def _layout(self, grid: list[list[Slot]], where: str) -> Layout | None:
        if self.column_map is not None and self.column_map.table == self.tables_read - 1:
            layout: Layout | None = mapped_layout(grid, self.column_map)
            self.column_map = None  # for that table only, not for a second table on its sheet
        else:
            layout = self._remembered(grid) or find_layout(grid)
        columns, source = (layout.columns, layout.source) if layout else ({}, "none")
        self.readings.append(TableReading(where, header_texts(grid, layout), columns, source))
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

    def _read_grid(
        self, grid: list[list[Slot]], caption: list[str], where: str, category: str | None = None
    ) -> None:
        layout = self._layout(grid, where)
        if layout is None:
            if len(grid) > 1:
                self.warnings.append(ReadWarning("未识别出表头（序号/项目名称/主要内容…），已跳过此表", where))
            return
        title = pick_title(caption + layout.title_lines)
        status = ProjectStatus.CANDIDATE if title and "候选" in title else ProjectStatus.FORMAL
        if title:
            self.titles.append((status, title))
        body = grid[layout.header_rows :]
        cut = _next_table_at(body)
        self._learn_units(grid[: layout.header_rows + (len(body) if cut is None else cut)], layout)
        reader = _TableReader(self, layout, status)
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
        reader = ListReader(self.document.paragraphs, self.document.name)
        found, head = read_records(self.document.paragraphs, self.document.name)
        if not found:
            found, head = reader.projects(), reader.head
        if not found:
            found, head = read_enumeration(self.document.paragraphs, self.document.name)
        title = pick_title(head)
        status = ProjectStatus.CANDIDATE if title and "候选" in title else ProjectStatus.FORMAL
        for item in found:
            project = self.project(status, item.seq, item.name, item.category, item.source)
            project.tasks.extend(item.tasks)
        if self.projects:
            if title:
                self.titles.append((status, title))
            self.year_hint = year_in(head) or year_in(self.document.paragraphs)

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
        jurisdiction = jurisdiction or jurisdiction_in(self.document.paragraphs[:12])
        projects = list(self.projects.values())
        for project in projects:
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
                self.warnings.append(
                    ReadWarning(
                        f"文中写明{labels[key]} {stated} 个，表中读出 {found[key]} 个", f"{self.document.name} 正文"
                    )
                )


def _next_table_at(body: list[list[Slot]]) -> int | None:
    """Where a second table starts in the same grid: a title row, then its own header.

    Offices put the formal and the 票决候选 table on one sheet, one under the other."""
    for i, row in enumerate(body):
        filled = [slot.text for slot in row if slot.origin and slot.text.strip()]
        if len(filled) == 1 and pick_title(filled) and any(len(row_fields(r)) >= 2 for r in body[i + 1 : i + 3]):
            return i
    return None


def _numbered_name(text: str) -> tuple[str | None, str]:
    match = NUMBERED_NAME.match(text)
    return (match.group(1), match.group(2)) if match else (None, text)


class _TableReader:
    """Reads the body rows of one table into projects and tasks."""

    def __init__(self, plan: _PlanReader, layout: Layout, status: str) -> None:
        self.plan = plan
        self.layout = layout
        self.status = status
        self.carry: dict[str, Slot] = {}
        self.category: str | None = None
        self.current: ParsedProject | None = None

    def read(self, rows: list[list[Slot]]) -> None:
        for row in rows:
            self.read_row(row)

    def cell(self, row: list[Slot], name: str) -> Slot | None:
        """The field's cell in this row; blank inherits from the cell above (DESIGN.md: a blank
        cell under a filled one is a merged-cell continuation, even where the file did not merge it)."""
        col = self.layout.columns.get(name)
        if col is None or col >= len(row):
            return None
        slot = row[col]
        if slot.text.strip():
            self.carry[name] = slot
            return slot
        return self.carry.get(name)

    def read_row(self, row: list[Slot]) -> None:
        texts = [normalise(s.text) for s in row]
        if not any(texts) or texts == self.layout.header_texts[: len(texts)]:
            return
        if self._is_note_row(row):
            return
        heading = self._category_row(row)
        if heading:
            self.category = heading
            self.carry.pop("category", None)
            return
        col = self.layout.columns.get("content")
        own_content = row[col].text.strip() if col is not None and col < len(row) else ""
        if not own_content:
            self._continue_task(row)
            return
        self._add_task(row, own_content)

    def _category_row(self, row: list[Slot]) -> str | None:
        """A row with one filled cell: `一、教育类（3项）`, or a short heading spanning the table."""
        filled = [s for s in row if s.origin and s.text.strip()]
        if len(filled) == 2 and self._numbered_group(row, filled):
            return strip_count(join_wrapped(filled[1].text))
        if len(filled) != 1:
            return None
        slot = filled[0]
        spans = sum(1 for s in row if not s.origin and s.where == slot.where) >= len(row) // 2
        heading = category_heading(slot.text)
        in_content = row.index(slot) == self.layout.columns.get("content")
        if heading is not None and (spans or not in_content or len(heading) <= 15):
            return strip_count(heading)
        text = join_wrapped(slot.text)
        return strip_count(text) if spans and len(text) <= 30 else None

    def _numbered_group(self, row: list[Slot], filled: list[Slot]) -> bool:
        """`一 | 教育类`: a Chinese numeral in the 序号 column (the projects' own are 1, 2, 3) and a
        short heading beside it."""
        seq = self.layout.columns.get("seq")
        number, text = filled[0].text.strip(), join_wrapped(filled[1].text)
        return (
            seq is not None
            and row.index(filled[0]) == seq
            and bool(_GROUP_NUMBER.match(number))
            and len(text) <= 20
            and not re.search(r"[。；;，,]", text)
        )

    @staticmethod
    def _is_note_row(row: list[Slot]) -> bool:
        """A subtitle or closing note across the table (注：…, 合计, a long sentence): neither task nor category."""
        filled = [s for s in row if s.origin and s.text.strip()]
        if len(filled) != 1:
            return False
        text = join_wrapped(filled[0].text)
        spans = sum(1 for s in row if not s.origin and s.where == filled[0].where) >= len(row) // 2
        return bool(NOTE_ROW.match(simplified(text))) or (spans and len(text) > 30)

    def _add_task(self, row: list[Slot], content: str) -> None:
        project = self._project_for(row, content)
        if project is None:
            return
        named = "name" in self.layout.columns
        content = strip_sub_number(content) if named else self._content_after_name(content)
        task = ParsedTask(content=join_wrapped(content))
        self._labels_in_content(task)
        task.indicators = extract(task.content)
        task.source["content"] = row[self.layout.columns["content"]].where
        deadline = self.cell(row, "deadline")
        if deadline is not None:
            task.deadline = join_wrapped(deadline.text)
            task.source["deadline"] = deadline.where
        for name in LIST_FIELDS:
            slot = self.cell(row, name)
            if slot is None:
                continue
            task.source[name] = slot.where
            if name == "leaders":
                task.leaders = split_leaders(slot.text)
            else:
                setattr(task, name, split_units(slot.text, self.plan.known_units))
        marked = lead_marked(task.lead_units)
        if marked is not None:  # 市住建局（牵头）、市发改委 in the lead column
            task.lead_units, task.partner_units = marked[0], marked[1] + task.partner_units
        # a partner column naming the lead itself (业主单位 = 牵头单位) adds no partner
        task.partner_units = [u for u in task.partner_units if u not in task.lead_units]
        project.tasks.append(task)

    def _labels_in_content(self, task: ParsedTask) -> None:
        """A table without unit columns may name them in the cell: `…。（牵头单位：区教育局）`."""
        if "lead_units" in self.layout.columns:
            return
        labels, body = read_labels(task.content)
        if labels.any():
            task.content = body
            labels.apply(task)

    def _project_for(self, row: list[Slot], content: str) -> ParsedProject | None:
        seq_slot = self.cell(row, "seq")
        seq_text = seq_slot.text if seq_slot else ""
        seq = None if SUB_ITEM.match(seq_text) else parse_seq(seq_text)
        if SUB_ITEM.match(seq_text) and self.current is not None:
            return self.current
        category = self.cell(row, "category")
        category_name = strip_count(join_wrapped(category.text)) if category else self.category
        name_slot = self.cell(row, "name")
        if name_slot is not None:
            number, name = _numbered_name(without_marks(join_wrapped(name_slot.text)))
            where = name_slot.where
            seq = seq if seq is not None or number is None else parse_seq(number)
        else:
            if self._continues(row, content):
                return self.current
            name = item_title(strip_sub_number(join_wrapped(content)))[0]
            where = row[self.layout.columns["content"]].where
        if seq is None and self.current is not None and seq_slot is None and "seq" in self.layout.columns:
            seq = self.current.seq
        self.current = self.plan.project(self.status, seq, name, category_name, where)
        return self.current

    def _continues(self, row: list[Slot], content: str) -> bool:
        """Without a name column, a row is a task of the project above unless it starts one:
        its own `名称：` prefix, or its own 序号 (a blank or merged 序号 continues)."""
        if self.current is None or self.layout.names_each_row or NAME_PREFIX.match(content.replace("\n", "")):
            return False
        col = self.layout.columns.get("seq")
        if col is None:
            return False
        own = row[col].text.strip()
        return not own or bool(SUB_ITEM.match(own))

    @staticmethod
    def _content_after_name(content: str) -> str:
        prefix = NAME_PREFIX.match(content.replace("\n", ""))
        return prefix.group(2) if prefix else strip_sub_number(content)

    def _continue_task(self, row: list[Slot]) -> None:
        """A row with no content of its own continues the task above (a split row)."""
        if self.current is None or not self.current.tasks:
            return
        task = self.current.tasks[-1]
        for name in LIST_FIELDS:
            col = self.layout.columns.get(name)
            if col is None or not row[col].text.strip():
                continue
            extra = split_leaders(row[col].text) if name == "leaders" else split_units(row[col].text)
            getattr(task, name).extend(extra)
