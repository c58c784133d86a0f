"""The numbers in front of list items, as printed: 1. （1） 一、 （一） ① 第一 一是 1开展.

A document's lines become `Line`s with their numbering style and number; items run
together in one paragraph (一是…；二是…) are split into lines first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...indicators.extract import extract
from ...text.normal import MARKS, normal
from .rules import NOTE_MARKS, parse_seq

_CN = "一二三四五六七八九十"
# What a number may count (a measure word after it): such a number is a figure, never an item's.
_MEASURE = "[月日年号时点分秒岁周个人次万千百亿元所处项件座条张台辆户家名位套间栋米平亩吨批场期类种级倍公里%％]"
# (style, pattern); used with .match(), so each is anchored where the item starts. The number is group 1.
MARKERS: list[tuple[str, re.Pattern[str]]] = [
    ("cn", re.compile(rf"([{_CN}]{{1,3}})\s*[、.．，,]\s*")),
    ("pcn", re.compile(rf"[（(]\s*([{_CN}]{{1,3}})\s*[)）]\s*[、.．]?\s*")),
    ("par", re.compile(r"[（(]\s*(\d{1,2})\s*[)）]\s*[、.．]?\s*")),
    ("ar", re.compile(r"(\d{1,2})\s*(?:[、.．](?!\d)|[)）])\s*")),
    ("circ", re.compile(r"([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")),
    ("di", re.compile(rf"(?:第|之)([{_CN}]{{1,3}})(?:[，、,：:．.]|\s)\s*")),
    ("shi", re.compile(rf"([{_CN}]{{1,3}})是\s*")),
    # 实事一：… / 第五件：… (news of a town's 十件实事)
    (
        "jian",
        re.compile(rf"(?:实事|项目|第(?=[{_CN}]{{1,3}}[件项]))([{_CN}]{{1,3}})[件项]?(?:实事)?[：:，,、．.]\s*"),
    ),
    # a number with nothing after it but the item (forum reposts: 1开展…)
    (
        "bare",
        re.compile(rf"(\d{{1,2}})(?=[{re.escape(MARKS)}]?[\u4e00-\u9fff“])(?![月日年号时点分秒岁周个人次万千百亿元])"),
    ),
    # a number standing alone between spaces (a web page's list numbers, flattened: `…； 2 扩大…`);
    # never one that counts what follows it (a PDF's spaced `新建 10 所`)
    ("spaced", re.compile(rf"(\d{{1,2}})[ \u3000\xa0]+(?=[{re.escape(MARKS)}]?[\u4e00-\u9fff“])(?!{_MEASURE})")),
]
# Each style as the clerk sees it printed (the preview's 按…编号分项, teach.Reading.describe).
MARK_WORDS = {
    "cn": "“一、”",
    "pcn": "“（一）”",
    "par": "“（1）”",
    "ar": "“1.”",
    "circ": "“①”",
    "di": "“第一”",
    "shi": "“一是”",
    "jian": "“实事一：”",
    "bare": "紧接文字的数字",
    "spaced": "前后空格的数字",
}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# Where an item may start inside a paragraph: after a sentence or clause end.
_INLINE_BEFORE = "。；;，,：:！？!? \u3000）)”」】]"
# Headings' numbers (一、 （一）) run together only after a full sentence, three or more in order.
_SENTENCE_END = "。；;！？!?"


@dataclass
class Line:
    text: str  # without its number
    style: str | None = None
    number: int | None = None
    raw: str = ""
    inline: bool = False  # one of several items numbered inside one printed line (…；（2）…)


# Bullets number nothing: each is the next item. Reference marks ([1][2]) end a line of a summary.
BULLET = re.compile(r"[-•·●▪◦]\s+(?=\S)")
REFERENCES = re.compile(r"\s*(?:\[\d{1,2}\])+\s*$")


# A number printed alone on its line (`01`, `2`), the item on the lines below it: an article's
# designed list copied as text, where each number stood over its block.
_LONE = re.compile(r"\s*(\d{1,2})\s*")


def split_lines(paragraphs: list[str]) -> list[Line]:
    lines: list[Line] = []
    bullets = 0
    lone: int | None = None
    raws = _first_apart(_markers_moved([raw for paragraph in paragraphs for raw in paragraph.split("\n")]))
    for raw in unwrapped(raws):
        alone = _LONE.fullmatch(raw)
        if alone and lone is None:
            lone = int(alone.group(1))
            continue
        if lone is not None and raw.strip():  # the line below a lone number is the item, whatever it opens with
            plain = normal(raw)
            lines.append(Line(raw[_after_marks(plain, 0) :].strip(), "lone", lone, raw))
            lone = None
            continue
        pieces = _split_inline(REFERENCES.sub("", raw.strip()))
        for piece in pieces:
            bullet = BULLET.match(piece)
            if bullet:
                bullets += 1
                lines.append(Line(piece[bullet.end() :].strip(), "bullet", bullets, piece))
            elif piece:
                lines.append(numbered_line(piece))
                lines[-1].inline = len(pieces) > 1 and lines[-1].style is not None
    return lines


_ENDING_NUMBER = re.compile(r"[ \u3000\xa0]+(\d{1,2})[ \u3000\xa0]*$")


def _markers_moved(raws: list[str]) -> list[str]:
    """A list number printed at the end of the line before its item (`教育类 1` / `新建…`), as a page
    whose numbers are boxes of their own arrives: the number goes to the item's line."""
    out = list(raws)
    for i in range(len(out) - 1):
        ending = _ENDING_NUMBER.search(out[i])
        following = normal(out[i + 1]).lstrip()
        if ending and following[:1] >= "\u4e00" and not re.match(_MEASURE, following):
            out[i], out[i + 1] = out[i][: ending.start()], f"{ending.group(1)} {out[i + 1].lstrip()}"
    return out


