"""Projects printed with no item mark at all: a short heading line over the lines of its content, the
same number of them under each heading, repeated (a news page's `实施…工程` over one sentence of what
it does, under the story's lead paragraph).

Nothing but the lines' shapes tells the parts apart, never their words: a heading holds no clause or
sentence mark and names neither a year nor how many projects there are (the page's headline does:
`某市今年办好四件民生实事`); a content line holds a mark of its own and states work or a target. The
rules read one content line under each heading (unnumbered.py); an example showing more under its
heading teaches that many (taught_cut.py, taught_siblings.py).
"""

from __future__ import annotations

import re

from ...indicators.extract import extract
from ...text.normal import normal
from .enumeration import STATED
from .furniture import FURNITURE
from .listing import WORK

_HEADING = re.compile(r"^[^，。；：！？,;:!?.]{4,40}$")
_YEAR = re.compile(r"\d{4}\s*年")
MIN_BLOCKS = 3  # two pairs of lines are any story's subheading and paragraph; three are a list


def is_heading(text: str) -> bool:
    """A heading-like line: short, no clause or sentence mark, no year or count of the list in it."""
    plain = normal(text).strip()
    if not _HEADING.match(plain) or FURNITURE.match(plain):
        return False
    return not _YEAR.search(plain) and not STATED.search(plain)


def is_content(text: str) -> bool:
    """A line of a project's content: marks of its own, and work or a target stated."""
    plain = normal(text).strip()
    if not plain or FURNITURE.match(plain) or _HEADING.match(plain):
        return False
    return bool(WORK.search(plain) or extract(text))


def _block_at(lines: list[str], at: int, below: int) -> bool:
    return at + below < len(lines) and is_heading(lines[at]) and all(map(is_content, lines[at + 1 : at + 1 + below]))


def block_runs(lines: list[str], below: int) -> list[tuple[int, int]]:
    """(first line, blocks) of each run of blocks in a row: a heading line over `below` content lines."""
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        count = 0
        while _block_at(lines, i + count * (below + 1), below):
            count += 1
        if count:
            runs.append((i, count))
        i += max(count * (below + 1), 1)
    return runs


def heading_blocks(lines: list[str], below: int = 1) -> tuple[int, list[tuple[str, list[str]]]] | None:
    """The first run of three or more blocks, as (its first line, [(heading, content lines)])."""
    for start, count in block_runs(lines, below):
        if count >= MIN_BLOCKS:
            blocks = [lines[start + k * (below + 1) : start + (k + 1) * (below + 1)] for k in range(count)]
            return start, [(block[0].strip(), [line.strip() for line in block[1:]]) for block in blocks]
    return None
