"""The worker survives a database outage: `minsheng worker` runs against a PostgreSQL server of
the test's own, the server is stopped (immediate, like a crash) and started again, and the
worker, still running, finishes a job queued before the restart and one queued after it. And
the job page says so when no worker is running."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from minsheng.documents.models import ImportJob, WorkerBeat
from tests.conftest import ROOT
from tests.test_trust_faults import BIG_PLAN, _as_pg, _command, _env, _free_port, _run

PG_BIN = Path("/usr/lib/postgresql/15/bin")
NO_WORKER = "后台任务进程未运行：请联系管理员启动 minsheng worker"
ENQUEUE = """
import sys
from datetime import timedelta
from django.contrib.auth import get_user_model
from django.utils import timezone
from minsheng.documents.intake.jobs import run_import_job
from minsheng.documents.models import ImportJob
from minsheng.documents.intake.staging import stage
upload = stage("plan", "计划.xlsx", open(sys.argv[1], "rb").read())
user = get_user_model().objects.get(username="office")
job = ImportJob.objects.create(user=user, kind="read", token=upload.token, name=upload.name)
run_after = timezone.now() + timedelta(seconds=float(sys.argv[2]))  # ready only after that
run_import_job.using(run_after=run_after).enqueue(str(job.pk))
print(job.pk)
"""


@pytest.fixture
def postgres() -> Iterator[tuple[str, Callable[[str], None]]]:
    """A PostgreSQL server in a temporary folder, and pg_ctl to stop and start it."""
    if not (PG_BIN / "initdb").exists():
        pytest.skip(f"需要 PostgreSQL 15 的 {PG_BIN / 'initdb'}（apt-get install postgresql-15）")
    base = Path(tempfile.mkdtemp(prefix="minsheng-worker-pg-"))
    if os.getuid() == 0:
        shutil.chown(base, "postgres")
    port = _free_port()
    options = f"-c listen_addresses=127.0.0.1 -p {port} -k {base} -c fsync=off"

    def pg_ctl(action: str) -> None:
        extra = ["-m", "immediate"] if action == "stop" else ["-o", options, "-l", str(base / "log")]
        command = [str(PG_BIN / "pg_ctl"), "-D", str(base / "data"), "-w", *extra, action]
        subprocess.run(_as_pg(*command), check=True, capture_output=True)

    init = [str(PG_BIN / "initdb"), "-D", str(base / "data"), "-U", "postgres", "-A", "trust", "-E", "UTF8"]
    subprocess.run(_as_pg(*init, "--locale=C.UTF-8"), check=True, capture_output=True)
    pg_ctl("start")
    try:
        create = [str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "outage"]
        subprocess.run(create, check=True)
        yield f"postgres://postgres@127.0.0.1:{port}/outage", pg_ctl
    finally:
        stop = [str(PG_BIN / "pg_ctl"), "-D", str(base / "data"), "-m", "immediate", "stop"]
        subprocess.run(_as_pg(*stop), capture_output=True)
        shutil.rmtree(base, ignore_errors=True)


def _state(url: str, job_id: str) -> str:
    import psycopg

    with psycopg.connect(url) as db:
        row = db.execute("SELECT state FROM documents_importjob WHERE id = %s", (job_id,)).fetchone()
    return str(row[0])


def _wait_done(url: str, job_id: str, worker: subprocess.Popen[bytes], seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while _state(url, job_id) != "done":
        assert worker.poll() is None, "the worker exited"
        assert time.monotonic() < deadline, f"job {job_id} still {_state(url, job_id)}"
        time.sleep(0.2)


def _enqueue(data: Path, url: str, plan: Path, delay: float) -> str:
    env = {**_env(data, url), "MINSHENG_TASKS": "database"}
    command = [sys.executable, "-c", "import django; django.setup()\n" + ENQUEUE, str(plan), str(delay)]
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def test_the_worker_finishes_jobs_queued_before_and_after_a_database_restart(
    postgres: tuple[str, Callable[[str], None]], tmp_path: Path
) -> None:
    url, pg_ctl = postgres
    plan = tmp_path / "计划.xlsx"
    subprocess.run([sys.executable, "-c", BIG_PLAN, str(plan), "40"], check=True)
    made = _run(
        tmp_path,
        "manage",
        "shell",
        "-c",
        "from django.core.management import call_command; call_command('migrate', verbosity=0); "
        "from django.contrib.auth import get_user_model; "
        "get_user_model().objects.create_user('office', password='office-pass-123', is_staff=True)",
        database_url=url,
    )
    assert made.returncode == 0, made.stderr
    env = {**_env(tmp_path, url), "MINSHENG_TASKS": "database"}
    worker = subprocess.Popen(_command("worker"), env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_done(url, _enqueue(tmp_path, url, plan, 0), worker)  # the worker works
        before = _enqueue(tmp_path, url, plan, 6)  # queued now, ready only after the restart
        pg_ctl("stop")
        time.sleep(3)  # the worker meets the outage: closed connections, then refused ones
        assert worker.poll() is None, worker.stderr.read() if worker.stderr else ""
        pg_ctl("start")
        after = _enqueue(tmp_path, url, plan, 0)
        _wait_done(url, before, worker)
        _wait_done(url, after, worker)
    finally:
        worker.terminate()
        _, errors = worker.communicate(timeout=60)
    assert "数据库连接中断" in errors.decode() and "数据库已恢复" in errors.decode()


@pytest.mark.django_db
def test_the_job_page_says_when_no_worker_is_running(office: Any, client: Client) -> None:
    job = ImportJob.objects.create(user=office, kind="read", token="0" * 64, name="大计划.xlsx")
    client.force_login(office)
    url = reverse("documents:job", args=[job.pk])
    assert NO_WORKER in client.get(url).content.decode()  # never a heartbeat
    beat = WorkerBeat.objects.create(worker="host:1:2", seen_at=timezone.now() - timedelta(minutes=5))
    assert NO_WORKER in client.get(url).content.decode()  # a worker gone for five minutes
    beat.seen_at = timezone.now()
    beat.save()
    assert NO_WORKER not in client.get(url).content.decode()
    WorkerBeat.objects.all().delete()
    ImportJob.objects.filter(pk=job.pk).update(state=ImportJob.State.RUNNING)
    assert NO_WORKER not in client.get(url).content.decode()  # a running job has its worker
