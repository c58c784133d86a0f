"""Lists whose items are blocks of short lines, as designed articles print them: a number over
a block of one-phrase lines, a caption repeated between the blocks.

Such a block is one project whose lines are its tasks when every line is a phrase (no sentence
ends in it) and the first one reads as work itself (a target or a work verb); a title over a
paragraph is the other shape, told apart by the sentence under it. A short line printed again
and again between the items (the picture's caption, a running head) is the page's, not an item's.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from ...indicators.extract import extract
from ...text.normal import normal
from .list_marks import Line

_SENTENCE_MARKS = re.compile(r"[。；;！!？?：:]")
_CLAUSE_MARKS = re.compile(r"[，,。；;！!？?：:]")
# A note after a name in a list: （票决项目）, (续建), （省民生实事）
NAME_NOTE = re.compile(r"\s*[（(][^（()）]*(?:票决|续建|新建|新增|项目|省|民生|实事|重点)[^（()）]*[)）]\s*$")


def is_title_line(text: str) -> bool:
    """A short line with no sentence mark and no target: a title over the lines below it."""
    return len(text) <= 30 and not re.search(r"[。；;，,！!？?]", text) and not extract(text)


def without_note(title: str) -> str:
    """The name without its note (（票决项目）, (续建))."""
    note = NAME_NOTE.search(normal(title))
    return (title[: note.start()] if note else title).strip()


def is_phrase_block(lines: list[str], work: re.Pattern[str]) -> bool:
    """Whether these lines of one item are parallel phrases, each a task (the first names the item)."""
    if len(lines) < 2 or any(len(line) > 50 or _SENTENCE_MARKS.search(line) for line in lines):
        return False
    first = normal(lines[0]).strip()
    return bool(extract(lines[0])) or work.match(first) is not None


def without_running_lines(lines: list[Line]) -> list[Line]:
    """The lines with a short unpunctuated line that recurs (a repeated caption) kept once, where
    it first stands: between the items it is the page's furniture."""

    def key(line: Line) -> str | None:
        plain = normal(line.text).strip()
        if line.style is not None or not 4 <= len(plain) <= 40 or _CLAUSE_MARKS.search(plain):
            return None
        return plain

    counts = Counter(k for k in map(key, lines) if k)
    seen: set[str] = set()
    kept: list[Line] = []
    for line in lines:
        k = key(line)
        if k and counts[k] >= 2:
            if k in seen:
                continue
            seen.add(k)
        kept.append(line)
    return kept


def outer_items(
    lines: list[Line], style: str, in_sequence: Callable[[str], list[int]], reads_as_work: Callable[[list[int]], bool]
) -> str:
    """A numbering printed before `style` whose items read as work too, with all of `style`'s items
    right under a single one of them (三、… over （一）…（五）): the outer items are the projects, and
    these the tasks of the one they stand under. Else `style`."""
    items = in_sequence(style)
    for outer in dict.fromkeys(line.style for line in lines[: items[0]] if line.style):
        heads = in_sequence(outer)
        if outer in (style, "plain") or len(heads) < 2 or not heads[-2] < items[0]:
            continue
        under = [h for h in heads if h < items[0]][-1]
        after = next((h for h in heads if h > under), len(lines))
        # the sub-items open right under their item's own line, as a heading's do
        heading = under + 1 == items[0]
        if heading and items[-1] < after and reads_as_work(heads):
            return str(outer)
    return style
