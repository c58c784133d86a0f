"""Header wording → field. Layouts are recognised by their headers, not positions."""

from __future__ import annotations

import re

from ...text.normal import normal

# Ordered: the first field whose word a header contains wins, so the more
# specific words come first (牵头领导 is a leader, 实事名称 a category).
FIELD_WORDS: list[tuple[str, tuple[str, ...]]] = [
    ("seq", ("序号", "编号", "序")),
    ("leaders", ("领导", "分管")),
    ("partner_units", ("配合", "协办", "协助", "参与单位", "参与部门", "协同", "协作", "业主单位")),
    (
        "lead_units",
        (
            "牵头",
            "责任单位",
            "责任部门",
            "主办",
            "承办",
            "实施单位",
            "责任主体",
            "主责",
            "负责单位",
            "负责部门",
            "实施主体",
            "落实单位",
            "责任处室",
            "责任科室",
        ),
    ),
    ("deadline", ("完成时间", "完成时限", "时间节点", "完成期限", "时限", "时间", "期限", "年限")),
    ("category", ("实事名称", "类别", "领域", "类型", "分类", "主题")),
    # 民生实事 / 实事 over a column of the items themselves (名称：内容, or the content alone)
    # 指标要求 (a target and what it asks) over the content of a 目标任务分解表
    (
        "content",
        ("概况", "内容", "目标任务", "任务", "目标", "举措", "措施", "民生实事", "实事", "事项", "指标", "要求"),
    ),
    ("name", ("项目名称", "实事项目", "项目", "名称")),
    # 目标类型 (A类 责任目标, B类 激励目标) grades a target; it is no category of projects
    ("notes", ("备注", "说明", "进展", "进度", "目标类型")),
]
# A parent header spanning several columns whose sub-headers carry the meaning.
GROUP_WORDS = ("责任单位", "责任主体", "单位", "责任分工")


def normalise(text: str) -> str:
    return normal(re.sub(r"\s+", "", text))


# Counts, money and contacts: columns beside the plan that are none of its fields
# (区民生实事项目数量, 总投资（万元）, 联系电话), whatever other word they contain.
NOT_A_FIELD = re.compile(r"数量|个数|项目数|投资|资金|金额|万元|联系|电话")


def field_for(text: str) -> str | None:
    word = normalise(text)
    if not word or len(word) > 12 or NOT_A_FIELD.search(word):
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
