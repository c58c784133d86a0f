from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest

from .models import (
    Category,
    Jurisdiction,
    Leader,
    Plan,
    Project,
    SourceDocument,
    Task,
    TaskLeader,
    TaskUnit,
    Unit,
)
from .services import PlanStateError, plan_close, plan_publish

admin.site.site_header = "民生实事督办平台 管理"
admin.site.site_title = "民生实事督办平台"
admin.site.index_title = "数据管理"


@admin.register(Jurisdiction)
class JurisdictionAdmin(admin.ModelAdmin):
    list_display = ["name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["name"]


class SourceDocumentInline(admin.TabularInline):
    model = SourceDocument
    extra = 0
    readonly_fields = ["original_name", "sha256", "format", "uploaded_by", "uploaded_at"]


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "year", "jurisdiction", "state", "created_at"]
    list_filter = ["state", "year"]
    search_fields = ["title"]
    inlines = [SourceDocumentInline]
    # The state changes only through plans/services (atomic, checked, audited): the actions below.
    readonly_fields = ["state"]
    actions = ["publish", "close"]

    @admin.action(description="发布所选计划")
    def publish(self, request: HttpRequest, queryset: QuerySet[Plan]) -> None:
        self._change(request, queryset, plan_publish)

    @admin.action(description="结束所选计划")
    def close(self, request: HttpRequest, queryset: QuerySet[Plan]) -> None:
        self._change(request, queryset, plan_close)

    def _change(self, request: HttpRequest, queryset: QuerySet[Plan], step: Any) -> None:
        for plan in queryset:
            try:
                step(user=request.user, plan=plan)
            except PlanStateError as exc:
                self.message_user(request, f"{plan.title}：{exc}", messages.ERROR)
            else:
                self.message_user(request, f"{plan.title}：{plan.get_state_display()}")


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "plan", "order"]
    list_filter = ["plan"]


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["seq", "name", "status", "category", "plan"]
    list_filter = ["status", "plan"]
    search_fields = ["name"]
    list_select_related = ["category", "plan"]


class TaskLeaderInline(admin.TabularInline):
    model = TaskLeader
    extra = 0


class TaskUnitInline(admin.TabularInline):
    model = TaskUnit
    extra = 0


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    list_display = ["__str__", "project", "deadline", "due"]
    list_filter = ["project__plan"]
    search_fields = ["content", "project__name"]
    list_select_related = ["project"]
    inlines = [TaskLeaderInline, TaskUnitInline]  # indicators/admin.py adds the targets


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "jurisdiction"]
    search_fields = ["name"]


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "plan", "format", "uploaded_by", "uploaded_at"]
    readonly_fields = ["sha256"]
