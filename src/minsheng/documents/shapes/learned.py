"""Cuts learned from where the clerk's example sits in the text, beyond the reader's own cuts.

The reader's cuts (teach_items: its numbering levels, bracket runs, separators) cannot read an
item mark it does not know (`1。 `, `⑴`, `甲、`) or names listed inside a sentence
(`一是…类，包括A、B等N个项目；`). Here the example's name is found in the normal text and the
cut is read off its surroundings:

- a **mark**: what precedes the name at the start of its line, generalised by character class
  (figures → any figures, Chinese numerals → any, circled and bracketed numbers → any, a Latin
  letter → any letter; punctuation and other characters kept): the items are the lines that start
  the same way, numbered in sequence where the mark holds a number (`learn:{数}。`);
- a **run**: a name inside a sentence, between two delimiters; the run is the text from the words
  that open it (`包括`, `分别是：`) to the next stronger delimiter, cut at the name's own delimiter,
  and every run opened by the same words is read (`run:、|包括`); the words before a run, back to
  the clause that holds it, name its category;
- a **deadline frame**: the words just before the date phrase in the example's item that falls on
  the example's deadline (`计划于`), read in every item (`frame:计划于`);
- a **bracket frame**: the example's units and deadline found in the bracket closing its item,
  `（区城管局，2027年10月底前）`: which part holds which, and what splits them, read in every item's
  closing bracket (`bracket:，lead_units,deadline`); the name then ends before the bracket.

An item's own numbering (`一、`) is never a delimiter of a run nor an item of one.

Each learned cut is a candidate reading like the others: the example scores it, a tie goes to the
reader's own reading, and it is remembered under its mark's pattern (never its words).
"""

from __future__ import annotations

import re
from typing import Any

from ...text.normal import normal
from .list_marks import numbered_line
from .rules import due_date, parse_seq
from .teach_items import CLOSING_BRACKET, DATE_PHRASE, ItemText, _last_like_siblings, _unbracketed

