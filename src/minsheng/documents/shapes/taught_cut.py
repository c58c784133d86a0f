"""A cut taught by the words and marks around the clerk's example, for shapes no candidate reads.

The other readings (teach.py) are fixed cuts the example picks between. Where the example's shape
is one none of them produces — a heading that is the project with its tasks on the lines below,
`一是` run on from the lead-in's colon, a category said before a colon with its items numbered
after it, a table cell holding `名称：任务；任务` — the example itself says where things stand.
Its name, category, tasks and units are found in the normal text and a small frame (`Cut`) is
read off their surroundings:

- the **mark** before the name (by character class, learned.template: `{汉}、`, `{汉}是`, a
  number and a cell edge `{数}|`), and whether it opens a line or may follow a sentence's end
  inside one (`inline`);
- a **category** said between the mark and the items, up to its delimiter (`1、某类工程：①…；②…`),
  whose items are the numbered pieces after it (list_marks' inline runs), or the whole rest; or on
  a line above with a mark of its own (`above:{汉}、`), each such line over the items below it;
- what ends the **name**: the line's end, a `：` `。` `，` `；`, or the item itself (a name that is its
  own content);
- where the **tasks** are: the rest of the item (up to a cell edge `|`), that rest cut at the
  separator standing between the example's tasks, or the lines below the name, each without its
  own sub-mark (`（一）`) where the example's are (an unnumbered line under a heading is a task too);
- where the **units** and **deadline** are said: the item's labels (labels.read_labels), a cell
  after the name's (`cells`), or, for the lead unit, the office signing the page (its last short
  line) when the example names that office and its item names none.

With **no mark** before the name, the siblings are told by what stands around it instead (`siblings`):
the line pattern (`lines:N`: the name a heading line of its own over N content lines, as many as the
example's tasks, heading_blocks.py) or the separator between the pieces of its paragraph (`sep:；`:
`…分别是：名称，内容；名称，内容`, the name ending at the piece's first `，` or `：`).

A table is read as its rows, cells joined by ` | `. Every line or place the same frame matches is a
sibling, read with the same roles (taught_siblings.py); the marks must number in order. The frame is
remembered as JSON in the reading, with no word of the document in it but its delimiters.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from typing import Any

from ...text.furniture import without_furniture
from ...text.normal import normal
from ..parsed import Document
from .grid import expand
from .heading_blocks import is_heading
from .learned import _is_mark, template
from .matching import names_itself, text_key
from .rules import due_date
from .titles import announces

SENTENCE_ENDS = "：。；"  # where an item run on from a lead-in may start inside a line
_NAME_ENDS = "：。，；"
_CATEGORY_ENDS = "：，"
_TASK_SEPARATORS = "；。，、"
SIGNATURE_MAX = 24  # an office signing a page is a short line of its own
CELL = "|"  # a cell's edge, as a table's rows are joined into lines (and as pipe tables are typed)
_UNIT_FIELDS = ("lead_units", "partner_units", "leaders")


@dataclass(frozen=True)
class Cut:
    """Where a sibling's parts stand, learned from the example (see the module's doc)."""

    mark: str = ""
    inline: bool = False
    category: str = ""  # the delimiter ending a category said before the items, above:MARK, "" for none
    name_end: str = "line"  # line | ： | 。 | ， | ； | item
    tasks: str = "rest"  # rest | lines (marked: without their marks) | item | split:SEPARATOR
    units: str = ""  # "" (labels) | signature
    cells: str = ""  # `1:lead_units,2:deadline`: the cells after the name's that hold a field
    siblings: str = ""  # "" (where the mark stands) | lines:N (heading line over N lines) | sep:SEPARATOR

    def key(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_key(cls, key: str) -> Cut:
        return cls(**{k: v for k, v in json.loads(key).items() if k in cls.__dataclass_fields__})


def document_lines(document: Document) -> list[str]:
    """The document's lines: its paragraphs without page furniture, then each table row as one line."""
    lines = [line for p in without_furniture(document.paragraphs) for line in p.split("\n") if line.strip()]
    for table in document.tables:
        lines.extend(f" {CELL} ".join(cell.text.replace("\n", "") for cell in row) for row in expand(table) if row)
    return lines


