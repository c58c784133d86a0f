"""Which task and indicator of a plan an actual of a progress reading measures: pure functions.

A candidate is one indicator of the plan with its task's category and project. An actual scores
by the words of its group heading against the category and project (“吾优所行”工程 ~ 吾优所行),
by its own words against the indicator's name (新增公共停车位 ~ 新增公共停车泊位), and by the
target it pairs with against the indicator's value and unit (1500 个). Below MIN_SCORE: no match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from .progress_pairing import compatible, similarity
from .progress_reader import Reading, Statement, core_of

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
    words = similarity(statement.core or core_of(statement.name), core_of(candidate.name))
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
                item["match"] = best_match(statement, group.heading, _target(group.statements, statement), candidates)
    return data


def best_match(
    statement: Statement, heading: str, target: Decimal | None, candidates: list[Candidate]
) -> dict[str, Any] | None:
    ranked = sorted(((score(statement, heading, target, c), c) for c in candidates), key=lambda p: -p[0])
    if not ranked or ranked[0][0] < MIN_SCORE:
        return None
    return ranked[0][1].to_json(ranked[0][0])


def _target(statements: list[Statement], statement: Statement) -> Decimal | None:
    """The target an actual measures: the one printed, or the one its share implies (303 at 20.2% → 1500)."""
    if statement.pairs_with is None:
        return None
    pointee = statements[statement.pairs_with]
    if pointee.kind == "target":
        return pointee.value if compatible(pointee.unit, statement.unit) else None
    return statement.value * 100 / pointee.value if pointee.kind == "share" and pointee.value else None
