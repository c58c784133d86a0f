"""Whether two statements of a progress reading measure alike: units that count the same things
(个/家/所 count places, 人/名 count people) and names that share pairs of characters."""

from __future__ import annotations

from functools import lru_cache

from ..text.normal import normal

PLACES = {"个", "家", "所", "处", "座", "间", "站", "点", "栋", "幢"}
PEOPLE = {"人", "名", "人次", "位", "例"}  # 例: cases of people treated (复明手术1758例 for 2000名患者)


@lru_cache(maxsize=512)
def compatible(a: str, b: str) -> bool:
    """个/家/所 count places, 人/名 count people; a unit in traditional script as in simplified (處 as 处)."""
    a, b = normal(a), normal(b)
    return a == b or (a in PLACES and b in PLACES) or (a in PEOPLE and b in PEOPLE)


def similarity(a: str, b: str) -> float:
    """Overlap of character pairs (of the shorter name): 0 when nothing is shared."""
    first = {a[i : i + 2] for i in range(len(a) - 1)} or ({a} if a else set())
    second = {b[i : i + 2] for i in range(len(b) - 1)} or ({b} if b else set())
    if not first or not second:
        return 0.0
    return len(first & second) / min(len(first), len(second))
