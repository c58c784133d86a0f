"""The parts of a reading a clerk's example chooses between: where items start, where a name ends.

A reading of a list-like document is a few parameters (teach.Reading). Here are the
generic item splitters they name — the items at one numbering level (list_marks'
styles), the run of spans in one kind of paired bracket (《…》《…》, “…”、“…”), the
pieces of one paragraph between separators (…；…；…) — and the building of a project
from an item's text under a choice of name end, unit labels and deadline. Nothing
here is a layout rule: each splitter applies to any document, and which one holds
the projects is the example's to say (or, with no example, the items' plan-likeness).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...text.normal import normal
from ..parsed import ParsedProject, ParsedTask
from .labels import Labels, read_labels
from .list_marks import Line, numbered_line, split_lines
from .rules import item_title, split_units, strip_count

# Paired brackets an office may put each item in, as normal() prints them.
PAIRS = {"《》": ("《", "》"), "“”": ("“", "”"), "【】": ("【", "】"), "「」": ("「", "」")}
# What may stand between two bracketed items of one run: a list's separators, 和/及/以及.
_BETWEEN = re.compile(r"^[\s、，,；;和及与以]{0,3}$")
SEPARATORS = ("；", "。")
NAME_ENDS = ("auto", "whole", "line", "colon", "period", "comma")
# A deadline said in the item's words: 2025年6月底前完成, 年底前建成, 上半年.
_DEADLINE = re.compile(
    r"(?:20\d{2}年)?(?:\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?|年底|年末|年内|上半年|下半年)(?:前|以前|之前)?"
    r"(?=完成|建成|建好|投用|投入使用|开工|实现|[，。；,]|$)"
)
# A date phrase on its own, read after the words an example taught (`计划于` + `8月底前`): shapes/learned.py.
DATE_PHRASE = re.compile(
    r"(?:20\d{2}年)?(?:\d{1,2}月(?:底|末|中旬|上旬|下旬|\d{1,2}日)?|年底|年末|年内|上半年|下半年|[一二三四]季度)"
    r"(?:前|以前|之前)?"
)


@dataclass
class ItemText:
    """One item as printed: its text, the line it came from, the heading above it."""

    text: str
    seq: int | None
    where: str
    heading: str | None = None


def marker_items(lines: list[Line], style: str) -> list[ItemText]:
    """Items at one numbering level: each line of that style, with the lines below it up to the
    next of its style or of a numbering printed before the first item (the page's own sections)."""
    first = next((i for i, line in enumerate(lines) if line.style == style), None)
    if first is None:
        return []
    outer = {line.style for line in lines[:first] if line.style} - {style}
    items: list[ItemText] = []
    heading: str | None = None
    current: list[str] | None = None
    for i, line in enumerate(lines):
        if line.style == style:
            current = [line.text]
            items.append(ItemText(line.text, line.number, f"第{i + 1}行", heading))
        elif line.style in outer:
            heading, current = line.text, None
        elif current is not None:
            items[-1].text += "\n" + (line.raw if line.style else line.text)  # a line end: where a title may end
    return _last_like_siblings(items)


def _last_like_siblings(items: list[ItemText]) -> list[ItemText]:
    """Lines after the last item are its own only as its siblings' are: when every sibling is one
    line, the paragraphs after the last one (a closing word, a byline) are not the item's."""
    if len(items) >= 2 and not any("\n" in item.text for item in items[:-1]):
        items[-1].text = items[-1].text.split("\n", 1)[0]
    return items


def pair_runs(paragraphs: list[str], pair: str) -> list[list[ItemText]]:
    """Runs of two or more spans in one kind of paired bracket, side by side in a paragraph:
    《A》《B》、《C》 is a run of three; a lone 《通知》 is none."""
    opening, closing = PAIRS[pair]
    runs: list[list[ItemText]] = []
    for p, paragraph in enumerate(paragraphs):
        plain = normal(paragraph)
        spans = [(m.start(), m.end()) for m in re.finditer(rf"{opening}([^{opening}{closing}]+){closing}", plain)]
        run: list[tuple[int, int]] = []
        for span in spans:
            if run and not _BETWEEN.match(plain[run[-1][1] : span[0]]):
                _close(runs, run, paragraph, p)
                run = []
            run.append(span)
        _close(runs, run, paragraph, p)
    return runs


def _close(runs: list[list[ItemText]], run: list[tuple[int, int]], paragraph: str, p: int) -> None:
    if len(run) >= 2:
        runs.append(
            [ItemText(paragraph[a + 1 : b - 1], n, f"第{p + 1}段第{n}项") for n, (a, b) in enumerate(run, start=1)]
        )


def separated_items(paragraphs: list[str], separator: str) -> list[list[ItemText]]:
    """Each paragraph cut at one separator, when it gives three or more pieces."""
    out: list[list[ItemText]] = []
    for p, paragraph in enumerate(paragraphs):
        pieces = [piece.strip() for piece in normal(paragraph).split(separator)]
        if len([piece for piece in pieces if piece]) < 3:
            continue
        items: list[ItemText] = []
        at = 0
        for piece in normal(paragraph).split(separator):
            printed = paragraph[at : at + len(piece)].strip()
            at += len(piece) + 1
            if printed:
                items.append(ItemText(printed, len(items) + 1, f"第{p + 1}段第{len(items) + 1}项"))
        out.append(_numbers_off(_without_lead_in(items)))
    return out


def _numbers_off(items: list[ItemText]) -> list[ItemText]:
    """`一、A；二、B；三、C`: each piece's own numbering is its number, not words of its name (when every
    piece is numbered so: a sentence run into a numbered list keeps its pieces as printed)."""
    lines = [numbered_line(item.text) for item in items]
    if len({line.style for line in lines}) == 1 and all(line.number for line in lines):
        for item, line in zip(items, lines, strict=True):
            item.text, item.seq = line.text, line.number
    return items


def _without_lead_in(items: list[ItemText]) -> list[ItemText]:
    """`…办好以下民生实事：A；B；C`: the words up to the colon announce the run, they are not its first
    item's (when no other item has a colon of its own)."""
    first = _unbracketed(items[0].text).rfind("：")
    if first > 0 and not any("：" in _unbracketed(i.text) for i in items[1:]):
        items[0].text = items[0].text[first + 1 :].strip()
    return items


_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")


def _unbracketed(text: str) -> str:
    """The text in normal form with what its brackets hold blanked out (labels: 责任单位：…), same length."""
    return _BRACKETED.sub(lambda m: " " * len(m.group(0)), normal(text))


# Where a name ends, by the reading's name_end. A page typed with half-width punctuation ends its
# sentences with `.` (normal() keeps `.` as printed: 2.3公里, 1.完成 need it), so a period is also a
# `.` after a Chinese character or a closing bracket that no figure follows.
_NAME_ENDS = {
    "colon": re.compile("："),
    "period": re.compile(r"。|(?<=[\u4e00-\u9fff）」”])\.(?!\d)"),
    "comma": re.compile("，"),
}


def name_and_content(text: str, name_end: str, content: str) -> tuple[str, str]:
    """Where a name ends: the reader's own rule (auto), the whole item, its first line, or the first ：/。/，;
    the content is the rest, the whole item, or (`name`: the example's content is its name) the name."""
    if content == "name":
        name = name_and_content(text, name_end, "rest")[0]
        return name, name
    if name_end == "line" and "\n" in text.strip():
        name, body = text.strip().split("\n", 1)
        body = body.replace("\n", "")
        return name.strip(), (text.replace("\n", "").strip() if content == "whole" else body.strip())
    text = text.replace("\n", "")
    if name_end == "auto":
        name, body = item_title(text)
    elif name_end in ("whole", "line"):  # an item of one line names itself
        name, body = text.rstrip("。；;，, "), ""
    else:
        found = _NAME_ENDS[name_end].search(_unbracketed(text))  # a name never ends inside a bracket
        at = found.start() if found else -1
        name, body = (text[:at], text[at + 1 :]) if 0 < at < len(text) - 1 else (text.rstrip("。；;，, "), "")
    body = body.strip()
    return name.strip(), (text.strip() if content == "whole" or not body else body)


def build(
    item: ItemText,
    name_end: str,
    content: str,
    first_leads: bool,
    deadline: str,
    category: str = "none",
    bracket: str = "",
) -> ParsedProject | None:
    """One project of one task from an item's text under the reading's parameters (targets are
    added once the reading is chosen: teach._with_targets). `category`: the heading above the item
    names its category (`heading`, its count left out) or nothing does (`none`); `bracket`: what the
    parts of a bracket closing the item hold (learned.bracket_frame)."""
    labels, body = read_labels(item.text, first_leads)
    if bracket and not labels.any():
        labels, body = bracketed(body, bracket, first_leads)
    body = body.strip().rstrip("；;，,、")
    if not body:
        return None
    name, text = name_and_content(body, name_end, content)
    task = ParsedTask(content=text)
    labels.apply(task)
    if deadline == "phrase" and task.deadline is None:
        found = _DEADLINE.search(normal(body))
        task.deadline = body[found.start() : found.end()] if found and found.group(0) else None
    elif deadline.startswith("frame:") and task.deadline is None:
        task.deadline = framed_date(body, deadline[len("frame:") :])
    task.source = {"content": item.where}
    heading = strip_count(item.heading) if category == "heading" and item.heading else None
    return ParsedProject(seq=item.seq, category=heading, name=name, tasks=[task], source=item.where)


# A bracket closing an item: `…6个（区城管局，2027年10月底前）。`
CLOSING_BRACKET = re.compile(r"[（(]([^（）()]+)[)）][。；;，,]?\s*$")


def bracketed(text: str, frame: str, first_leads: bool) -> tuple[Labels, str]:
    """The fields a closing bracket holds under a learned frame (`bracket:，lead_units,deadline`: its parts
    split by `，` are the lead units then the deadline) and the text before it; a bracket whose parts do
    not read so (a date where units stand, no date where the deadline does) is left in the text."""
    separator, fields = frame[len("bracket:")], frame[len("bracket:") + 1 :].split(",")
    plain = normal(text)
    found = CLOSING_BRACKET.search(plain)
    parts = [part.strip() for part in found.group(1).split(separator)] if found else []
    if not found or len(parts) != len(fields):
        return Labels(), text
    labels = Labels()
    for part, field in zip(parts, fields, strict=True):
        if field == "-":  # a part the example did not say: left as printed
            continue
        if (field == "deadline") != any(m.group(0) for m in DATE_PHRASE.finditer(part)):
            return Labels(), text
        if field == "deadline":
            labels.deadline = part
        elif field in ("lead_units", "partner_units", "leaders"):
            units = split_units(part)
            if first_leads and field == "lead_units" and len(units) > 1:
                labels.lead_units, labels.partner_units = units[:1], units[1:]
            else:
                getattr(labels, field).extend(units)
    return labels, text[: found.start()].strip()


def framed_date(text: str, words: str) -> str | None:
    """The date phrase right after the taught words (`该项目计划于8月底前完工`, words `计划于`)."""
    plain = normal(text)
    for found in re.finditer(re.escape(words), plain):
        date = DATE_PHRASE.match(plain, found.end())
        if date and date.group(0):
            return text[date.start() : date.end()]
    return None


def lines_of(paragraphs: list[str]) -> list[Line]:
    return split_lines(paragraphs)