# Where a lead-in sentence ends and the first item may follow it on the same line.
_LEAD_IN_END = "：。！？"


def _first_apart(raws: list[str]) -> list[str]:
    """A list whose first item runs on from the lead-in on its line (`…开展工作：一是…。` / `二是…`):
    the lead-in's line is split where item 1 starts when the next line opens item 2 in its style."""
    out: list[str] = []
    following = ""  # the next line with text, walking up from the end
    for raw in reversed(raws):
        at = _run_on_first(raw, following) if following else 0
        out.extend([raw[at:], raw[:at].rstrip()] if at else [raw])
        following = raw if raw.strip() else following
    return out[::-1]


def _run_on_first(raw: str, following: str) -> int:
    """Where item 1 starts after the lead-in's colon or full stop in this line, 0 if nowhere."""
    plain = normal(raw)
    if not any(mark in plain[:-1] for mark in _LEAD_IN_END):
        return 0
    second = numbered_line(following.strip())
    if second.number != 2 or second.style in (None, "bare", "spaced") or _starts_item(plain.strip()):
        return 0
    pattern = dict(MARKERS)[str(second.style)]
    for i in range(1, len(plain)):
        if plain[i - 1] not in _LEAD_IN_END:
            continue
        match = pattern.match(plain, i)
        if match and match.end() < len(plain) and number_of(str(second.style), match.group(1)) == 1:
            return i
    return 0


# An item's sentence is closed by these; a numbered line that ends otherwise may wrap.
_CLOSED = tuple("。；！？：）」”】")
# A title over its content (`1.城北水厂建设项目` / `建设…。`) is the other shape an unclosed line has.
_TITLE_END = ("工程", "项目", "行动", "计划", "情况")
_LABEL = re.compile(r"^[^，。；：\s]{2,10}：")
# A notice's closing formula (现予公告。特此通知。) is a sentence of its own, never the end of the last item.
_CLOSING = re.compile(r"^(?:特此|现予以?|现)(?:公告|通告|通知|公布)[。！]?$")


def unwrapped(raws: list[str]) -> list[str]:
    """Lines with an item's own line breaks joined back: a page narrower than the item (a PDF, a
    copy with hard line ends, a <br>) breaks it anywhere. A line continues the numbered item above
    when that item's sentence is not closed, the line is no item, label or bullet of its own, and
    it closes the sentence or the next item follows it (a list's last line may be anything)."""
    out: list[str] = []
    for i, raw in enumerate(raws):
        following = raws[i + 1] if i + 1 < len(raws) else ""
        if out and _continues(out[-1], raw, following):
            out[-1] = out[-1].rstrip() + raw.strip()
        else:
            out.append(raw)
    return out


def _continues(above: str, line: str, following: str) -> bool:
    above_plain, plain = normal(above).strip(), normal(line).strip()
    if not above_plain or not plain or above_plain.endswith(_CLOSED + _TITLE_END):
        return False
    if not _starts_item(above_plain):
        return _run_goes_on(above_plain, plain)
    opened = above_plain.count("（") + above_plain.count("(") - above_plain.count("）") - above_plain.count(")")
    if opened > 0:  # broken inside a bracket: what follows is in it
        return not _starts_item(plain)
    if _starts_item(plain) or _LABEL.match(plain) or BULLET.match(plain) or _CLOSING.match(plain) or line[:1].isspace():
        return False
    title = numbered_line(above_plain).text
    if len(title) < len(plain) and not re.search(r"[，,；;。]", title):
        return False  # a wrap fills the line before it: a title shorter than the line below is a heading
    return plain.endswith(_CLOSED) or _starts_item(normal(following).strip()) or bool(_LABEL.match(normal(following)))


def _run_goes_on(above: str, line: str) -> bool:
    """A paragraph whose items run together (一是…；二是…；五是加大) broken inside an item, the run
    numbered on in the next line (医疗投入…；六是…): the break is only the page's wrapping. Told by the
    two lines making one run longer than the runs each makes alone."""
    if _starts_item(line) or line[:1].isspace():
        return False
    joined = len(_numbered_pieces(above + line))
    return joined >= 3 and joined > len(_numbered_pieces(above)) + len(_numbered_pieces(line))


