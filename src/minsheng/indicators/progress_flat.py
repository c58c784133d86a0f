"""An article flattened into one line: an aggregator's preview prints the whole story on a single line,
a space (or a run of them) where each of its line breaks was ("1 新开工… 任务目标: 新开工…13个。 完成情况: …").

Read as it stands, the story's headings, labels and paragraphs run into one sentence. The spaces are
its structure: where a long line holds many of them between Chinese words, each space is put back as
the line break it was, and the page's structure is read from those lines as from any page
(progress_structure). A line of a table or a spaced figure (新增 7069张 公办养老床位) is short and keeps
its spaces.
"""

from __future__ import annotations

import re

# A space between two pieces of Chinese text (or a number opening a heading, a label's colon, a closing mark).
BREAK = re.compile(r"(?<=[\u4e00-\u9fff\d。！？!?：:；;，,”」）)])\s+(?=[\u4e00-\u9fff\d“「（(，,])")
LONGEST_LINE = 150  # a flattened story is long, and holds many spaces
MANY_BREAKS = 12
PIECE = 60  # the pieces of a flattened story are its lines: headings, labels, short paragraphs
# 。 完成情况: …: a space after a sentence's end or a label's colon, where a line ended; a paragraph with its
# figures set off by spaces (新增 7069张 公办养老床位) has its spaces inside sentences only
LINE_END_SPACE = re.compile(r"[。！？!?：:]\s+(?=\S)")


def unflattened(text: str) -> list[str]:
    """The text's lines, a flattened story's pieces as the lines they were. A line a narrow page broke off a
    flattened story (right under it) is of the story too: its spaces are line breaks as well."""
    out: list[str] = []
    flat = False
    for line in text.split("\n"):
        flat = _flattened(line) or (flat and bool(LINE_END_SPACE.search(line)))
        out += [p for p in BREAK.split(line) if p.strip()] if flat else [line]
    return out


def _flattened(line: str) -> bool:
    if len(line) < LONGEST_LINE or line.count(" ") < MANY_BREAKS:
        return False  # (cheap first: every line of every page is asked)
    if len(LINE_END_SPACE.findall(line)) < 2:
        return False
    pieces = [p for p in BREAK.split(line) if p.strip()]
    return len(pieces) > MANY_BREAKS and len(line) / len(pieces) <= PIECE
