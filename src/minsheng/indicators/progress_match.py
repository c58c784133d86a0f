"""Which task and indicator of a plan an actual of a progress reading measures: pure functions.

A candidate is one indicator of the plan with its task's category and project. An actual scores
by the words of its group heading against the category and project (“吾优所行”工程 ~ 吾优所行),
by its own words against the indicator's name (新增公共停车位 ~ 新增公共停车泊位), and by the
target it pairs with against the indicator's value and unit (1500 个). Below MIN_SCORE: no match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from .progress_likeness import compatible, similarity
from .progress_reader import Reading, Statement, core_of, read_progress

MIN_SCORE = 0.45


@dataclass(frozen=True)
class Candidate:
    task_id: int
    indicator_id: int
    category: str
    project: str
    name: str
    value: Decimal
    unit: str
    task: str = ""  # the task's first clause: what the picker shows beside a name that may be a fragment

    def to_json(self, score: float) -> dict[str, Any]:
        return {
            "task": self.task_id,
            "project": self.project,
            "indicator": self.indicator_id,
            "indicator_name": self.name,
            "target": f"{self.value.normalize():f}",
            "unit": self.unit,
            "score": round(score, 3),
        }


def _plain(text: str) -> str:
    return re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", text)


def score(statement: Statement, heading: str, target: Decimal | None, candidate: Candidate) -> float:
    """0..1.1: how well one actual fits one indicator (target: the year target it measures, printed or implied)."""
    if not compatible(statement.unit, candidate.unit):
        return 0.0
    name = core_of(candidate.name)
    # a one-word name (建设) is in every sentence that builds anything: half the credit
    counted = statement.core or core_of(statement.name)
    # the indicator's name printed whole inside what the figure counts (病区 in 建设专护病房2个病区60张病床,
    # as the bulletin quotes a task's clause) is as good as the name itself
    alike = 1.0 if name and name in counted else similarity(counted, name)
    words = alike * min(1.0, len(_bigrams(name)) / 2)
    place = similarity(_plain(heading), _plain(candidate.category + candidate.project)) if heading else 0.0
    figure = 0.0
    if target is not None and candidate.value:
        figure = 1.0 if abs(target - candidate.value) / candidate.value <= Decimal("0.03") else 0.0
    return 0.5 * words + 0.2 * place + 0.3 * figure + (0.1 if statement.unit == candidate.unit else 0.0)


def with_matches(reading: Reading, candidates: list[Candidate]) -> dict[str, Any]:
    """The reading's JSON with a "match" on every actual: its best indicator, or null."""
    data = reading.to_json()
    groups = [g for g in reading.groups if g.statements]
    for group, out in zip(groups, data["groups"], strict=True):
        for statement, item in zip(group.statements, out["statements"], strict=True):
            if statement.kind == "actual":
                target = _target(group.statements, statement)
                item["match"] = best_match(worded(group.statements, statement), group.heading, target, candidates)
    return data


@dataclass(frozen=True)
class Alias:
    """Words the office once re-paired to a project's indicator (FigureAlias), read right next time."""

    words: str
    project: str
    indicator: str


def words_of(statement: Statement, heading: str) -> str:
    """What a figure is about, for remembering a correction: its core, else its group's heading."""
    return (statement.core or core_of(statement.name) or core_of(heading))[:200]


def best_match(
    statement: Statement,
    heading: str,
    target: Decimal | None,
    candidates: list[Candidate],
    aliases: tuple[Alias, ...] = (),
    words: str = "",
) -> dict[str, Any] | None:
    """The indicator an actual measures: one the office re-paired its words (`words`, else its own)
    to before, marked "remembered" (with "by_name" when its words name another), else the best
    scoring among those its words name (what it counts, or the target it measures; else its
    heading): a line naming one project is never offered against another. Or none."""
    by_name = _by_name(statement, heading, target, candidates)
    remembered = _remembered(words or words_of(statement, heading), statement.unit, candidates, aliases)
    if remembered is None:
        return by_name
    # the office's correction wins, saying so, and naming a pairing by name it overrides
    found = remembered.to_json(1.0) | {"remembered": True}
    if by_name is not None and by_name["indicator"] != remembered.indicator_id:
        found["by_name"] = f"{by_name['indicator_name']}（{by_name['score']}）"
    return found


