"""Quantified targets (量化指标) in task text: pure functions, no database.

A target is a number the lead unit answers for, with its measure word:
新增公共停车泊位1500个 → 1500 个. The rules follow shared/gold/INDICATORS.md: magnitudes expanded
on Decimal (16.4亿 is exact), ops from the wording around the number, units as printed without the
magnitude, and the non-targets (names, dates, ages, baselines) left out. Rules are about the language only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

import cn2an

from ..text.normal import MARKS, normal
from ..text.pinyin import unglossed
from .names import (
    ONLY_VERBS,
    after_joiner,
    dangles,
    each_names,
    in_quoted_name,
    only_scope,
    without_dangling,
    without_verbs,
)
from .ops import NOT_OPS, OPS_AFTER, OPS_BEFORE
from .parsed import ParsedIndicator
from .people import SIZE_OF_PLACE, people_counts
from .units import BASE_UNITS

_PER = r"(?:/(?:日|天|月|年|人|户|次|小时|周))?"
UNIT = r"(?:%|％|" + "|".join(map(re.escape, BASE_UNITS)) + r")" + _PER
_AR = r"\d+(?:,\d{3})*(?:\.\d+)?"
_CN = r"[零〇一二两三四五六七八九十百千万亿]+"
_MAG = r"(?:万亿|亿|万|千(?![米克瓦])|百(?!分))?"  # 12.6千米 is 12.6 km, not 12,600 米
_RANGE = r"\s*[-—–~～至到]\s*"

NUMBER = re.compile(
    r"(?<![\d.A-Za-z第])(?<![零〇一二两三四五六七八九十百千万亿])"
    r"(?P<lo>" + _AR + "|" + _CN + r")\s*(?:(?P<magyu>余|多)(?=[万亿]))?(?P<lomag>" + _MAG + r")"  # 800余万元
    r"(?:(?<=[万亿])(?P<rest>\d,\d{3}|\d{1,4})(?![\d.,])(?P<restmag>万(?!亿))?)?"
    r"(?:" + _RANGE + r"(?P<hi>" + _AR + "|" + _CN + r")\s*(?P<himag>" + _MAG + r"))?"
    r"\s*(?P<yu>余|多)?\s*"
    r"(?P<unit>" + UNIT + r")"
    r"(?P<paren>[（(][^）)\d]{1,3}[）)])?"
    r"(?P<after>以上|及以上|以下|及以下|以内|左右|上下|余)?"
)

_OP_WORDS = "|".join(sorted((word for word, _ in OPS_BEFORE), key=len, reverse=True))  # 不超过 before 超过
# An op word just before the number (为约16所学校: 约), and the words a name does not end with.
_OP_OF = dict(OPS_BEFORE)
_OP_WORD_AT_END = re.compile(f"({_OP_WORDS})$")
_NAME_TAIL = re.compile(f"(?:{_OP_WORDS}|达到|达|各|共|计)+$")
MAGNITUDE = {"": 1, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000, "万亿": 10**12}
# An amount of money introduced by 投资 or 资金 (总投资7.58亿元, 安排补助资金860万元) is what the work
# costs, kept in the plan's investment fields; what a unit delivers in money (发放助学金, 筹资) stays a target.
_INVESTMENT_LEAD = re.compile(
    r"(?:投资|资金)(?:总?额|规模)?(?:为|达到|达|共|计|合计|总计|" + "|".join(w for w, _ in OPS_BEFORE) + r")*$"
)
CLAUSE_BREAK = "，。；;！？!?：:\n" + MARKS  # a target's words never run over a mark (★新建3座)


@dataclass
class Quantity:
    """A number with its measure word, as read from a text (shared with the progress reader)."""

    start: int
    end: int
    value: Decimal
    high: Decimal | None
    unit: str
    op: str
    unit_at: int = 0


def to_decimal(number: str, magnitude: str = "") -> Decimal | None:
    """2.2 + 万 → 22000; 两万 → 20000; exact on Decimal."""
    number = number.replace(",", "")
    if re.fullmatch(_AR, number):
        value = Decimal(number)
    else:
        if number in {"一", "十", "百", "千", "万", "亿", "零", "〇"} and not magnitude:
            return None  # 一站式, 千企帮千户, 百团百联: words, not quantities
        try:
            value = Decimal(str(cn2an.cn2an(number, "smart")))
        except (ValueError, KeyError, TypeError, IndexError):
            return None
    return value * MAGNITUDE.get(magnitude, 1)


def extract(text: str) -> list[ParsedIndicator]:
    """Every quantified target in one task's content, in reading order; read through pinyin glosses
    (`3.2萬(wàn)人` as 3.2萬人, text/pinyin.py), each span cut from the text as printed."""
    plain, at = unglossed(text)
    if len(plain) == len(text):
        return _extract(text)
    found = _extract(plain)
    for hit in found:
        if hit.start is not None and hit.end is not None and hit.end > hit.start:
            hit.start, hit.end = at[hit.start], at[hit.end - 1] + 1
            hit.text = text[hit.start : hit.end].strip()
    return found


def _extract(text: str) -> list[ParsedIndicator]:
    """Every quantified target in a text without glosses, in reading order.

    Matched on the normal reading (10萬噸/日 as 10万吨/日, `1,500` kept, a clause's `,` as `，`); spans and units are
    cut from the text as printed."""
    found: list[ParsedIndicator] = []
    previous_end = 0
    plain, hits = _printed_hits(text)
    for hit in hits:
        if not _is_investment(plain, hit, previous_end):
            found.extend(_targets(plain, text, hit, previous_end))
        previous_end = hit.end
    return found + figure_after_unit(text)


def quantities(text: str) -> list[Quantity]:
    """Every number with a measure word in a text, as the extractor reads them (values, units, ops)."""
    return _printed_hits(text)[1]


def _printed_hits(text: str) -> tuple[str, list[Quantity]]:
    """The hits read on the normal text, with each unit as printed (噸/日, not 吨/日)."""
    plain = normal(text)
    hits = _hits(plain)
    for hit in hits:
        if hit.unit_at < 0:
            continue  # a people noun with no 人 printed (居民, 群众): 人 as the guide writes it
        hit.unit = "%" if hit.unit == "%" else text[hit.unit_at : hit.unit_at + len(hit.unit)].replace("％", "%")
    return plain, hits


def _hits(text: str) -> list[Quantity]:
    """Numbers with a measure word, then counts of people named by their noun, in reading order."""
    hits = [h for h in (_read_match(text, m) for m in NUMBER.finditer(text)) if h is not None]
    taken = [(h.start, h.end) for h in hits]
    for count in people_counts(text):
        if any(start < count.end and count.start < end for start, end in taken):
            continue
        value = to_decimal(count.number, count.magnitude)
        if value is not None and not _is_baseline_at(text, count.start, count.end):
            op = _op_at(text, count.start, count.after)
            hits.append(Quantity(count.start, count.end, value, None, "人", op, count.unit_at))
    return sorted(hits, key=lambda h: h.start)


def _read_match(text: str, match: re.Match[str]) -> Quantity | None:
    low = _low(text, match)
    span = _range(match, low) if low is not None else None
    measure = _measure(text, match) if span is not None else None
    if span is None or measure is None or in_quoted_name(text, match.start(), match.end(), match["lo"]):
        return None
    (low, high), (unit, op) = span, measure
    return Quantity(match.start(), match.end(), low, high, unit, op, match.start("unit"))


def _low(text: str, match: re.Match[str]) -> Decimal | None:
    """The number (or the lower end of a range), unless it is a word or a baseline."""
    lone_two = match["lo"] == "二" and not match["lomag"] and not match["hi"]
    if lone_two or not re.fullmatch(_AR, match["lo"]) and text[match.end() : match.end() + 1].isdigit():
        # two of a thing is written 两 (两次, 两所); a lone 二 before a measure word is part of a
        # name (二次供水, 二级医院), as is a numeral word glued to a figure's count (五台3个街道)
        return None
    low = to_decimal(match["lo"], match["lomag"] or "")
    if low is None and _counted_one(text, match):
        low = Decimal(1)
    if low is None or _is_baseline(text, match):
        return None
    if match["rest"]:
        return _compound(low, match["lomag"], match["rest"], match["restmag"] or "")
    return low


def _range(match: re.Match[str], low: Decimal) -> tuple[Decimal, Decimal | None] | None:
    """Low and high of 3-4个 (1-2万 is 10000..20000); None for a range that does not rise."""
    if not match["hi"]:
        return low, None
    high = to_decimal(match["hi"], match["himag"] or match["lomag"] or "")
    if high is None or high <= low:
        return None
    if match["lomag"] == "" and match["himag"]:
        low = low * MAGNITUDE[match["himag"]]
    return low, high


def _measure(text: str, match: re.Match[str]) -> tuple[str, str] | None:
    """Unit and op; None for a bare 万 (a magnitude with no measure word) and for a reach in minutes."""
    unit = match["unit"]
    if unit == "万":
        return None
    unit = "%" if unit == "％" else unit
    op = _op(text, match)
    if unit in ("期", "对") and not _sessions(text, match):  # 站台10对； as 培训12期； (1对1, 1对口: no count)
        return None
    if unit == "人" and SIZE_OF_PLACE.match(text, match.end()):
        return None  # 五百人口规模以上村: the size of the places served, no one counted
    if unit == "分钟" and op == "eq" and not re.search(r"(?:缩短|压缩|降低|减少)[至到]?$", text[: match.start()]):
        return None  # 15分钟生活圈 names a reach; 缩短至12分钟以内 is a target
    return unit, op


def _sessions(text: str, match: re.Match[str]) -> bool:
    """培训12期，: sessions of a course, counted in figures, the measure word ending the clause;
    一期工程 and 2期项目 name a phase."""
    after = text[match.end() : match.end() + 1]
    return match["lo"][0].isdigit() and (not after or after in CLAUSE_BREAK)


def _compound(head: Decimal, magnitude: str, rest: str, rest_magnitude: str) -> Decimal | None:
    """9万2,386 → 92386, 31亿2,400万 → 3124000000: a smaller figure written after 万/亿 adds to it."""
    tail = Decimal(rest.replace(",", "")) * MAGNITUDE[rest_magnitude]
    return head + tail if tail < MAGNITUDE[magnitude] else None


def _counted_one(text: str, match: re.Match[str]) -> bool:
    """小学一所。: a bare 一 with its measure word ending the clause counts one; 一站式, 一个中心 and
    一批次 go on into a word and are no quantity."""
    if match["lo"] != "一" or match["lomag"] or match["hi"]:
        return False
    after = text[match.end() : match.end() + 1]
    before = text[match.start() - 1 : match.start()]
    return (not after or after in CLAUSE_BREAK + "、") and "\u4e00" <= before <= "\u9fff"


def _op(text: str, match: re.Match[str]) -> str:
    groups = match.groupdict()
    if groups.get("hi"):
        return "range"
    return _op_at(text, match.start(), groups.get("after") or groups.get("yu") or groups.get("magyu") or "")


def _op_at(text: str, start: int, after: str) -> str:
    """The op of a number starting at `start`: the word after it (以上), else the word before (约)."""
    if after:
        return OPS_AFTER[after]
    before = text[max(0, start - 6) : start]
    before = re.sub(r"(?:在|为|达到|达|到)$", "", before)
    if before.endswith(NOT_OPS):  # 家庭医生签约1.2万人: 约 ends a word here, it is no 约
        return "eq"
    found = _OP_WORD_AT_END.search(before)
    return _OP_OF[found.group(1)] if found else "eq"


def _is_investment(text: str, hit: Quantity, previous_end: int) -> bool:
    """An amount in 元 whose clause introduces it with 投资 or 资金: a cost, not a target."""
    lead = text[_segment_start(text, hit.start, previous_end) : hit.start]
    return hit.unit.split("/")[0].endswith("元") and bool(_INVESTMENT_LEAD.search(lead.strip()))


def _is_baseline(text: str, match: re.Match[str]) -> bool:
    """从3种扩大到29种, 由每人每月680元提高到720元, 在437元/月的基础上提高至490元/月:
    the starting point is not the target."""
    return _is_baseline_at(text, match.start(), match.end())


def _is_baseline_at(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 14) : start]
    after = text[end : end + 8]
    if "基础上" in after:
        return True
    # 由家庭年人均收入2650元提高到: what was raised may stand between 由 and its old figure
    return bool(re.search(r"[从由][^，。；,;\d]{0,10}$", before)) and bool(re.match(r"[^，。；,;]{0,5}[到至]", after))


def _clause_start(text: str, position: int, floor: int) -> int:
    """Back to the clause's first word. A 、 after verbs alone (新建、改扩建…) joins verbs on
    one object, not items: the clause runs on back over them."""
    start = _segment_start(text, position, floor)
    while start > floor and text[start - 1] == "、":
        before = _segment_start(text, start - 1, floor)
        if not ONLY_VERBS.match(text[before : start - 1]):
            break
        start = before
    return start


def _segment_start(text: str, position: int, floor: int) -> int:
    start = position
    while start > floor and text[start - 1] not in CLAUSE_BREAK + "、":
        start -= 1
    return start


def _clause_end(text: str, position: int) -> int:
    end = position
    while end < len(text) and text[end] not in CLAUSE_BREAK + "、":
        end += 1
    return end


def _targets(plain: str, text: str, hit: Quantity, previous_end: int) -> list[ParsedIndicator]:
    """The target's span and name, found on `plain` and cut from `text` as printed."""
    start = _clause_start(plain, hit.start, previous_end)
    lead = plain[start : hit.start]
    if _is_preposition_only(lead):
        # 为16所学校食堂安装空调: the number comes first, the thing after it (with 约 or 超 before it)
        op_word = _OP_WORD_AT_END.search(lead)
        span_start, span_end = hit.start - (len(op_word.group(1)) if op_word else 0), _clause_end(plain, hit.end)
        name = _printed_name(plain, text, hit.end, span_end)
    elif (
        not tidy_name(lead)
        or (_points_past(lead) or only_scope(tidy_name(lead)))
        and tidy_name(plain[hit.end : _clause_end(plain, hit.end)])
    ):
        # 打造3-4个区级人工智能教育实验室: only a verb before, the thing after; so too after a word
        # that points past the number (服务或减免其1次取卵-胚胎移植医疗费用: 其 is a person) or names
        # only the scope (实施全区454台老旧电梯更新改造: 全区 is where, 老旧电梯 what)
        span_start, span_end = start + after_joiner(lead), _clause_end(plain, hit.end)
        name = _printed_name(plain, text, hit.end, span_end)
    else:
        span_start, span_end = start, hit.end
        name = _printed_name(plain, text, start, hit.start)
    names = each_names(lead) or [name]
    return [
        ParsedIndicator(
            text=text[span_start:span_end].strip(),
            name=n or text[span_start:span_end].strip(),
            value=hit.value,
            high=hit.high,
            unit=hit.unit,
            op=hit.op,
            start=span_start,
            end=span_end,
        )
        for n in names
    ]


def _printed_name(plain: str, text: str, start: int, end: int) -> str:
    """The tidied name of plain[start:end], cut from the text as printed."""
    tidy = tidy_name(plain[start:end])
    at = plain.find(tidy, start, end) if tidy else -1
    return text[at : at + len(tidy)] if at >= 0 else tidy


def _is_preposition_only(lead: str) -> bool:
    stripped = re.sub(r"[\s“”\"]", "", lead)
    return stripped in {"", "为", "对", "给", "与", "在", "共", "累计", "全年", "年内"} or (
        len(stripped) <= 4 and stripped.startswith(("为", "对", "给")) and stripped.endswith(("约", "近"))
    )


def tidy_name(phrase: str) -> str:
    """The thing named by the words before a number, without leading verbs and op words, nor a
    dangling word at its end (建设口袋公园和3个 → 口袋公园)."""
    phrase = _NAME_TAIL.sub("", phrase.strip())
    phrase = re.sub(r"^[的\s]+|[的\s]+$", "", phrase)
    return without_dangling(without_verbs(phrase))


def _points_past(lead: str) -> bool:
    """The words before the number end on one pointing past it (减免其1次…费用)."""
    return dangles(_NAME_TAIL.sub("", lead.strip()))


# A measure named with its unit in brackets (城镇新增就业（人）, 失业率低于（%）) and, after a space, the
# figure alone: a table's 项目内容 and 目标任务 cells read as one content.
_FIGURE_AFTER_UNIT = re.compile(
    r"^(?P<lead>.*?)[（(]\s*(?P<unit>[^（()）\d]{1,4})\s*[)）]\s+(?P<figure>\d+(?:\.\d+)?)\s*$", re.S
)


def figure_after_unit(text: str) -> list[ParsedIndicator]:
    """`城镇新增就业（人） 24000` → 24000 人: the figure printed apart counts in the bracketed unit."""
    match = _FIGURE_AFTER_UNIT.match(text)
    if match is None:
        return []
    reading = f"{match['lead']}{match['figure']}{match['unit']}"
    found = [i for i in extract(reading) if i.end == len(reading)]
    if not found:
        return []
    hit, at = found[-1], match.start("figure")
    name = tidy_name(match["lead"]) or hit.name
    return [ParsedIndicator(match["figure"], name, hit.value, hit.unit, hit.op, hit.high, at, match.end("figure"))]
