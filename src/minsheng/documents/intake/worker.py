"""`minsheng worker`: django-tasks' database worker, kept alive through a database outage, and
its heartbeat.

django-tasks' own loop (db_worker) lets any database error other than "locked" escape, so a
restart of PostgreSQL ended the worker and uploads stayed 排队中 until someone restarted it
by hand. Here the loop is run again after such an error, once the database answers; the jobs
this process was running when the connection broke are marked interrupted (their writes were
rolled back with the connection), and every job still queued is run as usual.

A thread records a heartbeat (WorkerBeat) every few seconds, also while a long job runs; the
job page reads it to tell the clerk that no worker is running (`stale.worker_running`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import signal
import threading
import time
from datetime import timedelta

from django.db import DatabaseError, close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
from django_tasks_db.management.commands.db_worker import Worker

from ..models import ImportJob, WorkerBeat
from .stale import fail, this_process

log = logging.getLogger(__name__)
BEAT_SECONDS = 5  # well under stale.SILENT_SECONDS
RETRY_SECONDS = (1, 2, 5, 10)  # waits between attempts to reach the database, then the last again


def beat(name: str) -> None:
    now = timezone.now()
    WorkerBeat.objects.update_or_create(worker=name, defaults={"seen_at": now})
    WorkerBeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()  # workers long gone


def _beating(name: str, stop: threading.Event, parent: int | None = None) -> None:
    """The heartbeat thread: its own connection, closed after each beat; an outage is waited out.
    With `parent`, the worker stops (as on SIGTERM: a running job finishes first) once that
    process is gone, so a site killed outright does not leave its worker behind."""
    while not stop.is_set():
        if parent is not None and os.getppid() != parent:
            log.warning("启动本进程的网站进程已退出，后台任务进程随之停止")
            os.kill(os.getpid(), signal.SIGTERM)
            return
        try:
            beat(name)
        except DatabaseError as exc:
            log.warning("后台任务进程心跳未能写入数据库：%s", exc)
        finally:
            connections.close_all()
        stop.wait(BEAT_SECONDS)


def _close_quietly() -> None:
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(DatabaseError):  # the server is gone: the socket is dropped all the same
            connection.close()


def _interrupted(name: str) -> int:
    """This process's jobs left running when the connection broke: marked failed, as a killed
    worker's are (their transaction never committed)."""
    return sum(fail(job) for job in ImportJob.objects.filter(state=ImportJob.State.RUNNING, worker=name))


def _wait_for_database(attempt: int) -> None:
    _close_quietly()
    time.sleep(RETRY_SECONDS[min(attempt, len(RETRY_SECONDS) - 1)])
    close_old_connections()


def run_worker(*, batch: bool = False, interval: float = 1, parent: int | None = None) -> None:
    """Run queued jobs until stopped (SIGTERM, Ctrl+C) or, with `batch`, until none is left.
    A database error ends a batch run; a long-running worker waits for the database instead."""
    name = this_process()
    worker = Worker(
        queue_names=[DEFAULT_TASK_QUEUE_NAME],
        interval=interval,
        batch=batch,
        backend_name=DEFAULT_TASK_BACKEND_ALIAS,
        startup_delay=False,
        max_tasks=None,
        worker_id=get_random_string(32),
        excluded_queue_names=[],
    )
    worker.configure_signals()
    stop = threading.Event()
    threading.Thread(target=_beating, args=(name, stop, parent), name="heartbeat", daemon=True).start()
    try:
        _loop(worker, name, batch)
    finally:
        stop.set()


def _loop(worker: Worker, name: str, batch: bool) -> None:
    attempt = 0
    while True:
        try:
            if attempt:
                if failed := _interrupted(name):
                    log.warning("数据库已恢复；%s 个中断的作业已标为未完成", failed)
                log.warning("数据库已恢复，继续处理排队的作业")
                attempt = 0
            worker.run()
            return
        except DatabaseError as exc:
            if batch:
                raise
            log.warning("数据库连接中断（%s），等待数据库恢复后继续", exc)
            _wait_for_database(attempt)
            attempt += 1
