"""One way in for every reading of a document: the reader's rules, a taught or remembered reading,
or, when the rules find nothing in a plan-like document, its best guess; each project with how
sure the reader is of it (sureness.py). A document with nothing plan-like is still refused."""

from __future__ import annotations

from typing import Any

from ..errors import DocumentError
from ..parsed import Document, ParsedPlan, ReadWarning
from ..store.mapping import ColumnMap, MappingSource
from .counts import SAID, said_count, stated_counts
from .cut_tail import drop_cut_tail
from .furniture import without_furniture
from .layout import read_plan
from .matching import similarity, text_key
from .rules import due_date, title_parts
from .said_deadlines import read_said_deadlines
from .sureness import assess
from .teach import Reading, Taught, apply, best_reading, counted_guess, teach
from .titles import pick_title, year_in
from .work_sentences import read_work_sentences

GUESS_WARNING = "未按已知格式读出，以下是最可能的读法：请核对把握不大的项目，或在下方用一个项目示范正确读法"
SENTENCES_WARNING = (
    "未按已知格式读出，以下每个项目是文中一句像工作任务的话，只是猜测：请逐项核对；"
    "在下方用一个项目示范正确读法，将按示范重新读整份文件"
)
# An example whose name (or content) no project of the taught reading holds or resembles this much
# (matching.similarity) is found nowhere in the document: the untaught reading is kept. One found
# whose fields match its project less than CLOSE (matching.fit, the mean over the fields the clerk
# gave) is applied, and the clerk is asked to check it.
FOUND = 0.5
CLOSE = 0.85
NOT_FOUND = (
    "示范项目在原文中未找到（文件中找不到相符的项目），仍按原来的读法读取："
    "请从文件文字中复制一个项目的名称和内容再示范，或取消示范"
)
# An example the reading already yields teaches nothing new: said, and not remembered as a reading.
SAME = "按示范读出的结果与原读法相同，示范未改变读法"
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
    reading remembered for its shape, else by the rules (with `column_map` and the `remembered` maps);
    an example found nowhere in the document leaves the reading it would have had without it."""
    if example is not None:
        return _taught(document, example, (column_map, remembered, taught), unsure)
    if taught is not None:
        try:
            plan = apply(document, Reading.from_json(taught))
        except DocumentError:
            pass  # the remembered reading finds nothing here: the rules read it
        else:
            plan.taught = taught
            assess(plan, unsure_places=unsure)
            return _said_count(plan, document)
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
    assess(plan, unsure_places=unsure)
    return _said_count(plan, document)


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
    return _said_count(plan, document)


def _guessed(plan: ParsedPlan, others: set[str], unsure: frozenset[str] | set[str], document: Document) -> ParsedPlan:
    plan.warnings.insert(0, ReadWarning(GUESS_WARNING, document.name))
    assess(plan, others, guessed=True, unsure_places=unsure)
    return _said_count(plan, document)


def _said_count(plan: ParsedPlan, document: Document) -> ParsedPlan:
    """A copy's cut last item left out (cut_tail.py), then a count of projects the document states
    and the reading misses, said once in the notice (the rules' list reading may have said it
    already, layout._check_totals)."""
    drop_cut_tail(plan, document)
    said = said_count(stated_counts(document.paragraphs), len(plan.projects))
    if said and not any(w.message.startswith(SAID) for w in plan.warnings):
        plan.warnings.append(ReadWarning(said, f"{document.name} 正文"))
    return plan


def _taught(
    document: Document,
    example: dict[str, Any],
    untaught: tuple[ColumnMap | None, MappingSource | None, dict[str, Any] | None],
    unsure: frozenset[str] | set[str],
) -> ParsedPlan:
    """The reading the example shows, with what the clerk should check about it; an example that
    matches nothing in the document teaches nothing: the reading it had without one (`untaught`: the
    clerk's column map, the remembered maps and reading) stands, and says why."""
    found = teach(document, example)
    column_map, remembered, taught = untaught
    if not _found(found.plan, example):
        plan = read_best(document, column_map, remembered, taught=taught, unsure=unsure)
        plan.taught_doubts = [NOT_FOUND]
        return plan
    before = _before(document, untaught, unsure)
    if before is not None and _rows(found.plan) == _rows(before) and not _guessed_reading(before):
        before.taught_doubts = [SAME]  # a guess the example bears out is taught, not the same
        return before
    plan = found.plan
    plan.taught = found.reading.to_json()
    plan.taught_doubts = _taught_doubts(found, len(before.projects) if before else None)
    assess(plan, found.others, unsure_places=unsure)
    return _said_count(plan, document)


def _before(
    document: Document,
    untaught: tuple[ColumnMap | None, MappingSource | None, dict[str, Any] | None],
    unsure: frozenset[str] | set[str],
) -> ParsedPlan | None:
    """The reading the preview showed before the example; None where the document read no way."""
    column_map, remembered, taught = untaught
    try:
        return read_best(document, column_map, remembered, taught=taught, unsure=unsure)
    except DocumentError:
        return None


def _guessed_reading(plan: ParsedPlan) -> bool:
    return any(w.message in (GUESS_WARNING, SENTENCES_WARNING) for w in plan.warnings)


def example_applied(plan: ParsedPlan) -> bool:
    """The reading is the example's own: found in the document and other than the reading without it
    (only such a reading is remembered for the office on confirming)."""
    return plan.taught is not None and not {NOT_FOUND, SAME} & set(plan.taught_doubts)


def _rows(plan: ParsedPlan) -> dict[str, Any]:
    """All a reading holds, as stored: title, place, year, and every project's category, name,
    status and tasks with their every field (a category the example adds is a change)."""
    return plan.to_json()


def _found(plan: ParsedPlan, example: dict[str, Any]) -> bool:
    """Some project holds the example's name (or content, given alone) or resembles it."""
    shown = text_key(example.get("name") or ((example.get("tasks") or [{}])[0]).get("content"))
    for project in plan.projects:
        texts = [text_key(project.name), *(text_key(t.content) for t in project.tasks)]
        if any(shown in text or similarity(text, shown) >= FOUND for text in texts):
            return True
    return False


def _taught_doubts(found: Taught, before: int | None) -> list[str]:
    """A taught reading whose count of projects differs from the reading shown before (`before`):
    an example cut from the middle of an item may read a right document worse; or one that matches
    the example only in part."""
    doubts = []
    now = len(found.plan.projects)
    if before is not None and now < before:
        doubts.append(f"按示范读出的项目比原来少：原来{before}项，现在{now}项，请核对是否把几个项目读成了一个")
    elif before is not None and now > before:
        doubts.append(f"按示范读出的项目比原来多：原来{before}项，现在{now}项，请核对是否把一个项目拆成了几个")
    if found.fit < CLOSE:
        doubts.append(f"示范项目与读出的最接近的项目只部分相符（约{found.fit:.0%}），请核对示范和读出的项目")
    return doubts
