"""A plan's title and year, from the lines printed above its table or list."""

from __future__ import annotations

import re

from ...text.normal import normal
from .headers import field_for

TITLE_WORDS = re.compile(r"民生|实事|项目|清单|分解|任务|工作报告")


def year_in(lines: list[str]) -> int | None:
    """The plan's year from the lines above a list: 2024年…民生实事 first, else the first year printed."""
    text = normal("\n".join(lines))  # ２０２５年 as 2025年
    match = (
        re.search(r"(\d{4})\s*年度?[^，。\n]{0,20}(?:民生|实事)", text)
        or re.search(r"((?:19|20)\d{2})\s*年", text)
        or re.search(r"((?:19|20)\d{2})-\d{1,2}-\d{1,2}", text)  # a byline's 2025-03-04
    )
    return int(match.group(1)) if match else None


# A list's own title with a colon after it (某市人民政府2024年民生实事项目：): a noun phrase naming its
# year and ending in what the list is, no clause (，) and no verb announcing it (如下, 包括, 是, 为,
# 将…办好以下: 今年将重点办好以下民生实事： is the sentence that opens the list, not its title)
_LIST_TITLE = re.compile(r"^[^，：]{0,30}(?:\d{4}年|年度)[^，：]{0,30}(?:实事项目|实事|项目|清单)：$")
_ANNOUNCING = re.compile(r"如下|以下|包括|分别|主要有|是|为|有|将|要|拟")
_NUMBERED = re.compile(
    r"^(?:(?:\d+|[一二三四五六七八九十]+)\s*[.．、]|[（(]\s*(?:\d+|[一二三四五六七八九十]+)\s*[)）]|[①-⑳])"
)
_DIGIT_GAP = re.compile(r"(?<=\d)\s+(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])\s+(?=\d)")


def pick_title(lines: list[str]) -> str | None:
    """The table's title: the last caption line that reads like one (PDF's `2025 年` as `2025年`)."""
    for line in reversed(lines):
        text = _DIGIT_GAP.sub("", line.strip())
        if _reads_as_title(normal(text)):
            return text
    for line in reversed(lines):  # no headline: the list's own title line, its colon left out
        text = _DIGIT_GAP.sub("", line.strip())
        plain = normal(text)
        if _LIST_TITLE.match(plain) and not _ANNOUNCING.search(plain) and _reads_as_title(plain[:-1]):
            return text[:-1].strip()
    return None


_ANNOUNCES = re.compile(r"(?:如下|以下|包括|分别是|主要有|是|为|有)$")
# …会议表决确定…项目10项： / …投票表决，以下10个项目为…： tells how the list below was decided
_DECIDED = re.compile(r"(?:表决|票决)(?:确定|通过|产生|，)|以下")


def announces(text: str) -> bool:
    """A lead-in ending with the words that open a list (这十件民生实事分别是：), or telling how the list
    below was decided (…会议表决确定…10项：): a clause, never a title."""
    plain = normal(text).strip()
    return bool(_ANNOUNCES.search(plain) or _DECIDED.search(plain))


def _reads_as_title(text: str) -> bool:
    """Told on the normal form: a half-width `,` or `:` is the sentence's as a full-width one is."""
    return (
        bool(TITLE_WORDS.search(text))
        and not re.search(r"[。；]", text.rstrip("。"))  # a sentence, not a title
        and not (text.endswith("。") and "，" in text)
        and not text.endswith("：")  # the sentence that opens a list
        and not text.startswith(tuple("★☆※*▲△●◆"))  # a note under the table
        and text.count("，") < 2
        and len(text) <= 60
        and not text.startswith("附件")
        and not _NUMBERED.match(text)  # a list item or a section heading
        and sum(1 for word in text.split() if field_for(word)) < 2  # a header row's text
    )


# 某县人民政府办公室关于…, and a department of the place's government (某市教育体育局2020年…)
_ISSUER = re.compile(
    r"^([\u4e00-\u9fff]{1,10}?(?:自治区|省|市|区|县|旗))(?:人民政府|政府|委员会|委|人大|[\u4e00-\u9fff]{1,8}?局(?=\d|关于))"
)


# …印发了涪江市2024年民生实事项目清单: the place printed just before the plan's year; a preposition
# opening the sentence (经某市第六届人大…通过, 由, 据) is no part of the place's name
_PLACE_YEAR = re.compile(
    r"(?:[了的在对将经由据、，。：\s]|^)(?![了的在对将经由据])([\u4e00-\u9fff]{2,4}?(?:市|区|县|旗))"
    r"(?:\d{4}年|第[一二三四五六七八九十]+届)"
)

# 2013年龙岩市委、市政府为民办实事…: the issuer printed just after the plan's year; a year's 市委市政府
# names the issuing bodies, no place (2021年市委市政府为民办实事方案)
_YEAR_ISSUER = re.compile(
    r"\d{4}年(?![市县区省]委)([\u4e00-\u9fff]{2,4}?(?:自治区|省|市|区|县|旗))(?:委|人民政府|政府|人大)"
)


def jurisdiction_in(lines: list[str]) -> str | None:
    """The issuing government when the title names no place: 某县人民政府办公室关于… → 某县;
    else the place named before the plan's year in the text, else the issuer named after it."""
    for line in lines:
        match = _ISSUER.match(normal(line.strip()))
        if match:
            return line.strip()[: match.end(1)]
    for pattern in (_PLACE_YEAR, _YEAR_ISSUER):
        for line in lines:
            match = pattern.search(normal(line))
            if match:
                return line[match.start(1) : match.end(1)]
    return None


def document_place(captions: list[str], paragraphs: list[str]) -> str | None:
    """The jurisdiction a document is from, before reading its plan: its title's place, or its issuer's."""
    from .rules import title_parts

    place = title_parts(pick_title(captions + paragraphs[:12]))[1]
    return place or jurisdiction_in(paragraphs[:12])
