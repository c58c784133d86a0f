"""National scale on PostgreSQL (issue #17): loads 2,850 county plans (≈170,000 tasks,
12 monthly periods: ≈2 million reports and 5 million figures) through COPY into a
throwaway database, then times the pages an office and another system use:

- a county's dashboard (goal p95 ≤ 150 ms),
- a city's roll-up over its 10 districts (≤ 300 ms),
- a province's roll-up over its 110 counties (≤ 1 s),
- an API page of 100 tasks with a token (≤ 100 ms),

and checks that each page's query count is the same at 10 plans (one year) and at N.
With --years Y every county has a plan for each of the Y years up to 2026 (the earlier
ones closed, with all their reports: ≈ 25 million figures for five years); the pages
read the current year, as offices do. With --replica the reads go to a streaming
replica started on loopback (pg_basebackup).

    DATABASE_URL=postgres://… python bench/scale_bench.py --plans 2850 [--years 5] [--replica]

After the COPY each task's standing (progress.summary) is rebuilt, as a migrated install has it.
--keep leaves the database; --reuse times the pages on it again without loading (DATABASE_URL
naming that database), so two code bases can take turns on the same data:

    DATABASE_URL=postgres://…/test_minsheng PYTHONPATH=… python bench/scale_bench.py --years 5 --reuse
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings_test")
os.environ.setdefault("MINSHENG_DATA_DIR", tempfile.mkdtemp(prefix="minsheng-scale-"))

import gc  # noqa: E402

import django  # noqa: E402

django.setup()
gc.freeze()  # as config/wsgi.py does once the application is loaded (the pages are served so)

import scale_load  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection, connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

SMALL = 10
PAGES = ("county", "city", "province", "api")


def _percentiles(times: list[float]) -> tuple[float, float]:
    if len(times) < 2:
        return times[0], times[0]
    cuts = statistics.quantiles(times, n=20, method="inclusive")
    return statistics.median(times), cuts[18]


def _load(plans: int, years: int = 1) -> dict[str, int]:
    started = time.perf_counter()
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(scale_load.TABLES) + " RESTART IDENTITY CASCADE")
        counts = scale_load.load(cursor, plans, years)
        loaded = time.perf_counter() - started
    _standing()
    with connection.connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(
        f"载入 {plans} 个县 × {years} 年：{counts['plans']} 个计划，{counts['tasks']} 项任务，"
        f"{counts['reports']} 份报告，{counts['figures']} 个完成数；"
        f"COPY {loaded:.0f} s，含 VACUUM ANALYZE 共 {time.perf_counter() - started:.0f} s",
        flush=True,
    )
    return counts


def _standing() -> None:
    """Each task's standing (progress.summary), as the services would have kept it filing by filing;
    a code base without the table (the comparison's "before") has nothing to fill."""
    try:
        from minsheng.progress import summary
    except ImportError:
        return
    started = time.perf_counter()
    written = summary.rebuild()
    print(f"进度汇总：{written} 项任务，rebuild {time.perf_counter() - started:.0f} s", flush=True)


def _urls(shape: scale_load.Shape, rng: random.Random) -> dict[str, Callable[[], str]]:
    per_province = scale_load.COUNTIES_PER_CITY * scale_load.CITIES_PER_PROVINCE
    full_provinces = max(1, shape.plans // per_province)
    return {  # this year's plans; the roll-ups read this year by default
        "county": lambda: f"/plans/{shape.plan_id(rng.randrange(shape.plans))}/dashboard/",
        "city": lambda: f"/jurisdictions/{shape.city_id(rng.randrange(shape.cities))}/rollup/",
        "province": lambda: f"/jurisdictions/{rng.randint(1, full_provinces)}/rollup/",
        # the token reads province 1: its counties are the first of each year's plans
        "api": lambda: f"/api/plans/{shape.plan_id(rng.randrange(min(shape.plans, per_province)))}/tasks?limit=100",
    }


def _clients(token: str) -> tuple[Client, dict[str, str]]:
    from django.contrib.auth import get_user_model

    office = get_user_model().objects.create_user(f"scale-office-{time.time_ns()}", is_staff=True)
    client = Client()
    client.force_login(office)
    return client, {"Authorization": f"Bearer {token}"}


def _token() -> str:
    from django.contrib.auth import get_user_model

    from minsheng.api.tokens import create_token
    from minsheng.plans.models import Jurisdiction

    office = get_user_model().objects.create_user(f"scale-token-{time.time_ns()}", is_staff=True)
    return create_token(user=office, name="全国对接", jurisdiction=Jurisdiction.objects.get(pk=1), role="reader")[1]


def _get(client: Client, url: str, headers: dict[str, str], kind: str) -> None:
    response = client.get(url, headers=headers if kind == "api" else {})
    assert response.status_code == 200, (url, response.status_code)


def query_counts(shape: scale_load.Shape) -> dict[str, int]:
    token = _token()
    client, headers = _clients(token)
    urls = _urls(shape, random.Random(1))
    counts = {}
    for kind in PAGES:
        _get(client, urls[kind](), headers, kind)  # warm: session, the site's first request
        with CaptureQueriesContext(connections["default"]) as captured:
            _get(client, urls[kind](), headers, kind)
        counts[kind] = len(captured)
    return counts


def timings(
    shape: scale_load.Shape, samples: dict[str, int], settle: Callable[[], None] = lambda: None, quiet: bool = False
) -> dict[str, tuple[float, float]]:
    token = _token()
    client, headers = _clients(token)
    settle()  # with a replica: wait until it has the session and the token just written
    urls = _urls(shape, random.Random(17))
    result = {}
    for kind in PAGES:
        _get(client, urls[kind](), headers, kind)
        times, cpu = [], []
        for _ in range(samples[kind]):
            url = urls[kind]()
            started, spent = time.perf_counter(), time.process_time()
            _get(client, url, headers, kind)
            times.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - spent) * 1000)
        result[kind] = _percentiles(times)
        if not quiet:
            p50, p95 = result[kind]
            # the application's own CPU is steadier than the wall clock on a shared machine
            mine = statistics.median(cpu)
            line = f"  {kind}: p50 {p50:.0f} ms, p95 {p95:.0f} ms，应用 CPU 中位 {mine:.0f} ms（{samples[kind]} 次）"
            print(line, flush=True)
    return result


