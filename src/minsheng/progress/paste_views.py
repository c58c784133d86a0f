"""Proposals for a report from the 进展情况 a unit pastes: read, never filed (the unit confirms in the form)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_POST

from ..indicators.progress_match import Candidate, propose
from ..plans import access, gate
from ..plans.models import Task


@login_required
@require_POST
def read_progress(request: HttpRequest, pk: int) -> JsonResponse:
    tasks = Task.objects.with_people()
    task, _ = gate.task_for(request.user, pk, access.REPORT_ROLES, "只有牵头单位可以报送该任务的进度", tasks)
    text = request.POST.get("text", "")
    if not text.strip():
        return JsonResponse({"proposals": [], "message": "请先在“进展情况”中填写或粘贴文字"})
    category = task.project.category.name if task.project.category else ""
    candidates = [
        Candidate(task.pk, i.pk, category, task.project.name, i.name, i.value, i.unit) for i in task.indicators.all()
    ]
    proposals = propose(text, candidates)
    message = "" if proposals else "文中没有读到与本任务指标对应的完成数"
    return JsonResponse({"proposals": proposals, "message": message})
