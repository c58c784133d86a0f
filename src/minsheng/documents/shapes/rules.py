"""The rules these documents follow: lists in cells, padded names, deadlines, totals."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable

import cn2an

from ...text.normal import MARKS, cut, normal

# Endings of an organisation's name; a line that does not end like this and is
# followed by one that does is a long name Word wrapped (南医大常州 / 医学中心).
UNIT_ENDINGS = tuple("局委办会院所部队站社处室区县市镇乡村厅馆行团联校司中心组）)") + (
    "街道",
    "公司",
    "集团",
    "银行",
    "政府",
    "大学",
    "企业",
    "高校",
    "分局",
)
# What follows 、 in 各辖市、区 or 各镇、街道: a level of government, not a unit of its own.
BARE_LEVELS = frozenset({"区", "县", "市", "镇", "乡", "村", "街道", "社区", "园区"})
JURISDICTION_START = ("市", "区", "县", "镇", "各", "省", "乡")
LIST_SPLIT = re.compile(r"[\n；;，,/]+")
LEADER_SPLIT = re.compile(r"[\n；;，,、/]+")


def join_wrapped(text: str) -> str:
    """A name or a sentence whose line breaks are only wrapping."""
    return "".join(line.strip() for line in text.split("\n"))


def _squeeze(item: str) -> list[str]:
    """`王  斐` is one padded name; `张小虎 王斐` two names on one line."""
    parts = item.split()
    if len(parts) > 1 and all(len(p) >= 2 for p in parts):
        return parts
    return ["".join(parts)] if parts else []


# 各辖市、区 and 各镇、街道 are one name; any other 、 in a cell separates items.
_PHRASE_COMMA = re.compile(r"各[^、\n]{1,4}、\s*(?:街道|社区|园区|区|县|市|镇|乡|村)")


_ENUMERATION_MARK = re.compile(r"[、，,；;]")


def _unwrap_enumeration(text: str, whole: Callable[[str], bool]) -> str:
    """Join the lines of a cell that lists its items with 、 or ，, where a line break is only wrapping.

    A narrow PDF or Excel cell breaks `市发改委、市资规局` anywhere (`市发改委、市` /
    `资规局`). A break stays a separator only when both sides are whole items."""
    if not _ENUMERATION_MARK.search(_PHRASE_COMMA.sub("", normal(text))) or "\n" not in text:
        return text
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    out = lines[0]
    for line in lines[1:]:
        before, after = _ENUMERATION_MARK.split(out)[-1], _ENUMERATION_MARK.split(line)[0]
        out += "\n" + line if whole(before) and whole(after) else line
    return out


def whole_unit(name: str) -> bool:
    plain = normal(name)
    return len(name) >= 2 and plain.endswith(UNIT_ENDINGS) and plain not in BARE_LEVELS


def split_leaders(text: str) -> list[str]:
    text = _unwrap_enumeration(text, lambda name: len(name.replace(" ", "")) >= 2)
    names = [name for item in LEADER_SPLIT.split(text) for name in _squeeze(item)]
    return list(dict.fromkeys(names))


def _enumeration(item: str) -> list[str]:
    """`区教育局、区财政局` → two units; `各辖市、区` stays one."""
    parts: list[str] = []
    for part in item.split("、"):
        if parts and normal(part.strip()) in BARE_LEVELS:
            parts[-1] += "、" + part.strip()
        elif part.strip():
            parts.append(part)
    return parts


_BRACKETED = re.compile(r"[（(][^（()）]*[)）]")
# Separators inside brackets are hidden while splitting: 各镇（街道、开发区） is one
# unit. A line break inside brackets is only wrapping and is dropped.
_HIDDEN = {"、": "\ue000", "，": "\ue001", ",": "\ue002", "；": "\ue003", ";": "\ue004"}
_HIDE = str.maketrans({**_HIDDEN, "\n": ""})
_SHOW = str.maketrans({v: k for k, v in _HIDDEN.items()})


_LEAD_MARK = re.compile(r"\s*[（(]\s*牵头\s*[)）]\s*$")


def lead_marked(units: list[str]) -> tuple[list[str], list[str]] | None:
    """`市住建局（牵头）、市发改委`: the marked units lead, the others partner; None when none is marked."""
    marked = [u for u in units if _LEAD_MARK.search(normal(u))]
    if not marked:
        return None
    return [cut(_LEAD_MARK, u) for u in marked], [u for u in units if u not in marked]


def _without_etc(name: str) -> str:
    """市财政局等: the list's closing 等 (and others) is not part of the last unit's name."""
    return name[:-1] if name.endswith("等") and len(name) > 2 else name


def split_units(text: str, known: set[str] | frozenset[str] = frozenset()) -> list[str]:
    """Units listed in a cell or after a label; separators inside brackets do not split."""
    text = _BRACKETED.sub(lambda m: m.group(0).translate(_HIDE), text)
    text = _unwrap_enumeration(text, whole_unit)
    lines = [
        _without_etc(name.translate(_SHOW))
        for item in LIST_SPLIT.split(text)
        for part in _enumeration(item)
        for name in _squeeze(part)
    ]
    units: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if i + 1 < len(lines) and _is_wrapped(line, lines[i + 1], known):
            units.append(line + lines[i + 1])
            i += 2
            continue
        units.append(line)
        i += 1
    return list(dict.fromkeys(units))


def _is_wrapped(line: str, following: str, known: set[str] | frozenset[str]) -> bool:
    if line + following in known:
        return True
    if line in known or following in known:
        return False
    if len(line) == 1 or len(following) == 1:
        return True  # no unit has a one-character name: 南医大常州医学中 / 心
    line, following = normal(line), normal(following)
    return (
        not line.endswith(UNIT_ENDINGS)
        and following.endswith(UNIT_ENDINGS)
        and not following.startswith(JURISDICTION_START)
    )


def parse_seq(text: str) -> int | None:
    word = re.sub(r"[\s、.．)）(（]", "", text)
    if word.isdigit():
        return int(word)
    try:
        return int(cn2an.cn2an(word, "smart")) if word else None
    except (ValueError, KeyError, TypeError):
        return None


# A sub-task's own number at the start of its content: （1）新建… / 1.新建… / ①新建…
def strip_sub_number(content: str) -> str:
    """（1）新建… → 新建…: a sub-task's own number; but a cell numbering several sub-targets
    (1.…2.…3.…) keeps its first number with the rest."""
    match = SUB_NUMBER.match(content)
    if match is None:
        return content
    number = re.sub(r"\D", "", match.group(0))
    if number == "1" and re.search(r"(?:^|[。；;\s])2\s*[、.．](?!\d)", content[match.end() :]):
        return content
    return content[match.end() :]


SUB_NUMBER = re.compile(
    r"^\s*(?:[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[)）]|\d{1,2}\s*[、.．](?!\d)|[①-⑳])\s*"
)
# A count after a heading: 教育类（3项） / 幼有所育(共2件)
COUNT = r"[（(]\s*(?:共|计)?\s*[\d一二三四五六七八九十]+\s*(?:大项|项|件|个)[^）)]{0,8}[)）]\s*[：:]?$"
_COUNT_TAIL = re.compile(r"\s*" + COUNT)


def strip_count(heading: str) -> str:
    """`教育类（3项）` → `教育类`; a trailing colon or full stop goes too."""
    return cut(_COUNT_TAIL, heading.strip()).strip().rstrip("：:。.")


# A mark after a name that points to a note under the table (★为人大代表票决项目), or before it
# (a bullet, a 票决 star): not the name's.
NOTE_MARKS = MARKS


def without_marks(name: str) -> str:
    return name.strip().strip(NOTE_MARKS).strip()


# A name, the count of the projects it groups in a parenthesis (项目5个，其中基建工程类4个…; 共3项),
# a full stop, then the content.
_COUNTED_NAME = re.compile(
    r"^([^，,。；;：:（()）\n]{2,20})\s*[（(]\s*(?:共|计|含)?\s*(?:项目)?\s*[\d一二三四五六七八九十]+\s*(?:大项|项|件|个)"
    r"[^（()）]{0,40}[)）]\s*[。.]\s*(\S.{5,})$",
    re.S,
)
# A name, its note (票决项目, 续建, 省民生实事) and the content run on after it on the same line.
_NOTED_NAME = re.compile(
    r"^([^，,。；;：:（()）\n]{2,30})\s*[（(][^（()）]{0,6}(?:票决|续建|新建|民生实事)[^（()）]{0,6}[)）]\s*(\S.{9,})$",
    re.S,
)


def item_title(text: str) -> tuple[str, str]:
    """An item's name and content: `名称：内容` splits; a short first sentence before more is a title;
    otherwise the whole item names itself and is its content."""
    text = text.strip()
    labelled = re.match(r"^([^：:。，,；;\n]{2,30})[：:]\s*(\S.*)$", text, re.S)
    if labelled:
        return labelled.group(1).strip(), labelled.group(2).strip()
    # 之一：“安居工程”——完成…; a single dash glued between two words joins them (市区—娄烦公交线路)
    dashed = re.match(r"^(“[^”]{2,20}”|[^，。；;：:“”]{2,20})\s*(?:——|(?<=[”\s])—|—(?=\s))\s*(\S.+)$", text, re.S)
    if dashed:
        return dashed.group(1).strip(), dashed.group(2).strip()
    counted = _COUNTED_NAME.match(normal(text))
    if counted:  # 科教惠民工程（项目5个，其中…）。主要是…: the count of its parts is a note
        return text[: counted.end(1)].strip(), text[counted.start(2) :].strip()
    noted = _NOTED_NAME.match(normal(text))
    if noted:  # 滨江路北延线建设项目（票决项目）工程起于…: the note ends the name
        return text[: noted.end(1)].strip(), text[noted.start(2) :].strip()
    # read in the normal form, where a stray comma before the stop (`名称,。`) is a space
    first = re.match(r"^([^。；;！!？?\d]{2,20})。\s*(\S.{9,})$", normal(text), re.S)
    if first and not re.search(r"[，,]", first.group(1)):  # a title may pair two names (胸痛中心、卒中中心)
        return text[: first.end(1)].rstrip(" ,，"), text[first.start(2) :].strip()
    return text.rstrip("。；;，, "), text


SUB_ITEM = re.compile(r"^\s*[（(]\s*[\d一二三四五六七八九十]+\s*[)）]\s*$")
CATEGORY_ROW = re.compile(r"^\s*([一二三四五六七八九十]+|\d+)\s*[、.．]\s*(\S.*)$")


def category_heading(text: str) -> str | None:
    """`一、教育类` → `教育类`."""
    match = CATEGORY_ROW.match(text.replace("\n", ""))
    return match.group(2).strip() if match else None


_SEASON_END = {
    "第一季度": 3,
    "一季度": 3,
    "第二季度": 6,
    "二季度": 6,
    "上半年": 6,
    "年中": 6,
    "第三季度": 9,
    "三季度": 9,
    "第四季度": 12,
    "四季度": 12,
    "下半年": 12,
    "年底": 12,
    "年末": 12,
    "年内": 12,
    "全年": 12,
}
# One pass over a deadline, in reading order: a year (2026年, 2026-2027年), a
# numeric date (2026.12, 2026-06-30), a month with or without its day, a season.
# 年 before 底/末/内/中 belongs to the season word (2026年底).
_DEADLINE_TOKEN = re.compile(
    r"(?:\d{4}\s*[-—–~至到]\s*)?(?P<year>\d{4})\s*年度?(?![底末内中])"
    r"|(?P<nyear>\d{4})[.\-/](?P<nmonth>\d{1,2})(?:[.\-/](?P<nday>\d{1,2})(?!\d))?"
    r"|(?P<month>\d{1,2})\s*月(?:\s*(?P<day>\d{1,2})\s*日)?"
    r"|(?:(?P<syear>\d{4})\s*)?(?P<season>" + "|".join(_SEASON_END) + ")"
)


def due_date(deadline: str | None, plan_year: int | None) -> str | None:
    bare = re.fullmatch(r"\s*(?:\d{4}\s*[-—–~至到]\s*)?(\d{4})\s*", deadline or "")
    if bare:  # a bare year, or years from-to, in a 年限 column (2023-2025): the end of the last
        return f"{bare.group(1)}-12-31"
    return _due_date(deadline, plan_year)


def _due_date(deadline: str | None, plan_year: int | None) -> str | None:
    """The last day a printed deadline allows: 2026年 → 2026-12-31, 2026年6月底前 → 2026-06-30.

    A staged deadline (2026年6月、12月) allows until its last stage; a month or
    season without a year is in the year last named, or the plan's year."""
    if not deadline:
        return None
    year, bare_year, ends = plan_year, None, []
    for token in _DEADLINE_TOKEN.finditer(deadline):
        if token["year"]:
            if bare_year is not None:
                ends.append(dt.date(bare_year, 12, 31).isoformat())
            year = bare_year = int(token["year"])
            continue
        if token["nyear"]:
            year = int(token["nyear"])
            end = _month_end(year, int(token["nmonth"]), int(token["nday"]) if token["nday"] else None)
        elif year is None:
            continue
        elif token["month"]:
            end = _month_end(year, int(token["month"]), int(token["day"]) if token["day"] else None)
        else:
            year = int(token["syear"]) if token["syear"] else year
            end = _month_end(year, _SEASON_END[token["season"]], None)
        bare_year = None
        if end:
            ends.append(end)
    if bare_year is not None:
        ends.append(dt.date(bare_year, 12, 31).isoformat())
    return max(ends) if ends else None


