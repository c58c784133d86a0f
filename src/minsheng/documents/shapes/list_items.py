"""An item of a numbered list as the list reader gathers it, and what of the lines after it are its own."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ...indicators.extract import extract
from ...text.normal import normal
from .labels import Labels
from .list_marks import Line
from .rules import COUNT


@dataclass
class Item:
    line: Line
    heading: str | None
    parts: list[str] = field(default_factory=list)
    children: list[Item] = field(default_factory=list)
    labels: Labels = field(default_factory=Labels)


_ENDS = ("。", "！", "？", "；")
ONE_LINE_SHARE = 2 / 3  # of a list's items, for its items to be one sentence each


def paragraph_breaks(item: Item) -> int:
    """How often the item's text starts a new line after a finished sentence."""
    lines = [item.line.text, *item.parts]
    return sum(1 for a in lines[:-1] if a.rstrip().endswith(_ENDS))


def first_paragraph(item: Item) -> list[str]:
    kept: list[str] = []
    previous = item.line.text
    for part in item.parts:
        if previous.rstrip().endswith(_ENDS):
            break
        kept.append(part)
        previous = part
    return kept


def without_captions(items: list[Item]) -> None:
    """A line between two items of a list whose items are one sentence each, after an item that
    closed its sentence and before the next number of the run, is the page's (an image's caption, a
    note on last year), not the item's. (The last item's lines run on into the page's closing
    paragraphs: the list reader's _trim tells those apart.)"""
    siblings = items[:-1]
    if len(siblings) < 3 or sum(1 for item in siblings if not item.parts) < ONE_LINE_SHARE * len(siblings):
        return
    for item, following in zip(siblings, items[1:], strict=True):
        between = following.heading == item.heading and following.line.number == (item.line.number or 0) + 1
        if between and item.parts and not item.children and normal(item.line.text).rstrip().endswith(_ENDS):
            item.parts = []


def measured(items: list[Item], section_mark: str) -> bool:
    """Whether the items under section headings (保障措施, 工作要求) state quantities: a section of how
    the work is done says how, not how many, so items that mostly set targets are projects under
    a category whose name merely ends alike (社会保障)."""
    under = [item for item in items if item.heading and item.heading.startswith(section_mark)]
    counted = sum(1 for item in under if extract("".join([item.line.text, *item.parts])))
    return bool(under) and counted * 2 >= len(under)


def one_paragraph(item: Item) -> bool:
    """The item's parts are all numbered inside one printed line below its own (a run of clauses).
    一是…二是… points are the work itself, each a task, whether run on one line or not."""
    children = item.children
    points = all(c.line.style == "shi" for c in children)
    return len(children) >= 2 and all(c.line.inline for c in children) and not item.parts and not points


_TITLED = re.compile(r"^([^：。，；]{2,30})：\s*(\S.*)$", re.S)


def titled_item(text: str, reads_as_work: Callable[[str], bool]) -> tuple[str, str]:
    """A heading's title and, after its colon, the work of an item it holds itself (else empty)."""
    found = _TITLED.match(normal(text))
    if found is None or not reads_as_work(text[found.start(2) :]):
        return text, ""
    return text[: found.end(1)], text[found.start(2) :].strip()


_COUNT = re.compile(COUNT)


def count_heading(text: str) -> bool:
    """`教育类（3项）`: a category heading with its count."""
    return len(text) <= 30 and bool(_COUNT.search(normal(text)))


def items_under(headings: list[int], items: list[int], end: int) -> list[int]:
    """How many of the item lines fall under each heading line (up to the next one; the last up to `end`)."""
    bounds = [*headings, end]
    return [sum(a < i < b for i in items) for a, b in zip(bounds, bounds[1:], strict=False)]
