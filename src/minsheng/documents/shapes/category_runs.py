"""Projects named by category in one paragraph of a news story:
`其中，安居保障类3项，主要是A、B、C等工程；城市安全类3项，主要是D、E、F等工程；…`.

Each clause names a category (…类), how many projects it holds, then their names run with 、 after a
listing word; the shared tail (`等工程`) closes the run and belongs to no name. A run's count must
match its names, so a sentence that only mentions a category is no list; two or more such clauses
make the paragraph a plan. A copy that stops inside the last run keeps only the names a 、 closed:
the piece after the last 、 may be a fragment (`困难人群关`)."""

from __future__ import annotations

import re

from ...indicators.extract import extract
from ...text.normal import normal
from ..parsed import ParsedProject, ParsedTask
from .rules import parse_seq

# 安居保障类3项，主要是 — the category, its count, the listing word; the run follows to the clause's end
_CLAUSE = re.compile(
    r"(?P<category>[\u4e00-\u9fff]{2,8}类)(?P<count>[\d一二两三四五六七八九十]{1,2})(?:项|个|件)[，：]?"
    r"(?:主要是|主要有|主要包括|包括|分别是|分别为|即|为|有)[：]?(?P<run>[^；。]*)(?P<end>[；。]?)"
)
_SHARED_TAIL = re.compile(r"等(?:[\d一二两三四五六七八九十]{1,2}(?:项|个|件))?(?:工程|项目|实事|民生实事)?$")
NAME_MIN, NAME_MAX = 2, 40
RUNS_MIN = 2  # one counted category alone may be a remark; two make the paragraph a list


def read_category_runs(paragraph: str, where: str) -> list[ParsedProject]:
    """The projects of a paragraph of counted category runs, each with its category; none when fewer
    than two runs match their counts."""
    plain = normal(paragraph)
    runs = [_names(clause) for clause in _CLAUSE.finditer(plain)]
    if len(runs) < RUNS_MIN or not all(runs):
        return []
    return [_project(category, name, where) for run in runs for category, name in run]


def _names(clause: re.Match[str]) -> list[tuple[str, str]]:
    """The clause's (category, name) pairs; none when the names do not match its count."""
    count = parse_seq(clause.group("count"))
    pieces = [piece.strip() for piece in clause.group("run").split("、")]
    if clause.group("end"):
        pieces[-1] = _SHARED_TAIL.sub("", pieces[-1]).strip()
        fits = len(pieces) == count
    else:  # the copy stops inside this run: only names a 、 closed are whole
        pieces = pieces[:-1]
        fits = bool(pieces) and count is not None and len(pieces) < count
    if not fits or not all(NAME_MIN <= len(piece) <= NAME_MAX for piece in pieces):
        return []
    return [(clause.group("category"), piece) for piece in pieces]


def _project(category: str, name: str, where: str) -> ParsedProject:
    task = ParsedTask(content=name)
    task.indicators = extract(name)
    return ParsedProject(seq=None, category=category, name=name, tasks=[task], source=f"{where} {category}")
