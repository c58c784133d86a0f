"""Progress reports (进度报送) and what the office supervises them with.

Nothing is overwritten: a revised report is a new version of the same task and
period, and the history is every version.
"""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from ..accounts.history import AppendOnlyModel


class Report(AppendOnlyModel):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", "未启动"
        IN_PROGRESS = "in_progress", "推进中"
        DONE = "done", "已完成"
        PAUSED = "paused", "暂缓"

    class Review(models.TextChoices):
        SUBMITTED = "submitted", "待审核"
        APPROVED = "approved", "已通过"
        RETURNED = "returned", "已退回"

    # PROTECT: a plan or task with reports is never deleted by a re-import; the reports are the record.
    task = models.ForeignKey("plans.Task", verbose_name="任务", on_delete=models.PROTECT, related_name="reports")
    # A period is named by its last day (2026-03-31 is March, or Q1 for a quarterly plan).
    period_end = models.DateField("报送期")
    version = models.PositiveSmallIntegerField("版本", default=1)
    status = models.CharField("进展状态", max_length=12, choices=Status.choices)
    narrative = models.TextField("进展情况", blank=True)
    review = models.CharField("审核", max_length=10, choices=Review.choices, default=Review.SUBMITTED)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="填报人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_at = models.DateTimeField("填报时间", default=timezone.now)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_comment = models.TextField("审核意见", blank=True)
    # The version that counts for the task today: its latest period, latest version not
    # returned. Kept by services.recount so the dashboard reads it without a subquery.
    counts = models.BooleanField("计入进度", default=False, editable=False)

    # A report's content is its record; only the office's review (and the derived
    # "counts" flag, recomputed after every filing and review) is written later.
    MUTABLE_FIELDS = frozenset({"review", "review_comment", "reviewed_by", "reviewed_at", "counts"})

    class Meta:
        verbose_name = verbose_name_plural = "进度报告"
        ordering = ["task", "-period_end", "-version"]
        constraints = [
            # Two people filing at once cannot both write version n: the second insert fails.
            models.UniqueConstraint(fields=["task", "period_end", "version"], name="report_unique_version"),
        ]
        indexes = [
            models.Index(fields=["task", "period_end", "version"], name="report_latest"),
            # The counting report's id and status come from the index alone (roll-ups, boards).
            models.Index(fields=["task"], include=["id", "status"], condition=Q(counts=True), name="report_counting"),
        ]

    def __str__(self) -> str:
        return f"{self.task_id} {self.period_end:%Y-%m} v{self.version}"

    def entered_by(self) -> str:
        """Who the pages name as filing this version: "" for the unit itself; the office's words
        when its staff entered it (services.enter_for_unit), 据通报 when figures keep the sentence
        they were read from. Reads `filed_by` and `figures` as the caller fetched them."""
        if self.filed_by is None or not self.filed_by.is_staff:
            return ""
        return "督查室据通报录入" if any(f.source for f in self.figures.all()) else "督查室代为录入"


class Figure(AppendOnlyModel):
    """The cumulative actual of one target as of the report's period."""

    # Indexed by figure_by_report below (and figure_unique): no index of its own.
    report = models.ForeignKey(
        Report, verbose_name="报告", on_delete=models.CASCADE, related_name="figures", db_index=False
    )
    indicator = models.ForeignKey(
        "indicators.Indicator", verbose_name="指标", on_delete=models.PROTECT, related_name="figures"
    )
    actual = models.DecimalField("累计完成", max_digits=24, decimal_places=6)
    # The sentence the figure was read from, when the office entered it from an uploaded bulletin.
    source = models.CharField("来源语句", max_length=500, blank=True, default="")
    # Not given by this filing (a bulletin, workbook or form that left the indicator out): the
    # task's last figure kept, so completion is still reckoned on every indicator.
    carried = models.BooleanField("沿用上期", default=False)

    class Meta:
        verbose_name = verbose_name_plural = "指标完成数"
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="figure_unique"),
            models.CheckConstraint(condition=Q(actual__gte=0), name="figure_actual_not_negative"),
        ]
        # A report's figures read from the index alone: 25 million figures in five years of a
        # nation, a province's roll-up reads 16,500 of them.
        indexes = [models.Index(fields=["report"], include=["indicator", "actual"], name="figure_by_report")]

    def __str__(self) -> str:
        return f"{self.indicator_id}: {self.actual}"


