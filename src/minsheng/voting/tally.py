"""The 票决 rule, as a pure function so that anyone can check it.

A candidate is chosen when more than half of the deputies present approve it and it
ranks in the top N. When candidates with a majority tie for the last seats, the tie
is reported for a decision; it is never broken here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

RULE_TEXT = (
    "每位代表至多赞成应选项目数（N）个候选项目；候选项目获得出席代表过半数赞成，"
    "且按赞成票数排在前 N 位的当选；末位票数相同而超出名额的，列为并列，由会议决定，系统不自动取舍。"
)


@dataclass
class Tally:
    present: int
    seats: int
    approvals: dict[int, int]
    chosen: list[int] = field(default_factory=list)
    tied: list[int] = field(default_factory=list)
    tied_seats: int = 0
    not_chosen: list[int] = field(default_factory=list)

    def majority(self, candidate: int) -> bool:
        return self.approvals.get(candidate, 0) * 2 > self.present


def decide(approvals: Mapping[int, int], present: int, seats: int) -> Tally:
    """Chosen, tied (for `tied_seats` remaining seats) and not chosen candidates."""
    tally = Tally(present, seats, dict(approvals))
    ranked = sorted(approvals, key=lambda c: (-approvals[c], c))
    eligible = [c for c in ranked if tally.majority(c)]
    if len(eligible) <= seats:
        tally.chosen = eligible
    else:
        last = approvals[eligible[seats - 1]]
        above = [c for c in eligible if approvals[c] > last]
        at_last = [c for c in eligible if approvals[c] == last]
        if len(above) + len(at_last) <= seats:
            tally.chosen = above + at_last
        else:
            tally.chosen, tally.tied, tally.tied_seats = above, at_last, seats - len(above)
    taken = set(tally.chosen) | set(tally.tied)
    tally.not_chosen = [c for c in ranked if c not in taken]
    return tally
