from django.contrib import admin
from django.http import HttpRequest

from .models import Allotment, HomeJurisdiction, OfficeSeat, ProjectLink


@admin.register(OfficeSeat)
class OfficeSeatAdmin(admin.ModelAdmin):
    list_display = ["user", "jurisdiction", "duty", "is_admin"]
    list_filter = ["duty", "is_admin"]
    search_fields = ["user__username", "jurisdiction__name"]


@admin.register(HomeJurisdiction)
class HomeJurisdictionAdmin(admin.ModelAdmin):
    list_display = ["user", "jurisdiction"]
    search_fields = ["user__username", "jurisdiction__name"]


class ReadOnly(admin.ModelAdmin):
    """Made by the pages' services (atomic, audited); the admin only shows them."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(Allotment)
class AllotmentAdmin(ReadOnly):
    list_display = ["parent", "jurisdiction", "task", "created_at"]


@admin.register(ProjectLink)
class ProjectLinkAdmin(ReadOnly):
    list_display = ["earlier", "later", "confirmed_by", "confirmed_at"]
