"""The siblings a taught frame (taught_cut.Cut) finds, read with the example's roles, as a plan.

Every place the frame's mark opens an item (at a line's start, or after a sentence's end when the
example ran on from its lead-in) is a sibling, in the longest run numbered in order. Each is cut
as the example was: category before its delimiter, name up to its end, tasks from the rest, the
lines below or the numbered pieces after the category, fields from the cells after the name's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ...text.normal import normal
from ..errors import DocumentError
from ..parsed import Document, ParsedPlan, ParsedProject, ParsedTask
from .heading_blocks import block_runs
from .labels import read_labels
from .layout import plan_of_items
from .learned import _CLASSES, _number
from .list_marks import _split_inline, numbered_line
from .rules import split_units, strip_count
from .taught_cut import CELL, SENTENCE_ENDS, Cut, document_lines, lead_in, learn_cut, signature
from .teach_items import _unbracketed

_SWALLOWS = 0.6  # one project holding more of the items' text than this is the page, not an item
_Start = tuple[int, int, int | None]  # (line, column after the mark, its number)


@dataclass
class _Item:
    seq: int | None
    name: str
    tasks: list[str]
    where: str
    category: str | None = None
    cells: dict[str, str] = field(default_factory=dict)


def mark_pattern(mark: str) -> re.Pattern[str]:
    """A mark's template as a regex at a place, spaces allowed between its parts (`1 | `); each class
    token captures its number (learned._number reads it)."""
    parts = []
    for part in re.split(r"(\{[^}]+\})", mark):
        token = next((rx for t, rx, _ in _CLASSES if t == part), None)
        parts.extend([f"({token})"] if token else [re.escape(c) for c in part])
    return re.compile(r"\s*" + r"\s*".join(parts) + r"\s*")


def _starts(lines: list[str], cut: Cut, heads: dict[int, str]) -> list[_Start]:
    """Every place the mark opens an item, in the longest run numbered in order (numbering again
    from 1 under each category line, `heads`); with no mark, the heading lines of the longest run of
    blocks, or the pieces of the paragraph the separator cuts into most (`cut.siblings`)."""
    kind, _, detail = cut.siblings.partition(":")
    if kind == "lines":
        start, count = max(block_runs(lines, int(detail)), key=lambda run: run[1], default=(0, 0))
        return [(start + k * (int(detail) + 1), 0, None) for k in range(count)]
    return _pieces(lines, detail) if kind == "sep" else _marked_starts(lines, cut, heads)


def _marked_starts(lines: list[str], cut: Cut, heads: dict[int, str]) -> list[_Start]:
    pattern = mark_pattern(cut.mark)
    found: list[_Start] = []
    for i, line in enumerate(lines):
        if i in heads:
            continue
        plain = normal(line)
        places = [0] + ([k + 1 for k, c in enumerate(plain) if c in SENTENCE_ENDS] if cut.inline else [])
        for at in places:
            match = pattern.match(plain, at)
            if match and match.end() < len(plain.rstrip()):
                found.append((i, match.end(), _number(match)))
    runs: list[list[_Start]] = []
    for place in found:
        last = runs[-1][-1][2] if runs else None
        restarts = place[2] == 1 and runs and any(runs[-1][-1][0] < h < place[0] for h in heads)
        if not runs or (place[2] is not None and last is not None and place[2] != last + 1 and not restarts):
            runs.append([])
        runs[-1].append(place)
    return max(runs, key=len, default=[])


def _pieces(lines: list[str], separator: str) -> list[_Start]:
    """Where each piece of the line the separator cuts into most pieces (three or more) starts: after
    each separator outside brackets, the first after its paragraph's lead-in colon."""
    best: list[_Start] = []
    for i, line in enumerate(lines):
        blank = _unbracketed(line)
        places = [k + 1 for k, char in enumerate(blank) if char == separator and blank[k + 1 :].strip()]
        colon = blank.find("：", 0, places[0] if places else len(blank))
        first = colon + 1 if colon > 0 and lead_in(blank[:colon]) else 0
        starts: list[_Start] = [(i, at, None) for at in [first, *places]]
        best = starts if len(starts) >= 3 and len(starts) > len(best) else best
    return best


