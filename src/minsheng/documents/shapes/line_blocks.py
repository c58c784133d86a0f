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


# A pointing mark opening each line of a block (▶对…。/ ▶新增…。): the designed article's bullet, run on
# to its text (the marks normal() already drops, ● ◆ ★, and the spaced bullets are read elsewhere)
_LINE_MARK = re.compile(r"^\s*([▶►▸▷➤])\s*(?=\S)")


def titled_marks(title: str, parts: list[str]) -> list[str]:
    """The lines under a title line when each opens with the same bullet mark: each is a task, the
    mark not its text; none when any line lacks it (a mark on one line is that line's own)."""
    marks = [_LINE_MARK.match(part) for part in parts]
    if not parts or not is_title_line(title) or not all(marks) or len({m.group(1) for m in marks if m}) != 1:
        return []
    return [part[m.end() :].strip() for part, m in zip(parts, marks, strict=True) if m]


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
    lines: list[Line],
    style: str,
    in_sequence: Callable[[str], list[int]],
    reads_as_work: Callable[[list[int]], bool],
    section: Callable[[str], bool],
) -> str:
    """A numbering printed before `style` whose items read as work too, heading `style`'s items: the
    outer items are the projects, and these the tasks of the one they stand under. Either all of
    them stand right under a single outer item (三、… over （一）…（五）), or they stand under several,
    and an outer item with none under it holds a plain line instead (二、… over one unnumbered line):
    a heading with its own content is a project, so are its siblings, unless one of them is a
    section of the document (`section`: 工作要求, 考核办法), whose headings are no projects. Else `style`."""
    items = in_sequence(style)
    for outer in dict.fromkeys(line.style for line in lines[: items[0]] if line.style):
        heads = in_sequence(outer)
        if outer in (style, "plain") or len(heads) < 2:
            continue
        if _under_one(heads, items) and reads_as_work(heads):
            return str(outer)
        parents = _over_lines(lines, heads, items)
        if parents and reads_as_work(parents) and not any(section(lines[h].text) for h in _run(lines, heads, items)):
            return str(outer)
    return style


def _under_one(heads: list[int], items: list[int]) -> bool:
    """Whether the items open right under one head's own line, all before the next head."""
    if not heads[-2] < items[0]:
        return False
    under = [h for h in heads if h < items[0]][-1]
    after = next((h for h in heads if h > under), None)
    return under + 1 == items[0] and (after is None or items[-1] < after)


def _over_lines(lines: list[Line], heads: list[int], items: list[int]) -> list[int]:
    """The heads with items under them, when every such run opens right under its head's line and
    some head has no items but an unnumbered line of its own under it; else none."""
    if items[0] < heads[0]:
        return []
    heads = _run(lines, heads, items)
    parents: list[int] = []
    with_line = False
    for head, after in zip(heads, [*heads[1:], len(lines)], strict=True):
        under = [i for i in items if head < i < after]
        if under:
            if under[0] != head + 1:
                return []
            parents.append(head)
        elif head + 1 < after and lines[head + 1].style is None:
            with_line = True
    return parents if with_line else []


def _run(lines: list[Line], heads: list[int], items: list[int]) -> list[int]:
    """The heads numbered in one run with those over the items (a notice's own 一、二、 before the
    attached list, numbered afresh, are other headings)."""
    first = [h for h in heads if h < items[0] and lines[h].number == 1][-1:] or heads[:1]
    restart = [h for h in heads if h > first[0] and lines[h].number == 1]
    return [h for h in heads if first[0] <= h < (restart[0] if restart else len(lines))]
