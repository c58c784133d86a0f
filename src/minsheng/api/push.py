"""`minsheng push --to URL --token …`: a district that runs its own Minsheng sends its
figures to the city's, through the city's API like any other system.

The city's plan for the district is found by title and year among the plans the token
reads; each local task is matched to the city's task of the same project and content, each
target by name. Every task's latest approved report is filed once: the Idempotency-Key
names the local report, so running push again files nothing twice.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..plans.models import Plan, Task
from ..progress.models import Report
from ..regions.upper import project_key

TIMEOUT = 30


class PushError(Exception):
    """The city's system cannot be reached or refuses the token; the message says which."""


@dataclass
class PushResult:
    filed: int = 0
    repeated: int = 0
    unmatched: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"已推送 {self.filed} 份报告，{self.repeated} 份此前已推送"
        if self.unmatched:
            text += f"；对方没有对应任务 {len(self.unmatched)} 项：{'、'.join(self.unmatched[:5])}"
        if self.refused:
            text += f"；对方拒收 {len(self.refused)} 份：{'；'.join(self.refused[:3])}"
        return text


class Remote:
    def __init__(self, base: str, token: str) -> None:
        self.base, self.token = base.rstrip("/"), token

    def call(self, path: str, body: dict[str, Any] | None = None, key: str = "") -> tuple[int, Any]:
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        if key:
            headers["Idempotency-Key"] = key
        data = None if body is None else json.dumps(body, ensure_ascii=False).encode()
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 (the office's URL)
                return response.status, json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            answer = json.loads(exc.read() or b"{}") if exc.headers.get_content_type() == "application/json" else {}
            if exc.code in (401, 429):
                raise PushError(f"对方系统拒绝（{exc.code}）：{answer.get('detail', exc.reason)}") from exc
            return exc.code, answer
        except (urllib.error.URLError, OSError) as exc:
            raise PushError(f"无法连接 {self.base}：{exc}") from exc

    def tasks(self, plan_id: int) -> Iterator[dict[str, Any]]:
        offset: int | None = 0
        while offset is not None:
            status, page = self.call(f"/api/plans/{plan_id}/tasks?limit=200&offset={offset}")
            if status != 200:
                raise PushError(f"读取对方计划任务失败（{status}）")
            yield from page["items"]
            offset = page["next_offset"]


def _remote_plan(remote: Remote, plan: Plan) -> int:
    status, plans = remote.call("/api/plans")
    if status != 200:
        raise PushError(f"读取对方计划失败（{status}）")
    for found in plans:
        if found["title"] == plan.title and found["year"] == plan.year:
            return int(found["id"])
    raise PushError(f"对方系统中没有本令牌可见的同名同年度计划“{plan.title}”")


def _latest_approved(plan: Plan) -> Iterator[Report]:
    reports = Report.objects.filter(task__project__plan=plan, review=Report.Review.APPROVED)
    reports = reports.select_related("task__project").prefetch_related("figures__indicator")
    seen: set[int] = set()
    for report in reports.order_by("task_id", "-period_end", "-version"):
        if report.task_id not in seen:
            seen.add(report.task_id)
            yield report


def _key(task: Task | dict[str, Any]) -> tuple[str, str]:
    if isinstance(task, Task):
        return project_key(task.project.name), task.content.strip()
    return project_key(task["project"]), task["content"].strip()


def push(*, plan: Plan, url: str, token: str) -> PushResult:
    remote = Remote(url, token)
    remote_tasks = {_key(t): t for t in remote.tasks(_remote_plan(remote, plan))}
    result = PushResult()
    for report in _latest_approved(plan):
        match = remote_tasks.get(_key(report.task))
        if match is None:
            result.unmatched.append(report.task.project.name)
            continue
        targets = {t["name"]: t["id"] for t in match["targets"]}
        body = {
            "period_end": report.period_end.isoformat(),
            "status": report.status,
            "narrative": report.narrative,
            "figures": [
                {"indicator": targets[f.indicator.name], "actual": str(f.actual)}
                for f in report.figures.all()
                if f.indicator.name in targets
            ],
        }
        status, answer = remote.call(f"/api/tasks/{match['id']}/reports", body, key=f"push-report-{report.pk}")
        if status in (200, 201):
            result.filed += status == 201
            result.repeated += status == 200
        else:
            result.refused.append(f"{report.task.project.name}：{answer.get('detail', status)}")
    return result
