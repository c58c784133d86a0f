"""A stored plan back into the interchange JSON (shared/schema/plan.schema.json)."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from ..documents.model import number_to_json
from ..indicators.models import Indicator
from .models import Plan, Project, Task


def plan_to_json(plan: Plan) -> dict[str, Any]:
    projects = (
        Project.objects.filter(plan=plan)
        .select_related("category")
        .prefetch_related(Prefetch("tasks", Task.objects.with_people().order_by("order")))
        .order_by("order")
    )
    return {
        "jurisdiction": plan.jurisdiction.name if plan.jurisdiction else None,
        "year": plan.year,
        "title": plan.title,
        "projects": [_project(p) for p in projects],
    }


def _project(project: Project) -> dict[str, Any]:
    return {
        "seq": project.seq,
        "category": project.category.name if project.category else None,
        "name": project.name,
        "status": project.status,
        "tasks": [task_to_json(t) for t in project.tasks.all()],
    }


def task_to_json(task: Task) -> dict[str, Any]:
    return {
        "content": task.content,
        "deadline": task.deadline or None,
        "due": task.due.isoformat() if task.due else None,
        "leaders": task.leader_names(),
        "lead_units": [u.name for u in task.lead_units()],
        "partner_units": [u.name for u in task.partner_units()],
        "indicators": [indicator_to_json(i) for i in task.indicators.all()],
    }


def indicator_to_json(indicator: Indicator) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": indicator.text,
        "name": indicator.name,
        "value": number_to_json(indicator.value),
        "unit": indicator.unit,
        "op": indicator.op,
    }
    if indicator.high is not None:
        data["high"] = number_to_json(indicator.high)
    return data
