"""分别 runs: the percentages a 分别 clause lists are shares, the k-th measuring the k-th actual before
it (已投放1380辆，新增66个，分别完成年度目标的55.2%、55%), or with no actuals before them the rates of a
list of named items (A、B、C等3项完成率分别达41%、60%、72%)."""

from __future__ import annotations

import re
from typing import Any

from .progress_kinds import RATE


def respectively(statements: list[Any]) -> None:
    """已投放1380辆，新增66个，分别完成年度目标的55.2%、55%: the percentages of a 分别 clause are
    shares, the k-th measuring the k-th actual before it in the sentence (its partner, for pairing).
    A sentence may hold several such runs (…，分别完成…的50%、30%，新建…，分别完成…的40%、60%): each
    run measures the actuals between it and the run before."""
    start = 0
    for run in _respective_runs(statements):
        first = statements.index(run[0])
        _respective_run(run, statements[start:first])
        start = statements.index(run[-1]) + 1


def _respective_runs(statements: list[Any]) -> list[list[Any]]:
    """The runs of a 分别 clause's percentages: shares next to each other in the sentence."""
    runs: list[list[Any]] = []
    previous = -2
    for index, statement in enumerate(statements):
        if not (statement.respective and statement.unit == "%"):
            continue
        if index == previous + 1:
            runs[-1].append(statement)
        else:
            runs.append([statement])
        previous = index
    return [run for run in runs if len(run) >= 2]


def _respective_run(shares: list[Any], before: list[Any]) -> None:
    measured = [s for s in before if s.unit != "%" and s.kind == "actual"]
    if len(measured) < len(shares):
        _rates_of_a_list(shares)
        return
    for share, partner in zip(shares, measured[-len(shares) :], strict=True):
        share.kind, share.partner, partner.partner = "share", partner, share


# …老有所学行动等5项完成率分别达: the words after the list of names, before its rates.
LIST_TAIL = re.compile(rf"(?:等\s*\d+\s*[项項件个個类類])?(?:的)?(?:{RATE})?(?:分别)?(?:为|达|是|达到)?$")


def _rates_of_a_list(shares: list[Any]) -> None:
    """A、B、C等3项完成率分别达41%、60%、72%: with no actual before them to measure, the rates of a 分别
    run are each a share of its own item, the k-th named by the k-th name of the list (when as many)."""
    if shares[0].kind != "share":
        return
    for share in shares:
        share.kind = "share"
    names = LIST_TAIL.sub("", shares[0].name).split("、")
    if len(names) == len(shares) and all(n.strip() for n in names):
        for share, name in zip(shares, names, strict=True):
            share.name = name.strip()
