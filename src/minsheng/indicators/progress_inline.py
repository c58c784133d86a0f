"""Categories named in running text, on a page that prints no heading over them.

A story may sort its figures into categories without a heading line: a paragraph opens by saying how a
category stands and lists its items after 其中 (全市民生工程中“工程类”项目快速推进。其中，…), or a
sentence says how many of what follows belong to a category (有3项属于社会保障工程。…；另外1项属于生态环境
工程，…). Each such category is a group of its own, up to the next one or the paragraph's end; the
paragraphs after it belong to the page's group again.
"""

from __future__ import annotations

import re

from ..text.normal import normal
from .progress_structure import Section

# …中“工程类”项目快速推进。其中，: a category's lead sentence, its items listed after 其中. A category is
# a kind of project (…类, quoted or not) or a quoted name followed by what it sorts (“民生保障”项目); a
# quoted name alone (“十件实事”) is the programme's, not one of its categories.
CATEGORY = (
    r"[“\"「][^”\"」]{0,10}类[”\"」](?:项目|工程|实事)?|[“\"「][^”\"」]{1,12}[”\"」](?:项目|工程)"
    r"|[\u4e00-\u9fff]{2,8}类(?:项目|工程|实事)?"
)
CATEGORY_LEAD = re.compile(rf"^[^。！？!?]*?[中的]\s*({CATEGORY})[^。！？!?\d]{{0,12}}[。！？!?]\s*其中")
# 有3项属于社会保障工程 / 另外1项属于… / 其余两件均属于…: a count of what follows and its category.
BELONGS = re.compile(
    r"(?:有|另外|另有|另|其余|其他)?\s*(?:\d{1,3}|[一二三四五六七八九十两]{1,3})\s*(?:项|件|个|類|类)\s*(?:均|都)?属于"
    r"([^，,。；;！？!?\d]{2,12}?)(?=[，,。；;！？!?]|$)"
)
CLAUSE_START = "，,。；;！？!?"


def inline_groups(found: list[Section]) -> list[Section]:
    """The sections with each headless one split where its running text names a category."""
    out: list[Section] = []
    for section in found:
        if section.heading or section.task:
            out.append(section)
            continue
        out += _split(section)
    return [s for s in out if s.paragraphs or s.task]


def _split(section: Section) -> list[Section]:
    out = [Section("")]
    for paragraph in section.paragraphs:
        parts = _categories(paragraph)
        if not parts:
            if out[-1].heading:
                out.append(Section(""))  # after a category's paragraph, the page's group again
            out[-1].paragraphs.append(paragraph)
            continue
        for heading, text in parts:
            if heading is None:
                out[-1].paragraphs.append(text)
            else:
                out.append(Section(heading, paragraphs=[text]))
    return out


def _categories(paragraph: str) -> list[tuple[str | None, str]]:
    """(heading, text) pieces of a paragraph naming categories (the text before the first under no
    heading, None); [] when it names none."""
    if not any(word in paragraph for word in ("其中", "属于", "屬於")):
        return []  # (cheap first: every headless paragraph is asked)
    plain = normal(paragraph)
    lead = CATEGORY_LEAD.match(plain)
    if lead:
        return [(paragraph[lead.start(1) : lead.end(1)], paragraph)]
    cuts = []
    for found in BELONGS.finditer(plain):
        start = max(plain.rfind(mark, 0, found.start()) for mark in CLAUSE_START) + 1
        cuts.append((start, paragraph[found.start(1) : found.end(1)].strip()))
    if not cuts:
        return []
    pieces: list[tuple[str | None, str]] = []
    if paragraph[: cuts[0][0]].strip():
        pieces.append((None, paragraph[: cuts[0][0]].strip()))
    ends = [c[0] for c in cuts[1:]] + [len(paragraph)]
    for (start, heading), end in zip(cuts, ends, strict=True):
        pieces.append((heading, paragraph[start:end].strip()))
    return pieces
