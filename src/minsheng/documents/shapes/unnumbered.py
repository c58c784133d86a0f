"""Plans printed as lists without numbers: the last shapes tried when no table, numbered list,
labelled block or one-sentence enumeration holds a plan.

- names one per line under a line that states how many there are (`2025年全市8大重点民生实事项目`,
  then perhaps a note line `（按得票多少排序）`): kept only when exactly that many name lines follow;
- items `名称项目：内容。` one per line, three or more in a row, each name ending as a project's does
  (…项目, …工程) and each content stating work or a target;
- paragraphs `名称。内容`, three or more in a row, each opening with a short title sentence (no comma
  in it) and going on with content that states work or a target (a news page's items);
- a number alone on its line (a table's 序号 rendered as a paragraph) followed by the lines of that
  project's targets, numbered 1, 2, 3 … in order;
- a heading line with no mark over one content line, three or more such pairs in a row (heading_blocks.py).

Anything that fits none of them is left alone, and the document is refused as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ...indicators.extract import extract
from ...text.normal import normal
from ..parsed import ParsedProject, ParsedTask
from .enumeration import STATED
from .furniture import FURNITURE
from .heading_blocks import heading_blocks
from .listing import WORK
from .rules import parse_seq

_NAME_LINE = re.compile(r"^[^，,。；;：:！？!?\s]{2,30}$")
_NOTE_LINE = re.compile(r"^[（(][^（()）]{1,20}[)）]$")
_TITLED = re.compile(r"^([^，,。；;：:！？!?]{2,24}?(?:项目|工程|行动|计划))[：:]\s*(\S.+)$")
_LONE_NUMBER = re.compile(r"^\d{1,2}$")
# `农村危房改造。组织各县对…实施改造。`: a short title sentence, then the item's content
_TITLE_SENTENCE = re.compile(r"^([^，,。；;：:！？!?\s]{2,25})。\s*(\S.{5,})$")


def read_unnumbered(paragraphs: list[str], where: str) -> tuple[list[ParsedProject], list[str]]:
    """The projects of a list without numbers, and the lines above it; none when no shape fits."""
    lines = [raw.strip() for p in paragraphs for raw in p.split("\n") if raw.strip()]
    for shape in (_counted_names, _titled_items, _numbers_alone, _title_sentences):
        found = shape(lines)
        if found:
            start, items = found
            projects = [_project(n, tasks, where) for n, tasks in enumerate(items, start=1)]
            return projects, lines[:start]
    blocks = heading_blocks(lines)
    if blocks:
        start, named = blocks
        return [_headed(n, name, texts, where) for n, (name, texts) in enumerate(named, start=1)], lines[:start]
    return [], []


def _headed(seq: int, name: str, texts: list[str], where: str) -> ParsedProject:
    """A heading line's project: the heading names it, the lines below are its tasks."""
    tasks = [ParsedTask(content=text, indicators=extract(text)) for text in texts]
    return ParsedProject(seq=seq, category=None, name=name, tasks=tasks, source=f"{where} 第{seq}项")


def _states_work(text: str) -> bool:
    return bool(extract(text) or WORK.search(normal(text)))


def _counted_names(lines: list[str]) -> tuple[int, list[list[str]]] | None:
    """`8大重点民生实事项目` / `（按得票多少排序）` / eight name lines."""
    for i, line in enumerate(lines):
        stated = STATED.search(normal(line))
        count = parse_seq(stated.group(1)) if stated else None
        if not count or count < 2 or not _NAME_LINE.match(normal(line)):
            continue
        start = i + 1 + (i + 1 < len(lines) and bool(_NOTE_LINE.match(normal(lines[i + 1]))))
        names = _run(lines, start, lambda text: bool(_NAME_LINE.match(normal(text))) and not _furniture(text))
        if len(names) == count:
            return start, [[name] for name in names]
    return None


def _titled_items(lines: list[str]) -> tuple[int, list[list[str]]] | None:
    """Three or more `名称项目：内容` lines in a row whose content states work or a target."""
    return _named_run(lines, _TITLED)


def _title_sentences(lines: list[str]) -> tuple[int, list[list[str]]] | None:
    """Three or more paragraphs in a row, each a short title sentence and content stating work."""
    return _named_run(lines, _TITLE_SENTENCE)


def _named_run(lines: list[str], shape: re.Pattern[str]) -> tuple[int, list[list[str]]] | None:
    """The first three or more lines in a row that fit `shape` (name, content) with content stating work."""

    def fits(text: str) -> bool:
        match = shape.match(normal(text))
        return bool(match) and not _furniture(text) and _states_work(text[match.start(2) :] if match else "")

    for i in range(len(lines)):
        items = _run(lines, i, fits)
        if len(items) >= 3:
            return i, [[item] for item in items]
    return None


def _furniture(text: str) -> bool:
    return bool(FURNITURE.match(normal(text)))


def _numbers_alone(lines: list[str]) -> tuple[int, list[list[str]]] | None:
    """`1` / its target lines / `2` / … : numbers in order from 1, each over at least one line."""
    starts = [i for i, line in enumerate(lines) if _LONE_NUMBER.match(normal(line))]
    run: list[int] = []
    for at in starts:
        if int(normal(lines[at])) == len(run) + 1:
            run.append(at)
        elif int(normal(lines[at])) == 1:
            run = [at]
    if len(run) < 2:
        return None
    items = []
    for n, at in enumerate(run):
        end = run[n + 1] if n + 1 < len(run) else len(lines)
        tasks = _run(lines[:end], at + 1, lambda text: _states_work(text) and not _furniture(text))
        if not tasks or (n + 1 < len(run) and at + 1 + len(tasks) != end):
            return None
        items.append(tasks)
    return run[0], items


def _run(lines: list[str], start: int, fits: Callable[[str], bool]) -> list[str]:
    """The lines from `start` on that fit, up to the first that does not."""
    out: list[str] = []
    for text in lines[start:]:
        if not fits(text):
            break
        out.append(text)
    return out


def _project(seq: int, texts: list[str], where: str) -> ParsedProject:
    titled = (_TITLED.match(normal(texts[0])) or _TITLE_SENTENCE.match(normal(texts[0]))) if len(texts) == 1 else None
    name = texts[0][titled.start(1) : titled.end(1)] if titled else texts[0].rstrip("。；;")
    tasks = []
    for text in [texts[0][titled.start(2) : titled.end(2)]] if titled else texts:
        task = ParsedTask(content=text)
        task.indicators = extract(text)
        tasks.append(task)
    return ParsedProject(seq=seq, category=None, name=name, tasks=tasks, source=f"{where} 第{seq}项")
