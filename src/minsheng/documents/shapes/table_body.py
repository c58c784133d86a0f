"""The body rows of one table, read into projects and tasks by the columns its header named.

DESIGN.md's rules for a body: a blank cell inherits from the cell above, a row with one
filled cell is a category heading or a note, a row without content continues the task
above, and without a name column a project's name is the start of its content.
"""

from __future__ import annotations

import re
from typing import Protocol

from ...indicators.extract import extract
from ...plans.fields import BY_KEY, LISTS, TASK_CELLS
from ...text.normal import normal
from ..parsed import ParsedProject, ParsedTask
from .grid import Layout, Slot
from .headers import normalise
from .labels import read_labels
from .rules import (
    SUB_ITEM,
    SUB_NUMBER,
    category_heading,
    item_title,
    join_wrapped,
    lead_marked,
    parse_seq,
    strip_count,
    strip_sub_number,
    without_marks,
)
from .task_cells import continue_cell, read_cell

NAME_PREFIX = re.compile(r"^([^：:。，,；;\n]{2,20})[：:]\s*(.+)$", re.S)
# A name printed with its own number when the table has no 序号 column: 1.城市人居环境提升项目
NUMBERED_NAME = re.compile(r"^\s*(\d{1,3}|[一二三四五六七八九十]{1,3})\s*[、.．](?!\d)\s*(\S.*)$", re.S)
NOTE_ROW = re.compile(r"^(?:注|说明|备注|附注|合计|总计|小计|填表|制表|附件)")
_GROUP_NUMBER = re.compile(r"^[（(]?[一二三四五六七八九十]{1,3}[)）、.．]?$")


class Projects(Protocol):
    """The plan being read: one project per key, and the unit names its unit columns hold."""

    known_units: set[str]

    def project(self, status: str, seq: int | None, name: str, category: str | None, where: str) -> ParsedProject: ...


def _numbered_name(text: str) -> tuple[str | None, str]:
    match = NUMBERED_NAME.match(text)
    return (match.group(1), match.group(2)) if match else (None, text)


class BodyReader:
    """Reads the body rows of one table into projects and tasks."""

    def __init__(self, plan: Projects, layout: Layout, status: str) -> None:
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
        field = BY_KEY.get(name)
        merged = not slot.origin  # a merged cell covers this place: its value goes on
        return self.carry.get(name) if field is None or field.inherits or merged else None

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
        return bool(NOTE_ROW.match(normal(text))) or (spans and len(text) > 30)

    def _add_task(self, row: list[Slot], content: str) -> None:
        project = self._project_for(row, content)
        if project is None:
            return
        named = "name" in self.layout.columns
        content = strip_sub_number(content) if named else self._content_after_name(content)
        task = ParsedTask(content=join_wrapped(content))
        self._labels_in_content(task)
        self._figure(row, task)
        task.indicators = extract(task.content)
        task.source["content"] = row[self.layout.columns["content"]].where
        for field in TASK_CELLS:
            slot = self.cell(row, field.key)
            if slot is None:
                continue
            task.source[field.key] = slot.where
            read_cell(task, field.key, slot.text, self.plan.known_units)
        marked = lead_marked(task.lead_units)
        if marked is not None:  # 市住建局（牵头）、市发改委 in the lead column
            task.lead_units, task.partner_units = marked[0], marked[1] + task.partner_units
        # a partner column naming the lead itself (业主单位 = 牵头单位) adds no partner
        task.partner_units = [u for u in task.partner_units if u not in task.lead_units]
        project.tasks.append(task)

    def _figure(self, row: list[Slot], task: ParsedTask) -> None:
        """A target's figure in its own column (目标任务 = 24000): it follows the content, as printed,
        and counts in the unit the content names in brackets (城镇新增就业（人））."""
        col = self.layout.columns.get("figure")
        figure = row[col].text.strip() if col is not None and col < len(row) else ""
        if not figure:
            return
        task.content = f"{task.content} {figure}"

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
        its own `名称：` prefix, or its own 序号 (a blank or merged 序号 continues). Where one column
        names each row, only a blank (merged) 序号 under a numbered project continues it, and only
        with a name of no number of its own (`（二）…` under a group's 序号 is a project)."""
        if self.current is None or NAME_PREFIX.match(content.replace("\n", "")):
            return False
        col = self.layout.columns.get("seq")
        if col is None:
            return False
        own = row[col].text.strip()
        if self.layout.names_each_row:
            numbered = bool(SUB_NUMBER.match(content) or NUMBERED_NAME.match(content))
            return not own and self.current.seq is not None and not numbered
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
        for name in LISTS:
            col = self.layout.columns.get(name)
            if col is not None and row[col].text.strip():
                continue_cell(task, name, row[col].text)
