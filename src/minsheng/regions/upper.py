"""A lower plan that lists 上级民生实事 (the province's or the city's projects it carries)
beside its own: each such task is linked to the parent task of the same project in an upper
jurisdiction's plan of the same year, where that exists, as an Allotment (the office confirms)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from ..plans import access
from ..plans.models import Plan, Task
from .models import Allotment

UPPER = re.compile(r"(上级|省级?|市级?|省政府|市政府|省委省政府|市委市政府)[^，。]{0,6}(民生实事|为民办实事|民生工程)")
MARKS = re.compile(r"^[（(【\[]\s*(省|市|上级)[^）)】\]]{0,4}[）)】\]]\s*")
NOISE = re.compile(r"[\s\u3000，,。、；;：:（）()【】\[\]“”\"'·\-—]")


def is_upper(category: str | None, project: str) -> bool:
    """A project the plan carries for an upper level: under a 上级/省/市民生实事 heading, or marked （省）/（市）."""
    return bool((category and UPPER.search(category)) or MARKS.match(project))


def project_key(name: str) -> str:
    """The name a project is matched by: without a （省）/（市） mark, spaces and punctuation."""
    return NOISE.sub("", MARKS.sub("", name))


@dataclass(frozen=True)
class Match:
    task: Task
    parent: Task


def _ancestors(plan: Plan) -> list[int]:
    found, current = [], plan.jurisdiction.parent if plan.jurisdiction else None
    while current is not None:
        found.append(current.pk)
        current = current.parent
    return found


def upper_matches(plan: Plan) -> list[Match]:
    """The plan's upper-level tasks and the parent task each belongs to (not linked yet)."""
    area = plan.jurisdiction_id
    if area is None:
        return []
    # a draft above is that office's working copy: only published upper plans are offered
    upper_plans = Plan.objects.public().filter(jurisdiction_id__in=_ancestors(plan), year=plan.year)
    parents: dict[str, list[Task]] = {}
    for parent in Task.objects.filter(project__plan__in=upper_plans).select_related("project").order_by("pk"):
        parents.setdefault(project_key(parent.project.name), []).append(parent)
    tasks = Task.objects.filter(project__plan=plan, allotment__isnull=True).select_related("project__category")
    taken = set(Allotment.objects.filter(jurisdiction_id=area).values_list("parent_id", flat=True))
    matches = []
    for task in tasks.order_by("project__order", "order"):
        category = task.project.category.name if task.project.category else None
        candidates = [p for p in parents.get(project_key(task.project.name), []) if p.pk not in taken]
        if is_upper(category, task.project.name) and candidates:
            parent = _closest(task, candidates)
            taken.add(parent.pk)
            matches.append(Match(task=task, parent=parent))
    return matches


def _closest(task: Task, candidates: list[Task]) -> Task:
    """Of a project's parent tasks, the one whose text shares most characters with the task's."""
    words = set(task.content)
    return max(candidates, key=lambda p: len(words & set(p.content)))


def link_upper_tasks(*, user: Actor, plan: Plan) -> list[Allotment]:
    """Link every upper-level task of `plan` to its parent; the plan's own office confirms."""
    access.require_supervise_plan(user, plan)
    matches = upper_matches(plan)
    area = plan.jurisdiction_id
    if area is None:
        return []
    with transaction.atomic():
        made = [Allotment.objects.create(parent=m.parent, task=m.task, jurisdiction_id=area) for m in matches]
        if made:
            audit(
                user=user,
                action=AuditEntry.Action.UPDATE,
                obj=plan,
                summary=f"关联上级民生实事 {len(made)} 项",
                after={str(m.task.pk): m.parent.pk for m in matches},
            )
    return made
