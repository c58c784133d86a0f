from django.contrib import admin

from .models import AuditEntry, Invite, Membership, Profile


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["at", "user", "action", "object_type", "object_id", "summary"]
    list_filter = ["action", "object_type"]
    readonly_fields = ["at", "user", "action", "object_type", "object_id", "summary", "before", "after"]

    def has_add_permission(self, request):  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None):  # type: ignore[no-untyped-def]
        return False


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "unit"]
    search_fields = ["user__username", "unit__name"]
    autocomplete_fields = ["unit"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "leader", "is_deputy"]
    list_filter = ["is_deputy"]


@admin.register(Invite)
class InviteAdmin(admin.ModelAdmin):
    list_display = ["name", "unit", "created_at", "expires_at", "used_at"]
    exclude = ["token_hash"]


from . import admin_vendor  # noqa: E402,F401  (the third-party apps' pages in Chinese)