def find(text: str, key: str, start: int = 0) -> tuple[int, int] | None:
    """Where a field's key (text_key: no white space) stands in a text, spaces allowed between its
    characters; positions in the text (normal form is position for position)."""
    if not key:
        return None
    found = re.compile(r"\s*".join(map(re.escape, key))).search(normal(text), start)
    return (found.start(), found.end()) if found else None


def learn_cut(lines: list[str], example: dict[str, Any]) -> Cut | None:
    """The frame around the first line holding the example's name, when its surroundings read as one."""
    name = text_key(example.get("name"))
    for i, line in enumerate(lines):
        span = find(line, name)
        cut = _frame(lines, i, span, example) if span else None
        if cut is not None:
            return cut
    return None


def _frame(lines: list[str], i: int, span: tuple[int, int], example: dict[str, Any]) -> Cut | None:
    plain = normal(lines[i])
    start, end = span
    category = text_key(example.get("category"))
    above = _category_above(lines, i, category) if category and not find(plain[:start], category) else None
    marked = _marked(plain[:start], "" if above else category)
    name_end = _name_end(plain[end:], example)
    if marked is None and not category and name_end is not None:
        return _unmarked(lines, i, span, name_end, example)
    if marked is None or name_end is None or (above and above == "above:" + marked[0]):
        return None
    marked = (marked[0], marked[1], above or marked[2])
    own, *others = plain[end:].split(CELL)
    tasks = "item" if name_end == "item" else _tasks_at(lines, i, own, example)
    if tasks is None:
        return None
    cells = _cells(others, example)
    units = "signature" if not cells and _signed(lines, i, example) else ""
    return Cut(*marked, name_end, tasks, units, cells)


def _unmarked(lines: list[str], i: int, span: tuple[int, int], name_end: str, example: dict[str, Any]) -> Cut | None:
    """No mark before the name: the line pattern when the name is a heading line over its tasks' lines,
    the separator after its item when it follows a lead-in's colon or a separator inside a paragraph."""
    plain = normal(lines[i])
    before = plain[: span[0]].strip()
    tasks = [t for t in example.get("tasks") or [] if t.get("content")]
    if not before and name_end == "line" and tasks and is_heading(lines[i]):
        found = _tasks_at(lines, i, "", example)
        return Cut(name_end="line", tasks="lines", siblings=f"lines:{len(tasks)}") if found == "lines" else None
    opened = before.endswith(PIECE_SEPARATORS) or (before.endswith("：") and lead_in(before[:-1]))
    if not opened or name_end not in "，：" or len(tasks) != 1:
        return None
    content = find(plain, text_key(tasks[0]["content"]), span[1])
    after = plain[content[1] :].strip()[:1] if content else ""
    separator = after if after in PIECE_SEPARATORS else before[-1:] if before.endswith(PIECE_SEPARATORS) else ""
    return Cut(inline=True, name_end=name_end, siblings=f"sep:{separator}") if separator else None


PIECE_SEPARATORS = ("；",)


def lead_in(text: str) -> bool:
    """The words before a colon open the pieces after it: a clause announcing them or a sentence."""
    return announces(text) or "。" in text


def _category_above(lines: list[str], i: int, category: str) -> str | None:
    """`above:{汉}、` when the example's category opens the nearest line above it that names it, after
    a mark: the category lines are those the mark opens, each over the items below it."""
    for line in reversed(lines[:i]):
        found = find(line, category)
        if found:
            mark = normal(line)[: found[0]].strip()
            return f"above:{template(mark)}" if is_item_mark(mark) and "{" in template(mark) else None
    return None


def is_item_mark(mark: str) -> bool:
    """learned._is_mark, or a number with a word after it (`一是`, `第三件`): a mark of items in prose."""
    return _is_mark(mark) or (
        len(mark) <= 4 and re.fullmatch(r"第?\{[^}]+\}[\u4e00-\u9fff]", template(mark)) is not None
    )


