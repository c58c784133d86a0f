from django.contrib import admin

from .models import Evidence, Figure, Milestone, Note, Notice, Report


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


class FigureInline(ReadOnlyInline):
    model = Figure
    readonly_fields = ["indicator", "actual"]


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    readonly_fields = ["name", "content_type", "size"]
    exclude = ["file"]  # files leave only through the access-checked download


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

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "unit", "plan", "period_end"]
    list_filter = ["kind", "period_end"]


admin.site.register(Milestone)
admin.site.register(Note)