_CN_NUM = "一二三四五六七八九十百零〇两"
# The classes a mark's characters generalise to: (token in the template, its regex, its characters).
_CLASSES = (
    ("{数}", r"\d+", "0123456789"),
    ("{汉}", f"[{_CN_NUM}]+", _CN_NUM),
    ("{圈}", "[①-⑳]", "".join(chr(c) for c in range(0x2460, 0x2474))),
    ("{括}", "[⑴-⒇]", "".join(chr(c) for c in range(0x2474, 0x2488))),
    ("{点}", "[⒈-⒛]", "".join(chr(c) for c in range(0x2488, 0x249C))),
    ("{字母}", "[A-Za-z]", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
    ("{干}", "[甲乙丙丁戊己庚辛壬癸]", "甲乙丙丁戊己庚辛壬癸"),  # 甲、乙、丙: the heavenly stems count too
)
MARK_MAX = 6  # a mark longer than this is a sentence, not a mark
FRAME_MAX = 3  # the words kept before a deadline's date (`计划于`): the subject before them varies
# Delimiters by strength: a run cut at one is bounded by any stronger one.
_RANK = {"、": 0, "，": 1, "：": 2, "；": 3, "。": 4, "！": 4, "？": 4, "\n": 5}
# `A、B等5个项目`: the count that closes a run is not its last name's; nor is `和/及` before it.
_RUN_TAIL = re.compile(r"(?:等|共)[\d一二三四五六七八九十百两]+(?:[个项件类大]|方面)+\S*$|等$")
_RUN_AND = re.compile(r"^(?:以及|和|及|与)")
# An item's own number before its 、 (`一、`, `（二）、`, `3、`): numbering, not a name of a run.
_NUMBERING = re.compile(rf"^[（(]?(?:[{_CN_NUM}]+|\d+)[)）]?$")
# What may split the parts of a closing bracket (units are listed with 、 inside one part).
_PART_SEPARATORS = "，,；;"


def _lines(paragraphs: list[str]) -> list[str]:
    return [line for paragraph in paragraphs for line in paragraph.split("\n")]


def _key(value: Any) -> str:
    return re.sub(r"\s+", "", normal(str(value or ""))).rstrip("。；，")


def template(mark: str) -> str:
    """`1。 ` → `{数}。`, `第一项：` → `第{汉}项：`, `⑴` → `{括}`: a mark by character class."""
    out = ""
    for char in normal(mark).strip():
        token = next((t for t, _, chars in _CLASSES if char in chars), None)
        if char == " ":
            continue
        if token is None:
            out += char
        elif not out.endswith(token):
            out += token
    return out


def _pattern(mark: str) -> re.Pattern[str]:
    """A template back to a regex matched at a line's start; each class token captures (its number)."""
    out = r"\s*"
    for part in re.split(r"(\{[^}]+\})", mark):
        token = next((rx for t, rx, _ in _CLASSES if t == part), None)
        out += f"({token})" if token else re.escape(part)
    return re.compile(out + r"\s*")


def _number(match: re.Match[str]) -> int | None:
    """The first number a mark holds (`10。` → 10, `第三项` → 3, `⑵` → 2); None for a letter or none."""
    for group in match.groups():
        for _, _, chars in (*_CLASSES[2:5], *_CLASSES[6:]):
            if group and group in chars:
                return chars.index(group) + 1
        if group and group.isascii() and group.isdigit():
            return int(group)
        if group and group[0] in _CN_NUM:
            return parse_seq(group)
    return None


# -- learning from the example --------------------------------------------------------------


def learn(paragraphs: list[str], example: dict[str, Any]) -> list[str]:
    """The cuts the example's place in the text teaches: `learn:MARK` and/or `run:DELIM|OPENER`."""
    name = _key(example.get("name")) or _key(((example.get("tasks") or [{}])[0]).get("content"))[:12]
    if len(name) < 2:
        return []
    kinds: list[str] = []
    for line in _lines(paragraphs):
        plain = normal(line)
        at = plain.find(name)
        mark = plain[:at].strip() if at > 0 else ""
        if _is_mark(mark):
            kinds.append("learn:" + template(mark))
        elif mark:  # inside a sentence: a run
            run = _run_of(plain, at, len(name))
            if run:
                kinds.append(run)
    return list(dict.fromkeys(kinds))


def _is_mark(mark: str) -> bool:
    """A line's start that may number items: short, not ending in a word, of signs or of a class."""
    ideograph = re.compile(r"[\u4e00-\u9fff]")
    last = mark[-1:]
    return (
        0 < len(mark) <= MARK_MAX
        and not (ideograph.match(last) and last not in _CN_NUM)
        and (not ideograph.search(mark) or "{" in template(mark))
    )


def marks_of(paragraphs: list[str]) -> list[str]:
    """The marks two or more lines start with, by class (`{数}。`, `第{汉}项：`): a document's shape
    for a learned cut, with no word of its own."""
    counts: dict[str, int] = {}
    for line in _lines(paragraphs):
        plain = normal(line).strip()
        found = {template(plain[:n]) for n in range(1, MARK_MAX + 1) if _is_mark(plain[:n]) and n < len(plain)}
        for mark in found:
            counts[mark] = counts.get(mark, 0) + 1
    return sorted(m for m, n in counts.items() if n >= 2)[:40]


def _run_of(plain: str, start: int, size: int) -> str | None:
    """`…，包括A、B等5个项目；` with the name at A: `run:、|包括` (its delimiter and the words opening it)."""
    blank = _unbracketed(plain)
    after = blank[start + size : start + size + 1]
    before = blank[start - 1 : start] if start else ""
    delim = after if after in ("、", "，") else before if before in ("、", "，") else ""
    if not delim or (delim != after and _numbered_before(blank, start - 1)):
        return None
    bound = max((i for i, c in enumerate(blank[:start]) if _RANK.get(c, -1) > _RANK[delim]), default=-1)
    # the words from the bound to the first name open the run (`，包括`); when the example is not the
    # first, or nothing stands there (`分别是：A，B`), a colon's words before it do
    opener = blank[bound + 1 : start] if blank[start - 1 : start] != delim else ""
    if not opener.strip() and bound >= 0 and blank[bound] == "：":
        opener = blank[max(bound - 3, 0) : bound + 1]
    opener = opener.strip()
    return f"run:{delim}|{opener}" if opener and len(opener) <= MARK_MAX + 2 else None


def _numbered_before(blank: str, at: int) -> bool:
    """Whether the 、 at `at` closes an item's own number (`；二、` or a sentence's start)."""
    word = re.split(r"[，、；：。\s]", blank[:at])[-1]
    return bool(_NUMBERING.match(word))


def bracket_frame(items: list[ItemText], example: dict[str, Any], year: int = 2001) -> str | None:
    """`bracket:，lead_units,deadline` when the bracket closing the example's item holds its units and
    deadline: each part named by the example's field it matches (others kept as `-`), with its separator."""
    shown = (example.get("tasks") or [{}])[0]
    names = {_key(numbered_line(str(example.get("name") or "")).text), _key(shown.get("content"))[:12]} - {""}
    due = due_date(normal(str(shown.get("deadline") or "")), year)
    for item in items:
        plain = normal(item.text)
        found = CLOSING_BRACKET.search(plain)
        if not found or not any(name in re.sub(r"\s", "", plain) for name in names):
            continue
        inner = found.group(1)
        separator = next((c for c in _PART_SEPARATORS if c in inner), "，")
        fields = [_field_of(part.strip(), shown, due, year) for part in inner.split(separator)]
        named = [f for f in fields if f != "-"]
        if named and len(set(named)) == len(named):
            return f"bracket:{separator}{','.join(fields)}"
    return None


def _field_of(part: str, shown: dict[str, Any], due: str | None, year: int) -> str:
    """Which of the example's fields a bracket's part holds: its deadline (same last day), or the units
    or leaders it names (each of the part's names ends one of the example's, or the reverse)."""
    if due and due_date(part, year) == due:
        return "deadline"
    for field in ("lead_units", "partner_units", "leaders"):
        values = [_key(v) for v in shown.get(field) or []]
        names = [_key(n) for n in re.split(r"[、和及与]", part) if n.strip()]
        if values and names and all(any(n.endswith(v) or v.endswith(n) for v in values) for n in names):
            return field
    return "-"


def deadline_frame(items: list[ItemText], example: dict[str, Any], year: int = 2001) -> str | None:
    """`frame:计划于` when the example's item says its deadline in a sentence: the words before the date
    phrase that falls on the example's deadline (same last day)."""
    shown = ((example.get("tasks") or [{}])[0]).get("deadline")
    due = due_date(normal(str(shown or "")), year)
    name = _key(example.get("name"))
    if not due or not name:
        return None
    for item in items:
        plain = normal(item.text)
        if name not in re.sub(r"\s", "", plain):
            continue
        for found in DATE_PHRASE.finditer(plain):
            if found.group(0) and due_date(found.group(0), year) == due:
                words = re.split(r"[，。；：、\n ]", plain[: found.start()])[-1][-FRAME_MAX:]
                if len(words) >= 2:
                    return "frame:" + words
    return None


# -- the items of a learned cut -------------------------------------------------------------


def learned_items(paragraphs: list[str], kind: str) -> list[tuple[list[ItemText], list[str]]]:
    """The item runs of one learned cut, in the document's order, each with the lines above it."""
    if kind.startswith("learn:"):
        return _mark_runs(_lines(paragraphs), kind[len("learn:") :])
    if kind.startswith("run:"):
        delim, _, opener = kind[len("run:") :].partition("|")
        items = _sentence_runs(paragraphs, delim, opener)
        first = int(items[0].where[1:].split("段")[0]) - 1 if items else 0
        return [(items, paragraphs[:first])] if len(items) >= 2 else []
    return []


def _mark_runs(lines: list[str], mark: str) -> list[tuple[list[ItemText], list[str]]]:
    """Lines that start with the mark, split where their numbers stop rising by one."""
    pattern = _pattern(mark)
    runs: list[tuple[list[ItemText], list[str]]] = []
    last: int | None = None
    current: list[ItemText] | None = None
    for i, line in enumerate(lines):
        match = pattern.match(normal(line))
        if match and match.end() < len(line.rstrip()):
            number = _number(match)
            if current is None or (number is not None and last is not None and number != last + 1):
                current = []
                runs.append((current, lines[:i]))
            current.append(ItemText(line[match.end() :].strip(), number, f"第{i + 1}行"))
            last = number
        elif current is not None and line.strip():
            current[-1].text += "\n" + line.strip()
    return [(_last_like_siblings(items), head) for items, head in runs if len(items) >= 2]


def _sentence_runs(paragraphs: list[str], delim: str, opener: str) -> list[ItemText]:
    """Every run opened by `opener`, cut at `delim` up to the next stronger delimiter; the clause
    before the opener (its number left out) is the run's category."""
    items: list[ItemText] = []
    for p, paragraph in enumerate(paragraphs):
        plain = _unbracketed(paragraph)
        for found in re.finditer(re.escape(opener), plain):
            end = next(
                (i for i in range(found.end(), len(plain)) if _RANK.get(plain[i], -1) > _RANK[delim]), len(plain)
            )
            heading = _category(paragraph, plain, found.start())
            at = found.end()
            pieces = plain[found.end() : end].split(delim)
            for piece in pieces if len(pieces) >= 2 else []:  # one name is no run (`共包括四大类14个项目，`)
                printed = paragraph[at : at + len(piece)]
                at += len(piece) + 1
                tail = _RUN_TAIL.search(normal(printed))
                printed = printed[: tail.start()] if tail else printed
                joined = _RUN_AND.match(printed)
                printed = printed[joined.end() :] if joined else printed
                if printed.strip() and not _NUMBERING.match(normal(printed).strip()):
                    where = f"第{p + 1}段第{len(items) + 1}项"
                    items.append(ItemText(printed.strip(), len(items) + 1, where, heading))
    return items


def _category(paragraph: str, plain: str, start: int) -> str | None:
    """The clause before a run's opener, back to the last sentence end (`一是城市配套提升类，`)."""
    bound = max((i for i, c in enumerate(plain[:start]) if _RANK.get(c, -1) >= _RANK["；"]), default=-1)
    words = numbered_line(paragraph[bound + 1 : start].strip().rstrip("，,：:")).text.strip()
    return words if 2 <= len(words) <= 16 else None