def cut_items(lines: list[str], cut: Cut) -> tuple[list[_Item], list[str]]:
    """The siblings the frame finds, and the lines above the first."""
    heads = _category_lines(lines, cut)
    starts = _starts(lines, cut, heads)
    items: list[_Item] = []
    below: list[str]
    for n, (i, col, number) in enumerate(starts):
        following = starts[n + 1] if n + 1 < len(starts) else None
        stop = next((h for h in sorted(heads) if h > i), len(lines))  # a category line ends the item
        following = following if following and following[0] <= stop else None
        if cut.siblings.startswith("lines:"):  # each heading over as many lines as the example's
            body, below = lines[i], lines[i + 1 : i + 1 + int(cut.siblings[len("lines:") :])]
        elif following and following[0] == i:
            body, below = lines[i][col : following[1] - _mark_size(lines[i], following[1], cut)], []
        elif n and starts[n - 1][0] == i:  # the last of a run inside one line ends with its sentence
            body, below = _sentence_end(lines[i][col:], 2 if cut.name_end == "。" else 1), []
        else:
            body = lines[i][col:]
            below = (
                lines[i + 1 : following[0]] if following else _last_lines(lines[i + 1 : stop], cut, stop < len(lines))
            )
        found = _read_item(body.strip(), below, number, f"第{i + 1}行", cut)
        for item in found if heads else []:
            item.category = heads.get(max((h for h in heads if h < i), default=-1))
        items.extend(found)
    return items, lines[: starts[0][0]] if starts else []


def _category_lines(lines: list[str], cut: Cut) -> dict[int, str]:
    """The lines a category's mark opens (`above:MARK`), by index, with the category they name."""
    if not cut.category.startswith("above:"):
        return {}
    pattern = mark_pattern(cut.category[len("above:") :])
    heads = {}
    for i, line in enumerate(lines):
        match = pattern.match(normal(line))
        if match and match.end() < len(line.rstrip()):
            heads[i] = strip_count(line[match.end() :])
    return heads


def _sentence_end(text: str, count: int) -> str:
    """The text up to its `count`-th 。 (a name's and its content's, or an item's own), when more follows."""
    at = -1
    for _ in range(count):
        at = normal(text).find("。", at + 1)
        if at < 0:
            return text
    return text[: at + 1]


def _mark_size(line: str, end: int, cut: Cut) -> int:
    """How many characters the next item's mark, ending at `end`, takes."""
    plain, pattern = normal(line), mark_pattern(cut.mark)
    return next((end - k for k in range(end - 1, -1, -1) if (m := pattern.match(plain, k)) and m.end() == end), 0)


def _last_lines(lines: list[str], cut: Cut, bounded: bool = False) -> list[str]:
    """The last item's lines below it (before a category line: `bounded`, all of them), with tasks on
    lines: its numbered lines, or its first line when none is numbered; the page's closing paragraphs
    and signature are not its."""
    if cut.tasks not in ("lines", "marked"):
        return []
    if bounded:
        return lines
    numbered = [line for line in lines if numbered_line(line).style]
    kept: list[str] = []
    for line in lines:
        if (numbered and not numbered_line(line).style) or (not numbered and kept):
            break
        kept.append(line)
    return kept


def _read_item(body: str, below: list[str], number: int | None, where: str, cut: Cut) -> list[_Item]:
    body, *others = body.split(CELL) if cut.cells or cut.name_end == "line" else [body]
    cells = {f: others[int(k) - 1].strip() for k, f in _held(cut) if int(k) <= len(others)}
    if not cut.category or cut.category.startswith("above:"):
        name, tasks = _named(body, below, cut)
        return [_Item(number, name, tasks, where, None, cells)] if name else []
    at = _unbracketed(body).find(cut.category)
    if at <= 0:
        return []
    category, rest = body[:at].strip(), body[at + 1 :].strip()
    items = []
    for k, piece in enumerate(map(numbered_line, _split_inline(rest)), start=1):
        name, tasks = _named(piece.text, [], cut)
        if name:
            items.append(_Item(piece.number or k, name, tasks, where, category, cells))
    return items


