"""A plan's generation: a counter in the database bumped whenever something its computed pages
stand on changes (a report filed or reviewed, a target added, changed or deleted, milestones or
weights set). Caches shared by every worker key on it (progress/forecast_cache.py), so a filing
taken by one gunicorn worker is seen by the others on their next request.

`touch` is called inside the writer's transaction: the new generation becomes visible exactly
when the change does. It is one statement, an upsert, the same on SQLite and PostgreSQL; it is
the writer's last statement on the plan, so the row lock it takes is held only to the commit.
"""

from __future__ import annotations

from django.db import connections, router
from django.dispatch import Signal

from .models import PlanGeneration, Task


def touch(plan_id: int | None) -> None:
    """One more generation of the plan (a row is made the first time)."""
    if plan_id is None:
        return
    connection = connections[router.db_for_write(PlanGeneration)]
    table = connection.ops.quote_name(PlanGeneration._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (plan_id, value) VALUES (%s, 1) "
            f"ON CONFLICT (plan_id) DO UPDATE SET value = {table}.value + 1",
            [plan_id],
        )


def touch_task(task: Task) -> None:
    """`touch` the task's plan (its project is usually loaded already: no query then)."""
    if Task._meta.get_field("project").is_cached(task):
        touch(task.project.plan_id)
    else:
        touch(Task.objects.filter(pk=task.pk).values_list("project__plan_id", flat=True).first())


# Sent when a task's targets change (added, edited, deleted, re-read) by the targets' services,
# which sit below progress: progress.summary listens and re-reckons the task's standing, so the
# rule of the standing stays in progress and nothing here imports upward.
targets_changed = Signal()  # sender: Task, task_id: int


def targets_changed_on(task: Task) -> None:
    """The task's targets changed: what stands on them follows (progress.summary), then the plan's
    generation moves on (last: its row lock is held only to the commit)."""
    targets_changed.send(sender=Task, task_id=task.pk)
    touch_task(task)


def generation(plan_id: int) -> int:
    """The plan's generation now (one query)."""
    found = PlanGeneration.objects.filter(plan_id=plan_id).values_list("value", flat=True).first()
    return found or 0
