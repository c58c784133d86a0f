"""A news story's sub-heading: two short phrases joined by a comma on a line of their own
(建章立制，夯实民主根基 / 民生为重，实事赢得高分), over a paragraph that is a whole sentence or more.

Such a line holds a comma, so it reads like a sentence's piece a narrow page broke off; what tells it
apart is its shape: two balanced phrases of a few characters, no figure, no word of progress or time,
not ending on a verb or a word that wants what follows, and a paragraph under it at least twice as long
that closes its sentence. A piece of a broken sentence is most of a line, and the rest under it shorter
(or it ends on the verb whose object follows: 全区新建 / 口袋公园12个). Used by progress_structure.
"""

from __future__ import annotations

import re

from ..text.normal import normal
from .progress_kinds import FIRM_ACTUAL, PROGRESS_TIME

COUPLET = re.compile(r"^[\u4e00-\u9fff“”]{2,9}\s*[，,]\s*[\u4e00-\u9fff“”]{2,9}$")
# A phrase ending on a verb that takes an object, or on a word that joins, leaves its clause open.
OPEN_END = re.compile(
    r"(?:新建|新增|改造|建设|完成|建成|实施|开展|推进|安装|翻新|增设|提供|发放|累计|共|已|和|及|与|的|在|对|为|将|把|向|是)$"
)
CLOSES = "。！？!?；;…”）)"


def is_couplet_heading(line: str, following: str) -> bool:
    """Whether a line is a story's sub-heading of two short phrases over its paragraph."""
    plain = normal(line).strip()
    if not COUPLET.match(plain) or OPEN_END.search(plain):
        return False
    if PROGRESS_TIME.search(plain) or FIRM_ACTUAL.search(plain):
        return False  # 今年以来，全区新建 / 截至9月底，社区已: the opening of a sentence of progress
    below = following.strip()
    return len(below) >= 2 * len(plain) and below[-1] in CLOSES
