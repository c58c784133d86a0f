"""Jobs a killed worker left "running" (issue 19): when a worker starts, when the purge runs and
when the clerk opens the job page, such a job is marked failed with a message saying the import
was interrupted and to start it again; nothing of it was written, and starting it again works."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from minsheng.documents.intake import stale
from minsheng.documents.intake.staging import stage
from minsheng.documents.models import ImportJob
from tests.conftest import ROOT, WUJIN_2026
from tests.test_trust_faults import BIG_PLAN, _command, _dump, _env, _writing, data  # noqa: F401

ENQUEUE = """
import sys
from django.contrib.auth import get_user_model
from minsheng.documents.intake import jobs
from minsheng.documents.intake.staging import stage
upload = stage("plan", "大计划.xlsx", open(sys.argv[1], "rb").read())
jobs.read_staged(upload, None)
print(jobs.start_job(get_user_model().objects.get(username="office"), "import", upload, replace=False).pk)
"""
PAGE_THEN_AGAIN = """
import sys
from django.test import Client
from minsheng.documents.intake import jobs
from minsheng.documents.models import ImportJob
from minsheng.documents.intake.staging import staged
job = ImportJob.objects.get(pk=sys.argv[1])
client = Client()
client.force_login(job.user)
response = client.get(f"/import-jobs/{job.pk}/")
print(response.status_code, job.state, job.plan_id)
print(response.content.decode())
# the clerk confirms again: the upload and its reading are still there
print(jobs.start_job(job.user, "import", staged("plan", job.token), replace=False).pk)
"""
JOB_TABLES = (
    'INSERT INTO "documents_importjob"',
    'INSERT INTO "django_tasks_database_dbtaskresult"',
    'INSERT INTO "documents_workerbeat"',  # the worker's heartbeat, and its row counter
    "INSERT INTO \"sqlite_sequence\" VALUES('documents_workerbeat',",
)


def _queue(folder: Path) -> dict[str, str]:
    return {**_env(folder), "MINSHENG_TASKS": "database"}  # the queue as installed, not run in the request


def _cli(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(*args), env=_queue(folder), cwd=ROOT, capture_output=True, text=True, timeout=300)


def _shell(folder: Path, code: str, *args: str) -> str:
    command = [sys.executable, "-c", "import django; django.setup()\n" + code, *args]
    done = subprocess.run(command, env=_queue(folder), cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def plan_300(tmp_path: Path) -> Path:
    path = tmp_path / "大计划.xlsx"
    subprocess.run([sys.executable, "-c", BIG_PLAN, str(path), "300"], check=True)
    return path


def _state(folder: Path, job_id: str) -> str:
    with sqlite3.connect(folder / "minsheng.sqlite3") as db:
        row = db.execute("SELECT state FROM documents_importjob WHERE id = ?", (job_id.replace("-", ""),)).fetchone()
    return str(row[0])


def test_a_job_whose_worker_was_killed_is_failed_when_a_worker_starts_and_can_be_run_again(
    data: Path, plan_300: Path  # noqa: F811
) -> None:
    job_id = _shell(data, ENQUEUE, str(plan_300)).strip().splitlines()[-1]
    before = _dump(data, skip=JOB_TABLES)
    worker = subprocess.Popen(_command("worker"), env=_queue(data), cwd=ROOT, stderr=subprocess.PIPE)
    deadline = timezone.now() + timedelta(seconds=120)
    while not (_state(data, job_id) == "running" and _writing(data)):  # killed while it writes the plan
        assert worker.poll() is None and timezone.now() < deadline, worker.stderr.read() if worker.stderr else ""
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=60)
    assert _state(data, job_id) == "running"  # the fault: nobody will ever finish it
    assert _dump(data, skip=JOB_TABLES) == before  # nothing of the plan written

    restarted = _cli(data, "worker", "--batch")
    assert restarted.returncode == 0, restarted.stderr
    assert "1 个中断的导入作业" in restarted.stdout
    with sqlite3.connect(data / "minsheng.sqlite3") as db:
        assert db.execute("SELECT status FROM django_tasks_database_dbtaskresult").fetchall() == [("FAILED",)]
    assert _dump(data, skip=JOB_TABLES) == before
    status, page = _shell(data, PAGE_THEN_AGAIN, job_id).split("\n", 1)
    assert status.split() == ["422", "failed", "None"]
    assert "导入已中断" in page and "大计划.xlsx" in page and "计划没有写入任何内容" in page and "确认导入" in page
    again = page.strip().splitlines()[-1]
    assert _cli(data, "worker", "--batch").returncode == 0
    assert _state(data, again) == "done"
    with sqlite3.connect(data / "minsheng.sqlite3") as db:
        assert db.execute("SELECT count(*) FROM plans_plan").fetchone() == (2,)


def _gone_pid() -> int:
    done = subprocess.Popen([sys.executable, "-c", "pass"])
    done.wait()
    return done.pid


@pytest.mark.django_db
def test_only_jobs_whose_worker_is_gone_or_that_ran_too_long_are_failed(office: Any, settings: Any) -> None:
    settings.MINSHENG_JOB_LIMIT_MINUTES = 30
    host = stale.this_process().split(":")[0]

    def job(worker: str, minutes_ago: int, state: str = ImportJob.State.RUNNING) -> ImportJob:
        started = timezone.now() - timedelta(minutes=minutes_ago)
        return ImportJob.objects.create(
            user=office, kind="import", token="0" * 64, name="计划.docx", state=state, started_at=started, worker=worker
        )

    alive = job(stale.this_process(), 5)
    gone = job(f"{host}:{_gone_pid()}:", 1)
    reused = job(f"{host}:{stale.this_process().split(':')[1]}:1", 1)  # this pid, but started at another time
    elsewhere = job("another-host:1:1", 10)  # only the time limit can tell
    too_long = job("another-host:1:1", 31)
    finished = job(f"{host}:{_gone_pid()}:", 90, ImportJob.State.DONE)
    assert stale.fail_stale_jobs() == 3
    states = {j.pk: j.state for j in ImportJob.objects.all()}
    assert [states[j.pk] for j in (gone, reused, too_long)] == ["failed"] * 3
    assert [states[j.pk] for j in (alive, elsewhere, finished)] == ["running", "running", "done"]
    gone.refresh_from_db()
    assert "导入已中断" in gone.message and "30 分钟" in gone.message and gone.finished_at is not None
    assert stale.fail_stale_jobs() == 0


@pytest.mark.django_db
def test_the_job_page_says_at_once_that_the_worker_is_gone(client: Client, office: Any) -> None:
    upload = stage("plan", "计划.docx", WUJIN_2026.read_bytes())
    host = stale.this_process().split(":")[0]
    job = ImportJob.objects.create(
        user=office, kind="read", token=upload.token, name="计划.docx", state=ImportJob.State.RUNNING,
        started_at=timezone.now(), worker=f"{host}:{_gone_pid()}:",
    )  # fmt: skip
    client.force_login(office)
    page = client.get(reverse("documents:job", args=[job.pk]))
    assert page.status_code == 422 and "读取已中断" in page.content.decode() and "重新上传" in page.content.decode()
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED


@pytest.mark.django_db
def test_the_scheduled_purge_fails_stale_jobs_too(office: Any, capsys: pytest.CaptureFixture[str]) -> None:
    from minsheng import cli

    host = stale.this_process().split(":")[0]
    job = ImportJob.objects.create(
        user=office, kind="import", token="0" * 64, name="计划.docx", state=ImportJob.State.RUNNING,
        started_at=timezone.now(), worker=f"{host}:{_gone_pid()}:",
    )  # fmt: skip
    assert cli.main(["purge-uploads"]) == 0
    assert "已将 1 个中断的导入作业标为未完成" in capsys.readouterr().out
    job.refresh_from_db()
    assert job.state == ImportJob.State.FAILED and "导入已中断" in job.message
