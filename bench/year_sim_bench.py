"""The year simulator of issue #27 over 200 seeded years (tests/sim/): each year drives the real
services (publish, filing on time, late, never, review and return, resubmission, a project voted
in mid-year, a target changed, 催报 every day, carry-over and its undo, closing with a queue) and
checks the invariants of tests/sim/checks.py every simulated day.

Prints `yearsim years N held M checks C`. A throwaway SQLite test database (or DATABASE_URL's) is
created and dropped. `python bench/year_sim_bench.py [YEARS] [FIRST_SEED]`.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings_test")
os.environ.setdefault("MINSHENG_DATA_DIR", tempfile.mkdtemp(prefix="minsheng-yearsim-"))

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402


class _Rollback(Exception):
    """Each year is undone after its checks: the next one starts on an empty database."""


def main() -> None:
    from tests.sim.checks import Tally
    from tests.sim.year import run_year

    years = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="minsheng-yearsim-media-")
    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(Path(settings.DATA_DIR) / "yearsim.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    tally, held, failed = Tally(), 0, []
    started = time.perf_counter()
    try:
        for seed in range(first, first + years):
            try:
                with transaction.atomic():
                    run_year(seed, tally)
                    raise _Rollback
            except _Rollback:
                held += 1
            except AssertionError as broken:
                failed.append(f"seed {seed}: {broken}")
            if (seed - first + 1) % 20 == 0:  # a long run says where it is
                so_far = f"years {seed - first + 1} held {held} checks {tally.checks}"
                print(f"… {so_far} seconds {time.perf_counter() - started:.0f}", file=sys.stderr, flush=True)
    finally:
        connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)
    for line in failed:
        print(line)
    seconds = time.perf_counter() - started
    print(f"yearsim years {years} held {held} checks {tally.checks} days {tally.days} seconds {seconds:.0f}")


if __name__ == "__main__":
    main()
