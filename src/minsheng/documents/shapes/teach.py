"""Taught by one example: the reading of a document that yields the project a clerk showed.

A reading is a few parameters (`Reading`): where items start (the reader's own rules,
one numbering level, a run of one kind of paired bracket, one paragraph's separator,
for a table which column holds what, or the frame of marks and delimiters around the
example that finds its siblings: taught_cut.py), where a name ends, whether the first unit
listed leads, where the deadline is. Every reading the document allows is made
(`candidates`), the project of each that best matches the example is scored field by
field on normalised text, and the best reading is applied to the whole document.
The reader's own reading wins every tie, so an example never makes a plan that
already reads right read worse. With no example, `best_reading` offers the reading
whose items read most like work, rather than refusing a plan-like document.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from typing import Any

from ...indicators.extract import extract
from ...text.normal import normal
from ..errors import DocumentError
from ..parsed import Document, ParsedPlan
from ..store.mapping import ColumnMap, header_key
from .blind import blind_kinds, score, unwrapped_prose
from .counts import stated_counts
from .furniture import without_furniture
from .grid import expand, header_at
from .labels import FIRST_LEADS, LABEL
from .layout import plan_of_items, read_plan
from .learned import bracket_frame, deadline_frame, learn, learned_items, marks_of
from .list_marks import MARK_WORDS
from .matching import best_fit, likeness, names_itself, standing, text_key
from .records import read_records
from .rules import title_parts
from .taught_siblings import cut_plan, taught_cuts
from .teach_columns import column_candidates
from .teach_example import example_status, with_status
from .teach_items import (
    NAME_ENDS,
    PAIRS,
    SEPARATORS,
    ItemText,
    build,
    lines_of,
    marker_items,
    pair_runs,
    separated_items,
)
from .teach_shape import reshaped
from .titles import announces, pick_title

SURE = 0.999  # an example matched this well by the reader's own reading needs no teaching


@dataclass(frozen=True)
class Reading:
    """The parameters of one reading. `items`: auto | records | mark:STYLE | pair:《》 | sep:；| columns, or a cut
    learned from the example (learned.py): learn:MARK | run:DELIM|OPENER, or the frame its surroundings
    teach (taught_cut.py): cut:FRAME; `deadline`: label | phrase | frame:WORDS;
    `bracket`: what the parts of a closing bracket hold (learned.bracket_frame); `run`: which run of that
    kind (0 = the longest); `columns`: a table's column map (JSON)."""

    items: str = "auto"
    run: int = 0
    name_end: str = "auto"
    content: str = "rest"
    first_leads: bool = False
    deadline: str = "label"
    columns: tuple[tuple[str, str], ...] = ()
    category: str = "none"
    bracket: str = ""
    status: str = "auto"  # the example's status for every project (teach_example.example_status)

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["columns"] = dict(self.columns)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Reading:
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        known["columns"] = tuple(sorted((str(k), str(v)) for k, v in (data.get("columns") or {}).items()))
        return cls(**known)

    def describe(self) -> str:
        """In the clerk's words, for the preview."""
        kind, _, detail = self.items.partition(":")
        where = {
            "auto": "按已知格式",
            "mark": f"按{MARK_WORDS.get(detail, '同一级')}编号分项",  # never the style's inner key
            "pair": f"按{detail[:1]}…{detail[1:]}括起的各项",
            "sep": f"按“{detail}”分隔的各项",
            "columns": "按示例对应的各列",
            "learn": f"按示例学到的“{detail}”编号分项",
            "run": f"按示例学到的“{detail.partition('|')[2]}…{detail.partition('|')[0]}…”列举分项",
            "cut": "按示例项目前后的编号和标点找出同样的各项",
            "records": "按项目标题及其下逐行标注的字段（责任单位：…、完成时限：…）分项",
        }[kind]
        name = {
            "auto": "",
            "whole": "，整项为名称",
            "line": "，名称为第一行",
            "colon": "，名称止于“：”",
            "period": "，名称止于“。”",
        }
        held = "，各项末尾括号内依次为" + "、".join(_HELD.get(f, "其他") for f in self.bracket[9:].split(","))
        return where + name.get(self.name_end, "，名称止于第一个“，”") + (held if self.bracket else "")


_HELD = {"lead_units": "牵头单位", "partner_units": "配合单位", "deadline": "完成时间", "leaders": "责任领导"}


@dataclass
class Taught:
    """A reading chosen for an example: its plan, the example's fit, the runner-up's names, the untaught count."""

    reading: Reading
    plan: ParsedPlan
    fit: float
    others: set[str]
    before: int | None = None


