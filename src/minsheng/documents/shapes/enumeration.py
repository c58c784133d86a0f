"""Plans named in one sentence of a news story: "这8项民生实事项目分别是A、B、…、H。",
"确定今年办好六件民生实事……即A；B；…；F。"

The sentence states how many there are, and the reading is kept only when exactly that
many items follow the word that introduces them: a count that does not match is no list.
"""

from __future__ import annotations

import re

from ...indicators.extract import extract
from ...text.normal import normal
from ..parsed import ParsedProject, ParsedTask
from .category_runs import read_category_runs
from .listing import PROJECT_TITLE_END
from .rules import parse_seq
from .teach_items import _unbracketed

_COUNT = r"([\d一二两三四五六七八九十]{1,3})\s*(?:项|件|个|大)"
# the count and what it counts stand in one clause (800个,为…3项民生实事: the 3 counts, not the 800)
STATED = re.compile(_COUNT + r"[^。；，,]{0,16}?(?:民生实事|实事|民生工程|项目)")
INTRODUCER = re.compile(r"(?:分别是|分别为|具体是|具体为|包括|即|为|是)[：:]?")


def read_enumeration(paragraphs: list[str], where: str) -> tuple[list[ParsedProject], list[str]]:
    """The projects named in one sentence, and the lines above it; none when no sentence fits."""
    for index, paragraph in enumerate(paragraphs):
        grouped = read_category_runs(paragraph, where)
        if grouped:
            return grouped, paragraphs[:index]
        items = _items(paragraph)
        if items:
            named = len(items) >= 3 and pieces_named(items)
            projects = [_project(n, item, where, named) for n, item in enumerate(items, start=1)]
            return projects, paragraphs[:index]
    return [], []


def _items(paragraph: str) -> list[str]:
    plain = normal(paragraph)
    for stated in STATED.finditer(plain):
        count = parse_seq(stated.group(1))
        if not count or count < 2:
            continue
        for intro in INTRODUCER.finditer(plain, stated.end()):
            items = _split(paragraph, plain, intro.end(), count)
            if items:
                return items
        items = _closed_by_count(paragraph, plain, stated.start(), count)
        if items:
            return items
    for quoted in _QUOTED_COUNT.finditer(plain):
        items = _quoted_run(paragraph, plain, quoted.start(), parse_seq(quoted.group(1)) or 0)
        if items:
            return items
    return []


# a closing quote, then the count of what it holds (类 too: the quoted pieces are then the projects)
_QUOTED_COUNT = re.compile(
    r"[”」』\"]([\d一二两三四五六七八九十]{1,3})\s*(?:类|项|件|个|大)[^。；，,]{0,16}?(?:民生实事|实事|民生工程|项目)"
)


_OPENING = {"”": "“", "」": "「", "』": "『", '"': '"'}


def _quoted_run(paragraph: str, plain: str, at: int, count: int) -> list[str]:
    """Names run with 、 inside ONE pair of quotes closed at `at` and then counted: `实施“A、B、…、J”10类
    民生实事项目` (the quotes mark the run off in the sentence; each piece is one name)."""
    start = plain.rfind(_OPENING[plain[at]], 0, at)
    if count < 2 or start < 0 or "。" in plain[start:at]:
        return []
    items, separator = _run(paragraph[start + 1 : at], count)
    return items if separator == "、" else []


# the clause that closes a run with its count: "…：A；B；…；J，为我市2023年市政府10项民生实事项目。"
_CLOSED_BY = re.compile(r"[，,]\s*(?:为|是|即|系|共|作为|成为)[^，,：:；;。]{0,16}$")


def _closed_by_count(paragraph: str, plain: str, at: int, count: int) -> list[str]:
    """The items run before the count that closes their sentence, from the colon that opens them."""
    clause = _CLOSED_BY.search(plain, 0, at)
    if clause is None:
        return []
    start = max(plain.rfind("：", 0, clause.start()), plain.rfind(":", 0, clause.start()))
    if start < 0 or "。" in plain[start : clause.start()]:
        return []
    return _run(paragraph[start + 1 : clause.start()], count)[0]


def _split(paragraph: str, plain: str, start: int, count: int) -> list[str]:
    """Exactly `count` items from `start` to the sentence's end, split at ； or else at 、."""
    end = plain.find("。", start)
    items, separator = _run(paragraph[start : end if end >= 0 else len(paragraph)], count)
    if items and separator in ("；", ";") and end >= 0:
        items[-1] += "。"  # the sentence's full stop ends the last item, as printed
    return items