class Evidence(models.Model):
    report = models.ForeignKey(Report, verbose_name="报告", on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField("文件", upload_to="evidence/%Y/%m/")
    name = models.CharField("文件名", max_length=255)
    content_type = models.CharField("类型", max_length=50)
    size = models.PositiveIntegerField("大小")

    class Meta:
        verbose_name = verbose_name_plural = "佐证材料"

    def __str__(self) -> str:
        return self.name


class Note(models.Model):
    """A partner unit's note or a leader's comment on a task."""

    task = models.ForeignKey("plans.Task", verbose_name="任务", on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="作者", null=True, on_delete=models.SET_NULL)
    unit = models.ForeignKey("plans.Unit", verbose_name="单位", null=True, blank=True, on_delete=models.SET_NULL)
    text = models.TextField("内容")
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "备注与批示"
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:40]


class Milestone(models.Model):
    """序时进度 set by the office: by `date` the task should be `share` percent done."""

    task = models.ForeignKey("plans.Task", verbose_name="任务", on_delete=models.CASCADE, related_name="milestones")
    date = models.DateField("日期")
    share = models.DecimalField("应完成（%）", max_digits=5, decimal_places=1)

    class Meta:
        verbose_name = verbose_name_plural = "节点进度"
        ordering = ["task", "date"]
        constraints = [
            models.UniqueConstraint(fields=["task", "date"], name="milestone_unique_date"),
            models.CheckConstraint(condition=Q(share__gte=0) & Q(share__lte=100), name="milestone_share_percent"),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.share}%"


class Notice(models.Model):
    """A reminder (催报) or an escalation (催办单) sent to a unit for a period."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", "催报提醒"
        ESCALATION = "escalation", "催办单"

    plan = models.ForeignKey("plans.Plan", verbose_name="计划", on_delete=models.CASCADE, related_name="notices")
    unit = models.ForeignKey("plans.Unit", verbose_name="单位", on_delete=models.CASCADE, related_name="notices")
    period_end = models.DateField("报送期")
    kind = models.CharField("类型", max_length=12, choices=Kind.choices)
    text = models.TextField("内容")
    tasks = models.ManyToManyField("plans.Task", verbose_name="任务", related_name="+")
    document = models.FileField("催办单", upload_to="notices/%Y/", blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "催报与催办"
        ordering = ["-created_at", "-pk"]
        constraints = [
            # `minsheng remind` run twice for a period does not remind twice.
            models.UniqueConstraint(fields=["plan", "unit", "period_end", "kind"], name="notice_once_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.unit} {self.period_end}"


class Delivery(models.Model):
    """What one channel did with one notice for one recipient (channels/: e-mail, group robots).

    A failure is a row, not an exception: the notice stands, the other channels still go, and
    the unit's page and the office's dashboard say which way did not get through, and why."""

    class Status(models.TextChoices):
        DELIVERED = "delivered", "已送达"
        FAILED = "failed", "未送达"

    notice = models.ForeignKey(Notice, verbose_name="通知", on_delete=models.CASCADE, related_name="deliveries")
    channel = models.CharField("渠道", max_length=20)
    # The channel's name as it was when sent: a row stays readable after a channel is switched off.
    label = models.CharField("渠道名称", max_length=40)
    # An e-mail address, or a robot named without its key (a webhook's key is a credential).
    recipient = models.CharField("接收方", max_length=254)
    status = models.CharField("结果", max_length=10, choices=Status.choices)
    error = models.TextField("错误", blank=True)
    at = models.DateTimeField("时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "通知送达记录"
        ordering = ["notice", "pk"]

    def __str__(self) -> str:
        return f"{self.label} {self.recipient}: {self.get_status_display()}"

    @property
    def failed(self) -> bool:
        return self.status == self.Status.FAILED


def robot_tail(url: str, key: str) -> str:
    """A robot named by the last four characters of its key, never the key itself."""
    value = parse_qs(urlsplit(url).query).get(key, [""])[0]
    return f"（…{value[-4:]}）" if value else ""


class UnitAddress(models.Model):
    """Where a unit's notices go besides its page: its e-mail addresses (added to its reporters'),
    its 企业微信 group robot and its 钉钉 group robot. The office keeps them on the unit directory."""

    unit = models.OneToOneField("plans.Unit", verbose_name="单位", on_delete=models.CASCADE, related_name="address")
    emails = models.JSONField("电子邮箱", default=list, blank=True)
    wecom_webhook = models.URLField("企业微信群机器人 Webhook 地址", max_length=500, blank=True)
    dingtalk_webhook = models.URLField("钉钉群机器人 Webhook 地址", max_length=500, blank=True)
    dingtalk_secret = models.CharField("钉钉加签密钥", max_length=200, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "单位通知地址"

    def __str__(self) -> str:
        return str(self.unit_id)

    @classmethod
    def of(cls, unit_id: int) -> UnitAddress:
        """The unit's addresses, or an empty unsaved set: a unit nobody set up has none."""
        return cls.objects.filter(unit_id=unit_id).first() or cls(unit_id=unit_id)

    @property
    def wecom_name(self) -> str:
        return "企业微信群机器人" + robot_tail(self.wecom_webhook, "key") if self.wecom_webhook else ""

    @property
    def dingtalk_name(self) -> str:
        return "钉钉群机器人" + robot_tail(self.dingtalk_webhook, "access_token") if self.dingtalk_webhook else ""

    def summary(self) -> dict[str, object]:
        """What the audit log keeps: addresses, robots by name, whether a secret is set (never it)."""
        return {
            "emails": list(self.emails),
            "wecom": self.wecom_name,
            "dingtalk": self.dingtalk_name,
            "dingtalk_signed": bool(self.dingtalk_secret),
        }