def _db_size() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
        return str(cursor.fetchone()[0])


def reuse(plans: int, years: int) -> None:
    """The pages timed on a database loaded before (--keep), with no load: two code bases can take
    turns on the same data (PYTHONPATH=… of each)."""
    samples = {"county": 40, "city": 30, "province": 20, "api": 40}
    shape = scale_load.Shape(plans, years)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM progress_figure")
        figures = cursor.fetchone()[0]
    big = query_counts(shape)
    print("查询数：" + "，".join(f"{k} {big[k]}" for k in PAGES), flush=True)
    measured = timings(shape, samples)
    print(f"scale years {years} figures {figures} " + " ".join(f"{k}_p95_ms {measured[k][1]:.0f}" for k in PAGES))


def run(plans: int, years: int, replica: bool) -> None:
    samples = {"county": 40, "city": 30, "province": 20, "api": 40}
    shape = scale_load.Shape(plans, years)
    _load(SMALL)
    small = query_counts(scale_load.Shape(SMALL))
    counts = _load(plans, years)
    big = query_counts(shape)
    label = f"{SMALL} 个计划 / {plans} 个县 × {years} 年"
    print(f"查询数（{label}）：" + "，".join(f"{k} {small[k]}/{big[k]}" for k in PAGES))
    assert small == big, "查询数随数据量增长"
    print(f"数据库大小：{_db_size()}", flush=True)
    print("主库：")
    figures = timings(shape, samples)
    head = f"years {years} figures {counts['figures']} "
    if replica:
        from scale_replica import catch_up, replica_share, streaming_replica

        with streaming_replica():
            print("只读副本（读页面与 API 读取走副本）：")
            on_replica = timings(shape, samples, settle=catch_up)
            print(replica_share(lambda: timings(shape, {k: 1 for k in PAGES}, settle=catch_up, quiet=True)))
        print("scale-replica " + head + " ".join(f"{k}_p95_ms {on_replica[k][1]:.0f}" for k in PAGES))
    print("scale " + head + " ".join(f"{k}_p95_ms {figures[k][1]:.0f}" for k in PAGES))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plans", type=int, default=2850, help="县级计划数（默认 2850）")
    parser.add_argument("--years", type=int, default=1, help="每县几年的计划（默认 1；5 为五年历史）")
    parser.add_argument("--replica", action="store_true", help="另起流复制只读副本，读请求走副本")
    parser.add_argument("--keep", action="store_true", help="跑完保留数据库（供 EXPLAIN ANALYZE），不删除")
    parser.add_argument("--reuse", action="store_true", help="不载入：在 DATABASE_URL 所指、已载入（--keep）的库上计时")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("scale_bench 需要 PostgreSQL：请设置 DATABASE_URL=postgres://…")
    if args.reuse:
        with override_settings(ALLOWED_HOSTS=["testserver"], MINSHENG_API_RATE="1000000/m"):
            reuse(args.plans, args.years)
        return
    creation = connection.creation
    creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with override_settings(ALLOWED_HOSTS=["testserver"], MINSHENG_API_RATE="1000000/m"):
            run(args.plans, args.years, args.replica)
    finally:
        connections.close_all()
        if not args.keep:
            creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
