"""Counts of people written with their noun instead of a measure word.

Number first: 15万老年人, 40万农村居民, 10万农村人口 (→ 人). Noun first, with the number
closing the clause and no measure word after it: 新增受益人口40万 (→ 400000 人). A
population size that qualifies a place (五百人口规模以上村) counts no one served.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+"
_MAG = r"(?:万亿|亿|万|千(?![米克瓦])|百(?!分))?"
# a person (老年人, not 人次 / 人员 / 人口), or a people noun (人口, 居民, 群众)
_NOUN = r"[\u4e00-\u9fff]{1,3}?人(?![次员口])|[\u4e00-\u9fff]{0,3}?(?:人口|居民|群众|农民)"
SIZE_OF_PLACE = re.compile(r"口?规模")

NUMBER_FIRST = re.compile(
    r"(?<![\d.A-Za-z第])(?P<lo>" + _AR + "|" + _CN + r")\s*(?:(?P<yu>余|多)(?=[万亿]))?(?P<lomag>" + _MAG + r")"
    r"(?![年月日号时岁周])(?P<noun>" + _NOUN + r")"
)
# 受益人口40万 / 惠及群众3万余: the number ends the clause (or an op word after it does)
NOUN_FIRST = re.compile(
    r"(?:人口|居民|群众)(?:达到|达|为|约|近|超过|超)?\s*"
    r"(?P<lo>" + _AR + r")\s*(?P<lomag>万|千)?(?P<after>以上|余|左右)?(?=$|[，。；;,、！？\s）)])"
)


@dataclass
class PeopleCount:
    start: int
    end: int
    number: str
    magnitude: str
    unit_at: int  # where 人 is printed; -1 when the noun has none (居民, 群众)
    after: str  # the op word after the number (以上, 余, 左右), if any


def people_counts(text: str) -> list[PeopleCount]:
    found = [
        _number_first(m) for m in NUMBER_FIRST.finditer(text) if not _size_of_place(text, m) and not _place_name(m)
    ]
    found += [_noun_first(m) for m in NOUN_FIRST.finditer(text)]
    return sorted(found, key=lambda p: p.start)


# 九里亭居民, 五里桥群众, 三河人: a lone numeral word with other words before the people is a place's
# name (a count of people so small is written with its measure word: 三名老人)
_PEOPLE_WORD = re.compile(r"人|居民|群众|人口")


def _place_name(match: re.Match[str]) -> bool:
    lone = len(match["lo"]) == 1 and not match["lo"].isdigit() and not match["lomag"]
    return lone and not _PEOPLE_WORD.match(match["noun"])


def _size_of_place(text: str, match: re.Match[str]) -> bool:
    return bool(SIZE_OF_PLACE.match(text, match.end("noun")))


def _number_first(match: re.Match[str]) -> PeopleCount:
    noun = match["noun"]
    person = noun.rfind("人")
    unit_at = match.start("noun") + person if person >= 0 else -1
    return PeopleCount(match.start(), match.end(), match["lo"], match["lomag"] or "", unit_at, match["yu"] or "")


def _noun_first(match: re.Match[str]) -> PeopleCount:
    end = match.end("after") if match["after"] else match.end("lomag") if match["lomag"] else match.end("lo")
    return PeopleCount(match.start("lo"), end, match["lo"], match["lomag"] or "", -1, match["after"] or "")
