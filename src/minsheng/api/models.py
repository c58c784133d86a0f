"""API tokens per integration (对接系统), and the idempotency keys of the reports they file."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class ApiToken(models.Model):
    """One integration's token, scoped to one jurisdiction (and the levels below) and one role:
    a reader reads; a reporter files for its unit's tasks like the unit's web form; an office
    token enters figures for every task of its own level like the office's bulletin entry
    (a district installation pushing to the city's, `minsheng push`).

    Only the SHA-256 of the token is stored; the token itself is shown once, at creation.
    It acts as its own user (`user`), so whatever it files is audited under its name.
    """

    class Role(models.TextChoices):
        READER = "reader", "只读"
        REPORTER = "reporter", "单位报送"
        OFFICE = "office", "督查室代录（本级全部任务）"

    name = models.CharField("对接系统名称", max_length=100)
    prefix = models.CharField("令牌前缀", max_length=12, unique=True)
    token_hash = models.CharField(max_length=64, unique=True)
    jurisdiction = models.ForeignKey(
        "plans.Jurisdiction", verbose_name="行政区划", on_delete=models.PROTECT, related_name="api_tokens"
    )
    role = models.CharField("角色", max_length=10, choices=Role.choices)
    unit = models.ForeignKey(
        "plans.Unit", verbose_name="报送单位", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name="令牌用户", on_delete=models.PROTECT, related_name="api_token"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="创建人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "API 令牌"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"


class IdempotentRequest(models.Model):
    """A write made under an Idempotency-Key: a retry with the same key returns this report.

    `body_hash` is the SHA-256 of what was asked (task and validated body), so that the same
    key sent with different figures is refused rather than answered with the first report.
    Rows stored before it existed have "" and are replayed as before."""

    token = models.ForeignKey(ApiToken, on_delete=models.CASCADE, related_name="requests")
    key = models.CharField("幂等键", max_length=100)
    body_hash = models.CharField("请求摘要", max_length=64, blank=True, default="")
    report = models.ForeignKey("progress.Report", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "幂等请求"
        constraints = [models.UniqueConstraint(fields=["token", "key"], name="idempotent_request_once")]

    def __str__(self) -> str:
        return f"{self.token_id}:{self.key}"
