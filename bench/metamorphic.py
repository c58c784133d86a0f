"""Changes a real copy of a plan applies to its page, for the metamorphic suite (issue #26, item 2).

A plan published on one site is copied by the next: a news site re-types its punctuation
half-width, a repost prints it in traditional script, a CMS wraps it in breadcrumbs and share
bars, a PDF extraction breaks its lines, a clerk pads the numbers. None of that changes the
plan, so each text-like fixture is read again under each change and must give the same plan
(bench/metamorphic_page.py finds the fixtures, holds a page as blocks and compares plans).

Used by bench/metamorphic_bench.py (the figure) and tests/test_metamorphic.py (the floor).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bench.metamorphic_page import (
    FULL_OF,
    FURNITURE_AFTER,
    FURNITURE_BEFORE,
    FURNITURE_BETWEEN,
    HALF_OF,
    Fixture,
    Page,
    canonical,
    differences,
    fixtures,
    s2t,
    zero_padded,
)
from bs4 import Tag

__all__ = ["CHANGES", "Fixture", "differences", "fixtures", "variant"]


# ---- the changes ---------------------------------------------------------------------------


def _halfwidth(page: Page) -> bool:
    page.map_text(lambda s: s.translate(str.maketrans(HALF_OF)))
    return True


def _fullwidth(page: Page) -> bool:
    # a thousands comma or a clock's colon between figures stays as it is
    page.map_text(lambda s: re.sub(r"(?<!\d)[,:]|[,:](?!\d)|[;?!()]", lambda m: FULL_OF[m.group()], s))
    return True


def _fullwidth_figures(page: Page) -> bool:
    page.map_text(lambda s: re.sub(r"[0-9A-Za-z]", lambda m: chr(ord(m.group()) + 0xFEE0), s))
    return True


def _spaces(page: Page) -> bool:
    """Ideographic indentation before each block, no-break spaces for the spaces printed."""
    page.map_text(lambda s: s.replace(" ", "\u00a0"))
    blocks = page.blocks() if page.html else [i for i, line in enumerate(page.lines) if line.strip()]
    for block in blocks:
        text = page.block_text(block)
        if not page.in_table(block):
            page.insert_at(block, len(text) - len(text.lstrip()), "\u3000\u3000")
    return True


def _traditional(page: Page) -> bool:
    page.map_text(s2t().convert)
    return True


def _furniture_before(page: Page) -> bool:
    # the page's own date is in the plan's year (a plan that names none is dated by its page)
    year = str(page.fixture.gold.get("year") or 2024)
    page.insert_lines(None, [line.replace("2024", year) for line in FURNITURE_BEFORE], after=False)
    return True


def _furniture_after(page: Page) -> bool:
    page.insert_lines(None, FURNITURE_AFTER, after=True)
    return True


def _furniture_between(page: Page) -> bool:
    items = [b for b in page.item_blocks() if not page.in_table(b)]
    if len(items) < 2:
        return False
    page.insert_lines(items[len(items) // 2], FURNITURE_BETWEEN, after=False)
    return True


def _zero_padded(page: Page) -> bool:
    items = page.item_blocks()
    changed = False
    for block in items:
        text = page.block_text(block)
        if zero_padded(text) != text:
            page.insert_at(block, next(i for i, ch in enumerate(text) if ch.isdigit()), "0")
            changed = True
    if page.html:  # a 序号 cell of its own
        for cell in (page.soup.body or page.soup).find_all("td"):
            if re.fullmatch(r"\s*[1-9]\s*", cell.get_text()):
                page.set_text(cell, "0" + cell.get_text().strip())
                changed = True
    return changed


def _marks(page: Page) -> bool:
    """A mark printed before each project's name."""
    changed = False
    for name, block in zip(page.fixture.names, page.item_blocks(), strict=False):
        text = page.block_text(block)
        at = text.find(name[:6])
        if at >= 0:
            page.insert_at(block, at, "★")
            changed = True
    return changed


