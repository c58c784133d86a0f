"""The one form rules read text in, position for position with the text as printed.

Pages reach us re-typed by whoever copied them: half-width `(1)` `:` `,` in Chinese text,
full-width figures `２０２５`, no-break and ideographic spaces, traditional script. Rules
(header words, list marks, labels, measure words) are written once, for one form:
Chinese punctuation full-width (`（1）` `：` `，` `；`), figures and Latin letters ASCII,
every space one plain space, simplified script. `normal()` maps each character to that
form without changing the text's length, so a rule's match positions cut the printed
text, and every string a reader stores keeps its printed characters.
"""

from __future__ import annotations

import re

from .script import simplified

# Marks printed before or after a name (a bullet, a 票决 star, a note's ※): never part of a word.
MARKS = "★☆※＊*▲△●○◆◇■□"
# ASCII punctuation whose Chinese text form is full-width.
_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
# No-break, en/em, thin, narrow, medium mathematical and ideographic spaces.
_SPACES = "\u00a0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u202f\u205f\u3000"


def _table() -> dict[int, str]:
    table = {ord(ch): " " for ch in _SPACES}
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII: figures, letters, other signs to ASCII
        if chr(code) not in _TO_FULL.values():
            table[code] = chr(code - 0xFEE0)
    for half, full in _TO_FULL.items():
        if half not in ",:":
            table[ord(half)] = full
    return table


_TABLE = _table()
# A comma inside a number (1,500个) and a colon inside a time (8:30) stay ASCII.
_COMMA_OR_COLON = re.compile(r"(?<!\d),|,(?!\d{3})|(?<!\d):|:(?!\d)")
# A comma printed right before another mark (`一,、`, `名称,。`, `,;`, `,,`) separates nothing: mirrored
# pages insert one before marks. It reads as a space, so a list's number and a name's end are seen.
_STRAY_COMMA = re.compile(r"[,，](?=[、。；;，,：:！？!?])")


def normal(text: str) -> str:
    """The text in the normal form, one character for each printed one."""
    out = text.translate(_TABLE)
    if "," in out or "，" in out:
        out = _STRAY_COMMA.sub(" ", out)
    if "," in out or ":" in out:
        out = _COMMA_OR_COLON.sub(lambda m: _TO_FULL[m.group()], out)
    return simplified(out)


def cut(pattern: re.Pattern[str], text: str) -> str:
    """The printed text without the spans `pattern` matches in its normal form."""
    plain, kept, at = normal(text), [], 0
    for match in pattern.finditer(plain):
        kept.append(text[at : match.start()])
        at = match.end()
    return "".join(kept) + text[at:]
