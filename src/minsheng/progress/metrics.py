"""Completion and lights (红黄绿蓝灯): the rules the dashboard shows and states in words."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models

from .models import Report

Status = Report.Status

# Percentages in float: the dashboard computes thousands of them, and one decimal is shown.
HUNDRED = 100.0

# The rule as the pages print it, so anyone can recompute a figure.
RULE_TEXT = (
    "完成率 = 累计完成数 ÷ 目标值（超额如实显示）；“不超过”类指标未超限即为100%。"
    "任务完成率 = 各指标完成率（每项最多计100%）按权重的加权平均，权重默认相等；"
    "无量化指标的任务按状态计：已完成100%、未启动0%，推进中、暂缓不计数值。"
    "序时进度 = 自起算日至截止日按天线性计算，或按督查室设置的节点进度分段线性计算。"
    "未报送的任务单列，不按0计入；平均完成率只计已报送的任务，并注明已报送项数。"
    "报送期结束后至次月报送日为报送时间，过报送日未报送才算逾期；计划发布前已结束的报送期、已过的截止日不计逾期。"
)


@dataclass(frozen=True)
class Thresholds:
    yellow_margin: float
    red_margin: float
    blue_days: int


class Basis(models.TextChoices):
    """Which reports a completion figure, count or coverage stands on. Every surface prints the
    label beside its figure, so the same question never shows two numbers under one definition."""

    APPROVED = "approved", "只计督查室审核通过的报告"
    FILED = "filed", "计入已报送的报告，含待审核、不含已退回"


class Light(models.TextChoices):
    GREEN = "green", "绿灯·正常"
    YELLOW = "yellow", "黄灯·滞后"
    RED = "red", "红灯·严重滞后或逾期"
    BLUE = "blue", "蓝灯·临近截止"
    NONE = "none", "未报送"


def indicator_share(value: float, op: str, actual: float) -> float | None:
    """Actual ÷ target in percent; over 100 when the target is exceeded."""
    if op == "lte":  # a ceiling (不超过): met while the actual stays under it
        return HUNDRED if actual <= value else (value / actual * HUNDRED if actual else HUNDRED)
    if value <= 0:
        return None
    return actual / value * HUNDRED


def task_completion(status: str | None, shares: Iterable[tuple[float | None, float]]) -> float | None:
    """Weighted mean of (share, weight), each share counted up to 100; by status without numbers."""
    known = [(min(share, HUNDRED), weight) for share, weight in shares if share is not None]
    if known:
        return sum(s * w for s, w in known) / sum(w for _, w in known)
    if status == Status.DONE:
        return 100.0
    if status == Status.NOT_STARTED:
        return 0.0
    return None


def is_overdue(due: datetime.date | None, as_of: datetime.date) -> bool:
    """Its deadline has passed (逾期) on `as_of`: 序时进度 is 100% from the next day on."""
    return due is not None and as_of > due


def light(
    *,
    reported: bool,
    status: str | None,
    completion: float | None,
    expected: float,
    due: datetime.date | None,
    as_of: datetime.date,
    thresholds: Thresholds,
    excused: bool = False,
) -> str:
    """`excused`: the deadline passed before the plan was published; unreported, such a task is
    未报送 (grey), not red, since nobody could report it in time."""
    overdue = is_overdue(due, as_of)
    if not reported:
        return Light.RED if overdue and not excused else Light.NONE
    if status == Status.DONE or (completion is not None and completion >= HUNDRED):
        return Light.GREEN
    if overdue:
        return Light.RED
    gap = expected - completion if completion is not None else None
    if gap is not None and gap > thresholds.red_margin:
        return Light.RED
    if (gap is not None and gap > thresholds.yellow_margin) or status == Status.PAUSED:
        return Light.YELLOW
    if due is not None and (due - as_of).days <= thresholds.blue_days:
        return Light.BLUE
    return Light.GREEN


def coverage_text(tasks: int, reported: int, measured: int, completion: float | None, basis: str) -> str:
    """A completion figure with the coverage and the definition it stands on:
    累计已报送 1/50 项，其中平均完成 86.7%（只计督查室审核通过的报告）."""
    text = f"累计已报送 {reported}/{tasks} 项"  # tasks with any report that counts, not this period's
    if completion is not None and measured != reported:
        text = f"{text}，其中 {measured} 项可计量，平均完成 {completion:.1f}%"
    elif completion is not None:
        text = f"{text}，其中平均完成 {completion:.1f}%"
    return f"{text}（{Basis(basis).label}）"