def _marked(before: str, category: str) -> tuple[str, bool, str] | None:
    """(mark, inline, category delimiter) from what precedes the name on its line."""
    delimiter = ""
    if category:
        found = find(before, category)
        after = before[found[1] :].strip() if found else ""
        if found is None or not after or after[0] not in _CATEGORY_ENDS:
            return None
        if after[1:].strip() and not _is_mark(after[1:].strip()):
            return None  # only the item's own number may stand between the category and the name
        before, delimiter = before[: found[0]], after[0]
    mark = before.strip()
    if not mark:
        return ("", False, delimiter) if delimiter else None  # an unmarked line start is no item's
    if is_item_mark(mark):
        return template(mark), False, delimiter
    at = max(mark.rfind(end) for end in SENTENCE_ENDS)  # run on from a lead-in: `…工作：一是…`
    tail = mark[at + 1 :].strip()
    if at < 0 or delimiter or not is_item_mark(tail) or "{" not in template(tail):
        return None
    return template(tail), True, ""


def _name_end(after: str, example: dict[str, Any]) -> str | None:
    if names_itself(example):
        return "item"
    rest = after.strip()
    if not rest or rest.startswith(CELL):
        return "line"
    return rest[0] if rest[0] in _NAME_ENDS else None


def _tasks_at(lines: list[str], i: int, after: str, example: dict[str, Any]) -> str | None:
    """`rest` when the example's first task follows its name in its cell (`split:；` when its tasks
    do, one separator between each two), `lines` when its tasks stand one a line below it."""
    contents = [text_key(t.get("content")) for t in example.get("tasks") or [] if t.get("content")]
    if not contents:
        return "rest" if after.strip() else None
    if find(after, contents[0]) is not None:
        return _separated(after, contents) if len(contents) > 1 else "rest"
    below = lines[i + 1 : i + 1 + len(contents)]
    places = [find(line, c) for line, c in zip(below, contents, strict=False)]
    if len(below) < len(contents) or None in places:
        return None
    # each line's own mark (`（一）`) is no task's words when the example's tasks leave it out
    return (
        "marked"
        if any(normal(line)[: at[0]].strip() for line, at in zip(below, places, strict=True) if at)
        else "lines"
    )


def _separated(after: str, contents: list[str]) -> str | None:
    """`split:；` when each of the example's tasks follows the one before it after that separator."""
    separators = set()
    at = find(after, contents[0])
    for content in contents[1:]:
        following = find(after, content, at[1]) if at else None
        if at is None or following is None:
            return None
        between = normal(after[at[1] : following[0]]).strip()
        separators.add(between)
        at = following
    separator = separators.pop() if len(separators) == 1 else ""
    return f"split:{separator}" if len(separator) == 1 and separator in _TASK_SEPARATORS else None


def _cells(others: list[str], example: dict[str, Any]) -> str:
    """`1:lead_units,2:deadline`: the cells after the name's holding the example's units or deadline."""
    shown = (example.get("tasks") or [{}])[0]
    due = due_date(normal(str(shown.get("deadline") or "")), 2001)
    held = []
    for k, cell in enumerate(others, start=1):
        key = text_key(cell)
        if not key:
            continue
        if due and due_date(key, 2001) == due:
            held.append(f"{k}:deadline")
        field = next((f for f in _UNIT_FIELDS if shown.get(f) and text_key(shown[f]) == key), None)
        held.extend([f"{k}:{field}"] if field else [])
    return ",".join(held)


def _signed(lines: list[str], i: int, example: dict[str, Any]) -> bool:
    """The example's lead unit is the office signing the page, not said in its item."""
    units = [text_key(u) for t in (example.get("tasks") or [])[:1] for u in t.get("lead_units") or []]
    if len(units) != 1 or find(lines[i], units[0]) is not None:
        return False
    return text_key(signature(lines) or "") == units[0]


def signature(lines: list[str]) -> str | None:
    """The office signing the page: among its last lines, a short one with no figure or punctuation."""
    for line in reversed(lines[-3:]):
        plain = normal(line).strip()
        if plain and len(plain) <= SIGNATURE_MAX and not re.search(r"[\d，。；：、|]", plain):
            return line.strip()
    return None
