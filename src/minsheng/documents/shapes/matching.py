"""How a reading is judged against a clerk's example: on the example's own project (`fit`) and on
the whole document (`standing`).

`fit` alone would let a reading win by matching the one project the clerk showed while reading the
rest worse (eight items run together into two whose second holds the example). So each reading also
stands on how its whole plan holds together as the example shows a project: a project *shaped* like
the example has every field the example gives (units, deadline…) and a name of like length, not a
bare number; `standing` counts such projects fully and the others by half. A taught reading must
stand at least as well as the reading the document gets untaught (teach.teach).
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ...indicators.extract import extract
from ...text.normal import normal
from ..parsed import ParsedPlan, ParsedProject
from .listing import WORK
from .rules import due_date

# The fields of a project a clerk may show, as plan.schema.json names them.
TASK_FIELDS = ("content", "lead_units", "partner_units", "deadline", "leaders")
# The fields whose presence shapes a project (the example's units, deadline, leaders).
_SHAPING = ("lead_units", "partner_units", "deadline", "leaders")
UNSHAPED = 0.5  # what a project not shaped like the example counts for in a reading's standing


def text_key(value: Any) -> str:
    """A field as compared: normal form, no white space, no closing sentence mark, lists joined."""
    if isinstance(value, list):
        value = "、".join(str(v) for v in value)
    return re.sub(r"\s+", "", normal(str(value or ""))).rstrip("。；;，,.")


def similarity(a: Any, b: Any) -> float:
    x, y = text_key(a), text_key(b)
    if x == y:
        return 1.0
    return difflib.SequenceMatcher(None, x, y, autojunk=False).ratio()


def _same_day(a: Any, b: Any) -> float:
    """Deadlines compare by the last day they allow (`2027年10月底前` is `2027-10-31`), else as text."""
    day = due_date(text_key(a), 2001)
    return 1.0 if day and day == due_date(text_key(b), 2001) else similarity(a, b)


def fit(project: ParsedProject, example: dict[str, Any]) -> float:
    """How well a read project matches the example: the mean similarity of the fields the example gives."""
    scores = [similarity(project.name, example.get("name"))] if example.get("name") else []
    if example.get("category"):
        scores.append(similarity(project.category, example["category"]))
    for shown in (example.get("tasks") or [])[:1]:
        task = max(project.tasks, key=lambda t: similarity(t.content, shown.get("content")), default=None)
        for name in TASK_FIELDS:
            if shown.get(name):
                compare = _same_day if name == "deadline" else similarity
                scores.append(compare(getattr(task, name) if task else "", shown[name]))
    return sum(scores) / len(scores) if scores else 0.0


def best_fit(plan: ParsedPlan | None, example: dict[str, Any]) -> float:
    return max((fit(p, example) for p in plan.projects), default=0.0) if plan else 0.0


def shaped(project: ParsedProject, example: dict[str, Any]) -> bool:
    """The project has every field the example gives and a name of like length (never a bare number)."""
    shown = (example.get("tasks") or [{}])[0]
    task = project.tasks[0] if project.tasks else None
    if not all(getattr(task, f, None) for f in _SHAPING if shown.get(f)):
        return False
    size = max(len(text_key(example.get("name") or shown.get("content"))), 1)
    name = text_key(project.name)
    return len(name) >= 2 and not name.isdigit() and size / 3 <= len(name) <= size * 3


def likeness(plan: ParsedPlan, example: dict[str, Any]) -> float:
    """How much the reading's other projects look like the example, to rank readings that match it
    alike: the same units and deadline filled (or not), a name of a like length."""
    shown = (example.get("tasks") or [{}])[0]
    size = max(len(text_key(example.get("name"))), 1)
    alike = 0
    for project in plan.projects:
        task = project.tasks[0] if project.tasks else None
        same = all(bool(shown.get(f)) == bool(task and getattr(task, f)) for f in ("lead_units", "deadline"))
        alike += same and size / 3 <= len(text_key(project.name)) <= size * 3
    return alike / max(len(plan.projects), 1)


def standing(plan: ParsedPlan, example: dict[str, Any]) -> float:
    """How a reading holds together on the whole document: its projects shaped like the example count
    one each, the others `UNSHAPED` (eight unshaped items stand above two shaped ones). Where the
    example holds several tasks, each project counts its tasks: a reading that gathers tasks under
    their project, as the example does, stands on as many rows as one reading each task alone."""
    many = len(example.get("tasks") or []) > 1
    weights = [(max(len(p.tasks), 1) if many else 1, shaped(p, example)) for p in plan.projects]
    alike = sum(w for w, ok in weights if ok)
    return alike + UNSHAPED * (sum(w for w, _ in weights) - alike)


def names_itself(example: dict[str, Any]) -> bool:
    """The example's content is its name (a list of names: the item is its name and nothing else)."""
    shown = (example.get("tasks") or [{}])[0]
    name = text_key(example.get("name"))
    return bool(name) and name == text_key(shown.get("content"))


def shape_kept(plan: ParsedPlan, example: dict[str, Any]) -> float:
    """The share of a reading's projects that keep how the example's name and content stand to each
    other. Where the example's content is its name, a project breaks it when its content is other
    than its name and either its name is cut inside a quote or bracket, or what stands as its content
    reads like no work (a caption or a byline taken in under it). A title over a content of work is
    another shape of item, which an item that is its own name says nothing against. 1.0 when the
    example shows no such relation."""
    if not plan.projects or not names_itself(example):
        return 1.0
    return sum(1 for p in plan.projects if p.tasks and _keeps_name(p.name, p.tasks[0].content)) / len(plan.projects)


_OPEN_CLOSE = (("“", "”"), ("（", "）"), ("《", "》"), ("「", "」"))


def _keeps_name(name: str, content: str) -> bool:
    if text_key(content) == text_key(name):
        return True
    plain = normal(name)
    if any(plain.count(a) != plain.count(b) for a, b in _OPEN_CLOSE):
        return False  # a name cut inside its own quote or bracket
    rest = text_key(content).replace(text_key(name), "", 1)  # what the content holds beyond the name
    return bool(WORK.search(rest) or extract(rest))
