"""The third-party apps' admin pages in Chinese. Their models' labels are translated by the
project's catalog (locale/zh_Hans); what a catalog cannot reach — a column named after a
method or a field with no translatable name — is given a Chinese name here. Their admin
modules are imported first, so the originals are registered before they are replaced."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin
from django.http import HttpRequest
from django_tasks_db.admin import DBTaskResultAdmin
from django_tasks_db.models import DBTaskResult


class AttemptAdmin(AccessAttemptAdmin):  # type: ignore[misc]
    @admin.display(description="状态")
    def status(self, obj: AccessAttempt) -> str:
        return str(super().status(obj))

    @admin.display(description="失效时间")
    def expiration(self, obj: AccessAttempt) -> Any:
        return super().expiration(obj)


class TaskResultAdmin(DBTaskResultAdmin):
    list_display = (
        "job_id",
        "job_name",
        "status",
        "enqueued_at",
        "started_at",
        "finished_at",
        "priority",
        "queue_name",
    )

    @admin.display(description="编号")
    def job_id(self, obj: DBTaskResult) -> str:
        return str(obj.id)

    @admin.display(description="作业")
    def job_name(self, obj: DBTaskResult) -> str:
        return obj.task_name

    @admin.display(description="错误详情")
    def formatted_traceback(self, obj: DBTaskResult) -> str:
        return super().formatted_traceback(obj)

    @admin.display(description="最早运行时间")
    def display_run_after(self, obj: DBTaskResult) -> datetime | str:
        return super().display_run_after(obj)

    def get_readonly_fields(self, request: HttpRequest, obj: DBTaskResult | None = None) -> list[str]:
        return ["job_id" if name == "id" else name for name in super().get_readonly_fields(request, obj)]


for model, model_admin in ((AccessAttempt, AttemptAdmin), (DBTaskResult, TaskResultAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
