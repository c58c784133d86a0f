"""Plain dataclasses that readers return: a grid of cells, then a plan.

Nothing here touches the database; `minsheng parse` prints `ParsedPlan.to_json()`
in the interchange format of shared/schema/plan.schema.json.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..indicators.parsed import ParsedIndicator
from ..plans.fields import SUMS
from ..plans.states import ProjectStatus
from ..text.numbers import number_to_json


@dataclass
class Cell:
    """One cell as printed; merged cells carry their spans."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass
class Table:
    """A table with the text printed just before it (its title lines)."""

    cells: list[Cell]
    where: str  # human location: "表格 2", "工作表 附件1", "第 3 页"
    caption: list[str] = field(default_factory=list)
    # True when row numbers are already final (e.g. a pdf table split across
    # pages keeps its page in the cell location instead).
    cell_where: dict[tuple[int, int], str] = field(default_factory=dict)
    sheet: str | None = None  # a workbook's sheet name
    # Scans only: the recognition engine's confidence in each cell's text (0..1).
    scores: dict[tuple[int, int], float] = field(default_factory=dict)

    @property
    def n_rows(self) -> int:
        return max((c.row + c.rowspan for c in self.cells), default=0)

    @property
    def n_cols(self) -> int:
        return max((c.col + c.colspan for c in self.cells), default=0)

    def locate(self, row: int, col: int) -> str:
        return self.cell_where.get((row, col), f"{self.where} 第{row + 1}行第{col + 1}列")


@dataclass
class Document:
    """What a reader returns: the tables and the body text around them."""

    name: str
    tables: list[Table]
    paragraphs: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # what the reading could not place (rows left out)
    # Breaks inside one printed block (i: between paragraphs i and i+1): a <br>, or one newline in a
    # text whose blocks are parted by blank lines. Such a break may be the page's wrapping (shapes/wraps.py);
    # one between blocks (`parted`: a block's end, a blank line in such a text) never is.
    same_block: frozenset[int] = frozenset()
    parted: frozenset[int] = frozenset()


@dataclass
class ParsedTask:
    content: str
    deadline: str | None = None
    due: str | None = None
    leaders: list[str] = field(default_factory=list)
    lead_units: list[str] = field(default_factory=list)
    partner_units: list[str] = field(default_factory=list)
    sums: dict[str, Decimal] = field(default_factory=dict)  # 万元, by key (plans/fields.SUMS)
    indicators: list[ParsedIndicator] = field(default_factory=list)
    source: dict[str, str] = field(default_factory=dict)  # field -> cell location
    unsure: bool = False  # scans: its content was read with little confidence (targets to check)

    def to_json(self) -> dict[str, Any]:
        return {
            "content": self.content,
            "deadline": self.deadline,
            "due": self.due,
            "leaders": list(self.leaders),
            "lead_units": list(self.lead_units),
            "partner_units": list(self.partner_units),
            "indicators": [i.to_json() for i in self.indicators],
            # Sums only when read (investment…): a plan without them prints as it always did.
            **{key: number_to_json(self.sums[key]) for key in SUMS if key in self.sums},
        }


@dataclass
class ParsedProject:
    seq: int | None
    category: str | None
    name: str
    status: str = ProjectStatus.FORMAL
    tasks: list[ParsedTask] = field(default_factory=list)
    source: str = ""
    sureness: float = 1.0  # how sure the reader is of it (shapes/sureness.py), 1.0 = nothing to doubt
    doubts: list[str] = field(default_factory=list)  # why it is less sure, in the clerk's words

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "category": self.category,
            "name": self.name,
            "status": self.status,
            "tasks": [t.to_json() for t in self.tasks],
        }


@dataclass
class ReadWarning:
    message: str
    where: str = ""

    def __str__(self) -> str:
        return f"{self.where}：{self.message}" if self.where else self.message


@dataclass
class ParsedPlan:
    jurisdiction: str | None
    year: int | None
    title: str | None
    projects: list[ParsedProject] = field(default_factory=list)
    warnings: list[ReadWarning] = field(default_factory=list)
    # per table: how its columns were named (layout.TableReading), for the import preview
    readings: list[Any] = field(default_factory=list)
    # a reading taught by the clerk's example, or remembered (shapes/teach.Reading as JSON), and the
    # document's shape it is remembered under; None: the reader's own rules
    taught: dict[str, Any] | None = None
    shape: str = ""
    # what the clerk should check about an example's reading (fewer projects than untaught, a poor
    # fit, an example found nowhere): said on the preview beside the way back (best.py)
    taught_doubts: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": self.jurisdiction,
            "year": self.year,
            "title": self.title,
            "projects": [p.to_json() for p in self.projects],
        }
