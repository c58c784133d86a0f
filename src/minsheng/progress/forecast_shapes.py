"""The usual shape of a year's progress, by kind of work (进度曲线).

A reference curve says what share of its target a task of a kind has usually reached
when a given fraction of its time (start → due date) has passed. Four kinds:

- 建设类 (CONSTRUCTION: 新建/改造/建成/建设…): slow start, most of the work in the
  second half (an S-curve: design and tender in spring, building in summer and autumn).
- 服务类 (SERVICE: 培训/体检/服务/开展…): steady, a little slow in the first weeks.
- 政策类 (POLICY: 出台/发放/实施…): a jump early in the year (a document issued, a
  subsidy paid out), then a long tail.
- 匀速 (STEADY): the fallback when the words say nothing: 序时进度 itself, linear.

The knots are cumulative shares at each twelfth of the span. They were set from what
real series show (bench/data/forecast/: national 城镇老旧小区改造 starts run ahead of a
linear pace; city 通报 describe building as autumn work) and from the simulated years'
documented parameters. Where the database holds enough finished tasks of a kind in the same
place's earlier plans, forecast_learned's curve replaces the kind's knots (Setting.learned).

Pure functions, no Django: the CLI, the board and the bench share them.
"""

from __future__ import annotations

import bisect
import datetime
import enum
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field


class Kind(enum.StrEnum):
    CONSTRUCTION = "construction"
    SERVICE = "service"
    POLICY = "policy"
    STEADY = "steady"


KIND_LABELS = {
    Kind.CONSTRUCTION: "建设类",
    Kind.SERVICE: "服务类",
    Kind.POLICY: "政策类",
    Kind.STEADY: "一般",
}

# Cumulative share (%) at 0/12 … 12/12 of the span; strictly increasing so the curve inverts.
KNOTS: dict[Kind, tuple[float, ...]] = {
    Kind.CONSTRUCTION: (0, 3, 7, 12, 18, 25, 33, 43, 54, 65, 77, 89, 100),
    Kind.SERVICE: (0, 6, 13, 21, 29, 37, 46, 55, 64, 73, 82, 91, 100),
    Kind.POLICY: (0, 12, 26, 40, 52, 62, 71, 79, 86, 91, 95, 98, 100),
    Kind.STEADY: tuple(100 * i / 12 for i in range(13)),
}

# Words that name the kind, looked for in the task's text; the first kind with a word wins,
# in this order, because a policy is often "实施…建设" and a build "开展…改造".
WORDS: tuple[tuple[Kind, tuple[str, ...]], ...] = (
    (Kind.POLICY, ("出台", "发放", "制定", "印发", "补贴", "提高标准", "提标", "落实政策")),
    (Kind.CONSTRUCTION, ("新建", "改造", "建成", "建设", "改扩建", "修缮", "铺设", "安装", "开工", "新增泊位", "改建")),
    (Kind.SERVICE, ("培训", "体检", "服务", "开展", "筛查", "救助", "接种", "就业", "演出", "讲座", "帮扶")),
    (Kind.POLICY, ("实施",)),
)


def kind_of(text: str) -> Kind:
    """The kind of work a task's text describes; STEADY when no word says."""
    for kind, words in WORDS:
        if any(word in text for word in words):
            return kind
    return Kind.STEADY


@dataclass(frozen=True)
class Curve:
    """A reference curve over a task's span: knots (fraction of span, cumulative share %)."""

    points: tuple[tuple[float, float], ...]
    from_milestones: bool = False
    # The knots' two coordinates apart, for bisect (a board asks thousands of times).
    xs: tuple[float, ...] = field(init=False, repr=False, compare=False)
    ys: tuple[float, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "xs", tuple(x for x, _ in self.points))
        object.__setattr__(self, "ys", tuple(y for _, y in self.points))

    def share_at(self, fraction: float) -> float:
        """The usual share (%) when `fraction` of the span has passed; 100 past the end."""
        if fraction <= 0:
            return 0.0
        if fraction >= self.points[-1][0]:
            return 100.0
        i = bisect.bisect_right(self.xs, fraction)
        (x0, y0), (x1, y1) = self.points[i - 1], self.points[i]
        return y0 + (y1 - y0) * (fraction - x0) / (x1 - x0)

    def time_at(self, share: float) -> float:
        """The fraction of the span at which the curve reaches `share` (the inverse)."""
        if share <= 0:
            return 0.0
        if share >= 100:
            return self.points[-1][0]
        i = bisect.bisect_right(self.ys, share)
        (x0, y0), (x1, y1) = self.points[i - 1], self.points[i]
        return x0 + (x1 - x0) * (share - y0) / (y1 - y0)


@functools.cache
def kind_curve(kind: Kind) -> Curve:
    knots = KNOTS[kind]
    return Curve(tuple((i / 12, float(y)) for i, y in enumerate(knots)))


def milestone_curve(
    start: datetime.date, due: datetime.date, milestones: Sequence[tuple[datetime.date, float]]
) -> Curve | None:
    """The office's 节点进度 as a curve over the span (as schedule.expected_share draws it);
    None when no milestone falls inside the span or they do not rise (then the kind's curve)."""
    span = span_days(start, due)
    points = [(0.0, 0.0)]
    for day, share in sorted(milestones):
        fraction = fraction_of(day, start, due)
        if 0 < fraction < 1 and share > points[-1][1] and fraction > points[-1][0]:
            points.append((fraction, min(float(share), 99.9)))
    if len(points) == 1 or span <= 0:
        return None
    points.append((1.0, 100.0))
    return Curve(tuple(points), from_milestones=True)


def span_days(start: datetime.date, due: datetime.date) -> int:
    """Whole days from the start (counted as day one) to the due date, as 序时进度 counts; at
    least one: a deadline before the plan's year (a typing slip) must not stop the pages."""
    return max(1, (due - start).days + 1)


def fraction_of(day: datetime.date, start: datetime.date, due: datetime.date) -> float:
    """How much of the span has passed at the end of `day` (may exceed 1 after the due date)."""
    return ((day - start).days + 1) / span_days(start, due)