# -- the candidate readings ------------------------------------------------------------------


def _splits(
    document: Document, example: dict[str, Any] | None = None, learned: str = "", blind: bool = False
) -> Iterator[tuple[str, int, list[ItemText], list[str]]]:
    """Every way the generic splitters cut the document: (items, run, the items, the lines above them);
    with an example, also the cuts learned from where it sits (`learned`: one such cut, remembered);
    `blind`: the cuts the text itself suggests with no example (blind.blind_kinds)."""
    paragraphs = without_furniture(document.paragraphs)
    prose = unwrapped_prose(paragraphs)  # a sentence's run of names is read across a wrapped line
    taught = learn(prose, example) if example else list(blind_kinds(prose)) if blind else []
    for kind in ([learned] if learned else []) + taught:
        for run, (items, head) in enumerate(learned_items(prose if kind.startswith("run:") else paragraphs, kind)):
            yield kind, run, items, head
    lines = lines_of(paragraphs)
    for style in sorted({str(line.style) for line in lines if line.style}):
        items = marker_items(lines, style)
        if len(items) >= 2:
            first = next(i for i, line in enumerate(lines) if line.style == style)
            yield f"mark:{style}", 0, items, [line.raw for line in lines[:first]]
    for pair in PAIRS:
        yield from _runs(f"pair:{pair}", pair_runs(prose, pair), prose)
    for separator in SEPARATORS:
        yield from _runs(f"sep:{separator}", separated_items(paragraphs, separator), paragraphs)


def _runs(
    kind: str, runs: list[list[ItemText]], paragraphs: list[str]
) -> Iterator[tuple[str, int, list[ItemText], list[str]]]:
    ordered = sorted(runs, key=len, reverse=True)
    for run, items in enumerate(ordered):
        at = int(items[0].where[1:].split("段")[0]) - 1
        yield kind, run, items, paragraphs[:at]


def _variants(
    example: dict[str, Any] | None, document: Document, frame: str | None = None, bracket: str | None = None
) -> Iterator[tuple[str, str, bool, str, str]]:
    """The name-end, content, first-leads, deadline and bracket choices worth trying for this example
    (`frame`: the words before its deadline in its item, learned.deadline_frame; `bracket`: what its
    closing bracket holds, learned.bracket_frame)."""
    shown = ((example or {}).get("tasks") or [{}])[0]
    first_leads = bool(FIRST_LEADS.search(normal("\n".join(document.paragraphs))))
    leads = (first_leads, not first_leads) if shown.get("partner_units") else (first_leads,)
    deadlines = ("label", "phrase", *([frame] if frame else [])) if shown.get("deadline") else ("label",)
    named = ("name",) if example and names_itself(example) else ()
    for name_end in NAME_ENDS if example else ("auto",):
        # an item that is only its name is its first line: what the lines below hold is not its own
        for content in ("rest", "whole", *(named if name_end == "line" else ())) if name_end != "whole" else ("whole",):
            for lead in leads:
                for deadline in deadlines:
                    for held in ("", bracket) if bracket else ("",):
                        yield name_end, content, lead, deadline, held


def _items_plan(document: Document, items: list[ItemText], head: list[str], r: Reading) -> ParsedPlan | None:
    found = [build(i, r.name_end, r.content, r.first_leads, r.deadline, r.category, r.bracket) for i in items]
    projects = [p for p in found if p is not None]
    if len(projects) < 2:
        return None
    try:
        return plan_of_items(document, projects, head)
    except DocumentError:
        return None


def candidates(
    document: Document, example: dict[str, Any] | None = None, blind: bool = False
) -> Iterator[tuple[Reading, ParsedPlan]]:
    """Each reading the document allows with the plan it gives (targets not yet extracted); `blind`:
    with no example, also the learned cuts the text suggests (blind.py)."""
    for index, columns, table_plan in column_candidates(document, example) if document.tables else []:
        yield Reading("columns", index, columns=columns), table_plan
    records = _records_plan(document)
    if records is not None:
        yield Reading("records"), records
    for kind, run, items, head in _splits(document, example, blind=blind):
        frame = deadline_frame(items, example) if example else None
        held = bracket_frame(items, example) if example else None
        for name_end, content, lead, deadline, bracket in _variants(example, document, frame, held):
            # a run's clause before its opener (`一是…类，包括`) names its category
            category = "heading" if (example or {}).get("category") or (blind and kind.startswith("run:")) else "none"
            reading = Reading(kind, run, name_end, content, lead, deadline, category=category, bracket=bracket)
            plan = _items_plan(document, items, head, reading)
            if plan is not None:
                yield reading, plan
    # last, so that a reading of the others matching the example as well keeps it (a tie keeps the first)
    for kind, taught_plan in taught_cuts(document, example) if example else []:
        yield Reading(kind), taught_plan  # the frame the example's surroundings teach (taught_cut.py)


