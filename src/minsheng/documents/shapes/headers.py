"""Header wording → field. Layouts are recognised by their headers, not positions."""

from __future__ import annotations

import re

from ...plans.fields import BY_KEY, FIELDS
from ...text.normal import normal

# Header words per field, in the registry's order (plans/fields.py): the first field whose word
# a header is wins, else the longest word contained, then the earliest field.
FIELD_WORDS: list[tuple[str, tuple[str, ...]]] = [(f.key, f.words) for f in FIELDS]
# A parent header spanning several columns whose sub-headers carry the meaning.
GROUP_WORDS = ("责任单位", "责任主体", "单位", "责任分工")


def normalise(text: str) -> str:
    return normal(re.sub(r"\s+", "", text))


# Counts and contacts: columns beside the plan that are none of its fields (区民生实事项目数量,
# 联系电话), whatever other word they contain.
NOT_A_FIELD = re.compile(r"数量|个数|项目数|联系|电话")
# Money: a column of it is one of the registry's sums (投资, 当年投资) or nothing (资金来源).
MONEY = re.compile(r"投资|资金|金额|万元|亿元")


def field_for(text: str) -> str | None:
    word = normalise(text)
    if not word or len(word) > 12 or NOT_A_FIELD.search(word):
        return None
    name = _named(word)
    if name is not None and any(w in word for w in BY_KEY[name].not_words):
        return None
    if MONEY.search(word) and (name is None or BY_KEY[name].cell != "money"):
        return None
    return name


def _named(word: str) -> str | None:
    for name, words in FIELD_WORDS:
        if word in words:
            return name
    # otherwise the longest word found wins (项目概况: 概况 over 项目 by order)
    best: tuple[int, int, str] | None = None
    for order, (name, words) in enumerate(FIELD_WORDS):
        for w in words:
            if len(w) > 1 and w in word and (best is None or (len(w), -order) > best[:2]):
                best = (len(w), -order, name)
    return best[2] if best else None
