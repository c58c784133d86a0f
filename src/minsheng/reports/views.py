"""Downloads of the task table; a plan is visible here exactly as on its page."""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from ..plans.models import Plan
from .tasktable import task_table_docx, task_table_xlsx

TYPES = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", task_table_docx),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", task_table_xlsx),
}


def task_table(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = get_object_or_404(Plan.objects.visible_to(request.user).select_related("jurisdiction"), pk=pk)
    if fmt not in TYPES:
        raise Http404("只能导出 .docx 或 .xlsx")
    content_type, build = TYPES[fmt]
    response = HttpResponse(build(plan), content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(plan.title)}.{fmt}"
    return response
