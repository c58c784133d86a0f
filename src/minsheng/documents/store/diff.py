"""What replacing a stored plan with a new reading would change, in words (the import preview)."""

from __future__ import annotations

from typing import Any

from ...plans.fields import BY_KEY, TABLE_ORDER
from ..parsed import ParsedPlan
from ..shapes.headers import normalise
from .keys import project_key

# The task's fields the preview compares, in the task table's order, and what it calls them.
TASK_FIELDS = tuple(key for key in TABLE_ORDER if BY_KEY[key].level == "task" and key != "content")
FIELD_LABELS = {**{key: BY_KEY[key].label for key in ("seq", "category", *TASK_FIELDS)}, "indicators": "量化指标"}


def _key(project: dict[str, Any]) -> tuple[str, str]:
    return project_key(project["status"], project["name"])


def plan_changes(old: dict[str, Any], new: ParsedPlan) -> dict[str, list[str]]:
    """What replacing a stored plan with a new reading would change, in words, down to the task row."""
    before = {_key(p): p for p in old["projects"]}
    after = {_key(p): p for p in new.to_json()["projects"]}
    changed = [line for k in after if k in before for line in _project_changes(before[k], after[k])]
    return {
        "added": [after[k]["name"] for k in after if k not in before],
        "removed": [before[k]["name"] for k in before if k not in after],
        "changed": changed,
    }


def _project_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    name = new["name"]
    lines = [
        f"{name}：{FIELD_LABELS[f]} {old[f] or '—'} → {new[f] or '—'}" for f in ("seq", "category") if old[f] != new[f]
    ]
    old_tasks = {normalise(t["content"]): t for t in old["tasks"]}
    new_tasks = {normalise(t["content"]): t for t in new["tasks"]}
    lines += [f"{name}：新增任务“{t['content'][:30]}”" for k, t in new_tasks.items() if k not in old_tasks]
    lines += [f"{name}：删除任务“{t['content'][:30]}”" for k, t in old_tasks.items() if k not in new_tasks]
    for k, task in new_tasks.items():
        if k in old_tasks:
            lines += [
                f"{name}：“{task['content'][:16]}…”的{FIELD_LABELS[f]}有改动"
                for f in (*TASK_FIELDS, "indicators")
                if old_tasks[k].get(f) != task.get(f)  # a sum never read is absent
            ]
    return lines
