from django.contrib import admin

from .models import Evidence, Figure, Milestone, Note, Notice, Report


class FigureInline(admin.TabularInline):
    model = Figure
    extra = 0
    readonly_fields = ["indicator", "actual"]


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ["file", "name", "content_type", "size"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    """Reports are a record: read here, filed and reviewed through the pages."""

    list_display = ["task", "period_end", "version", "status", "review", "filed_by", "filed_at"]
    list_filter = ["review", "status", "period_end"]
    list_select_related = ["task", "filed_by"]
    inlines = [FigureInline, EvidenceInline]

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "unit", "plan", "period_end"]
    list_filter = ["kind", "period_end"]


admin.site.register(Milestone)
admin.site.register(Note)
