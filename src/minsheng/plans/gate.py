"""The one gate for a plan and everything inside it.

Every page, download, API endpoint and service that touches a plan, a task, or what hangs
from them (reports, figures, evidence, notices, targets, bulletins) asks here and gets the
object or a refusal. The rules themselves live in plans/access.py; this module applies
them to objects, so that the web page, the API and the command line refuse alike:

- 404 when the actor cannot know the object exists (another district's draft);
- 403 when it can see it exists but may not do this (a sibling office on a published plan's
  dashboard, a partner unit filing a report).

Needs on a plan:
- PUBLIC: what a published plan shows everyone (its tasks, approved figures);
- READ: the supervision view (reports not yet reviewed, notes, evidence, 督办单, 通报):
  the plan's own office and the offices above it;
- SUPERVISE: change it (import, edit targets, review, remind, publish, close): its own office.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Final

from django.core.exceptions import PermissionDenied
from django.http import Http404

from ..accounts.kinds import Actor
from . import access
from .models import Plan, PlanQuerySet, Task, TaskQuerySet

PUBLIC: Final = "public"
READ: Final = "read"
SUPERVISE: Final = "supervise"

NOT_FOUND = "未找到该计划或任务，或它不在本级及下级区划内"
READ_REFUSED = "该计划不属于本级或下级区划，只能在公开页面查看"
SUPERVISE_REFUSED = "只有本级督查室可以督办该计划"


def check_plan(user: Actor, plan: Plan | None, need: str = READ) -> Plan:
    """`plan` if `user` may do `need` with it; Http404 or PermissionDenied otherwise."""
    if plan is None or not access.knows_plan(user, plan):
        raise Http404(NOT_FOUND)
    if need == SUPERVISE and not access.can_supervise_plan(user, plan):
        raise PermissionDenied(SUPERVISE_REFUSED if access.is_office(user) else access.OFFICE_ONLY)
    if need == READ and not access.office_reads_plan(user, plan):
        raise PermissionDenied(READ_REFUSED if access.is_office(user) else access.OFFICE_ONLY)
    return plan


def plan_for(user: Actor, pk: object, need: str = READ, plans: PlanQuerySet | None = None) -> Plan:
    """The plan numbered `pk`, through the gate (`plans` to add select_related and the like)."""
    queryset = Plan.objects.select_related("jurisdiction") if plans is None else plans
    return check_plan(user, queryset.filter(pk=_number(pk)).first(), need)


def check_for_unit(user: Actor, plan: Plan, unit_id: int | None, message: str) -> Plan:
    """A unit's own papers in a plan (its report template, its 催办单): the unit's reporters, or
    the offices that read the plan; 404 when the plan is unknown to `user`."""
    check_plan(user, plan, PUBLIC)
    if unit_id is not None and unit_id in access.identity(user).unit_ids:
        return plan
    if not access.office_reads_plan(user, plan):
        raise PermissionDenied(message)
    return plan


def check_task(user: Actor, task: Task | None, allowed: Collection[str], message: str) -> set[str]:
    """The roles `user` holds on `task` when one of them is `allowed` (PUBLIC: anyone who may
    know the plan); Http404 when the task's plan is unknown to `user`, PermissionDenied when it
    holds no allowed role."""
    if task is None or not access.knows_plan(user, task.project.plan):
        raise Http404(NOT_FOUND)
    roles = access.task_roles(user, task)
    if PUBLIC not in allowed and not roles & set(allowed):
        raise PermissionDenied(message)
    return roles


def task_for(
    user: Actor, pk: object, allowed: Collection[str], message: str, tasks: TaskQuerySet | None = None
) -> tuple[Task, set[str]]:
    """The task numbered `pk` with `user`'s roles on it, through the gate."""
    queryset = tasks_with_plan() if tasks is None else tasks
    task = queryset.filter(pk=_number(pk)).first()
    return task, check_task(user, task, allowed, message)  # type: ignore[return-value]


def tasks_with_plan() -> TaskQuerySet:
    """Tasks as the gate reads them: their plan, units and leaders in the same queries."""
    return Task.objects.with_people()


def _number(pk: object) -> int:
    """A primary key from a URL or a form; anything else is a 404, never a 500."""
    try:
        return int(str(pk))
    except (TypeError, ValueError):
        raise Http404(NOT_FOUND) from None
