"""A stored plan back into the interchange JSON (shared/schema/plan.schema.json).

One serialiser: the stored rows become the readers' dataclasses (documents/parsed.py) and
`ParsedPlan.to_json()` writes them, so `parse` and `export-json` cannot drift apart."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch

from ...indicators.to_json import parsed_indicator
from ...plans.fields import SUMS
from ...plans.models import Plan, Project, Task
from ..parsed import ParsedPlan, ParsedProject, ParsedTask


def stored_plan(plan: Plan) -> ParsedPlan:
    projects = (
        Project.objects.filter(plan=plan)
        .select_related("category")
        .prefetch_related(Prefetch("tasks", Task.objects.with_people().order_by("order")))
        .order_by("order")
    )
    jurisdiction = plan.jurisdiction.name if plan.jurisdiction else None
    return ParsedPlan(jurisdiction, plan.year, plan.title, [_project(p) for p in projects])


def plan_to_json(plan: Plan) -> dict[str, Any]:
    return stored_plan(plan).to_json()


def _project(project: Project) -> ParsedProject:
    category = project.category.name if project.category else None
    tasks = [_task(t) for t in project.tasks.all()]
    return ParsedProject(project.seq, category, project.name, project.status, tasks)


def _task(task: Task) -> ParsedTask:
    return ParsedTask(
        content=task.content,
        deadline=task.deadline or None,
        due=task.due.isoformat() if task.due else None,
        leaders=task.leader_names(),
        lead_units=[u.name for u in task.lead_units()],
        partner_units=[u.name for u in task.partner_units()],
        indicators=[parsed_indicator(i) for i in task.indicators.all()],
        sums={key: value for key in SUMS if (value := getattr(task, key)) is not None},
    )


def task_to_json(task: Task) -> dict[str, Any]:
    return _task(task).to_json()
