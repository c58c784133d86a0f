"""Rates standing for one item or one actual in progress prose: a rate after the name it rates
(安心托幼行动完成率32%), a bare percentage after an actual (完工9730户，83.9%), and a figure whose own
words say it is done (已启动11600户). Small rules on one clause and the statements read before it in
its sentence, used by progress_reader.
"""

from __future__ import annotations

import re
from typing import Any

from .extract import Quantity
from .progress_kinds import RATE, VERB_ACTUAL

# 安心托幼行动完成率: a rate word after the name of what it rates.
OWN_RATE = re.compile(rf"[\u4e00-\u9fff”][^，,。；;]*?{RATE}")


def own_rate(clause: str, q: Quantity) -> bool:
    """A percentage after a rate word that follows a name in its clause (安心托幼行动完成率32%, A、B等5项完成率
    分别达41%、60%): the rate of the item named, even right after a count of the programme's projects.
    A rate naming nothing there (已完成子项目7个，完成率40%) is the share of those projects: no statement."""
    if q.unit != "%":
        return False
    found = OWN_RATE.search(clause, 0, q.start)
    return found is not None and len(re.findall(r"[\u4e00-\u9fff]", found.group())) >= 5


def rate_after_an_actual(clause: str, q: Quantity, before: list[Any]) -> str | None:
    """已启动11600户，其中开工在建1870户，完工9730户，83.9%: a percentage standing alone as its clause,
    right after an actual of its sentence, is that actual's share (what is done of the task)."""
    if q.unit != "%" or clause[: q.start].strip() or clause[q.end :].strip() or not before:
        return None
    last = before[-1]
    return "share" if last.kind == "actual" and last.unit != "%" else None


# 一季度为69.7%, 上月为15.8%, 去年同期是40%: the same measure at another time (most often the one before),
# in a clause of its own.
EARLIER = re.compile(
    r"^(?:[一二三四1-4]季度|上季度|上半年|上月|上年|去年|去年同期|同期|[1-9一二三四五六七八九十]{1,2}月|"
    r"1\s*[-—至到]\s*\d{1,2}月)(?:底|末|份)?(?:时|份)?\s*(?:为|是|达|达到)\s*$"
)


def earlier_share(clause: str, q: Quantity, before: list[Any]) -> str | None:
    """占预算安排的79%，一季度为69.7%: a percentage said for another time right after a share of its
    sentence is that share as it stood then (a share too, of no actual read here)."""
    if q.unit != "%" or not before or before[-1].kind != "share" or clause[q.end :].strip():
        return None
    return "share" if EARLIER.match(clause[: q.start].strip()) else None


def bare_rate_name(clause: str, q: Quantity, before: list[Any]) -> str:
    """The name of such a bare rate: the rate of its actual's verb (完工9730户，83.9% → 完工率), or ''."""
    if rate_after_an_actual(clause, q, before) is None:
        return ""
    verbs = VERB_ACTUAL.findall(before[-1].text)
    return f"{verbs[-1]}率" if verbs else ""


# 农村住房改造已启动11600户: 已 or 累计 right before a figure, with at most a verb between.
SAID_DONE = re.compile(r"(?:已|累计)[\u4e00-\u9fff]{0,4}$")


def said_done(lead: str) -> bool:
    """Whether the words right before a figure say it is done (已启动, 累计完成): an actual by its own words,
    which a share printed after a part of it (其中…完工9730户，83.9%) does not make the target."""
    return bool(SAID_DONE.search(lead.strip()))


# 改造小区1727个、涉及居民22.98万户，完成年度目标任务的89.78%: a clause saying whom or what the work
# before it reaches is no work of its own; the share after it is the work's.
REACH = re.compile(r"^[,，、\s]*(?:共|直接|可)?(?:涉及|惠及|覆盖|受益|带动)")


def reach_of_the_one_before(statement: Any) -> bool:
    return bool(REACH.match(statement.text))
