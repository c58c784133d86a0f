"""Traditional characters read as simplified, for matching only.

Offices in some places print 為民辦實事 and 10萬噸/日. Rules (header words, measure
words, list labels) are written once, in simplified characters; text is matched
through `simplified()`, which keeps every character's position, so spans and
values are cut from the text as printed and every string keeps its characters.
"""

from __future__ import annotations

from functools import lru_cache

import opencc


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _char(ch: str) -> str:
    out = _converter().convert(ch)
    return out if len(out) == 1 else ch


def simplified(text: str) -> str:
    """The same text in simplified characters, position for position."""
    if text.isascii():
        return text
    out = _converter().convert(text)
    if len(out) == len(text):
        return out
    # a phrase rule changed the length: convert character by character instead
    return "".join(_char(ch) for ch in text)
