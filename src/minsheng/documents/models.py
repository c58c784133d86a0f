"""What the import remembers: the columns a clerk named for a header the reader could not place."""

from __future__ import annotations

import uuid

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
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "header_key"], name="one_mapping_per_header")]

    def __str__(self) -> str:
        return f"{self.jurisdiction or '（未注明）'}：{self.header_key[:40]}"


class ImportJob(models.Model):
    """An import run off the request by the task queue (django-tasks' database backend):
    what the page follows. Reading a large file and writing a large plan are jobs."""

    class Kind(models.TextChoices):
        READ = "read", "读取文件"
        IMPORT = "import", "导入计划"

    class State(models.TextChoices):
        QUEUED = "queued", "排队中"
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "未完成"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="发起人", on_delete=models.CASCADE)
    kind = models.CharField("类型", max_length=8, choices=Kind.choices)
    token = models.CharField("上传文件", max_length=64)
    name = models.CharField("文件名", max_length=255)
    options = models.JSONField("选项", default=dict, blank=True)  # replace, column map
    state = models.CharField("状态", max_length=8, choices=State.choices, default=State.QUEUED)
    message = models.TextField("结果", blank=True)
    plan = models.ForeignKey(
        "plans.Plan", verbose_name="计划", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    worker = models.CharField("处理进程", max_length=300, blank=True)  # host:pid:start (documents/intake/stale.py)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "导入作业"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}（{self.get_state_display()}）"

    @property
    def finished(self) -> bool:
        return self.state in {self.State.DONE, self.State.FAILED}


class WorkerBeat(models.Model):
    """A `minsheng worker` process saying it is alive, every few seconds (documents/intake/worker.py):
    a job page whose job is still queued tells the clerk when no worker has been heard from."""

    worker = models.CharField("处理进程", max_length=300, unique=True)  # host:pid:start (documents/intake/stale.py)
    seen_at = models.DateTimeField("最近心跳")

    class Meta:
        verbose_name = verbose_name_plural = "后台任务进程心跳"

    def __str__(self) -> str:
        return f"{self.worker} @ {self.seen_at:%Y-%m-%d %H:%M:%S}"


class TaughtReading(models.Model):
    """A reading a clerk taught with one example project (documents/shapes/teach.py), for one
    office and one shape of document: the next document of that shape from that office reads
    this way without asking. Saved only when the clerk confirms the import."""

    jurisdiction = models.CharField("行政区划", max_length=200, blank=True)
    shape = models.CharField("文件形式", max_length=1000)
    reading = models.JSONField("读法")  # shapes/teach.Reading.to_json()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="设置人", null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField("设置时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "示范读法"
        constraints = [models.UniqueConstraint(fields=["jurisdiction", "shape"], name="one_reading_per_shape")]

    def __str__(self) -> str:
        return f"{self.jurisdiction or '（未注明）'}：{self.shape[:40]}"