def _run_together(page: Page) -> bool:
    """Items printed one per block, run together into one paragraph: each run of item blocks
    with nothing between them becomes one block (a heading or unit line between runs stays)."""
    items = page.item_blocks()
    if len(items) < 2 or any(page.in_table(b) for b in items):
        return False
    order = page.blocks() if page.html else list(range(len(page.lines)))
    index = [next(i for i, b in enumerate(order) if b is item or b == item) for item in items]
    runs = _runs(sorted(set(index)))
    for run in reversed(runs):
        blocks = [order[i] for i in run]
        joined = "".join(page.block_text(b).strip() for b in blocks)
        page.set_text(blocks[0], joined)
        if page.html:
            for block in blocks[1:]:
                block.decompose()  # type: ignore[union-attr]
        else:
            del page.lines[run[0] + 1 : run[-1] + 1]
    return bool(runs)


def _runs(index: list[int]) -> list[list[int]]:
    """Runs of two or more consecutive block numbers."""
    runs: list[list[int]] = []
    for i in index:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    return [run for run in runs if len(run) >= 2]


def _line_breaks(page: Page) -> bool:
    """Each item's block broken in two, two thirds along, where a narrow page wraps it."""
    changed = False
    # from the last block up, so a text file's line numbers above stay where they are
    for block in reversed(page.item_blocks()):
        text = page.block_text(block).rstrip()
        at = _wrap_at(text)
        if at is None:
            continue
        if isinstance(block, Tag):
            page.insert_at(block, at, page.soup.new_tag("br"))
        else:
            page.lines[block : block + 1] = [text[:at], text[at:]]
        changed = True
    return changed


def _wrap_at(text: str) -> int | None:
    """Two thirds along, never inside a run of figures or Latin letters."""
    at = len(text) * 2 // 3
    while 0 < at < len(text) and (text[at - 1].isascii() or text[at].isascii()):
        at += 1
    return at if len(text) >= 20 and at < len(text) - 1 else None


def _flattened(page: Page) -> bool:
    """A data table rendered one cell per paragraph, as some sites print it."""
    if not page.html:
        return _flattened_lines(page)
    tables = [t for t in (page.soup.body or page.soup).find_all("table") if not t.find("table")]
    # a table with merged cells cannot be printed cell by cell without losing where they were
    tables = [t for t in tables if "序号" in canonical(t.get_text()) and not _merged(t)]
    for table in tables:
        cells = [c.get_text(" ", strip=True) for c in table.find_all(["td", "th"])]
        for text in reversed([c for c in cells if c]):
            tag = page.soup.new_tag("p")
            tag.string = text
            table.insert_after(tag)
        table.decompose()
    return bool(tables)


def _flattened_lines(page: Page) -> bool:
    """Rows pasted with bars or tabs, printed one cell per line (when no cell is left empty, as a
    merged one is: a cell per line cannot say which column an empty cell was in)."""
    rows = [i for i, line in enumerate(page.lines) if _cells(line)]
    if len(rows) < 2 or any("" in _cells(page.lines[i]) or '"' in page.lines[i] for i in rows):
        return False  # (a quoted cell runs over lines: which ones are its own is the sheet's to say)
    page.lines = [line.rstrip().rstrip("|｜").rstrip() for line in page.lines]  # a caption's lone bar
    for i in reversed(rows):
        page.lines[i : i + 1] = _cells(page.lines[i])
    return True


def _cells(line: str) -> list[str]:
    if "\t" in line.strip():
        return [c.strip() for c in line.strip().split("\t")]
    if line.count("|") + line.count("｜") >= 2 and not re.fullmatch(r"[\s|:\-]+", line):
        return [c.strip() for c in re.split(r"[|｜]", line.strip().strip("|｜"))]
    return []


def _merged(table: Tag) -> bool:
    spans = [c.get(k, "1") for c in table.find_all(["td", "th"]) for k in ("rowspan", "colspan")]
    return any(str(v).strip() not in ("", "1") for v in spans)


CHANGES: dict[str, Callable[[Page], bool]] = {
    "halfwidth": _halfwidth,
    "fullwidth": _fullwidth,
    "fullwidth_figures": _fullwidth_figures,
    "spaces": _spaces,
    "traditional": _traditional,
    "furniture_before": _furniture_before,
    "furniture_between": _furniture_between,
    "furniture_after": _furniture_after,
    "zero_padded": _zero_padded,
    "marks": _marks,
    "run_together": _run_together,
    "line_breaks": _line_breaks,
    "flattened": _flattened,
}


def variant(fixture: Fixture, change: str) -> str | None:
    """The fixture's text under one change, or None where the change does not apply."""
    page = Page(fixture)
    return page.render() if CHANGES[change](page) else None