# How long an item may be: a name of 、-run is short; a ；-piece may hold a project's whole content,
# the stated count (matched exactly) saying it is one item and not a paragraph run on.
_ITEM_MAX = {"、": 80, "；": 240, ";": 240}


def _run(text: str, count: int) -> tuple[list[str], str]:
    """Exactly `count` items split at ； or else at 、 (else names joined by commas), with the separator used."""
    for separator in ("；", ";", "、"):
        items = [item.strip(" ，,") for item in text.split(separator)]
        if len(items) == count and all(2 <= len(item) <= _ITEM_MAX[separator] for item in items):
            return _unquoted(items), separator
    items = _comma_names(text, count)
    return (_unquoted(items), "，") if items else ([], "")


def _comma_names(text: str, count: int) -> list[str]:
    """`count` names joined by commas (`A工程,B项目,C、D治理工程,…`): a comma also joins a sentence's
    clauses, so only pieces that each end as a project's name are names, and the clauses after them
    (`,估算总投资4.66亿元`) close the sentence; a 、 inside a piece stays in its name."""
    pieces = [piece.strip() for piece in re.split(r"[，,]", text)]
    names = pieces[:count]
    if len(names) < count or any(len(name) > _ITEM_MAX["、"] for name in names):
        return []
    if not all(_ends_as_name(name) for name in names):
        return []
    if any(_ends_as_name(rest) for rest in pieces[count:]):
        return []  # more names than the count says: not this list
    return names


def _ends_as_name(piece: str) -> bool:
    """A project's name ends with 工程/项目/… (in either script), perhaps before a note in brackets
    (`…工程(两河公园打造)`)."""
    bare = re.sub(r"[（(][^（()）]*[）)]$", "", normal(piece).strip()).rstrip("”」\"'")
    return len(bare) >= 4 and bare.endswith(PROJECT_TITLE_END)


# a name in quotes of any printing (“…”, 「…」, "…", a “ closed by a straight " as copies mix them),
# the run's last one perhaps followed by 等 (and the like) that closes the list, not the name
_QUOTED = re.compile(r"^[“「『\"'‘](?P<name>[^“”「」『』\"]+)[”」』\"'’](?:等|等等)?$")


def _unquoted(items: list[str]) -> list[str]:
    """Items that are all quoted names are the names inside their quotes: the quotes only mark them
    off in the sentence (“A”、“B”、…“J”等); a run where only some are quoted keeps them as printed."""
    found = [_QUOTED.match(item.strip()) for item in items]
    if len(items) < 2 or not all(found):
        return items
    return [match.group("name").strip() for match in found if match]


def _project(seq: int, item: str, where: str, named: bool = False) -> ParsedProject:
    name, content = named_piece(item) if named else (item.rstrip("。"), item)
    task = ParsedTask(content=content)
    task.indicators = extract(content)
    return ParsedProject(seq=seq, category=None, name=name, tasks=[task], source=f"{where} 第{seq}项")


NAME_MAX = 20  # a project's name before its content: a phrase, never a clause run on


def _name_end(item: str) -> int:
    """Where the piece's first clause ends: its first ， or ： outside brackets (-1: none)."""
    blank = _unbracketed(item)
    ends = [at for at in (blank.find("，"), blank.find("：")) if at > 0]
    return min(ends, default=-1)


def named_piece(item: str) -> tuple[str, str]:
    """`低保暖心工程，为…投保` → (name, content): the first clause names the project, the rest is its content."""
    at = _name_end(item)
    return item[:at].strip(), item[at + 1 :].strip()


def pieces_named(items: list[str]) -> bool:
    """Whether every piece opens with its project's name before a ， or ： (`名称，内容`): a short phrase
    with no figure, most of them ending as projects' names do (…工程, …行动); pieces that open with
    work and its target (`新建幼儿园100所，…`) name themselves."""
    heads = []
    for item in items:
        at = _name_end(item)
        head = normal(item[:at]).strip() if at > 0 else ""
        if not 2 <= len(head) <= NAME_MAX or re.search(r"\d", head) or not item[at + 1 :].strip():
            return False
        heads.append(head.rstrip("”」》\"'"))
    return sum(head.endswith(PROJECT_TITLE_END) for head in heads) * 2 >= len(heads)
