"""CPU seconds used by processes on this machine, read from /proc (Linux): the load
benches split a burst's cost into client, application server and database."""

from __future__ import annotations

import os
import resource
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> list[str]:
    """The fields of /proc/PID/stat after the command name ([0] state, [1] parent, [11] utime ...)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    return text[text.rindex(")") + 2 :].split()


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int(_stat(int(entry.name))[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, ValueError, IndexError):
                continue  # gone meanwhile
    return found


def tree_seconds(pid: int) -> float:
    """CPU seconds of a process, its exited children (reaped) and its live children; the
    difference of two readings is what the tree used in between (0 if it cannot be read)."""
    try:
        own = _stat(pid)
        total = sum(int(v) for v in own[11:15])  # utime, stime, cutime, cstime
        for child in _children(pid):
            try:
                total += sum(int(v) for v in _stat(child)[11:13])
            except OSError:
                continue
    except OSError:
        return 0.0
    return total / TICK


def own_seconds() -> float:
    """CPU seconds of this process (all its threads) so far."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def parent_of(pid: int) -> int:
    try:
        return int(_stat(pid)[1])
    except OSError:
        return 0
