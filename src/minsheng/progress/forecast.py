"""A forecast per target: where will it be at a date (the deadline by default)?

Beside 序时进度 (schedule.expected_share), which asks "is it behind today?", this asks
"will it be done in time?" — from the target's own reports, the office's milestones
where set, and the usual shape of its kind of work (forecast_shapes).

The model, small enough to state in one sentence per task:
1. Place the last report on the reference curve: a construction task at 25 % in June is
   where such tasks usually are in June (its *curve time* equals calendar time); one at
   25 % in September is three months behind its curve.
2. Estimate its speed along the curve (curve time gained per calendar time): from the
   last two months (a stall shows as ~0), from the whole year so far, and the prior 1.0
   (moving as such tasks usually do), weighted by how much evidence there is.
3. Advance the curve time to the forecast date at that speed; the share there is the
   forecast. Past the curve's end a task gains only OVERSHOOT of its target per span, so one
   far ahead of its curve does not shoot past its target, and a back-loaded build on its
   curve is expected to finish.
4. Uncertainty grows with the time left and shrinks with the number of reports: a normal
   spread on curve time, mapped through the curve (so the range never falls below the last
   report). p_reach is the chance that curve time reaches the end.

Fallback: without a kind word the curve is linear (序时进度 itself); without any report
there is no forecast, said so. Pure functions: the CLI, pages and bench all call `forecast`.
"""

from __future__ import annotations

import datetime
import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

from .forecast_shapes import KIND_LABELS, Curve, Kind, fraction_of, kind_curve, milestone_curve, span_days

Z80 = 1.2816  # the 10th/90th percentile of a normal: the 80 % range
RECENT = 2 / 12  # "recent" reports: within the last sixth of the span (two months of a year)
LOOKBACK = 3 / 12  # reports read at all: the last one, and those of the last quarter of a span before the date
SPREAD_BASE, SPREAD_PER_REPORT, SPREAD_FLOOR = 0.30, 0.30, 0.02
STALL_SPEED = 0.15  # recent speed below this is a stall worth saying
ON_TRACK_P, AT_RISK_P = 0.5, 0.2  # 预计完成 when the median forecast reaches the target
OVERSHOOT = 0.1  # share gained past the target per span of curve time beyond its end
PRIOR_SPEED = 1.0  # with no evidence a task moves as its kind usually does


class Risk(enum.StrEnum):
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    WILL_MISS = "will_miss"
    UNKNOWN = "unknown"

    @property
    def label(self) -> str:
        return RISK_LABELS[self]


RISK_LABELS = {
    Risk.ON_TRACK: "预计完成",
    Risk.AT_RISK: "有风险",
    Risk.WILL_MISS: "预计完不成",
    Risk.UNKNOWN: "无法预测",
}


@dataclass(frozen=True)
class Observation:
    day: datetime.date
    share: float  # cumulative, percent of the target
    # The period end the figure is for, when `day` was moved back to the forecast date (a
    # December report read on 7 December): the reason names the months it stands on by it.
    period: datetime.date | None = None


@dataclass(frozen=True)
class Target:
    value: float
    unit: str


