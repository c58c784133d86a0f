"""Lines a page broke only by its width, joined back once, before any shape reads the lines.

A plan copied out of a PDF, a narrow column or a mirror that puts a <br> at each printed line
ends a line anywhere: inside a word (…社区卫 / 生服务中心…), inside a bracket (…（ / 牵头单位：…）),
before a comma. Every shape reads lines (list items, titles over content, labelled lines, cells
printed one per line), so the wrap is decided here, once, for all of them: a line that ends
mid-sentence and a next line that starts no item of its own are one logical line. What starts an
item is what the shapes already know: a list mark (1. （一） 一是 ① 01), a bullet or a note mark
(- ★ *), a field label (牵头单位：), a lone number. The joined line keeps its printed characters
(only the white space at the break goes), so `normal()` still maps it position for position.

A break is the page's wrapping when the two lines say so themselves (a bracket or quote left
open, the next line opening with a stop or a comma, a line ending at a comma) or the page does
(`Document.same_block`: one printed block broken by a <br>, or one newline in a text whose blocks
are parted by blank lines), and, for lines of running text, when the next line closes the sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...text.normal import MARKS, normal
from ..parsed import Document
from .furniture import is_furniture
from .labels import LABEL, label_field
from .list_marks import BULLET, REFERENCES, numbered_line

# A sentence (or a lead-in) is closed by these.
_CLOSES = tuple("。；！？：…")
# A title line over its content ends so (城北水厂建设项目 / 建设…。): it is closed, not broken.
_TITLE_END = ("工程", "项目", "行动", "计划", "情况")
_OPEN, _SHUT = "（“《【「［", "）”》】」］"
# A printed line never opens with these: the line above was broken before them.
_NEVER_FIRST = tuple("，。、；：！？）”》】」］")
# A line ending at a clause mark goes on below.
_MID_CLAUSE = tuple("，、")
_CLAUSE_MARKS = re.compile(r"[，、；。]")
_LABEL_START = re.compile(rf"(?:{LABEL.pattern})\s*[：:]")
_BARE_LABEL = re.compile(r"([\u4e00-\u9fff]{2,12})\s*[：:]")
_LONE_NUMBER = re.compile(r"\d{1,3}[.、．]?")
_CLOSING = re.compile(r"^(?:特此|现予以?|现)(?:公告|通告|通知|公布)[。！]?$")
RUNNING = 20  # a line of running text (a lead, a sentence) is longer than any heading
TAIL_SHARE = 2 / 3  # a wrapped item's tail under its line is clearly the shorter


def without_wraps(document: Document) -> Document:
    """The document with each wrapped line joined to the line it continues."""
    if len(document.paragraphs) < 2:
        return document
    lines = joined(document.paragraphs, document.same_block, document.parted)
    return replace(document, paragraphs=lines, same_block=frozenset(), parted=frozenset())


def joined(
    lines: list[str], same_block: frozenset[int] = frozenset(), parted: frozenset[int] = frozenset()
) -> list[str]:
    """The lines with the page's wraps joined; `same_block` and `parted`: the breaks the page shows
    inside one printed block and between two (numbered i for the break after line i)."""
    out: list[str] = []
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        block = True if i - 1 in same_block else False if i - 1 in parted else None
        if out and wraps(out[-1], line, following, block):
            out[-1] = out[-1].rstrip() + line.strip()
        else:
            out.append(line)
    return out


def wraps(above: str, line: str, following: str = "", block: bool | None = None) -> bool:
    """Whether `line` goes on with `above`: the page broke one logical line in two. `block`: the
    break is inside one printed block (True), between two (False: never a wrap), or unknown."""
    top, plain = _plain(above), normal(line).strip()
    if REFERENCES.search(above):
        return False  # reference marks ([1][2]) end a summary's line
    if block is False or not top or not plain or "\n" in above + line or is_furniture(above) or is_furniture(line):
        return False  # (a page's furniture is its own line: a caption, a byline, a share bar)
    if plain.startswith(_NEVER_FIRST) or _closes_open(top, plain):
        return True  # nothing opens with a stop; a bracket or quote left open is closed below
    if _closed(top) or starts_item(plain) or line[:1].isspace():
        return False
    if top.endswith(_MID_CLAUSE) or (block and (_in_sentence(top) or plain.endswith(_CLOSES))):
        return True
    return _running_on(top, plain) or _item_goes_on(top, plain, following)


def starts_item(plain: str) -> bool:
    """The line opens an item of its own by a mark the shapes read: a number, a bullet or note mark,
    a field label, a lone number, a notice's closing formula."""
    return bool(
        plain[:1] in MARKS
        or numbered_line(plain).style
        or BULLET.match(plain)
        or _LABEL_START.match(plain)
        or _field_label(plain)
        or _LONE_NUMBER.fullmatch(plain)
        or _CLOSING.match(plain)
    )


