"""Units filing progress at once against a real server: gunicorn on loopback, on SQLite
(the embedded default) or PostgreSQL. Each reporter files its own task; two more file the
same task at the same moment (one is accepted, the other is told and keeps its text).
Afterwards: no request failed, every accepted report is in the database.

    python bench/file_load.py [REPORTERS]          (SQLite in a throwaway directory; 20 by default)
    DATABASE_URL=postgres://… python bench/file_load.py [REPORTERS]   (a throwaway test database; 200)

tests/test_trust_load.py runs the same with 20 reporters on SQLite and 40 on PostgreSQL.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from vote_load import CSRF, Deputy, database_url, gunicorn, percentile, release_together  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "unit-pass-123"
PERIOD = re.compile(r'<option value="(\d{4}-\d{2}-\d{2})"')
STARTED = re.compile(r'name="started" value="([^"]+)"')
NARRATIVE = "本期新增公共停车泊位若干，详见附件。"


def _env(db_url: str, data_dir: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minsheng.config.settings_test",
        "DATABASE_URL": db_url,
        "MINSHENG_DATA_DIR": data_dir,
    }


def seed(reporters: int) -> dict[str, int]:
    """(In a fresh database) the 武进区 plan, published, then `seed_records`."""
    import django

    django.setup()
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan

    plan = plan_import(path=ROOT / "examples/000_1f7f5f0c3bb78009.docx", user=None, state=Plan.State.PUBLISHED).plan
    return seed_records(plan, reporters)


def seed_records(plan: Any, reporters: int) -> dict[str, int]:
    """A unit leading `reporters` tasks of the plan (more are added to a project of its own
    when the plan has fewer), one reporter each, plus two more reporters for the first task.
    Returns username → task id."""
    from django.contrib.auth import get_user_model

    from minsheng.accounts.models import Membership
    from minsheng.plans.models import Project, Task, TaskUnit, Unit

    unit = Unit.objects.create(name="负载测试局")
    tasks = list(Task.objects.filter(project__plan=plan).order_by("pk")[:reporters])
    if len(tasks) < reporters:
        extra = Project.objects.create(plan=plan, name="负载测试项目", order=999)
        tasks += Task.objects.bulk_create(
            Task(project=extra, order=i, content=f"负载测试任务{i}") for i in range(reporters - len(tasks))
        )
    TaskUnit.objects.bulk_create(TaskUnit(task=t, unit=unit, role="lead") for t in tasks)
    assignment = {f"filer-{i:03d}": t.pk for i, t in enumerate(tasks)}
    assignment |= {"same-a": tasks[0].pk, "same-b": tasks[0].pk}
    for name in assignment:
        user = get_user_model().objects.create_user(name, password=PASSWORD)
        Membership.objects.create(user=user, unit=unit)
    return assignment


def prepare(db_url: str, data_dir: str, reporters: int) -> dict[str, int]:
    env = _env(db_url, data_dir)
    subprocess.run([sys.executable, "-m", "django", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    out = subprocess.run(
        [sys.executable, __file__, "--seed", str(reporters)], env=env, cwd=ROOT, check=True, capture_output=True
    )
    return {k: int(v) for k, v in json.loads(out.stdout.decode().splitlines()[-1]).items()}


@dataclass
class Result:
    seconds: float
    accepted: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)


def storm(base: str, assignment: dict[str, int]) -> Result:
    filers = {name: Deputy(name, []) for name in assignment}

    def open_form(name: str) -> str:  # log in and open the task page, as the reporter would
        filers[name].post_form(base + "/accounts/login/", {"username": name, "password": PASSWORD})
        return str(filers[name].opener.open(f"{base}/progress/tasks/{assignment[name]}/", timeout=60).read().decode())

    with ThreadPoolExecutor(max_workers=8) as pool:
        forms = dict(zip(filers, pool.map(open_form, filers), strict=True))
    result = Result(0.0)

    def file(name: str) -> None:
        period = PERIOD.search(forms[name])
        data = {"period_end": period.group(1) if period else "", "status": "in_progress", "base_version": "0"}
        start = time.perf_counter()
        try:
            page = _post(filers[name], f"{base}/progress/tasks/{assignment[name]}/report/", forms[name], data, name)
        except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
            result.errors.append(f"{name}: {exc}")
            return
        finally:
            result.latencies.append(time.perf_counter() - start)
        # the success message names the version filed; pages also print coverage (已报送 1/50 项)
        if re.search(r"已报送 .{0,40}进度（第\d+版）", page):
            result.accepted.append(name)
        elif "您填写的内容保留在表单中" in page and f"{NARRATIVE}{name}" in page:
            result.conflicts.append(name)
        else:
            result.errors.append(f"{name}: 既未报送成功，也未提示冲突")

    result.seconds = release_together(file, list(filers))
    return result


def _post(filer: Deputy, url: str, form_page: str, data: dict[str, str], name: str) -> str:
    token = CSRF.search(form_page)
    body = {**data, "csrfmiddlewaretoken": token.group(1) if token else ""}
    if name:
        body["narrative"] = f"{NARRATIVE}{name}"
    request = urllib.request.Request(url, urllib.parse.urlencode(body).encode())
    return str(filer.opener.open(request, timeout=60).read().decode())


def stored_reports(db_path: Path) -> set[str]:
    import sqlite3

    with sqlite3.connect(db_path) as db:
        rows = db.execute(
            "SELECT u.username FROM progress_report r JOIN auth_user u ON u.id = r.filed_by_id"
        ).fetchall()
    return {row[0] for row in rows}


@contextlib.contextmanager
def sqlite_server(reporters: int) -> Iterator[tuple[str, dict[str, int], Path]]:
    """gunicorn on a fresh SQLite database seeded for `reporters`: (base URL, assignment, file)."""
    data_dir = tempfile.mkdtemp(prefix="minsheng-file-load-")
    db_path = Path(data_dir) / "load.sqlite3"
    db_url = f"sqlite:///{db_path}"
    assignment = prepare(db_url, data_dir, reporters)
    with gunicorn(db_url) as base:
        yield base, assignment, db_path


def run_sqlite(reporters: int) -> tuple[Result, set[str]]:
    with sqlite_server(reporters) as (base, assignment, db_path):
        result = storm(base, assignment)
    return result, stored_reports(db_path)


def propose_storm(base: str, proposals: int) -> Result:
    """`proposals` proposals from one address at the same moment (after the form's 3 s)."""
    clients = [Deputy(f"proposer-{i}", []) for i in range(proposals)]
    pages = [c.opener.open(base + "/propose/", timeout=60).read().decode() for c in clients]
    time.sleep(3.2)  # the form refuses what is sent within 3 seconds of opening it
    result = Result(0.0)

    def send(i: int) -> None:
        started = STARTED.search(pages[i])
        data = {"title": f"建议{i}", "content": "在小区门口增设公交站", "proposer": "市民", "contact": "13800000000"}
        data["started"] = started.group(1) if started else ""
        try:
            page = _post(clients[i], base + "/propose/", pages[i], data, "")
        except urllib.error.HTTPError as exc:
            (result.conflicts if exc.code == 429 else result.errors).append(f"{i}: {exc.code}")
            return
        except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
            result.errors.append(f"{i}: {exc}")
            return
        (result.accepted if "建议已收到" in page else result.errors).append(str(i))

    result.seconds = release_together(send, range(proposals))
    return result


def report(label: str, reporters: int, result: Result, stored: set[str]) -> None:
    lost = set(result.accepted) - stored
    print(
        f"{label}：{reporters + 2} 人同时报送，{result.seconds:.2f} s，p95 {percentile(result.latencies, 95):.2f} s；"
        f"成功 {len(result.accepted)}，冲突提示（内容保留）{len(result.conflicts)}，错误 {len(result.errors)}；"
        f"库中报告 {len(stored)}（应为 {len(result.accepted)}），丢失 {len(lost)}"
    )


def run_postgresql(reporters: int) -> None:
    """On the PostgreSQL of DATABASE_URL, in a throwaway test database."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings_test")
    os.environ.setdefault("MINSHENG_DATA_DIR", tempfile.mkdtemp(prefix="minsheng-bench-"))
    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan
    from minsheng.progress.models import Report

    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        path = ROOT / "examples/000_1f7f5f0c3bb78009.docx"
        plan = plan_import(path=path, user=None, state=Plan.State.PUBLISHED).plan
        assignment = seed_records(plan, reporters)
        connection.close()
        with gunicorn(database_url(connection.settings_dict)) as base:
            result = storm(base, assignment)
        stored = set(Report.objects.values_list("filed_by__username", flat=True))
        report("PostgreSQL", reporters, result, stored)
        for error in result.errors[:5]:
            print("  ", error)
    finally:
        connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)


def main() -> None:
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        run_postgresql(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
        return
    reporters = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    with sqlite_server(reporters) as (base, assignment, db_path):
        result = storm(base, assignment)
        proposals = propose_storm(base, 50)
    report("SQLite", reporters, result, stored_reports(db_path))
    print(
        f"SQLite：同一地址同时提交 50 条建议（限 5/h）：受理 {len(proposals.accepted)}，"
        f"拒绝 {len(proposals.conflicts)}，错误 {len(proposals.errors)}，{proposals.seconds:.2f} s"
    )
    for error in result.errors[:5] + proposals.errors[:5]:
        print("  ", error)


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--seed":
        print(json.dumps(seed(int(sys.argv[2]))))
    else:
        main()