def _records_plan(document: Document) -> ParsedPlan | None:
    """The document read as labelled records (records.py), whichever reading the rules chose."""
    found, head = read_records(without_furniture(document.paragraphs), document.name)
    try:
        return plan_of_items(document, found, head) if found else None
    except DocumentError:
        return None


def apply(document: Document, reading: Reading) -> ParsedPlan:
    """The plan under one reading (a remembered one, or the one an example chose)."""
    return with_status(_applied(document, reading), reading.status)


def _applied(document: Document, reading: Reading) -> ParsedPlan:
    if reading.items == "auto":
        return read_plan(document)
    if reading.items.startswith("cut:"):
        return _with_targets(cut_plan(document, reading.items), reading)
    if reading.items == "records":
        plan = _records_plan(document)
        if plan is not None:
            return plan
    if reading.items == "columns":
        columns = {int(c): f for c, f in reading.columns}
        return _with_targets(read_plan(document, ColumnMap(columns, None, reading.run)), reading)
    learned = reading.items if reading.items.startswith(("learn:", "run:")) else ""
    for kind, run, items, head in _splits(document, learned=learned):
        if kind == reading.items and run == reading.run:
            plan = _items_plan(document, items, head, reading)
            if plan is not None:
                return _with_targets(plan, reading)
    raise DocumentError("按记住的读法没有读出项目", document.name)


def _with_targets(plan: ParsedPlan, reading: Reading) -> ParsedPlan:
    if reading.items not in ("auto", "columns"):
        for project in plan.projects:
            for task in project.tasks:
                task.indicators = extract(task.content)
    return plan


_HEAD_LINES = 6  # a title stands in the first lines of a page, before its lead paragraph


def teach(document: Document, example: dict[str, Any], rules: bool = True) -> Taught:
    """The reading whose plan holds the project most like the example, applied to the whole document,
    among those that stand on the whole document at least as well as its untaught reading (the rules',
    or their best guess where they find nothing: matching.standing). The untaught reading is kept when
    it matches as well as any other (`rules=False`: left out, to measure what the generic readings
    alone do: bench/teach_bench.py)."""
    untaught = _untaught(document) if rules else None
    floor = standing(untaught[1], example) if untaught else 0.0
    ranked: list[tuple[tuple[float, int, float, int], Reading, ParsedPlan]] = []
    if untaught is not None:
        reading, own = untaught
        ranked.append(((round(best_fit(own, example), 3), 1, 1.0, len(own.projects)), reading, own))
    if untaught is not None and best_fit(untaught[1], example) >= SURE:
        # the example reads right already: it may still show the shape the rest of the document breaks
        found = reshaped(untaught[1], example, candidates(document, example), SURE)
        if found is not None:
            ranked = [((1.0, 1, 1.0, len(found[1].projects)), *found)]
    else:
        for reading, plan in candidates(document, example):
            if standing(plan, example) < floor - 1e-9:
                continue  # better on the example's project, worse on the rest of the document
            key = (round(best_fit(plan, example), 3), 0, round(likeness(plan, example), 1), len(plan.projects))
            ranked.append((key, reading, plan))
    if not ranked:
        raise DocumentError("按示例项目也没有找到可读的分项：请检查示例的名称和内容是否与文件一致", document.name)
    ranked.sort(key=lambda r: r[0], reverse=True)
    (score, _, _, _), reading, plan = ranked[0]
    others = _names(ranked[1][2]) if len(ranked) > 1 else _names(plan)
    reading = replace(reading, status=example_status(plan, example))
    plan = with_status(plan, reading.status)
    before = len(untaught[1].projects) if untaught else None
    return Taught(reading, _with_heading(_with_targets(plan, reading), document), score, others, before)


def _with_heading(plan: ParsedPlan, document: Document) -> ParsedPlan:
    """A generic cut reads items, not the page's head: the title (and the year and place it names)
    come from the lines that open the document, as the rules' list reading takes them."""
    if plan.title:
        return plan
    names = _names(plan)  # a project's own heading line is no title of the page
    head = [line for line in document.paragraphs[:_HEAD_LINES] if text_key(line) not in names]
    # a list run into its lead-in (2027年武进区民生实事项目：一、…；二、…) has its title before the colon
    leads = [line.replace(":", "：").split("：", 1)[0] for line in head if "：" in line.replace(":", "：")]
    leads = [lead for lead in leads if not announces(lead)]  # 这十件民生实事分别是： opens the list
    title = pick_title(head) or pick_title(leads)
    if title:
        year, place = title_parts(title)
        plan.title, plan.year, plan.jurisdiction = title, plan.year or year, plan.jurisdiction or place
    return plan