def _numbered_pieces(text: str) -> list[tuple[str | None, int | None]]:
    return [(line.style, line.number) for line in map(numbered_line, _split_inline(text)) if line.style]


def _starts_item(plain: str) -> bool:
    start = _after_marks(plain, 0)
    return any(pattern.match(plain, start) for style, pattern in MARKERS if style not in ("bare", "spaced"))


def number_of(style: str, token: str) -> int | None:
    if style == "circ":
        return _CIRCLED.index(token) + 1
    return parse_seq(token)


def numbered_line(text: str) -> Line:
    """The line's number and its text; a mark printed before the number or the name (★1.… 1.★…)
    is neither's."""
    plain = normal(text)
    start = _after_marks(plain, 0)
    for style, pattern in MARKERS:
        match = pattern.match(plain, start)
        if match and match.end() < len(text) and not (style == "bare" and _counted(plain, match)):
            number = number_of(style, match.group(1))
            if number:
                return Line(text[_after_marks(plain, match.end()) :].strip(), style, number, text)
    return Line(text[start:] if start < len(text) else text, raw=text)


def _counted(plain: str, match: re.Match[str]) -> bool:
    """A bare number before its measure word (2家…, 7所…) counts something: no item's number."""
    number = number_of("bare", match.group(1))
    return any(t.value == number for t in extract(plain[match.start(1) : match.end() + 3]))


def _after_marks(plain: str, at: int) -> int:
    while at < len(plain) and (plain[at] in NOTE_MARKS or plain[at] == " "):
        at += 1
    return at


def _split_inline(text: str) -> list[str]:
    """`一是…；二是…；三是…` or `1.…;2.…` in one paragraph: one piece per item."""
    plain = normal(text)
    for style, pattern in MARKERS:
        heading = style in ("cn", "pcn")
        if style == "spaced":
            starts = _spaced_starts(plain, pattern)
        else:
            starts = _inline_run(plain, style, pattern, _SENTENCE_END if heading else _INLINE_BEFORE)
        if starts and (len(starts) >= 3 or not heading):
            cuts = [0, *starts, len(text)] if starts[0] > 0 else [*starts, len(text)]
            pieces = [text[a:b].strip() for a, b in zip(cuts, cuts[1:], strict=False)]
            return pieces[:-1] + _end_of_run(pieces[-1])
    return [text]


def _end_of_run(last: str) -> list[str]:
    """The last item of a run ends with its sentence; what follows in the paragraph is not its."""
    end = last.find("。")
    if 0 <= end < len(last) - 1:
        return [last[: end + 1], last[end + 1 :].strip()]
    return [last]


def _inline_run(plain: str, style: str, pattern: re.Pattern[str], before: str) -> list[int]:
    """Positions of items numbered 1, 2, 3 … in order inside one paragraph (at least two); a
    paragraph that opens with an item goes on from its number (3.… 4.… under a heading)."""
    starts: list[int] = []
    want = 1
    for i in range(len(plain)):
        if i and plain[i - 1] not in before:
            continue
        match = pattern.match(plain, i)
        number = number_of(style, match.group(1)) if match else None
        if number and (number == want or i == 0):
            starts.append(i)
            want = number + 1
    if len(starts) < 2:
        return []
    # two `1.` items alone in a line are a list only when the first one's sentence closes
    # (附件：1.工作报告分解 2.民生实事分解 is a line of titles)
    closed = plain[starts[1] - 1 : starts[1]] in ("。", "；", "）", "]")
    return starts if len(starts) >= 3 or starts[0] > 0 or style != "ar" or closed else []


def _spaced_starts(plain: str, pattern: re.Pattern[str]) -> list[int]:
    """Where numbers set apart by spaces start items inside a line: each one alone is enough (a
    caption or a category's name may stand before it); the list reader keeps those numbered in
    order and reads a stray one as text."""
    starts = [i for i in range(len(plain)) if (i == 0 or plain[i - 1] in " \u3000\xa0") and pattern.match(plain, i)]
    return [] if starts == [0] else starts


PROSE_MIN = 20  # a lead paragraph's length: longer than any heading or a list's lead-in clause


def is_prose(text: str) -> bool:
    """A paragraph of sentences (a story's lead, its full stops inside or at its end), not a heading or
    a lead-in clause; standing between a heading and the list, it says the heading is the page's."""
    plain = normal(text).strip()
    return len(plain) >= PROSE_MIN and "。" in plain


def headlines(lines: list[Line], first: int) -> list[str]:
    """The lines above the last lead paragraph that stands before the list's first item (at `first`):
    the page's headline, printed once or twice, its byline and counters; never a heading of the list."""
    prose = [i for i in range(first) if lines[i].style is None and is_prose(lines[i].text)]
    return [line.text for line in lines[: prose[-1]]] if prose else []


def is_headline(heading: str | None, above: list[str]) -> bool:
    """Whether an item's heading is one of the page's headlines (`above`), a section's mark aside."""
    return bool(heading) and any(text.startswith(str(heading).lstrip("\x00")) for text in above)
