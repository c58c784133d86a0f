"""What the import remembers: the columns a clerk named for a header the reader could not place."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ColumnMapping(models.Model):
    """A header's wording (normalised) → the field of each column, for one jurisdiction.

    Made when a clerk names the columns on the import preview; used without asking
    the next time a table with the same header comes from the same jurisdiction."""

    jurisdiction = models.CharField("行政区划", max_length=64, blank=True)
    header_key = models.CharField("表头", max_length=1000)
    columns = models.JSONField("各列字段")  # {"0": "seq", "1": "name_content", …}
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "表头对应关系"
        constraints = [
            models.UniqueConstraint(fields=["jurisdiction", "header_key"], name="one_mapping_per_header")
        ]

    def __str__(self) -> str:
        return f"{self.jurisdiction or '（未注明）'}：{self.header_key[:40]}"
