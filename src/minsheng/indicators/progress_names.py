"""What a progress figure measures: its name as printed and its core for pairing and matching.

A name is the noun phrase the figure counts (新增普惠托位 in 全省新增普惠托位13580个), never the
edge of a clause: not an item's number or an ordinal before it (*1., （一）), not the words of
progress and plan around it (已, 截至3月底, 计划), not an op word (不少于), never cut at an opening
bracket (老年食堂（助餐点）). A share is named by its own phrase (完成率, 完成年度计划). Names are
told on the simplified reading and cut from the printed text (same length, normal()).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from .extract import Quantity, tidy_name

PROGRESS_WORDS = re.compile(
    r"截至\S{0,8}?(?:月底|月末|年底|底|日)|(?:视察|督查|检查|调研|验收)时|\d{4}年|\d+[—\-－~～至到]\d+月(?:份)?|\d+月(?:份)?|目前|当前|已经|已|累计|共计|"
    r"其中|均|正在施工|正在|实际|施工|完工|竣工|封顶|动工|启动|年末|年底|上半年|下半年|[一二三四]季度|前三季度|正施工|正|准备中|进行中|施工中|也在|在建|完成|建成|开工|完工|实现|达到|今年|全年|年度|计划|目标|"
    r"任务|预计|将|拟|力争|另外|另有|其余|剩余|这|该|此|上述|超额|超过|超|约|近|余|共|为|有|的|于|对|给|在|与|并|和|及|以上|以下"
)
# *1. / 2、/ （一）/ 一、/ ①: an item's number or an ordinal is the list's, not the name's.
MARKER = re.compile(
    r"^\s*[*＊★]?\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(][\d一二三四五六七八九十]{1,3}[)）]|[一二三四五六七八九十]+[、.．]|[①-⑳])\s*"
)
# 不少于 anywhere in a name (its 于 alone is a progress word, which would leave 不少 behind).
OP_WORDS = re.compile(r"不少于|不低于|不小于|不得少于|不超过|不高于|至少")
OP_EDGE = re.compile(r"(?:不少于|不低于|不超过|不高于|不足|超过|达到|低于|高于|以上|以下)$")


def without_progress_edges(lead: str) -> str:
    """The words before a figure without the progress and plan words that open or close them
    (已建成…, 截至3月底…, …和): only at the edges, so 公共停车泊位 keeps its 共 and 既有住宅 its 有."""
    edge = rf"(?:\s*(?:{PROGRESS_WORDS.pattern}))+"
    return re.sub(rf"{edge}$", "", re.sub(rf"^{edge}", "", lead))


# The progress words of one character (共, 有, 为, 超…) are cut only at a run's edges: inside a run they
# are part of a word (公共, 既有, 为民, 超标准), and cutting there leaves a word that is no word (公停车).
def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a pattern (not those inside its groups)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(pattern):
        if ch in "([" and pattern[i - 1 : i] != "\\":
            depth += 1
        elif ch in ")]" and pattern[i - 1 : i] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
    return parts + [pattern[start:]]


_WORDS = _alternatives(PROGRESS_WORDS.pattern)
LONG_WORDS = re.compile("|".join(w for w in _WORDS if len(w) > 1))
SHORT_EDGE = "".join(w for w in _WORDS if len(w) == 1)
RUN = re.compile(r"[\u4e00-\u9fffA-Za-z]+")


def core_of(name: str) -> str:
    """The thing a statement is about, without the words of progress and plan: for pairing."""
    stripped = LONG_WORDS.sub("|", OP_WORDS.sub("", MARKER.sub("", name, count=1)))
    return "".join(run.strip(SHORT_EDGE) for run in RUN.findall(stripped))


# 标准提高到每人每年640元, 由每月100元提高到每月150元, 上调到月人均1200元: the words that raise a standard
# and say per whom close the clause before its figure; the standard raised is what the figure measures.
RAISED_TO = re.compile(
    r"(?:(?:由|从)[^，,。；;]*?)?(?:提高|提升|上调|调增|调整|增加|增长)(?:到|至)[^，,。；;\d]{0,6}$"
)


def _without_raise(lead: str) -> str:
    """The lead without the words raising a standard to the figure, when a name is left."""
    found = RAISED_TO.search(lead)
    return lead[: found.start()] if found and len(core_of(lead[: found.start()])) >= 2 else lead


def name_of(printed: str, plain: str, q: Quantity, kind: str) -> tuple[str, str, bool]:
    """(name as printed, span as printed, whether the words before the figure name it)."""
    start = _after_listed_figure(plain, _opened(plain, q.start), q.start)
    marker = MARKER.match(plain[start:])
    start += marker.end() if marker else 0
    lead, tail = plain[start : q.start], plain[q.end :]
    if kind == "share":
        phrase = re.sub(r"[的为达是：:\s]+$", "", lead).strip() or plain[start:].strip()
        end = q.end if tail.startswith("、") else len(printed)  # a listed item's rate ends at the list's mark
        return _printed(printed, plain, phrase, q.start), printed[start:end].strip(), False
    named = bool(tidy_name(PROGRESS_WORDS.sub("", lead))) if core_of(lead) else False
    lead = _without_raise(OP_EDGE.sub("", lead.rstrip()))
    lead_name = tidy_name(without_progress_edges(lead)) if named else ""
    name = lead_name or tidy_name(tail)
    span = printed[start : q.end] if lead_name else printed[start:]
    return _printed(printed, plain, name, q.start), span.strip(), bool(lead_name)


# 安心托幼行动完成率32%、工会驿站建设完成率100%: a figure and its unit closing a listed item.
LISTED_FIGURE = re.compile(r"\d\s*(?:[%％]|[^\s\d、，,。；;（()）]{1,3})、")


def _after_listed_figure(plain: str, start: int, end: int) -> int:
    """Where the words of a figure begin in a list of items each with its own figure (A完成率32%、B完成率45%):
    after the figure of the item before, so that B is named by B alone."""
    ends = [found.end() for found in LISTED_FIGURE.finditer(plain, start, end)]
    return ends[-1] if ends else start


def listed_core(plain: str, q: Quantity) -> str:
    """The core of a figure's clause for pairing and matching, without the items listed before it with
    their own figures (A完成65%、便民停车行动新增泊位612个) or after it (612个、B…): what it names alone."""
    start = _after_listed_figure(plain, 0, q.start)
    tail = "" if plain[q.end : q.end + 1] == "、" else plain[q.end :]
    return core_of(plain[start : q.start] + "|" + tail)


def _opened(plain: str, end: int) -> int:
    """Where the words of a figure begin: after a bracket opened before it and not closed
    (…工作1项（城乡居民…提高到200元): the figure is the bracket's own."""
    for i in range(end - 1, -1, -1):
        if plain[i] in "）)":
            return 0
        if plain[i] in "（(":
            return i + 1 if len(re.findall(r"[\u4e00-\u9fff]", plain[i:end])) >= 2 else 0
    return 0


