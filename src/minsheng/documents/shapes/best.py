"""One way in for every reading of a document: the reader's rules, a taught or remembered reading,
or, when the rules find nothing in a plan-like document, its best guess; each project with how
sure the reader is of it (sureness.py). A document with nothing plan-like is still refused."""

from __future__ import annotations

from typing import Any

from ..errors import DocumentError
from ..parsed import Document, ParsedPlan, ReadWarning
from ..store.mapping import ColumnMap, MappingSource
from .counts import stated_counts
from .furniture import without_furniture
from .layout import read_plan
from .rules import due_date, title_parts
from .said_deadlines import read_said_deadlines
from .sureness import assess
from .teach import Reading, apply, best_reading, counted_guess, teach
from .titles import pick_title, year_in
from .work_sentences import read_work_sentences

GUESS_WARNING = "未按已知格式读出，以下是最可能的读法：请核对把握不大的项目，或在下方用一个项目示范正确读法"
SENTENCES_WARNING = (
    "未按已知格式读出，以下每个项目是文中一句像工作任务的话，只是猜测：请逐项核对；"
    "在下方用一个项目示范正确读法，将按示范重新读整份文件"
)
NOTHING_PLAN_LIKE = (
    "文件中没有找到可识别的任务分解表，也没有读到像工作任务的条目或句子"
    "（如编号的事项、“新建…”“完成…”等带目标的句子）：请确认这是民生实事计划"
)


def read_best(
    document: Document,
    column_map: ColumnMap | None = None,
    remembered: MappingSource | None = None,
    *,
    example: dict[str, Any] | None = None,
    taught: dict[str, Any] | None = None,
    unsure: frozenset[str] | set[str] = frozenset(),
) -> ParsedPlan:
    """The plan in a document: read as the clerk's `example` shows (teach), else by the `taught`
    reading remembered for its shape, else by the rules (with `column_map` and the `remembered` maps)."""
    if example is not None:
        found = teach(document, example)
        plan = found.plan
        plan.taught = found.reading.to_json()
        assess(plan, found.others, unsure_places=unsure)
        return plan
    if taught is not None:
        try:
            plan = apply(document, Reading.from_json(taught))
        except DocumentError:
            pass  # the remembered reading finds nothing here: the rules read it
        else:
            plan.taught = taught
            assess(plan, unsure_places=unsure)
            return plan
    try:
        plan = read_plan(document, column_map, remembered)
    except DocumentError:
        if document.tables:
            raise
        return _unread(document, unsure)
    # the rules read a count the document never states: a blind reading with more projects and a
    # count it does state is the likelier one (blind.py), offered as a guess to check
    guess = counted_guess(document, plan) if column_map is None else None
    if guess is not None:
        return _guessed(guess.plan, guess.others, unsure, document)
    assess(plan, unsure_places=unsure, stated=stated_counts(document.paragraphs))
    return plan


def _unread(document: Document, unsure: frozenset[str] | set[str]) -> ParsedPlan:
    """A text no rule reads: its best blind reading (blind.py), else its sentences that read like work."""
    guess = best_reading(document)
    if guess is None:
        return _sentences(document, unsure)
    return _guessed(guess.plan, guess.others, unsure, document)


def _sentences(document: Document, unsure: frozenset[str] | set[str]) -> ParsedPlan:
    """The last reading: each sentence that reads like work a project, every one a guess;
    a text with fewer than three such sentences is no plan and is refused."""
    paragraphs = without_furniture(document.paragraphs)
    title = pick_title(paragraphs[:3])
    projects = read_work_sentences([p for p in paragraphs if p.strip() != title], document.name)
    if not projects:
        raise DocumentError(NOTHING_PLAN_LIKE, document.name)
    year, jurisdiction = title_parts(title)  # a story's body names reporters and offices, not the place
    year = year or year_in(paragraphs)
    read_said_deadlines(projects)  # `年底前完成` said in most sentences
    for task in (t for p in projects for t in p.tasks):
        task.due = due_date(task.deadline, year)
    plan = ParsedPlan(jurisdiction, year, title, projects)
    plan.warnings.append(ReadWarning(SENTENCES_WARNING, document.name))
    assess(plan, guessed=True, unsure_places=unsure)
    return plan


def _guessed(plan: ParsedPlan, others: set[str], unsure: frozenset[str] | set[str], document: Document) -> ParsedPlan:
    plan.warnings.insert(0, ReadWarning(GUESS_WARNING, document.name))
    assess(plan, others, guessed=True, unsure_places=unsure, stated=stated_counts(document.paragraphs))
    return plan
