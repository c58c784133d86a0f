"""Header wording → field. Layouts are recognised by their headers, not positions."""

from __future__ import annotations

import re

# Traditional → simplified, only for matching header words; cell text is kept as printed.
_TRAD = str.maketrans(
    "號項稱內時間領導牽頭單責實類別況標務設協辦門節點務備註開內容責區縣級務",
    "号项称内时间领导牵头单责实类别况标务设协办门节点务备注开内容责区县级务",
)

# Ordered: the first field whose word a header contains wins, so the more
# specific words come first (牵头领导 is a leader, 实事名称 a category).
FIELD_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("seq", ("序号", "编号", "序")),
    ("leaders", ("领导", "分管")),
    ("partner_units", ("配合", "协办", "协助", "参与单位", "协同")),
    ("lead_units", ("牵头", "责任单位", "责任部门", "主办", "承办", "实施单位", "责任主体")),
    ("deadline", ("完成时间", "完成时限", "时间节点", "完成期限", "时限", "时间", "期限")),
    ("category", ("实事名称", "类别", "领域", "类型", "分类")),
    ("content", ("概况", "内容", "目标任务", "任务", "目标", "举措", "措施")),
    ("name", ("项目名称", "实事项目", "项目", "名称")),
    ("notes", ("备注", "说明", "进展", "进度")),
]
# A parent header spanning several columns whose sub-headers carry the meaning.
GROUP_WORDS = ("责任单位", "责任主体", "单位", "责任分工")


def normalise(text: str) -> str:
    return re.sub(r"\s+", "", text).translate(_TRAD)


def field_for(text: str) -> str | None:
    word = normalise(text)
    if not word or len(word) > 12:
        return None
    for name, words in FIELD_WORDS:
        if word in words:
            return name
    # otherwise the longest word found wins (项目概况: 概况 over 项目 by order)
    best: tuple[int, int, str] | None = None
    for order, (name, words) in enumerate(FIELD_WORDS):
        for w in words:
            if len(w) > 1 and w in word and (best is None or (len(w), -order) > best[:2]):
                best = (len(w), -order, name)
    return best[2] if best else None
