"""`minsheng run` (what `make run` starts) leaves nothing behind: its job worker stops with the
site whether the site is stopped by SIGTERM (a service manager, `kill`) or killed outright."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

MINSHENG = str(Path(sys.executable).with_name("minsheng"))
pytestmark = pytest.mark.no_ci_database  # the site is started without DATABASE_URL


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _workers_of(parent: int) -> list[int]:
    """Worker processes started for `parent` (the `--parent PID` the site passes)."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            argv = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if b"worker" in argv and b"--parent" in argv and argv[argv.index(b"--parent") + 1] == str(parent).encode():
            found.append(int(proc.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split()[2]
    except OSError:
        return False
    return state != "Z"


def _wait(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.5)
    return condition()


def _start_site(tmp_path: Path) -> tuple[subprocess.Popen, int]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DJANGO_SETTINGS_MODULE")}
    env.update(MINSHENG_DATA_DIR=str(tmp_path / "var"), DEBUG="1")
    port = _free_port()
    site = subprocess.Popen(
        [MINSHENG, "run", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def up() -> bool:
        try:
            return urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2).status == 200
        except OSError:
            return False

    assert _wait(up, 240), "the site did not answer"
    assert _wait(lambda: bool(_workers_of(site.pid)), 30), "no worker was started beside the site"
    return site, _workers_of(site.pid)[0]


def test_the_worker_stops_with_the_site_killed_or_terminated(tmp_path: Path) -> None:
    started: list[int] = []
    try:
        site, worker = _start_site(tmp_path)
        started += [site.pid, worker]
        os.kill(site.pid, signal.SIGKILL)  # no finally runs: the worker must notice by itself
        site.wait(timeout=10)
        assert _wait(lambda: not _alive(worker), 30), "a killed site left its worker running"

        site, worker = _start_site(tmp_path)  # the demo is there already: this start is quick
        started += [site.pid, worker]
        site.send_signal(signal.SIGTERM)
        assert site.wait(timeout=40) == 0
        assert not _alive(worker), "SIGTERM stopped the site but not its worker"
    finally:
        for pid in started:  # a failed run leaves no process behind for the next test
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)
