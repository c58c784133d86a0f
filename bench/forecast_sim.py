"""Simulated years of 民生实事 tasks for the forecast backtest (bench/forecast_bench.py).

Every parameter is here, seeded, and stated; none is tuned per task. A year has TASKS tasks:

- kind (what the text says): construction 45 %, service 35 %, policy 20 %. The forecaster is
  told the kind only when the text would show it: 15 % of tasks read as 一般 (no kind word).
- true shape: the kind's reference curve blended with a straight line by a random weight
  0–0.5, and shifted by ±1 month — so no task follows the forecaster's curve exactly.
- fate: on time 72 % (speed along its curve 1.02–1.3 after its late start, ends at 100–106 %),
  late 12 % (speed 0.65–0.92, ends short unless the shape lets it catch up), stalled 10 % (on
  time until a stall day between April and September, flat after), abandoned 6 % (speed
  0.15–0.5, flat from April–May). About a quarter of tasks miss: city 通报 report roughly one
  in four to one in three projects 推进缓慢 by the autumn (e.g. 巴中 2017: 3 of 10 at 1—9月).
  The national old-community series (bench/data/forecast/) run ahead of a straight line, like
  the fast on-time tasks here; city 通报 name building projects as the usual laggards.
- reports: month-end, cumulative, ±2 % noise (never below the previous one); 12 % of
  monthly reports are missed.

`simulate(seed)` returns the tasks with their reports and the true share on 31 December.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass

from minsheng.progress.forecast import Observation
from minsheng.progress.forecast_shapes import Kind, kind_curve

YEAR = 2025
TASKS = 60
YEARS = 25
KINDS = ((Kind.CONSTRUCTION, 0.45), (Kind.SERVICE, 0.35), (Kind.POLICY, 0.20))
FATES = (("on_time", 0.72), ("late", 0.12), ("stalled", 0.10), ("abandoned", 0.06))
UNLABELLED = 0.15
MISSED = 0.12
NOISE = 0.02


@dataclass
class SimTask:
    kind: Kind  # the true kind
    told: Kind  # what the forecaster reads from the text
    fate: str
    reports: list[Observation]
    final: float  # the true share on 31 December


def _pick(rng: random.Random, table: tuple[tuple[object, float], ...]) -> object:
    x, acc = rng.random(), 0.0
    for value, weight in table:
        acc += weight
        if x < acc:
            return value
    return table[-1][0]


def _true_share(kind: Kind, blend: float, shift: float, fraction: float) -> float:
    """The task's own curve: its kind's, straightened by `blend`, shifted by `shift`."""
    t = min(max(fraction - shift, 0.0), 1.0)
    return (1 - blend) * kind_curve(kind).share_at(t) + blend * 100 * t


def _path(rng: random.Random, kind: Kind, fate: str) -> tuple[float, float, float, float]:
    """(speed, stop fraction, end ceiling, blend) for a fate."""
    blend = rng.uniform(0, 0.5)
    if fate == "on_time":  # fast enough to finish despite a late start (`shift` up to a month)
        return rng.uniform(1.02, 1.3) * 13 / 12, 2.0, rng.uniform(100, 106), blend
    if fate == "late":
        return rng.uniform(0.65, 0.92), 2.0, 100.0, blend
    if fate == "stalled":
        return rng.uniform(0.9, 1.15), rng.uniform(0.25, 0.7), 100.0, blend
    return rng.uniform(0.15, 0.5), rng.uniform(0.25, 0.4), 100.0, blend


def month_end(month: int) -> datetime.date:
    nxt = datetime.date(YEAR + (month == 12), month % 12 + 1, 1)
    return nxt - datetime.timedelta(days=1)


def _task(rng: random.Random) -> SimTask:
    kind = Kind(str(_pick(rng, KINDS)))
    fate = str(_pick(rng, FATES))
    told = Kind.STEADY if rng.random() < UNLABELLED else kind
    speed, stop, ceiling, blend = _path(rng, kind, fate)
    shift = rng.uniform(-1, 1) / 12

    def share(fraction: float) -> float:
        reached = _true_share(kind, blend, shift, min(fraction, stop) * speed)
        return reached * ceiling / 100 if reached >= 99.999 else reached

    start = datetime.date(YEAR, 1, 1)
    span = (datetime.date(YEAR, 12, 31) - start).days + 1
    reports, floor = [], 0.0
    for month in range(1, 13):
        day = month_end(month)
        value = share(((day - start).days + 1) / span)
        noisy = max(floor, value * (1 + rng.uniform(-NOISE, NOISE)))
        floor = noisy
        if month == 12 or rng.random() >= MISSED:
            reports.append(Observation(day, round(noisy, 1)))
    return SimTask(kind, told, fate, reports, share(1.0))


def simulate(seed: int) -> list[SimTask]:
    rng = random.Random(seed)
    return [_task(rng) for _ in range(TASKS * YEARS)]
