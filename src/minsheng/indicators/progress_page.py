"""The page around a bulletin's sections: its headline over the dateline a site prints under it, and
the list of attachments naming the tables that follow.

A news site prints its banner and breadcrumb, then the story's headline, then a dateline (时间：2024-05-06
| 来源：…); the headline may repeat a figure the story tells (截至8月底到位资金121.6亿元…): it is the page's
title, said once in the body. A notice lists its attachments (附件：1.甲表 2.乙表) before printing them:
each table after the list is the attachment of its place in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.furniture import is_furniture
from ..text.normal import normal

# 附件：1.…情况 2.…情况: a page's list of the tables it attaches, numbered in order.
ATTACHMENTS = re.compile(r"^\s*附件\s*[：:]\s*")
# 省政 府: a space a printable page set inside a word
SPACE_INSIDE = re.compile(r"(?<=[\u4e00-\u9fff]) +(?=[\u4e00-\u9fff])")
ATTACHMENT_NUMBER = re.compile(r"(?:^|(?<=[^\d.．]))(\d{1,2})\s*[.．、]\s*")


def attachments(line: str, listed: int = 0) -> list[str]:
    """The names a list of attachments gives (附件：1.甲表 2.乙表), in order; [] for any other line. After
    `listed` names, a line numbered with the next number (2.乙表 on a line of its own) goes on with the list.
    Only numbers that count 1, 2, 3… open a name (1.2022年度… is the first attachment, not a figure)."""
    head = ATTACHMENTS.match(line)
    if head is None and not (listed and re.match(rf"\s*{listed + 1}\s*[.．、]", line)):
        return []
    rest = line[head.end() :] if head else line
    marks, expected = [], (1 if head else listed + 1)
    for found in ATTACHMENT_NUMBER.finditer(rest):
        if int(found.group(1)) == expected:
            marks.append(found)
            expected += 1
    ends = [m.start() for m in marks[1:]] + [len(rest)]
    names = [SPACE_INSIDE.sub("", rest[m.end() : end].strip(" ；;，,。")) for m, end in zip(marks, ends, strict=True)]
    return [n for n in names if n] if marks else ([rest.strip()] if rest.strip() else [])


@dataclass
class Attachments:
    """What a page's list of attachments named so far: the names still to give the tables after it."""

    names: list[str] = field(default_factory=list)
    listed: int = 0  # how many the list named (its next line may go on with it: 2.…)

    def lists(self, line: str) -> bool:
        """Whether the line lists attachments (taken in)."""
        found = attachments(line, self.listed)
        self.names += found
        self.listed += len(found)
        return bool(found)


# 时间：2019-09-24 09:37 | 来源：…, www.site.cn(2015-05-28)来源：…: a date and the story's source.
DATED = re.compile(r"20\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")
SOURCED = re.compile(r"(?:来源|发布|作者|编辑)\s*[：:]")
HEAD_LINES = 12  # a dateline stands within the page's first lines, under its banner and headline


def headline(text: str) -> tuple[str, str, int | None]:
    """(headline, the text under its dateline, the dateline's year) of a page whose dateline follows a
    headline; ("", text, None) for any other. The banner and breadcrumb above the headline are the
    site's, left out with it; the dateline's year dates a story that prints none (截至8月底)."""
    lines = text.split("\n")
    printed: list[int] = []
    for i, line in enumerate(lines):  # (the page's first lines only: this runs on every text read)
        if len(printed) == HEAD_LINES:
            break
        printed += [i] if line.strip() else []
    found, below = "", 0
    for above, at in zip(printed, printed[1:], strict=False):
        if _dateline(lines[at]) and _headline_shaped(lines[above].strip()):
            # the last such pair: a site's own dateline may stand above the story's headline and its dateline
            found, below = lines[above].strip(), at + 1
    if not found:
        return "", text, None
    year = DATED.search(normal(lines[below - 1]))
    return found, "\n".join(lines[below:]), int(year.group()[:4]) if year else None


def _dateline(line: str) -> bool:
    if len(line) > 120 or "20" not in line:
        return False  # (cheap first)
    plain = normal(line).strip()
    return len(plain) <= 100 and bool(DATED.search(plain)) and bool(SOURCED.search(plain))


def _headline_shaped(line: str) -> bool:
    """A headline ends no sentence and is no labelled field nor a metadata line of its own."""
    plain = normal(line)
    if not 4 <= len(plain) <= 60 or plain[-1] in "。；;：:" or is_furniture(line):
        return False  # a breadcrumb over the dateline is the site's, not the story's
    return not _dateline(plain)
