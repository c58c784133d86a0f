"""A group's paragraphs as the reader takes them: one body text whose sentences a page broke are
run on again (join_lines), and an item's lines read as one paragraph (items)."""

from __future__ import annotations

import re

from .progress_kinds import VERB_ACTUAL, opens_with_label
from .progress_structure import ITEM, MARK, OPENS_OWN_LINE, TERMINAL, is_item_title, is_row, opens_item
from .progress_table import read_header


def join_lines(paragraphs: list[str]) -> str:
    """One body text: a paragraph ending mid-sentence runs on into the next, unless the next opens
    an item, a heading or a labelled field of its own, or is a table's row."""
    body = ""
    for paragraph in paragraphs:
        if (
            body
            and body[-1] not in TERMINAL
            and not opens_item(body.rsplit("\n", 1)[-1])
            and not is_item_title(body.rsplit("\n", 1)[-1], paragraph)
            and read_header(paragraph) is None
            and not is_row(paragraph)
            and not opens_with_label(paragraph)
            and not OPENS_OWN_LINE.match(paragraph)
        ):
            body += paragraph
        else:
            body += ("\n" if body else "") + paragraph
    return body


def items(lines: list[str]) -> list[str]:
    """An item's lines (numbered, marked, or a plain title over its progress) read as one paragraph
    (its task, then its fields and progress), up to the next item; other lines stay paragraphs."""
    out: list[str] = []
    in_item = False
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if ITEM.match(line) or MARK.match(line) or (following and is_item_title(line, following)):
            out.append(line)
            in_item = True
        elif in_item:
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


# （一）…, (二)…: a paragraph numbered under its heading, reporting on one of the heading's tasks.
SUB_ORDINAL = re.compile(r"^\s*[（(]([一二三四五六七八九十])[)）]")
# 已完成, 累计, 截至: a numbered line telling progress is a result, not the task it is measured against
DONE_MARK = re.compile(r"已|累计|累計|截至|截止|完成率")


def target_lines(lines: list[str]) -> bool:
    """1.改造老旧小区20个。 / 已开工改造18个…, 2.…。 / …: a report whose numbered lines are the tasks
    set (whole sentences, no progress told) and each is followed by a line of its own telling what
    was done. Then every numbered line is its item's title, its figures the targets, even where it ends
    its sentence (a broken sentence would not) or no result line follows it."""
    numbered = [i for i, line in enumerate(lines) if ITEM.match(line)]
    if len(numbered) < 3:
        return False
    results = [lines[i + 1] for i in numbered if i + 1 < len(lines) and _result_line(lines[i + 1])]
    done = [line for line in results if DONE_MARK.search(line) or VERB_ACTUAL.search(line)]
    told = [i for i in numbered if DONE_MARK.search(lines[i])]
    return 3 * len(results) >= 2 * len(numbered) and 2 * len(done) >= len(results) and 3 * len(told) <= len(numbered)


def _result_line(line: str) -> bool:
    """A line of its own under a numbered line, with a figure: what was done (其中城区8家 alone is a detail)."""
    return bool(line.strip()) and not opens_item(line) and any(c.isdigit() for c in line)