class FigureAlias(models.Model):
    """A bulletin's wording the office re-paired once to a task's indicator (停车位 → 公共停车泊位),
    kept per office as that indicator's other name: the next upload from the same office reads it
    right without asking (like documents' ColumnMapping for a table's header). Names, not ids, so
    the next year's plan with the same task still reads it."""

    jurisdiction = models.ForeignKey(
        "plans.Jurisdiction", verbose_name="行政区划", null=True, blank=True, on_delete=models.CASCADE
    )
    words = models.CharField("原文所指", max_length=200)
    project_name = models.CharField("项目", max_length=255)
    indicator_name = models.CharField("指标", max_length=255)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "完成数的对应关系"
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "words"], name="one_alias_per_wording")]

    def __str__(self) -> str:
        return f"{self.words} → {self.project_name}·{self.indicator_name}"


class ForecastReview(models.Model):
    """The plan's own office read a task's forecast (年底预计) and marked it 已研判 with a note.

    It records what was read: the counting report the forecast stood on and its verdict. When a
    newer report (or the passing of time) changes the forecast, the mark is kept but shown as
    stale (forecast_review.mark_of), so the note stays readable and nobody takes a new forecast
    for one already weighed. A new mark is a new row: the history is every mark.
    """

    task = models.ForeignKey(
        "plans.Task", verbose_name="任务", on_delete=models.CASCADE, related_name="forecast_reviews"
    )
    report = models.ForeignKey(
        Report, verbose_name="依据的报告", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    risk = models.CharField("研判时的预计", max_length=12)
    share = models.DecimalField("研判时预计完成（%）", max_digits=6, decimal_places=1, null=True, blank=True)
    reason = models.TextField("研判时的预计说明")
    note = models.TextField("研判意见")
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="研判人", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField("研判时间", default=timezone.now)

    class Meta:
        verbose_name = verbose_name_plural = "年底预计研判"
        ordering = ["task", "-reviewed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.reviewed_at:%Y-%m-%d}：{self.note[:30]}"


class TaskProgress(models.Model):
    """Where a task stands today, kept by progress.summary.refresh (called by the services that
    file and review reports and change targets): its counting report (Report.counts), that
    report's period and status, and its completion against the targets in force then. The roll-ups
    read one row per task from here instead of its report, targets and figures (25 million figures
    in five years of a nation). A task without a counting report has no row."""

    task = models.OneToOneField(
        "plans.Task", verbose_name="任务", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    # The task's plan, so that a roll-up reads its plans' rows from one index without joins.
    plan = models.ForeignKey(
        "plans.Plan", verbose_name="计划", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    report = models.ForeignKey(Report, verbose_name="计入的报告", on_delete=models.CASCADE, related_name="+")
    period_end = models.DateField("报送期")
    status = models.CharField("进展状态", max_length=12, choices=Report.Status.choices)
    completion = models.FloatField("完成率", null=True)
    # The same standing counting approved reports only (metrics.Basis.APPROVED): the latest
    # version the office approved. The roll-ups count these, as the plan-progress API does by
    # default and the public pages do, so one question has one answer (#31 finding 2).
    approved_report = models.ForeignKey(
        Report, verbose_name="计入的审核通过报告", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_period_end = models.DateField("审核通过报告的报送期", null=True)
    approved_status = models.CharField("审核通过报告的进展状态", max_length=12, blank=True, default="")
    approved_completion = models.FloatField("审核通过的完成率", null=True)

    class Meta:
        verbose_name = verbose_name_plural = "任务进度汇总"
        indexes = [
            models.Index(
                fields=["plan"], include=["task", "report", "status", "completion"], name="task_progress_by_plan"
            )
        ]

    def __str__(self) -> str:
        return f"{self.task_id}: {self.completion}"
