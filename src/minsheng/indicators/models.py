"""Quantified targets (量化指标) of a task."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import F, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce

from ..accounts.history import AppendOnlyModel


class Indicator(models.Model):
    class Op(models.TextChoices):
        EQ = "eq", "等于"
        GTE = "gte", "不少于"
        LTE = "lte", "不超过"
        APPROX = "approx", "约"
        RANGE = "range", "区间"

    class Origin(models.TextChoices):
        EXTRACTED = "extracted", "自动识别"
        MANUAL = "manual", "人工填写"
        UNSURE = "unsure", "识别待核"  # read from a scan's text the recognition was unsure of

    # Indexed by indicator_by_task below: no index of its own.
    task = models.ForeignKey(
        "plans.Task", verbose_name="任务", on_delete=models.CASCADE, related_name="indicators", db_index=False
    )
    order = models.PositiveSmallIntegerField("顺序", default=0)
    name = models.CharField("指标名称", max_length=200)
    value = models.DecimalField("目标值", max_digits=24, decimal_places=6)
    high = models.DecimalField("上限", max_digits=24, decimal_places=6, null=True, blank=True)
    unit = models.CharField("计量单位", max_length=20, blank=True)
    op = models.CharField("关系", max_length=8, choices=Op.choices, default=Op.EQ)
    text = models.CharField("原文", max_length=300)
    start = models.PositiveIntegerField("原文起点", null=True, blank=True)
    end = models.PositiveIntegerField("原文终点", null=True, blank=True)
    origin = models.CharField("来源", max_length=10, choices=Origin.choices, default=Origin.EXTRACTED)
    # Share of this target in the task's completion (equal by default).
    weight = models.DecimalField("权重", max_digits=6, decimal_places=2, default=1)

    class Meta:
        verbose_name = verbose_name_plural = "量化指标"
        ordering = ["task", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(high__isnull=True) | Q(high__gte=models.F("value")), name="indicator_high_not_below_value"
            ),
            models.CheckConstraint(condition=~Q(op="range") | Q(high__isnull=False), name="indicator_range_has_high"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="indicator_weight_positive"),
        ]
        # A task's targets with what a roll-up computes completion from, read from the index alone.
        indexes = [models.Index(fields=["task"], include=["id", "value", "op", "weight"], name="indicator_by_task")]

    def __str__(self) -> str:
        return self.text


class DismissedTarget(models.Model):
    """An extracted target the office deleted: re-extraction must not bring it back."""

    task = models.ForeignKey("plans.Task", verbose_name="任务", on_delete=models.CASCADE, related_name="dismissed")
    text = models.CharField("原文", max_length=300)
    value = models.DecimalField("目标值", max_digits=24, decimal_places=6)
    unit = models.CharField("计量单位", max_length=20, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "已删除的自动识别指标"

    def __str__(self) -> str:
        return self.text


class TargetChange(AppendOnlyModel):
    """A target's value changed from a date: periods before `effective_from` keep `previous`.

    The indicator holds the newest value; a period's completion is measured against the value in
    force at its end (`value_in_force`), so 1500 → 100 does not turn past figures into 1400%."""

    indicator = models.ForeignKey(
        Indicator, verbose_name="量化指标", on_delete=models.CASCADE, related_name="value_changes"
    )
    effective_from = models.DateField("生效日期")
    previous = models.DecimalField("此前目标值", max_digits=24, decimal_places=6)
    previous_high = models.DecimalField("此前上限", max_digits=24, decimal_places=6, null=True, blank=True)
    value = models.DecimalField("新目标值", max_digits=24, decimal_places=6)
    high = models.DecimalField("新上限", max_digits=24, decimal_places=6, null=True, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="修改人", null=True, blank=True, on_delete=models.SET_NULL
    )
    changed_at = models.DateTimeField("修改时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "目标值变更"
        ordering = ["indicator", "effective_from", "pk"]

    def __str__(self) -> str:
        old, new = self.previous.normalize(), self.value.normalize()
        return f"{self.indicator}：自 {self.effective_from} 起 {old:f} → {new:f}"


def value_in_force(
    date_field: str | datetime.date = "report__period_end", indicator_field: str = "indicator_id"
) -> Any:
    """An expression: the target value in force at the date in `date_field` (the previous value
    of the first change that took effect after it, else the indicator's current value). On a
    figure, the defaults; on an indicator itself, `indicator_field="pk"` and the date given."""
    at = OuterRef(date_field) if isinstance(date_field, str) else Value(date_field)
    later = TargetChange.objects.filter(indicator_id=OuterRef(indicator_field), effective_from__gt=at)
    current = "value" if indicator_field == "pk" else indicator_field.replace("_id", "__value")
    return Coalesce(Subquery(later.order_by("effective_from", "pk").values("previous")[:1]), F(current))