def impossible_days(deadline: str, plan_year: int | None) -> list[str]:
    """Days a deadline names that its month does not have (2026-02-30, 2月30日), as printed.

    The import reads such a day leniently, as its month's end (_month_end): a document is what it
    is and a 9月31日 in one still means the end of September. A clerk typing a deadline can be
    asked again, so the editor refuses these with this check instead of changing that reading."""
    wrong, year = [], plan_year
    for token in _DEADLINE_TOKEN.finditer(deadline):
        if token["year"]:
            year = int(token["year"])
        month, day = (token["nmonth"], token["nday"]) if token["nyear"] else (token["month"], token["day"])
        year = int(token["nyear"]) if token["nyear"] else year
        if month and day and 1 <= int(month) <= 12:
            last = calendar.monthrange(year or 2024, int(month))[1]  # no year: allow 2月29日
            if not 1 <= int(day) <= last:
                wrong.append(token.group(0).strip())
    return wrong


def _month_end(year: int, month: int, day: int | None) -> str | None:
    if not 1 <= month <= 12:
        return None
    last = calendar.monthrange(year, month)[1]
    if day is not None and 1 <= day <= last:
        return dt.date(year, month, day).isoformat()
    return dt.date(year, month, last).isoformat()


_NUM = r"([\d一二三四五六七八九十百两]+)"