def _by_name(
    statement: Statement, heading: str, target: Decimal | None, candidates: list[Candidate]
) -> dict[str, Any] | None:
    # only indicators counted in a unit the figure can be in: 2个病区 names 专护病房 (个), not 48张's 病床
    fitting = [c for c in candidates if compatible(statement.unit, c.unit)]
    by_words = _named(words_of(statement, ""), fitting)
    pools = [by_words] if by_words else [_named(heading, fitting), fitting]
    for pool in filter(None, pools):  # a heading only narrows the pool when something in it fits
        ranked = sorted(((score(statement, heading, target, c), c) for c in pool), key=lambda p: -p[0])
        if ranked and ranked[0][0] >= MIN_SCORE:
            return ranked[0][1].to_json(ranked[0][0])
    return None


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def naming(line: str, candidate: Candidate) -> float:
    """How much of a candidate's indicator or project name a line prints (its name's character pairs
    found in the line): 停车泊位 in 新增公共停车泊位303个 names 推进停车便利化's indicator."""
    printed = _bigrams(_plain(line))
    best = 0.0
    for name in (core_of(candidate.name), core_of(candidate.project)):
        pairs = _bigrams(name)
        if len(pairs) >= 2:  # a name of one word (建设) names nothing in particular
            best = max(best, len(pairs & printed) / len(pairs))
    return best


def _named(line: str, candidates: list[Candidate]) -> list[Candidate]:
    """The candidates a line names, when it names any: those named at least half as well as the best."""
    if not line:
        return []
    fits = [(naming(line, c), c) for c in candidates]
    top = max((f for f, _ in fits), default=0.0)
    return [c for f, c in fits if f >= max(top / 2, 0.2)] if top >= 0.34 else []


def _remembered(words: str, unit: str, candidates: list[Candidate], aliases: tuple[Alias, ...]) -> Candidate | None:
    if not words:
        return None
    for alias in aliases:
        if alias.words == words or similarity(alias.words, words) >= 0.8:
            for c in candidates:
                if (c.project, c.name) == (alias.project, alias.indicator) and compatible(unit, c.unit):
                    return c
    return None


def worded(statements: list[Statement], statement: Statement) -> Statement:
    """An actual with no words of its own (已完成48张, after the target's clause) counts what the
    target it pairs with counts."""
    if statement.core or core_of(statement.name) or statement.pairs_with is None:
        return statement
    pointee = statements[statement.pairs_with]
    if pointee.kind != "target":
        return statement
    return replace(statement, core=pointee.core or core_of(pointee.name))


def _target(statements: list[Statement], statement: Statement) -> Decimal | None:
    """The target an actual measures: the one printed, or the one its share implies (303 at 20.2% → 1500)."""
    if statement.pairs_with is None:
        return None
    pointee = statements[statement.pairs_with]
    if pointee.kind == "target":
        return pointee.value if compatible(pointee.unit, statement.unit) else None
    return statement.value * 100 / pointee.value if pointee.kind == "share" and pointee.value else None


def propose(text: str, candidates: list[Candidate]) -> list[dict[str, Any]]:
    """Proposed 累计完成 for a task's indicators from a pasted 进展情况: the best matching actual of each,
    or, for a task with one indicator and only a share printed, share × target. Nothing is filed here."""
    reading = read_progress(text[:20000])
    proposals: dict[int, dict[str, Any]] = {}
    for group in reading.groups:
        for statement in group.statements:
            if statement.kind != "actual":
                continue
            target = _target(group.statements, statement)
            for c in candidates:
                fit = score(statement, group.heading, target, c)
                if fit >= MIN_SCORE and fit > proposals.get(c.indicator_id, {}).get("score", 0):
                    proposals[c.indicator_id] = _proposal(c, statement.value, statement.text, "actual", fit)
    shares = [s for s in reading.statements() if s.kind == "share" and not _measured(reading, s)]
    if len(candidates) == 1 and not proposals and shares:
        only, share = candidates[0], shares[0]
        value = (only.value * share.value / 100).quantize(Decimal("0.01")).normalize()
        proposals[only.indicator_id] = _proposal(only, value, share.text, "share", MIN_SCORE)
    return list(proposals.values())


def _measured(reading: Reading, share: Statement) -> bool:
    """True when an actual points to this share (its figure is proposed from the actual instead)."""
    for group in reading.groups:
        if share in group.statements:
            index = group.statements.index(share)
            return any(s.pairs_with == index for s in group.statements if s.kind == "actual")
    return False


def _proposal(candidate: Candidate, value: Decimal, text: str, source: str, fit: float) -> dict[str, Any]:
    return {
        "indicator": candidate.indicator_id,
        "value": f"{value.normalize():f}",
        "unit": candidate.unit,
        "text": text,
        "source": source,
        "score": round(fit, 3),
    }


def target_of(statements: list[Statement], statement: Statement) -> Decimal | None:
    """The year target an actual measures, printed or implied by its share (for the office's upload)."""
    return _target(statements, statement)
