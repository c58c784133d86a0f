"""A clerk's example project, read from the JSON file given with a document to teach its reading.

Kept apart from teach.py: reading and checking the clerk's file is the command line's part, choosing
a reading is teaching's; neither needs the other's details.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ...plans.states import ProjectStatus
from ..errors import DocumentError
from ..parsed import ParsedPlan
from .matching import TASK_FIELDS


def example_project(path: Path) -> dict[str, Any]:
    """A clerk's example project from a JSON file: one project object of plan.schema.json (a whole
    plan is taken by its first project)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DocumentError(f"示例项目不是可读的 JSON（{exc}）", path.name) from exc
    if isinstance(data, dict) and isinstance(data.get("projects"), list) and data["projects"]:
        data = data["projects"][0]
    if not isinstance(data, dict) or not isinstance(data.get("name") or "", str):
        raise DocumentError('示例项目应是一个项目对象：{"name": …, "tasks": [{"content": …}]}', path.name)
    tasks = data.get("tasks") or []
    if not tasks and any(data.get(f) for f in TASK_FIELDS):  # a task's fields written on the project itself
        tasks = [{f: data[f] for f in TASK_FIELDS if data.get(f)}]
        data = {**{k: v for k, v in data.items() if k not in TASK_FIELDS}, "tasks": tasks}
    if not data.get("name") and not (tasks and isinstance(tasks[0], dict) and tasks[0].get("content")):
        raise DocumentError("示例项目至少要有名称（name）或第一条任务的内容（tasks[0].content）", path.name)
    return data


def example_status(plan: ParsedPlan, example: dict[str, Any]) -> str:
    """The status the example shows for a plan read all in another one ("auto" when it agrees or says
    none): a page that only tells of candidates (从…候选…中选出, 候选项目) may list the chosen ones,
    and the clerk who typed `formal` knows which."""
    said = example.get("status")
    statuses = {p.status for p in plan.projects}
    if said not in (ProjectStatus.FORMAL, ProjectStatus.CANDIDATE) or len(statuses) != 1 or said in statuses:
        return "auto"
    return str(said)


def with_status(plan: ParsedPlan, status: str) -> ParsedPlan:
    """Every project in the status a taught reading holds ("auto": as read)."""
    if status != "auto":
        for project in plan.projects:
            project.status = status
    return plan