def _untaught(document: Document) -> tuple[Reading, ParsedPlan] | None:
    """The reading a document gets with no example: the rules', else their best guess (best.read_best)."""
    try:
        plan = read_plan(document)
    except DocumentError:
        guess = None if document.tables else best_reading(document)
    else:
        guess = counted_guess(document, plan)
        if guess is None:
            return Reading(), plan
    return (guess.reading, guess.plan) if guess else None


def counted_guess(document: Document, plan: ParsedPlan) -> Taught | None:
    """When the rules read a count of projects the document never states (counts.py), not from a
    table's named columns, a blind reading with more projects and a count it does state, if any."""
    totals = stated_counts(document.paragraphs)
    if not totals or len(plan.projects) in totals:
        return None
    if any({"content", "name"} & set(getattr(r, "columns", {})) for r in plan.readings):
        return None  # a table's columns read it: not a guess's to replace
    return best_reading(document, fewer_than=len(plan.projects))


def _names(plan: ParsedPlan) -> set[str]:
    return {text_key(p.name) for p in plan.projects}


def best_reading(document: Document, fewer_than: int | None = None) -> Taught | None:
    """No example: the reading whose items read most like a plan (blind.score: a count the document
    states, names of like length, items that read like work), over every cut teaching knows tried
    blind; None when none is plan-like (the document is then refused). `fewer_than`: the rules read
    that many projects, a count the document never states; only a reading with more, and a count it
    does state, may stand in for theirs."""
    totals = stated_counts(document.paragraphs)
    best: tuple[float, Reading, ParsedPlan] | None = None
    names: list[set[str]] = []
    for reading, plan in candidates(document, blind=True):
        if fewer_than is not None and (len(plan.projects) <= fewer_than or len(plan.projects) not in totals):
            continue
        plan = _with_targets(plan, reading)
        found = score([p.name for p in plan.projects], [t.content for p in plan.projects for t in p.tasks[:1]], totals)
        if found > 0:
            names.append(_names(plan))
        if found > 0 and (best is None or found > best[0]):
            best = (found, reading, plan)
    if best is None:
        return None
    others = next((n for n in names if n != _names(best[2])), _names(best[2]))
    return Taught(best[1], _with_heading(best[2], document), 0.0, others)


def shapes_of(document: Document) -> tuple[str, str, str]:
    """A document's shapes, under which a taught reading is remembered: its tables' header wording
    (for a reading of columns), how its text can be cut into items — numberings, paired-bracket
    runs, separated runs — with the kinds of label it uses (units, deadline…), and with the marks its
    lines start with (for a learned cut: learned.marks_of); never its words."""
    headers = []
    for table in document.tables:
        grid = expand(table)
        if grid:
            headers.append(header_key([s.text for s in grid[header_at(grid)]]))
    kinds = sorted({kind for kind, _, _, _ in _splits(document)})
    paragraphs = without_furniture(document.paragraphs)
    text = normal("\n".join(paragraphs))
    labels = sorted({m.lastgroup or "" for m in LABEL.finditer(text) if m.lastgroup != "other"})
    listed = f"list:{','.join(kinds)}|{','.join(labels)}"
    return "table:" + "‖".join(headers)[:900], listed, f"{listed}|marks:{','.join(marks_of(paragraphs))}"


def shape_for(shapes: str, reading: dict[str, Any]) -> str:
    """Of a document's shapes (ParsedPlan.shape, one a line), the one a reading is remembered under: a
    learned cut's under the marks its lines start with (learned.marks_of) and its own mark or delimiter."""
    table, listed, marks = (shapes.split("\n") + ["", ""])[:3]
    items = str(reading.get("items", ""))
    if items.startswith("learn:"):
        return f"{marks}|{items}" if items[len("learn:") :] in marks.split("marks:")[-1].split(",") else ""
    if items.startswith("cut:"):  # a frame taught by the example's surroundings: the marks it reads by
        return f"{marks}|{items}"
    if items.startswith("run:"):
        return f"{listed}|run:{items[len('run:') :].partition('|')[0]}"
    return table if items == "columns" else listed
