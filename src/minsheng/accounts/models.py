"""Audit log: who changed what, when, with the state before and after."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    class Action(models.TextChoices):
        IMPORT = "import", "导入"
        CREATE = "create", "新增"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"

    at = models.DateTimeField("时间", auto_now_add=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True, on_delete=models.SET_NULL
    )
    action = models.CharField("操作", max_length=10, choices=Action.choices)
    object_type = models.CharField("对象类型", max_length=50)
    object_id = models.CharField("对象编号", max_length=50)
    summary = models.CharField("摘要", max_length=300)
    before = models.JSONField("修改前", null=True, blank=True)
    after = models.JSONField("修改后", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "操作记录"
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.summary}"


def audit(
    *, user: Any, action: str, obj: models.Model, summary: str, before: Any = None, after: Any = None
) -> AuditEntry:
    return AuditEntry.objects.create(
        user=user if getattr(user, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        summary=summary[:300],
        before=before,
        after=after,
    )
