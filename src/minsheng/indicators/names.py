"""The name of a target: the words before its number without the verbs that lead them
(新增公共停车泊位 → 公共停车泊位), starting at a phrase boundary, never inside the verb phrase
(改扩建或新增老年人助餐点 → 老年人助餐点, not 或新增…; 改扩建（整治）农村公厕 → 农村公厕, not 整治）…)."""

from __future__ import annotations

import re

_VERB = (
    r"(?:新增|新建|建设|建成|开展|完成|实施|打造|培育|组织|提供|开设|改造|提升|推进|创建|举办|发放|"
    r"募集|投放|解决|增加|开发|遴选|设立|更新|改扩建|新改扩建|整治|建立|组建|招募|覆盖|办理|筹集|引进|支持|"
    r"帮扶|援助|促进|惠及|实现|达到|提高|扩大|增设|投用|开通|新辟|优化|培训|指导|开工建设)"
)
# Verbs on one object are one phrase: 新建、改扩建 / 改扩建或新增 / 改扩建（整治） / 提升和改造. A name
# starts after the whole phrase, never at its 或 or its closing bracket.
VERB_PHRASE = _VERB + r"(?:(?:、|或者?|和|及|与|并)?" + _VERB + r"|[（(]" + _VERB + r"[）)])*"
_VERB_LEAD = r"^(?:为|对|在|与|给|共|累计|全年|年内|分批|再|全区|全市|全县|(?:主|中心)?城区|市区|县城)*"
LEADING_VERBS = re.compile(_VERB_LEAD + "(?:" + VERB_PHRASE + ")?")
_ONE_VERB = re.compile(_VERB_LEAD + _VERB + "?")
ONLY_VERBS = re.compile(_VERB_LEAD + VERB_PHRASE + "$")


# A name never ends on a word that points past it: a pronoun (减免其1次…费用: 其 is the person, the
# thing counted follows the number), a conjunction (服务或…) or a structural particle (…的).
_DANGLING = re.compile(r"(?:其|之|的|地|和|或|或者|及|以及|与|并|并且|且|、)$")
_JOINER = re.compile(r".*(?:或者?|和|及|与|并且?|、)")


# 实施全区454台老旧电梯更新改造: a word naming only where (全区, 全市…) is the scope, not what is counted;
# so is the town's built-up part (完成市区7台供热燃煤锅炉改造, 改造城区12条背街小巷, 中心城区, 县城).
_SCOPE_ONLY = re.compile(
    r"^(?:(?:全|本)(?:区|市|县|镇|乡|省|街道|域|国|村|社区)|辖区|(?:主|中心)?城区|市区|县城)(?:范围)?内?$"
)


def only_scope(name: str) -> bool:
    """The words before a number name only a place's whole (全区): what is counted follows the number."""
    return bool(_SCOPE_ONLY.match(name))


def dangles(name: str) -> bool:
    """The words before a number end on a pronoun, conjunction or particle: not a name."""
    return bool(_DANGLING.search(name))


def without_dangling(name: str) -> str:
    """`name` without the pointing words at its end (口袋公园和 → 口袋公园)."""
    while dangles(name):
        name = _DANGLING.sub("", name).rstrip()
    return name


def after_joiner(lead: str) -> int:
    """Where the last of several joined phrases begins in `lead` (服务或减免其 → 3, at 减免):
    a target read after the number starts there, not at the other phrase."""
    found = _JOINER.match(_DANGLING.sub("", lead))
    return found.end() if found else 0


def without_verbs(phrase: str) -> str:
    """The whole verb phrase goes (提升改造城市书房 → 城市书房); where nothing would be left, one
    verb (开展培训 → 培训: the second verb is what is counted)."""
    name = LEADING_VERBS.sub("", phrase, count=1) or _ONE_VERB.sub("", phrase, count=1)
    return _trim_brackets(_at_phrase_start(phrase, name))


_ASIDE = re.compile(r"^[（(][^（()）]{1,6}[）)]")
_JOINED = tuple("或和及与并、")


def _trim_brackets(name: str) -> str:
    """Brackets left at an end by the cut go, a pair the name holds stays: （省级）示范点 keeps
    its pair; 整治）农村公厕 never starts with the closing half."""
    name = name.strip()
    while name and name[0] in "）)" or name[:1] in "（(" and _unbalanced(name, "（(", "）)"):
        name = name[1:].strip()
    while name and name[-1] in "（(" or name[-1:] in "）)" and _unbalanced(name, "）)", "（("):
        name = name[:-1].strip()
    return name


def _unbalanced(name: str, these: str, those: str) -> bool:
    return sum(name.count(c) for c in these) > sum(name.count(c) for c in those)


def _at_phrase_start(phrase: str, name: str) -> str:
    """A name begins a phrase. Stripping a verb the list knows may stop inside the verb phrase,
    before a verb it does not know: a bracketed alternative (新建（扩建）食堂) is the verb's
    aside and goes with it; a conjunction (新建或扩容停车场) leaves an unknown verb, so the
    whole phrase is kept rather than a name starting at 或."""
    if name == phrase.strip():
        return name
    if name.startswith(_JOINED):
        return phrase
    return _ASIDE.sub("", name, count=1)


def each_names(lead: str) -> list[str]:
    """送戏送综艺节目各200场 → 送戏, 送综艺节目: one target per item before 各."""
    if not lead.endswith("各"):
        return []
    items = [i for i in re.split(r"[、和及与]", lead[:-1]) if i]
    if len(items) == 1:
        verb = items[0][0]
        parts = [verb + p for p in items[0].split(verb) if p]
        items = parts if len(parts) > 1 else items
    return items if len(items) > 1 else []


QUOTED_NAME_MAX = 12  # “两项补助”, “三清三拆三整治”: a short name in quotes, not a quoted sentence


def in_quoted_name(text: str, start: int, end: int, number: str) -> bool:
    """残疾人“两项补助”: a number in words inside a short pair of quotes is part of what the quotes name
    (“两项补助”, “四好农村路”), no target; a figure in digits there still counts (“新建3所”)."""
    if number[:1].isdigit():
        return False
    opening, closing = text.rfind("“", 0, start), text.find("”", end)
    if opening < 0 or closing < 0 or "”" in text[opening:start]:
        return False
    return closing - opening <= QUOTED_NAME_MAX
