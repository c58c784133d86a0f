"""reports' models: the letterhead, declared in the 公文 kit (gongwen/letterhead.py), and the
发文字号 each unit's 督办单 took."""

from django.db import models

from ..gongwen.letterhead import DEFAULT_ISSUER, DEFAULT_PREFIX, Letterhead

__all__ = ["DEFAULT_ISSUER", "DEFAULT_PREFIX", "Letterhead", "SupervisionNumber"]


class SupervisionNumber(models.Model):
    """The 发文字号 a unit's 督办单 took for a report period: each 督办单 is its own document with
    its own number from the letterhead's sequence, and the same one downloaded again keeps it."""

    plan = models.ForeignKey("plans.Plan", verbose_name="计划", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey("plans.Unit", verbose_name="单位", on_delete=models.CASCADE, related_name="+")
    period_end = models.DateField("报送期")
    number = models.CharField("发文字号", max_length=64)

    class Meta:
        verbose_name = verbose_name_plural = "督办单发文字号"
        constraints = [
            models.UniqueConstraint(fields=["plan", "unit", "period_end"], name="supervision_number_once"),
        ]

    def __str__(self) -> str:
        return self.number
