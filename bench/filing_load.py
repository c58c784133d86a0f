"""200 units file at once through the API, the evening before the deadline: gunicorn on
loopback (as vote_load.py starts it) and PostgreSQL. Each unit has its own task and its own
reporter token and sends POST /api/tasks/N/reports with an Idempotency-Key; all requests
are released at the same moment. Prints filings per second, the 95th percentile of what a
unit waits, the CPU each filing cost gunicorn and PostgreSQL (read from /proc), and what
was lost (accepted but not stored) or doubled (stored twice); ends with the plain line
`filings units 200 per_s … p95_s … lost 0`.

    DATABASE_URL=postgres://… python bench/filing_load.py [UNITS]    (a throwaway test database; 200)
"""

from __future__ import annotations

import json
import os
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cpu_time  # noqa: E402
from common import django_on_postgres, on_test_database, published_example_plan  # noqa: E402
from vote_load import SERVER, cpu_readings, database_url, gunicorn, percentile, release_together  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2026-03-31"


def seed(plan: Any, units: int) -> list[tuple[int, str, list[int]]]:
    """`units` units of the plan's jurisdiction, each leading one task (added when the plan
    has fewer) with a reporter token; returns (task id, token, indicator ids) per unit."""
    import secrets

    from django.contrib.auth import get_user_model

    from minsheng.accounts.models import Membership
    from minsheng.api.models import ApiToken
    from minsheng.api.tokens import PREFIX, digest
    from minsheng.plans.models import Project, Task, TaskUnit, Unit

    tasks = list(Task.objects.filter(project__plan=plan).order_by("pk")[:units])
    if len(tasks) < units:
        extra = Project.objects.create(plan=plan, name="负载测试项目", order=999)
        tasks += Task.objects.bulk_create(
            Task(project=extra, order=i, content=f"负载测试任务{i}") for i in range(units - len(tasks))
        )
    filers = []
    for i, task in enumerate(tasks):
        unit = Unit.objects.create(name=f"负载测试局{i:03d}", jurisdiction=plan.jurisdiction)
        TaskUnit.objects.create(task=task, unit=unit, role="lead")
        bot = get_user_model().objects.create_user(f"api-load-{i:03d}")
        Membership.objects.create(user=bot, unit=unit)
        secret = PREFIX + secrets.token_urlsafe(32)
        ApiToken.objects.create(
            name=f"负载{i}", prefix=secret[: len(PREFIX) + 8], token_hash=digest(secret),
            jurisdiction=plan.jurisdiction, role=ApiToken.Role.REPORTER, unit=unit, user=bot,
        )  # fmt: skip
        filers.append((task.pk, secret, list(task.indicators.values_list("pk", flat=True))))
    return filers


@dataclass
class Filer:
    task: int
    token: str
    indicators: list[int]
    status: int = 0
    error: str = ""
    seconds: float = 0.0

    def file(self, base: str) -> None:
        body = {
            "period_end": PERIOD,
            "status": "in_progress",
            "narrative": "本期进展顺利，详见附件。",
            "figures": [{"indicator": pk, "actual": 1} for pk in self.indicators],
        }
        headers = {
            "Authorization": f"Bearer {self.token}",
            "Content-Type": "application/json",
            "Idempotency-Key": f"load-{self.task}",
        }
        request = urllib.request.Request(f"{base}/api/tasks/{self.task}/reports", json.dumps(body).encode(), headers)
        start = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as answer:
                self.status = answer.status
        except urllib.error.HTTPError as exc:
            self.status, self.error = exc.code, exc.read().decode()[:200]
        except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
            self.error = str(exc)
        self.seconds = time.perf_counter() - start

    def look(self, base: str) -> None:
        """Read the task's reports (a warm-up: every gunicorn worker loads the API first)."""
        headers = {"Authorization": f"Bearer {self.token}"}
        request = urllib.request.Request(f"{base}/api/tasks/{self.task}/reports", headers=headers)
        with urllib.request.urlopen(request, timeout=120) as answer:
            answer.read()


@dataclass
class Deadline:
    filers: list[Filer]
    seconds: float
    cpu: dict[str, float] = field(default_factory=dict)

    @property
    def accepted(self) -> list[Filer]:
        return [f for f in self.filers if f.status == 201]


def run(units: int) -> None:
    from django.db import connection

    from minsheng.progress.models import Report

    plan = published_example_plan()
    filers = [Filer(*row) for row in seed(plan, units)]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        db_pid = cpu_time.parent_of(cursor.fetchone()[0])
    with gunicorn(database_url(connection.settings_dict), **SERVER) as base:
        for _ in range(3):  # each worker loads the API on its first request: not a filing's cost
            release_together(lambda f: f.look(base), filers[:12])
        before = cpu_readings(base, db_pid)
        seconds = release_together(lambda f: f.file(base), filers)
        cpu = {part: spent - before[part] for part, spent in cpu_readings(base, db_pid).items()}
    report(Deadline(filers, seconds, cpu), Report)


def report(result: Deadline, report_model: Any) -> None:
    n = len(result.filers)
    stored: dict[int, int] = {}
    for task_id in report_model.objects.filter(period_end=PERIOD).values_list("task_id", flat=True):
        stored[task_id] = stored.get(task_id, 0) + 1
    lost = sum(1 for f in result.accepted if f.task not in stored)
    doubled = sum(1 for count in stored.values() if count > 1)
    p95 = percentile([f.seconds for f in result.filers], 95)
    ms = {part: 1000 * spent / n for part, spent in result.cpu.items()}
    print(
        f"{n} 个单位同时报送（API）：用时 {result.seconds:.2f} s，{n / result.seconds:.0f} 份/秒，p95 {p95:.2f} s；"
        f"受理 {len(result.accepted)}，库中 {len(stored)}，丢失 {lost}，重复 {doubled}，"
        f"错误 {n - len(result.accepted)}；每份 CPU：应用服务器 {ms['server']:.1f} ms，数据库 {ms['database']:.1f} ms，"
        f"客户端 {ms['client']:.1f} ms（本机 {os.cpu_count()} 核共用，负载 {os.getloadavg()[0]:.1f}）"
    )
    for f in [f for f in result.filers if f.status != 201][:5]:
        print("  ", f.task, f.status, f.error)
    print(f"filings units {n} per_s {n / result.seconds:.0f} p95_s {p95:.2f} lost {lost}")


def main() -> None:
    django_on_postgres("报送负载测试需要 PostgreSQL：请设置 DATABASE_URL=postgres://…")
    for units in [int(arg) for arg in sys.argv[1:]] or [200]:
        on_test_database(lambda units=units: run(units))


if __name__ == "__main__":
    main()
