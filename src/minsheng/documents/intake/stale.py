"""Jobs left "running" by a worker that is gone (killed, out of memory, the machine restarted).

A job records the process that runs it (host, pid and the process's start time, so that a
reused pid is not taken for it). When a worker starts, when the purge of stale uploads runs
on its schedule, and when the clerk's job page is opened, a job still marked running whose
process is gone, or that has run longer than MINSHENG_JOB_LIMIT_MINUTES, is marked failed
with a message telling the clerk to start it again (and the queue's record of the task
failed too). Nothing was written: a plan's import and
its job's "done" are one transaction (jobs.run_import_job).
"""

from __future__ import annotations

import os
import socket
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from ..models import ImportJob, WorkerBeat

SILENT_SECONDS = 30  # no heartbeat from any worker for this long (documents/intake/worker.py): none is running


def this_process() -> str:
    """host:pid:start — who runs a job, as stored on it."""
    return f"{socket.gethostname()}:{os.getpid()}:{_started(os.getpid())}"


def _started(pid: int) -> str:
    """The process's start time in clock ticks after boot (Linux), '' where unknown; 'Z' for a zombie."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return ""
    return "Z" if fields[0] in {"Z", "X"} else fields[19]


def worker_gone(worker: str) -> bool:
    """Is the process that ran a job gone? Only known for a process on this host."""
    host, _, rest = worker.partition(":")
    pid_text, _, start = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # another user's process with that pid: alive
    now = _started(pid)
    return now == "Z" or bool(start and now and now != start)  # a zombie, or the pid reused


def limit() -> timedelta:
    return timedelta(minutes=settings.MINSHENG_JOB_LIMIT_MINUTES)


def stale(job: ImportJob) -> bool:
    if job.state != ImportJob.State.RUNNING:
        return False
    started = job.started_at or job.created_at
    return timezone.now() - started > limit() or (bool(job.worker) and worker_gone(job.worker))


def interrupted_message(job: ImportJob) -> str:
    minutes = settings.MINSHENG_JOB_LIMIT_MINUTES
    why = f"处理它的后台进程已停止，或运行超过 {minutes} 分钟的上限"
    if job.kind == ImportJob.Kind.IMPORT:
        return (
            f"{job.name}：导入已中断（{why}），计划没有写入任何内容。"
            "请回到预览页重新点击“确认导入”；预览已失效时请重新上传文件"
        )
    return f"{job.name}：读取已中断（{why}）。请重新上传文件再试一次"


def fail(job: ImportJob) -> bool:
    """Mark one stale job failed, unless its worker finished it meanwhile; True when marked."""
    marked = ImportJob.objects.filter(pk=job.pk, state=ImportJob.State.RUNNING).update(
        state=ImportJob.State.FAILED, message=interrupted_message(job), finished_at=timezone.now()
    )
    if marked:
        job.refresh_from_db()
        _fail_queue_entry(job)
    return bool(marked)


def _fail_queue_entry(job: ImportJob) -> None:
    """The queue's own record of the task (django-tasks' database backend) is left running too."""
    from django_tasks.base import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING, task_path__endswith=".run_import_job")
    ids = [r.pk for r in running.only("pk", "args_kwargs") if r.args_kwargs.get("args") == [str(job.pk)]]
    running.filter(pk__in=ids).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="builtins.InterruptedError",
        traceback=job.message,
    )


def fail_stale_jobs() -> int:
    """Every stale running job marked failed; returns how many."""
    running = ImportJob.objects.filter(state=ImportJob.State.RUNNING)
    return sum(fail(job) for job in running if stale(job))


def worker_running() -> bool:
    """Has any worker been heard from lately? (A queued job waits for nothing otherwise.)"""
    recent = timezone.now() - timedelta(seconds=SILENT_SECONDS)
    return WorkerBeat.objects.filter(seen_at__gte=recent).exists()
