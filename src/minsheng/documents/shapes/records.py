"""Plans printed as labelled blocks, one per project:

    01 项目名称：提升县域生态环境
    项目内容：
    连通城区河道水系，新开引水河道1.6公里。
    责任单位：
    水务局、城管局

The labels are the table headers' words (headers.py) with a colon; a value runs
on the lines below its label until the next label. A `名称` label opens a block.
"""

from __future__ import annotations

import re

from ...indicators.extract import extract
from ...plans.fields import BY_KEY, TASK_CELLS
from ...plans.fields import FIELDS as REGISTRY
from ..parsed import ParsedProject, ParsedTask
from .headers import field_for
from .rules import join_wrapped, parse_seq
from .task_cells import read_cell

LABEL_LINE = re.compile(r"^\s*(?:(?P<seq>\d{1,3})\s*[、.．]?\s*)?(?P<label>[^\s：:，。]{2,8})\s*[：:]\s*(?P<value>.*)$")
# Every field of the registry a block may label (plans/fields.py), not the columns beside the plan.
FIELDS = tuple(f.key for f in REGISTRY if f.level != "column")


def read_records(paragraphs: list[str], where: str) -> tuple[list[ParsedProject], list[str]]:
    """The projects of a document printed as labelled blocks (none when it is not one), and the
    lines above the first block."""
    blocks = _Blocks()
    for line in (raw.strip() for p in paragraphs for raw in p.split("\n")):
        blocks.feed(line)
    records = blocks.records
    if len(records) < 2 or not all(r.get("content") for r in records):
        return [], []
    return [_project(r, f"{where} 第{i + 1}项") for i, r in enumerate(records)], blocks.head


class _Blocks:
    """Labelled blocks line by line: a 项目名称 label starts a record, other labels fill it,
    unlabelled lines run on below their label or, above the first record, form the head."""

    def __init__(self) -> None:
        self.records: list[dict[str, str]] = []
        self.head: list[str] = []
        self.current: dict[str, str] | None = None
        self.field: str | None = None

    def feed(self, line: str) -> None:
        match = LABEL_LINE.match(line) if line else None
        name = field_for(match["label"]) if match else None
        if match and name in FIELDS:
            self._label(str(name), match)
        else:
            self._text(line)

    def _label(self, name: str, match: re.Match[str]) -> None:
        if name == "name":
            self.current = {"seq": match["seq"] or ""}
            self.records.append(self.current)
        if self.current is not None:
            self.field = name
            self.current[name] = match["value"]

    def _text(self, line: str) -> None:
        current, field = self.current, self.field
        if current is None:
            self.head.append(line)
        elif field is None:
            return
        elif line and _continues(field, current.get(field, "")):
            current[field] = (current.get(field, "") + "\n" + line).strip()
        elif not line and current.get(field):
            self.field = None  # a blank line ends a value that has begun


def _continues(field: str, value: str) -> bool:
    """Text runs on below its label; a list of units or leaders only while it ends mid-list
    (what follows the last block's units is the signature, not a unit)."""
    return BY_KEY[field].cell == "text" or not value or value.endswith(("、", "，", ",", "；"))


def _project(record: dict[str, str], where: str) -> ParsedProject:
    task = ParsedTask(content=join_wrapped(record["content"]))
    task.indicators = extract(task.content)
    for field in TASK_CELLS:
        if record.get(field.key):
            read_cell(task, field.key, record[field.key])
    return ParsedProject(
        seq=parse_seq(record.get("seq", "")),
        category=join_wrapped(record["category"]) if record.get("category") else None,
        name=join_wrapped(record.get("name", "")),
        tasks=[task],
        source=where,
    )