def _printed(printed: str, plain: str, phrase: str, limit: int) -> str:
    """The printed characters of a phrase found in the plain reading, with the bracket it opens
    closed (老年食堂（助餐点）), never cut at the opening bracket."""
    at = plain.find(phrase) if phrase else -1
    if at < 0:
        return phrase
    end = at + len(phrase)
    if phrase.count("（") > phrase.count("）"):
        close = plain.find("）", end)
        end = close + 1 if 0 <= close < limit else end
    name = printed[at:end]
    if plain[at:end].count("（") > plain[at:end].count("）"):
        name = name[: plain[at:end].rfind("（")].strip()
    return name


def named_after_the_run(statements: Sequence[Any]) -> None:
    """累计开工14.15万户，完工3.77万户农村清洁取暖改造: figures in one unit run clause after clause, what they
    count printed once after the last; an earlier one naming nothing counts that too (its core, for pairing
    and matching to a task; its printed name stays empty)."""
    for i, statement in enumerate(statements):
        if statement.kind != "actual" or statement.core:
            continue
        for later in statements[i + 1 :]:
            if later.sentence != statement.sentence or later.kind != "actual" or later.unit != statement.unit:
                break
            if later.core:
                if _named_after_its_figure(later) and later.name not in statement.text:
                    statement.core = later.core
                break


def _named_after_its_figure(statement: Any) -> bool:
    """完工3.77万户农村清洁取暖改造: the name follows the figure (not 新增泊位800个, named before it)."""
    return bool(statement.name) and statement.text.rstrip("。；;，,").endswith(statement.name)
