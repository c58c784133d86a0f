"""Deadlines said in a sentence of the content (`该项目计划于8月底前完工`), when no column, label or
bracket gave any: a plan whose items each say once by when they are done has its deadlines there.

Only a date phrase closed by 前 (`8月底前`, `2026年10月底之前`, `年底前`) is a deadline; one task saying
two is left alone (which of them is due?). Most tasks must say one, or none is read: a single date in
one item's prose is more likely a milestone than the plan's way of giving deadlines."""

from __future__ import annotations

import re

from ...text.normal import normal
from ..parsed import ParsedProject

# The year is said as a number (2026年) or relative to the plan's (今年6月底前, 今年底前, 本年底前):
# the deadline is the phrase as said, the year word with it.
_SAID = re.compile(
    r"(?:20\d{2}年|[今本当]年度?)?(?:\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?|[今本当]?年度?[底末])(?:前|以前|之前)"
)
MOST = 0.6  # the share of tasks that must say one


def read_said_deadlines(projects: list[ParsedProject]) -> None:
    """Each task's one deadline phrase as its deadline, when no task has a deadline and most say one."""
    tasks = [t for p in projects for t in p.tasks]
    if len(tasks) < 2 or any(t.deadline for t in tasks):
        return
    said = [(t, phrases[0]) for t in tasks if len(phrases := list(_SAID.finditer(normal(t.content)))) == 1]
    if len(said) < MOST * len(tasks):
        return
    for task, phrase in said:
        task.deadline = task.content[phrase.start() : phrase.end()]  # as printed (normal keeps positions)


def last_milestone(value: str) -> str:
    """A deadline printed as milestones (`6月底前基本完成基建；12月底前全部落实`) is due at its last:
    that date phrase as printed. A value saying one date or none stands as printed."""
    phrases = list(_SAID.finditer(normal(value)))
    if len(phrases) < 2:
        return value
    return value[phrases[-1].start() : phrases[-1].end()]
