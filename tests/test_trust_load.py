"""Two writers at once on SQLite, against gunicorn on loopback (bench/file_load.py): before
WAL + busy timeout + IMMEDIATE transactions, half of 22 simultaneous filings got HTTP 500
"database is locked" and lost what was typed. Now every filing is accepted or told of the
conflict with its text kept, and every accepted report is in the database."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import file_load  # noqa: E402

REPORTERS = 20


def test_simultaneous_filings_on_sqlite_wait_instead_of_failing() -> None:
    result, stored = file_load.run_sqlite(REPORTERS)
    assert result.errors == []
    # Three reporters filed the first task: one is accepted, the other two are told.
    assert len(result.accepted) == REPORTERS and len(result.conflicts) == 2
    assert stored == set(result.accepted)  # nothing accepted is lost
