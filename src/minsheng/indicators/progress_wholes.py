"""A share printed with the whole it is a share of: 累计完成投资62.8亿元，占项目总投资50亿元的125.6%.

The whole between 占 and 的 is what the actual before it is measured against, whatever the whole is
called (年度计划, 项目总投资, 总任务): the text's own arithmetic says so when the actual is the
printed share of that whole. Only then is the whole read as the target and the percentage as the
share; a whole the actual does not fit (占全市人口500万的2%) is left to the other rules.
Used by progress_reader.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from itertools import pairwise
from typing import Protocol

from ..text.normal import normal
from .extract import Quantity

# 占 and the whole's name, with no figure or break between: 占年度计划, 占總任務 (a plan's whole), or
# 占项目总投资 (the works' own whole). A region's aggregate (占全市固定资产投资) is a whole of another kind.
WHOLE_OPENS = re.compile(r"占([^，,。；;\d%％]{0,14})$")
PLAN_WHOLE = re.compile(r"计划|目标|任务")
WORKS_WHOLE = re.compile(r"项目|投资|出资|工程|总量|规模")
REGION_WHOLE = re.compile(r"^(?:全[国省市县区镇乡]|本[省市县区])")
TOLERANCE = Decimal("0.03")  # printed shares are rounded; a whole 3% off the implied one is another's


class Read(Protocol):
    kind: str
    value: Decimal
    unit: str


def of_a_whole(clause: str, q: Quantity, found: Sequence[Quantity], before: Sequence[Read]) -> str | None:
    """'target' for the whole, 'share' for its percentage, when the last actual read before them in the
    sentence is that share of that whole; None for any other figure."""
    for whole, share in pairwise(found):
        if q is not whole and q is not share:
            continue
        if not _whole_and_share(clause, whole, share):
            continue
        actual = next((s for s in reversed(before) if s.kind == "actual" and s.unit != "%"), None)
        if actual is not None and _fits(actual, whole, share):
            return "target" if q is whole else "share"
    return None


def _whole_and_share(clause: str, whole: Quantity, share: Quantity) -> bool:
    """占<name><whole>的<share>%: the two figures printed as one phrase."""
    if share.unit != "%" or whole.unit == "%" or clause[whole.end : share.start].strip() != "的":
        return False
    found = WHOLE_OPENS.search(clause[: whole.start])
    if found is None:
        return False
    named = found.group(1)
    return bool(PLAN_WHOLE.search(named) or (WORKS_WHOLE.search(named) and not REGION_WHOLE.match(named)))


def _fits(actual: Read, whole: Quantity, share: Quantity) -> bool:
    """The actual is the share of the whole (62.8亿 is 125.6% of 50亿), in the same measure."""
    if normal(actual.unit) != normal(whole.unit) or not whole.value or not share.value:
        return False
    implied = actual.value * 100 / share.value
    return abs(implied - whole.value) / whole.value <= TOLERANCE