@dataclass(frozen=True)
class Forecast:
    at: datetime.date
    share: float | None
    low: float | None
    high: float | None
    p_reach: float | None
    risk: Risk
    reason: str

    def to_json(self) -> dict[str, object]:
        def rounded(x: float | None, digits: int = 1) -> float | None:
            return None if x is None else round(x, digits)

        return {
            "at": self.at.isoformat(),
            "share": rounded(self.share),
            "low": rounded(self.low),
            "high": rounded(self.high),
            "p_reach": rounded(self.p_reach, 2),
            "risk": self.risk.value,
            "risk_label": self.risk.label,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Setting:
    """What a forecast is asked about: the task's span, its kind, milestones, target."""

    start: datetime.date
    due: datetime.date
    kind: Kind = Kind.STEADY
    milestones: Sequence[tuple[datetime.date, float]] = ()
    target: Target | None = None
    # The kind's curve learned from the database's past years (forecast_learned), when there is one.
    learned: Curve | None = None


def risk_of(p_reach: float) -> Risk:
    if p_reach >= ON_TRACK_P:
        return Risk.ON_TRACK
    return Risk.AT_RISK if p_reach >= AT_RISK_P else Risk.WILL_MISS


def usable(observations: Sequence[Observation], as_of: datetime.date, setting: Setting) -> list[Observation]:
    """The reports the forecast reads, in order: the last one dated on or before `as_of`, and
    those of the LOOKBACK before `as_of` (one per day, the later one). Older reports say nothing
    the last one does not (it is cumulative), and a board then reads only its last months."""
    by_day = {o.day: o for o in sorted(observations, key=lambda o: o.day) if o.day <= as_of}
    days = sorted(by_day)
    since = reads_since(as_of, setting.start, setting.due)
    return [by_day[d] for d in days[:-1] if d >= since] + [by_day[d] for d in days[-1:]]


def reads_since(as_of: datetime.date, start: datetime.date, due: datetime.date) -> datetime.date:
    """The first day whose report the forecast reads besides the last one: the LOOKBACK is a share
    of the task's own span (half a year of a two-year task), so the board's query for a plan's
    reports (forecast_board) and the task page read the same ones through this one rule."""
    return as_of - datetime.timedelta(days=math.floor(LOOKBACK * span_days(start, due)))


@dataclass(frozen=True)
class _Motion:
    curve_time: float  # where the last report sits on the curve
    speed: float
    recent: float | None  # the speed over the last months, when two reports span them
    evidence: float  # 0–1: how much of the span the reports cover


def _motion(curve: Curve, obs: list[Observation], setting: Setting) -> _Motion:
    last = obs[-1]
    t_last = fraction_of(last.day, setting.start, setting.due)
    tau = curve.time_at(min(last.share, 99.9))
    overall = tau / t_last if t_last > 0 else 1.0
    recent = None
    earlier = [o for o in obs[:-1] if t_last - fraction_of(o.day, setting.start, setting.due) <= RECENT]
    if earlier:
        t0 = fraction_of(earlier[0].day, setting.start, setting.due)
        if t_last - t0 >= 0.04:
            recent = max(0.0, (tau - curve.time_at(min(earlier[0].share, 99.9))) / (t_last - t0))
    evidence = min(1.0, max(t_last, 0.0) / 0.5)  # half a span of reports: trust them fully
    observed = overall if recent is None else 0.6 * recent + 0.4 * overall
    speed = evidence * (0.8 * observed + 0.2 * PRIOR_SPEED) + (1 - evidence) * PRIOR_SPEED
    return _Motion(tau, min(max(speed, 0.0), 3.0), recent, evidence)


def normal_cdf(x: float) -> float:
    return 0.5 * (1 + math.erf(x / math.sqrt(2)))


def forecast(
    observations: Sequence[Observation], as_of: datetime.date, setting: Setting, at: datetime.date | None = None
) -> Forecast:
    """The share expected at `at` (default: the due date) from reports up to `as_of`."""
    at = at or setting.due
    obs = usable(observations, as_of, setting)
    if not obs:
        return Forecast(at, None, None, None, None, Risk.UNKNOWN, f"截至{_day(as_of)}尚无进度报告，无法预测")
    last = obs[-1]
    if last.share >= 100:
        reason = f"截至{_day(last.day)}已完成目标（{last.share:.0f}%）"
        return Forecast(at, last.share, last.share, last.share, 1.0, Risk.ON_TRACK, reason)
    curve = (
        milestone_curve(setting.start, setting.due, setting.milestones) or setting.learned or kind_curve(setting.kind)
    )
    motion = _motion(curve, obs, setting)
    left = max(0.0, fraction_of(at, setting.start, setting.due) - fraction_of(last.day, setting.start, setting.due))
    mean = motion.curve_time + motion.speed * left
    spread = left * (SPREAD_BASE + SPREAD_PER_REPORT / math.sqrt(len(obs))) + SPREAD_FLOOR

    def share(tau: float) -> float:
        # Past the end of its curve a task keeps going, slowly: targets are often exceeded.
        beyond = max(0.0, tau - curve.points[-1][0]) * OVERSHOOT * 100
        return max(last.share, curve.share_at(tau) + beyond)

    p_reach = 1 - normal_cdf((curve.points[-1][0] - mean) / spread)
    point, low, high = share(mean), share(mean - Z80 * spread), share(mean + Z80 * spread)
    risk = risk_of(p_reach)
    reason = reason_text(obs, setting, curve, motion, (at, point, risk))
    return Forecast(at, point, low, high, p_reach, risk, reason)


def _day(day: datetime.date) -> str:
    return f"{day.month}月{day.day}日"


def _months(first: datetime.date, last: datetime.date) -> str:
    """The months a reason stands on, named (1月至12月), not counted: "前11个月" read a
    December figure as November's, and says nothing of a task that started in July."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{last.month}月"
    if first.year == last.year:
        return f"{first.month}月至{last.month}月"
    return f"{first.year}年{first.month}月至{last.year}年{last.month}月"


def _amount(share: float, target: Target | None) -> str:
    if target is None or target.value <= 0:
        return f"约{share:.0f}%"
    value = target.value * share / 100
    if value >= 1000:  # a forecast is not exact to the unit: three significant figures
        value = round(value, 2 - len(str(int(value))) + 1)
    figure = f"{value:,.0f}" if value >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")
    return f"约{figure}{target.unit}（{share:.0f}%）"


def reason_text(
    obs: list[Observation], setting: Setting, curve: Curve, motion: _Motion, outcome: tuple[datetime.date, float, Risk]
) -> str:
    """The forecast in one sentence: its evidence, its reference, the outcome and the verdict."""
    at, point, risk = outcome
    last = obs[-1]
    if len(obs) > 1:
        evidence = f"按{_months(setting.start, last.period or last.day)}的进度"
    else:
        evidence = f"按{_months(last.period, last.period) if last.period else _day(last.day)}的1期报告"
    if curve.from_milestones:
        basis = "督查室设定的节点进度"
    elif setting.kind == Kind.STEADY:
        basis = "按序时匀速推进的一般节奏"
    elif setting.learned is not None:
        basis = f"本地往年同类项目（{KIND_LABELS[setting.kind]}）的节奏"
    else:
        basis = f"同类项目（{KIND_LABELS[setting.kind]}）的常见节奏"
    stall = ""
    if motion.recent is not None and motion.recent < STALL_SPEED:
        stall = "近几个月进度几乎停滞，"
    # 年底 and 6月30日 are the report's year: a date in another year (a task due next year) names it
    own_year = at.year == (last.period or last.day).year
    when = "年底" if (at.month, at.day) == (12, 31) else _day(at)
    if not own_year:
        when = f"{at.year}{when}" if when == "年底" else f"{at.year}年{when}"
    verdict = {Risk.ON_TRACK: "可完成目标", Risk.AT_RISK: "有完不成目标的风险", Risk.WILL_MISS: "低于目标"}[risk]
    return f"{evidence}和{basis}，{stall}预计{when}完成{_amount(point, setting.target)}，{verdict}"
