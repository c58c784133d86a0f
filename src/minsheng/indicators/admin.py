from typing import Any

from django.contrib import admin, messages
from django.forms import BaseInlineFormSet, ModelForm
from django.http import HttpRequest

from ..plans.admin import TaskAdmin
from ..plans.models import Task
from .models import Indicator
from .services import TargetInUse, indicator_delete, indicator_save


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["text", "name", "value", "high", "unit", "op", "origin", "task"]
    list_filter = ["op", "origin", "unit"]
    search_fields = ["text", "name"]
    list_select_related = ["task"]

    def save_model(self, request: HttpRequest, obj: Indicator, form: ModelForm, change: bool) -> None:
        indicator_save(user=request.user, task=obj.task, data=form.cleaned_data, indicator=obj if change else None)

    def delete_model(self, request: HttpRequest, obj: Indicator) -> None:
        _delete(request, obj)


def _delete(request: HttpRequest, indicator: Indicator) -> None:
    try:
        indicator_delete(user=request.user, indicator=indicator)
    except TargetInUse as exc:
        messages.error(request, str(exc))


class IndicatorInline(admin.TabularInline):
    model = Indicator
    extra = 0
    fields = ["order", "name", "value", "high", "unit", "op", "text", "origin"]
    readonly_fields = ["order", "origin"]


admin.site.unregister(Task)


@admin.register(Task)
class TaskWithTargetsAdmin(TaskAdmin):
    """The task with its targets; a target added or corrected here goes through indicator_save."""

    inlines = [*TaskAdmin.inlines, IndicatorInline]

    def save_formset(self, request: HttpRequest, form: ModelForm, formset: BaseInlineFormSet, change: bool) -> Any:
        if formset.model is not Indicator:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for indicator in formset.deleted_objects:
            _delete(request, indicator)
        for row in formset.forms:
            if row in formset.deleted_forms or not row.has_changed():
                continue
            known = row.instance if row.instance.pk is not None else None
            indicator_save(user=request.user, task=form.instance, data=row.cleaned_data, indicator=known)
        return None
