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
LONGEST_LINE = 200  # a story's paragraph is rarely longer and holds few spaces; a flattened story is both
MANY_BREAKS = 12
PIECE = 60  # the pieces of a flattened story are its lines: headings, labels, short paragraphs


def unflattened(line: str) -> list[str]:
    """The line's pieces as the lines they were, or [line] where it is not a flattened story."""
    if len(line) < LONGEST_LINE or line.count(" ") < MANY_BREAKS:
        return [line]  # (cheap first: every line of every page is asked)
    pieces = [p for p in BREAK.split(line) if p.strip()]
    if len(pieces) <= MANY_BREAKS or len(line) / len(pieces) > PIECE:
        return [line]
    return pieces
