"""A run of names closed by its own count: `全面推进A、B、…、J等十项重点民生实事项目`. The count after
等 says how many names the run holds (counts.py adds it to the page's stated totals); when it matches
the pieces split by 、, the run is a list of projects even though no listing word (包括, 分别是) opens
it: a work verb does (推进, 实施, 办好; blind.py)."""

from __future__ import annotations

import re

from .rules import parse_seq

_NUM = r"[\d一二三四五六七八九十百两]+"
# 等十项…项目: the count closing a run, then (within a clause) what is counted
CLOSING = re.compile(rf"等({_NUM})(?:件|项|个|方面|大项|条)[^，。；：、\n\d]{{0,20}}?(?:实事|项目|工程)")


def count_value(text: str) -> int | None:
    value = int(text) if text.isdigit() else parse_seq(text)
    return value if value and 2 <= value <= 200 else None


def closes_run(pieces: list[str]) -> bool:
    """Whether the last of a run's pieces (split by 、, normal text) closes it with their own count."""
    closing = CLOSING.search(pieces[-1])
    return len(pieces) >= 3 and closing is not None and count_value(closing.group(1)) == len(pieces)
