from django.contrib import admin

from .models import Indicator


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["text", "name", "value", "high", "unit", "op", "origin", "task"]
    list_filter = ["op", "origin", "unit"]
    search_fields = ["text", "name"]
    list_select_related = ["task"]
