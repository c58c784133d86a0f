"""Quantified targets (量化指标) of a task."""

from __future__ import annotations

from django.db import models
from django.db.models import Q


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

    task = models.ForeignKey("plans.Task", verbose_name="任务", on_delete=models.CASCADE, related_name="indicators")
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
