"""The number of projects a document says it holds, in its own words: `10件为民实事`, `共14个项目`,
`十方面民生实事项目`, `民生实事15项`. A general property of a plan's page, not of one layout: a reading
whose count no such phrase states is the less likely one (best.py), and is said once in the preview's
notice (`said_count`), never on each project: the count is the document's, not a project's evidence.

A count after 等 closes one run of names (`A、B等5个项目`): the runs' counts add up to a total."""

from __future__ import annotations

import re

from ...text.normal import normal
from .counted_runs import CLOSING
from .rules import parse_seq

_NUM = r"[\d一二三四五六七八九十百两]+"
# a number, its measure word, then (within a few words) what is counted: 实事 or 项目
# (an ordinal is no count: 第二件实事 labels the second item, and a number is read whole, never from
# its middle)
_BEFORE = re.compile(
    rf"(等|共|计)?(?<![第\d一二三四五六七八九十百两])({_NUM})(?:件|项|个|方面|大项|条)(?:[^，。；：\n\d]{{0,6}}?)(?:实事|项目|工程)"
)
# `民生实事项目15项`, `实事共10件`
_AFTER = re.compile(rf"(?:实事|项目)(?:共|计|有)?({_NUM})(?:件|项)")


def _value(text: str) -> int | None:
    value = int(text) if text.isdigit() else parse_seq(text)
    return value if value and 2 <= value <= 200 else None


def stated_counts(paragraphs: list[str]) -> set[int]:
    """Every total the text states (the runs' counts after 等 added up as one)."""
    text = normal("\n".join(paragraphs))
    totals_list: list[int] = []
    runs: list[int] = []
    for found in _BEFORE.finditer(text):
        value = _value(found.group(2))
        if value is None:
            continue
        (runs if found.group(1) == "等" else totals_list).append(value)
    totals = set(totals_list)
    totals.update(v for v in (_value(m.group(1)) for m in _AFTER.finditer(text)) if v)
    counted_at = {m.start() for m in _BEFORE.finditer(text) if m.group(1) == "等"}
    # 等十项人代会票决产生的重点民生实事项目: a run's count whose counted words stand further off
    runs.extend(v for m in CLOSING.finditer(text) if m.start() not in counted_at and (v := _value(m.group(1))))
    if runs:  # one run's count, or the runs' counts added up
        totals.add(sum(runs))
    return totals


SAID = "文件称共"  # how the notice of a count the reading misses begins (best.py adds it once)


def said_count(stated: set[int] | frozenset[int], found: int) -> str | None:
    """The notice when the reading's count is none of those the document states: 文件称共20项，读出4项."""
    if not stated or found in stated:
        return None
    return f"{SAID}{'或'.join(f'{n}项' for n in sorted(stated))}，读出{found}项，请核对是否漏读或多读"
