"""A news story's sub-heading: two short phrases joined by a comma on a line of their own
(建章立制，夯实民主根基 / 民生为重，实事赢得高分), over a paragraph that is a whole sentence or more.

Such a line holds a comma, so it reads like a sentence's piece a narrow page broke off; what tells it
apart is its shape: two balanced phrases of a few characters, no figure, no word of progress or time,
not ending on a verb or a word that wants what follows, and a paragraph under it at least twice as long
that closes its sentence. A piece of a broken sentence is most of a line, and the rest under it shorter
(or it ends on the verb whose object follows: 全区新建 / 口袋公园12个). Used by progress_structure.

Two more shapes of a heading printed where a sentence could be: a short line listing its works with 、
over a paragraph that opens by dating its progress (开展养老、助残服务 / 截至6月底，…), and a count of one
level's projects opening the line of that level's results (9件市级重点民生实事有序推进，…).
A numbered task closed by the unit in charge ((一)…。(市教育局负责)) is the task alone; on a page listing
its items by dashes (--文化下乡。…), a numbered short phrase (4.村村通工程。) heads a section.
"""

from __future__ import annotations

import re

from ..text.normal import normal
from .progress_kinds import FIRM_ACTUAL, PROGRESS_TIME

COUPLET = re.compile(r"^[\u4e00-\u9fff“”]{2,9}\s*[，,]\s*[\u4e00-\u9fff“”]{2,9}$")
# A phrase ending on a verb that takes an object, or on a word that joins, leaves its clause open.
OPEN_END = re.compile(
    r"(?:新建|新增|改造|建设|完成|建成|实施|开展|推进|安装|翻新|增设|提供|发放|累计|共|已|和|及|与|的|在|对|为|将|把|向|是)$"
)
CLOSES = "。！？!?；;…”）)"


def is_couplet_heading(line: str, following: str) -> bool:
    """Whether a line is a story's sub-heading of two short phrases over its paragraph."""
    plain = normal(line).strip()
    if not COUPLET.match(plain) or OPEN_END.search(plain):
        return False
    if PROGRESS_TIME.search(plain) or FIRM_ACTUAL.search(plain):
        return False  # 今年以来，全区新建 / 截至9月底，社区已: the opening of a sentence of progress
    below = following.strip()
    return len(below) >= 2 * len(plain) and below[-1] in CLOSES


# 截至6月底，… / 目前… / 今年以来…: a paragraph opening with the date its progress stands at.
DATED_OPENING = re.compile(r"^(?:(?:截至|截止)\s*(?:20\d\d年)?\d{1,2}月|目前|今年以来)")


def names_over_dated(previous: str, line: str) -> bool:
    """开展幼儿园、中小学安全提升 over 截至6月底，…: a short line of words listing its works with 、 (no
    figure, no comma) stands over a paragraph that opens by dating its progress: a heading, not a
    sentence's first piece (a sentence broken by the page never goes on with a new date)."""
    if re.search(r"\d|[，,“”\"]", previous) or previous[-1] == "、":
        return False
    return bool(DATED_OPENING.match(normal(line)))


# 9件市级重点民生实事有序推进, 11件区级民生实事进展良好, 市级12项民生实事: a count of one level's
# projects and how they stand, opening a line: the block of that level's results follows.
BLOCK_LEAD = re.compile(
    r"^(?:(?:省|市|县|区|镇|乡|街道)级|本级)?\d{1,3}\s*[件项个][^，,。；;\d]{0,12}?(?:实事|项目|工程)[^，,。；;\d]{0,8}(?=[，,]|$)"
)
LEVEL = re.compile(r"(?:省|市|县|区|镇|乡|街道)级|本级")


def block_lead(line: str) -> str:
    """The clause opening a level's block of results (9件市级重点民生实事有序推进), as printed; '' for any
    other line. Only a count of one level's projects (市级, 区级) opens one: a lead paragraph's count of the
    whole programme (20件重点民生实事) does not."""
    plain = normal(line)
    found = BLOCK_LEAD.match(plain)
    if found is None or not LEVEL.search(found.group()):
        return ""
    return line[: found.end()].strip()


# …。（市教育局负责）, （牵头单位：区民政局）: the unit in charge closing a numbered task, no part of its words.
LEAD_UNIT = re.compile(r"[。.．]?\s*[（(](?:牵头单位[:：]|责任单位[:：])?[^（）()]{2,40}(?:负责|牵头)?[)）]\s*$")