def _restarts(top: str, after: str) -> bool:
    """The item after the short line starts its numbering again (3 … / 城乡建设 / 1 …): the short
    line is the heading of a new list, not the tail of item 3."""
    above, below = numbered_line(top), numbered_line(after)
    return above.style is not None and below.style == above.style and (below.number or 0) <= (above.number or 0)


def _field_label(plain: str) -> bool:
    """A line that is a field's label and nothing else (项目内容及任务分解：, its tasks on the lines
    below): labels.label_field, the one vocabulary, names the field. Only a bare label: a label word
    with its value after it may be the tail of a word a narrow page broke (实 / 际完成情况：已完成…)."""
    word = _BARE_LABEL.fullmatch(plain)
    return word is not None and label_field(word.group(1)) is not None


def _plain(text: str) -> str:
    return REFERENCES.sub("", normal(text)).strip()


def _closes_open(top: str, plain: str) -> bool:
    """The line closes a bracket or quote the line above left open (…城市“ / 断头路”畅通工程；)."""
    pairs = [*zip(_OPEN, _SHUT, strict=True), ("(", ")"), ("[", "]")]
    return any(top.count(a) > top.count(b) and plain.count(b) > plain.count(a) for a, b in pairs)


def _closed(plain: str) -> bool:
    """The line ends its sentence, its bracket, or a title; a lone number stands over its item."""
    return plain.endswith(_CLOSES + tuple(_SHUT) + (")",) + _TITLE_END) or bool(_LONE_NUMBER.fullmatch(plain))


def _item_text(plain: str) -> str:
    """An item's text after its number or bullet."""
    bullet = BULLET.match(plain)
    return plain[bullet.end() :] if bullet else numbered_line(plain).text


def _in_sentence(top: str) -> bool:
    """The line is an item's or holds clauses: a break inside its block is mid-sentence (a title, a
    signature or a byline over the next line is a line of its own, unless that line ends a sentence)."""
    return starts_item(top) or bool(_CLAUSE_MARKS.search(top) or "：" in top)


def _running_on(top: str, plain: str) -> bool:
    """A line of running text (clauses in it) goes on into a line that closes its sentence."""
    return bool(_CLAUSE_MARKS.search(numbered_line(top).text)) and (plain.endswith(_CLOSES) or "。" in plain[:-1])


def _item_goes_on(top: str, plain: str, following: str) -> bool:
    """An item's line (a number, a bullet, a label opens it) goes on into a shorter line (a wrap
    fills the line above it) that the next item follows (…、180个 / 社区托育…托额 / 4; 配合单位：…各区政
    / 府 / 2.…), or, for a title broken before its end, that running text follows (6开展…服务进 /
    村(社区)行动 / 全年组织…。): a title holds no clause, label or gap."""
    if not starts_item(top) or len(plain) > len(top) * TAIL_SHARE:
        return False  # (a line nearly as long as the item's is its content: 二、名称 / 完成改造25个)
    after = _plain(following)
    if after and starts_item(after):
        return not _restarts(top, after)
    pieces = (_item_text(top), plain)
    return not any(_CLAUSE_MARKS.search(p) or "：" in p or " " in p.strip() for p in pieces) and bool(
        _CLAUSE_MARKS.search(after)
    )