def stated_totals(text: str) -> dict[str, int]:
    """What a document says it holds: 十大类30个项目, 共10类25项, 31大项（79子项）, 5个…候选项目."""
    totals: dict[str, int] = {}
    text = normal(text)
    match = re.search(_NUM + r"\s*大?类", text)
    if match and (n := parse_seq(match.group(1))):
        totals["categories"] = n
    match = re.search(r"类\s*" + _NUM + r"\s*(?:个|大)?(?:项目|项)", text)
    if match and (n := parse_seq(match.group(1))):
        totals["projects"] = n
    match = re.search(_NUM + r"\s*个[^，。；]{0,8}项目为[^，。；]{0,10}候选", text)
    if match and (n := parse_seq(match.group(1))):
        totals["candidates"] = n
    return totals


_NO_NAME = r"[全本我该各][省市区县镇乡旗]"
_PLACE_AT_END = re.compile(r"([\u4e00-\u9fff]{2,6}?(?:自治区|省|市|区|县|旗|镇|乡|街道))\s*$")


def title_parts(title: str | None) -> tuple[int | None, str | None]:
    """Year and jurisdiction from a title: 2024年常州市金坛区… → (2024, 金坛区); 寧川縣 as printed."""
    if not title:
        return None, None
    plain = normal(title)
    year, place = _title_parts(plain)
    at = plain.find(place) if place else -1
    return year, (title[at : at + len(place)] if place and at >= 0 else place)


def _title_parts(title: str) -> tuple[int | None, str | None]:
    match = re.search(r"(\d{4})\s*年度?", title)
    year = int(match.group(1)) if match else None
    rest = title[match.end() :] if match else title
    # 平川县2023年…: the place printed before the year
    before = _PLACE_AT_END.search(title[: match.start()]) if match else None
    jurisdiction = before.group(1) if before else None
    while True:
        place = re.match(r"[\u4e00-\u9fff]{1,6}?(?:自治区|省|市|区|县|旗|镇|街道|乡(?=(?:人民)?政府))", rest)
        # 全市, 本县: the whole of a place not named
        if not place or re.search(r"民生|实事|委|政府", place.group(0)) or re.fullmatch(_NO_NAME, place.group(0)):
            break
        jurisdiction = place.group(0)
        rest = rest[place.end() :]
    return year, jurisdiction
