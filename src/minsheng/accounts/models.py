"""Audit log: who changed what, when, with the state before and after."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from .history import AppendOnlyModel
from .kinds import Actor, who


class AuditEntry(AppendOnlyModel):
    class Action(models.TextChoices):
        IMPORT = "import", "导入"
        CREATE = "create", "新增"
        UPDATE = "update", "修改"
        DELETE = "delete", "删除"
        REPORT = "report", "报送"
        REVIEW = "review", "审核"
        REMIND = "remind", "催报"
        INVITE = "invite", "邀请"
        VOTE = "vote", "票决"
        RATE = "rate", "测评"

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
    *, user: Actor | None, action: str, obj: models.Model, summary: str, before: Any = None, after: Any = None
) -> AuditEntry:
    return AuditEntry.objects.create(
        user=who(user),
        action=action,
        object_type=obj._meta.label,
        object_id=str(obj.pk),
        summary=summary[:300],
        before=before,
        after=after,
    )


class Membership(models.Model):
    """A user who reports for a unit (单位填报人). A user may belong to several units."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey("plans.Unit", verbose_name="单位", on_delete=models.CASCADE, related_name="members")

    class Meta:
        verbose_name = verbose_name_plural = "单位成员"
        constraints = [models.UniqueConstraint(fields=["user", "unit"], name="membership_unique")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.unit}"


class Profile(models.Model):
    """What a user is besides a unit member: a leader (分管领导) or a deputy (人大代表)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE, related_name="profile"
    )
    leader = models.OneToOneField(
        "plans.Leader", verbose_name="对应领导", null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    is_deputy = models.BooleanField("人大代表", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "用户身份"

    def __str__(self) -> str:
        return str(self.user)


class Invite(models.Model):
    """A one-time link by which the office invites someone to report for a unit.

    Only the SHA-256 of the token is stored: the link itself is shown once.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    unit = models.ForeignKey("plans.Unit", verbose_name="单位", on_delete=models.CASCADE, related_name="invites")
    name = models.CharField("被邀请人", max_length=50)
    email = models.EmailField("邮箱", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="邀请人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("邀请时间", auto_now_add=True)
    expires_at = models.DateTimeField("失效时间")
    used_at = models.DateTimeField("使用时间", null=True, blank=True)
    used_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="注册用户",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = verbose_name_plural = "邀请链接"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} → {self.unit}"


class RateCounter(models.Model):
    """Requests counted per key and fixed time window, incremented in the database under
    the row's lock, so simultaneous requests from every gunicorn worker are all counted."""

    key = models.CharField("键", max_length=200)
    window = models.BigIntegerField("时间窗起点（Unix 秒）")
    count = models.PositiveIntegerField("次数", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "频率计数"
        constraints = [models.UniqueConstraint(fields=["key", "window"], name="rate_counter_unique_window")]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window}: {self.count}"
