"""The office's letterhead (版头 and 版记 of GB/T 9704): printed on every document it downloads.

The model is reports' (app label, table, migrations) but lives in the 公文 kit below progress and
reports, so the 催办单 (progress/notice_doc.py) reads it without importing reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.validators import MinValueValidator
from django.db import models, transaction

from . import document as gongwen

if TYPE_CHECKING:
    from ..plans.models import Plan

DEFAULT_ISSUER = "民生实事项目督查室"
# The 机关代字 of a 督办单 or 催办单 when the office has set none: a number is never left off.
DEFAULT_PREFIX = "督办"


class Letterhead(models.Model):
    """One per jurisdiction; the row without a jurisdiction is the office-wide default."""

    jurisdiction = models.OneToOneField(
        "plans.Jurisdiction", null=True, blank=True, on_delete=models.CASCADE, related_name="letterhead"
    )
    issuer = models.CharField("发文机关标志（机关名称）", max_length=64, default=DEFAULT_ISSUER)
    number_prefix = models.CharField("发文字号机关代字", max_length=32, blank=True, help_text="如：武政办")
    next_number = models.PositiveIntegerField("下一个发文顺序号", default=1, validators=[MinValueValidator(1)])
    recipients = models.CharField("主送机关", max_length=300, blank=True)
    copy_to = models.CharField("抄送机关", max_length=300, blank=True)
    printer = models.CharField("印发机关", max_length=64, blank=True)

    class Meta:
        app_label = "reports"
        verbose_name = verbose_name_plural = "公文版头"

    def __str__(self) -> str:
        return self.issuer

    @classmethod
    def for_plan(cls, plan: Plan) -> Letterhead:
        """The plan's jurisdiction's letterhead, else the default row, else an unsaved default."""
        rows = {row.jurisdiction_id: row for row in cls.objects.filter(
            models.Q(jurisdiction_id=getattr(plan, "jurisdiction_id", None)) | models.Q(jurisdiction=None)
        )}
        return rows.get(getattr(plan, "jurisdiction_id", None)) or rows.get(None) or cls()

    def proposed_number(self, year: int) -> str:
        """发文字号 (7.2.5): 机关代字〔年份〕序号号, 序号不编虚位; empty without a 机关代字."""
        return f"{self.number_prefix}〔{year}〕{self.next_number}号" if self.number_prefix else ""

    def number_or_default(self, year: int) -> str:
        """The next 发文字号 as proposed; without a 机关代字, under DEFAULT_PREFIX, never none."""
        return f"{self.number_prefix or DEFAULT_PREFIX}〔{year}〕{self.next_number}号"

    def take_number(self, year: int) -> str:
        """The sequence's next 发文字号 for a document going out now (a 催办单): taken under a
        row lock, so two offices sending at once never share a number; the row is created from
        these defaults when the office has none yet."""
        with transaction.atomic():
            if self.pk is None:
                self.save()
            row = Letterhead.objects.select_for_update().get(pk=self.pk)
            number = row.number_or_default(year)
            Letterhead.objects.filter(pk=row.pk).update(next_number=models.F("next_number") + 1)
        self.next_number = row.next_number + 1
        return number

    def issue(self, number: str, year: int) -> None:
        """A document went out under `number`: the next one proposes the following number."""
        if self.pk and number and number == self.proposed_number(year):
            Letterhead.objects.filter(pk=self.pk).update(next_number=models.F("next_number") + 1)

    def layout(self, number: str) -> gongwen.Masthead:
        return gongwen.Masthead(self.issuer, number, self.recipients, self.copy_to, self.printer or self.issuer)
