"""Pinyin printed after characters: `會(huì)`, `3.2萬(wàn)人`. Some news pages (often in traditional
script) gloss many characters with their reading in brackets; the marks are part of the text as
printed, but no rule reads through them: a figure's magnitude and its measure word are split by one.
`unglossed` gives the text without them and, for each character kept, where it stands in the
printed text, so a reading made on the plain text cuts the printed one."""

from __future__ import annotations

import re

from .normal import normal

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
# a bracketed syllable right after a Chinese character, with a tone mark (Latin words have none);
# read on the normal form, where brackets are full-width and letters ASCII
GLOSS = re.compile(rf"(?<=[\u4e00-\u9fff])[（][a-z{_TONED}]{{0,5}}[{_TONED}][a-z{_TONED}]{{0,5}}[）]")


def unglossed(text: str) -> tuple[str, list[int]]:
    """The text without its pinyin glosses, and the printed index of each character kept."""
    kept: list[str] = []
    at: list[int] = []
    last = 0
    for match in GLOSS.finditer(normal(text)):  # full-width letters too: `(ｑū)`
        kept.append(text[last : match.start()])
        at.extend(range(last, match.start()))
        last = match.end()
    kept.append(text[last:])
    at.extend(range(last, len(text)))
    return "".join(kept), at