def _held(cut: Cut) -> list[tuple[str, str]]:
    return [tuple(pair.split(":", 1)) for pair in cut.cells.split(",") if ":" in pair]  # type: ignore[misc]


def _named(body: str, below: list[str], cut: Cut) -> tuple[str, list[str]]:
    """The item's name and its tasks' texts under the frame."""
    if cut.name_end == "item":
        name = body.strip().rstrip("。；;，,")
        return name, [name]
    if cut.name_end == "line":
        name, rest = body, ""
    else:
        at = _name_at(body, cut)
        name, rest = (body[:at], body[at + 1 :]) if at > 0 else (body, "")
    if cut.tasks in ("lines", "marked"):
        return name.strip(), [(numbered_line(line).text if cut.tasks == "marked" else line).strip() for line in below]
    rest = " ".join([rest.strip(), *(line.strip() for line in below)]).strip()
    if cut.tasks.startswith("split:"):
        return name.strip(), [piece.strip() for piece in _split(rest, cut.tasks[len("split:") :])]
    return name.strip(), [rest] if rest else []


def _name_at(body: str, cut: Cut) -> int:
    """Where the name ends; a piece of a separated run (`sep:`) may end its name at `：` where the
    example's ended at `，` (or the reverse): the first of the two."""
    blank = _unbracketed(body)
    if not cut.siblings.startswith("sep:") or cut.name_end not in "，：":
        return blank.find(cut.name_end)
    return min((at for at in (blank.find("，"), blank.find("：")) if at > 0), default=-1)


def _split(text: str, separator: str) -> list[str]:
    """The text cut at a separator outside brackets, empty pieces left out."""
    blank, pieces, at = _unbracketed(text), [], 0
    for k, char in enumerate(blank):
        if char == separator:
            pieces.append(text[at:k])
            at = k + 1
    pieces.append(text[at:])
    return [piece for piece in pieces if piece.strip()]


def _project(item: _Item, office: str | None) -> ParsedProject | None:
    tasks: list[ParsedTask] = []
    for text in item.tasks:
        labels, body = read_labels(text)
        if not body.strip():
            continue
        task = ParsedTask(content=body.strip().rstrip("，,；;、 "), source={"content": item.where})
        labels.apply(task)
        _fill(task, item.cells, office)
        tasks.append(task)
    if not item.name or not tasks:
        return None
    return ParsedProject(seq=item.seq, category=item.category, name=item.name, tasks=tasks, source=item.where)


def _fill(task: ParsedTask, cells: dict[str, str], office: str | None) -> None:
    """The fields a cell holds, and the signing office as the lead unit where nothing else names one."""
    for name, value in cells.items():
        if name == "deadline":
            task.deadline = value or task.deadline
        elif value:
            setattr(task, name, split_units(value))
    if office and not task.lead_units:
        task.lead_units = [office]


def plan_of_cut(document: Document, cut: Cut) -> ParsedPlan | None:
    """The plan the frame reads, when it is a plausible whole document: two or more projects, none
    holding most of the items' text (a sibling that runs on over the page)."""
    lines = document_lines(document)
    items, head = cut_items(lines, cut)
    office = signature(lines) if cut.units == "signature" else None
    projects = [p for p in (_project(item, office) for item in items) if p is not None]
    sizes = [sum(len(t.content) for t in p.tasks) for p in projects]
    if len(projects) < 2 or (len(projects) >= 3 and max(sizes) > _SWALLOWS * sum(sizes)):
        return None
    try:
        return plan_of_items(document, projects, head)
    except DocumentError:
        return None


def taught_cuts(document: Document, example: dict[str, Any]) -> list[tuple[str, ParsedPlan]]:
    """The reading the example's surroundings teach (`cut:FRAME`) with its plan, if it reads one."""
    cut = learn_cut(document_lines(document), example)
    plan = plan_of_cut(document, cut) if cut else None
    return [("cut:" + cut.key(), plan)] if cut and plan else []


def cut_plan(document: Document, items: str) -> ParsedPlan:
    """A remembered `cut:FRAME` reading applied to a document."""
    plan = plan_of_cut(document, Cut.from_key(items[len("cut:") :]))
    if plan is None:
        raise DocumentError("按记住的读法没有读出项目", document.name)
    return plan