def without_lead_unit(line: str, numbered: bool) -> str:
    """A numbered task sentence closed by the unit in charge in brackets ((一)开工建设50处食堂。(市教育局负责)):
    the task alone, so it reads as the heading it is (its figures the task of the lines under it)."""
    found = LEAD_UNIT.search(line) if numbered else None
    if found is None or not re.search(r"负责|牵头|单位", normal(found.group())):  # 負責 as 负责
        return line
    return line[: found.start()].rstrip()


# --文化下乡。…, ——新建…: an item of a list marked by a dash (opening a line or after a sentence's end);
# on a page of such items the numbers mark its sections.
DASH_ITEM = re.compile(r"(?:^|[。；;])\s*(?:--|——|－－)(?=[^\s\d\-—－])")
# 4.村村通工程。: a number and a short phrase closed by a full stop, no figure, no comma: on its line
# alone, or run into its first item or paragraph.
NUMBERED_PHRASE = re.compile(r"^\s*\d{1,2}\s*[.．、](?!\d)[^，,。；;：:\d%％-]{2,16}(?:[。.．]|\s*$)")


def dash_section(line: str, dashed: bool) -> str:
    """On a page listing its items by dashes, a numbered short phrase opening a line heads the items under
    it: the phrase, or ''."""
    found = NUMBERED_PHRASE.match(line) if dashed else None
    return found.group() if found else ""


def lists_by_dashes(lines: list[str]) -> bool:
    return sum(len(DASH_ITEM.findall(line)) for line in lines) >= 2


# ●實事1 就業保障, ◆任务2 交通出行, 【实事一】就业, 关键观点1: 城镇老旧小区改造: a section's heading that counts
# its sections with a word and a counter, behind a mark, in 【】 or before a colon; the counter is no figure.
COUNTED_HEADING = re.compile(
    r"^\s*(?:(?P<mark>[●○◆◇■□▲△★☆▶►◎※]\s*)|(?P<open>【\s*))?(?P<label>[\u4e00-\u9fff]{1,4}?)\s*"
    r"(?P<counter>\d{1,2}|[一二三四五六七八九十]{1,3})\s*(?:(?P<close>】)\s*|(?P<colon>[:：])\s*|\s+)"
    r"(?P<name>[^\s，,。；;！？!?：:\d%％]{2,16})\s*$"
)


def counted_heading(line: str) -> str:
    """The heading a counted section line prints ('' for any other line): the name alone after a label
    and its colon (关键观点1: 城镇老旧小区改造 → 城镇老旧小区改造), else the counter and the name without
    the mark or brackets (●實事1 就業保障 → 實事1 就業保障). A mark, 【】 or a colon is required: a word, a
    number and a space alone are as often a figure set off by spaces (新增5 万人)."""
    found = COUNTED_HEADING.match(line) if len(line) <= 30 else None
    if found is None:
        return ""
    if not (found.group("mark") or (found.group("open") and found.group("close")) or found.group("colon")):
        return ""
    if found.group("colon"):
        return found.group("name")
    return f"{found.group('label')}{found.group('counter')} {found.group('name')}"


# 城镇老旧小区改造 / 和社区服务提升: a heading the page's width broke before its joining word
HEADING_GOES_ON = re.compile(r"^(?:以及|和|及|与)[\u4e00-\u9fff]")


def wrapped_heading(previous: str, line: str) -> bool:
    """Two short lines of words alone, the second opening with a joining word: one heading broken
    in two (a heading over nothing, followed by one opening with 和, is rarer than a wrap)."""
    short = len(previous) <= 20 and len(line) <= 20
    return short and bool(HEADING_GOES_ON.match(line)) and not re.search(r"[\d，,、：:。；;]", previous + line)


SHORT_HEADING = 12  # a news story's sub-heading printed over two lines: each half a short phrase
# a figure, a clause, a quote or bracket, a number: a line that is more than half a heading
NOT_A_HALF = re.compile(r"[\d，,、：:。；;“”\"（）()\[\]【】]|^\s*[一二三四五六七八九十]+[、.．]")


def heading_goes_on(heading: str, empty: bool, line: str) -> bool:
    """总体稳步推进 / 部分率先完成: a short heading with nothing under it yet, then another short one
    (neither numbered nor marked): one sub-heading the page set over two lines, its halves run together.
    A numbered heading over sub-headings (一、民生保障 / （一）就业) opens a level instead."""
    halves = (heading, line)
    return (
        empty
        and all(2 <= len(h.strip()) <= SHORT_HEADING for h in halves)
        and not any(NOT_A_HALF.search(h) for h in halves)
    )
