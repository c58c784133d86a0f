"""The office dashboard on a large plan: 3,000 tasks × 12 monthly reports.

Prints the median time of the board computation and of the whole dashboard page
(request → HTML) on the database in DATABASE_URL (default: a temporary SQLite file).
A throwaway test database is created and dropped, so real data is never touched.
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings_test")
os.environ.setdefault("MINSHENG_DATA_DIR", tempfile.mkdtemp(prefix="minsheng-bench-"))

import django  # noqa: E402

django.setup()

from common import median_ms  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

TASKS, PROJECT_SIZE, PERIODS, UNITS = 3000, 10, 12, 60


def build() -> int:
    from django.contrib.auth import get_user_model

    from minsheng.indicators.models import Indicator
    from minsheng.plans.models import Category, Leader, Plan, Project, Task, TaskLeader, TaskUnit, Unit
    from minsheng.progress.models import Figure, Report

    plan = Plan.objects.create(title="基准计划", year=2026, state=Plan.State.PUBLISHED)
    categories = Category.objects.bulk_create(Category(plan=plan, name=f"类别{i}", order=i) for i in range(10))
    units = Unit.objects.bulk_create(Unit(name=f"单位{i}") for i in range(UNITS))
    leaders = Leader.objects.bulk_create(Leader(name=f"领导{i}") for i in range(20))
    projects = Project.objects.bulk_create(
        Project(plan=plan, category=categories[i % 10], name=f"项目{i}", order=i, seq=i + 1)
        for i in range(TASKS // PROJECT_SIZE)
    )
    tasks = Task.objects.bulk_create(
        Task(project=projects[i // PROJECT_SIZE], order=i % PROJECT_SIZE, content=f"新增泊位{i}个", due=None)
        for i in range(TASKS)
    )
    TaskUnit.objects.bulk_create(TaskUnit(task=t, unit=units[i % UNITS], role="lead") for i, t in enumerate(tasks))
    TaskUnit.objects.bulk_create(
        TaskUnit(task=t, unit=units[(i + 7) % UNITS], role="partner") for i, t in enumerate(tasks)
    )
    TaskLeader.objects.bulk_create(TaskLeader(task=t, leader=leaders[i % 20]) for i, t in enumerate(tasks))
    indicators = Indicator.objects.bulk_create(
        Indicator(task=t, order=k, name=f"指标{k}", value=Decimal(1000), unit="个", text=f"{t.pk}-{k}")
        for t in tasks
        for k in range(2)
    )
    user = get_user_model().objects.create_user("bench-unit")
    ends = [datetime.date(2026, m, 1) + datetime.timedelta(days=31) for m in range(1, 13)]
    ends = [e.replace(day=1) - datetime.timedelta(days=1) for e in ends]
    reports = Report.objects.bulk_create(
        (
            Report(task=t, period_end=end, version=1, status="in_progress", filed_by=user, counts=end == ends[-1])
            for t in tasks
            for end in ends
        ),
        batch_size=2000,
    )
    by_task = {}
    for ind in indicators:
        by_task.setdefault(ind.task_id, []).append(ind)
    Figure.objects.bulk_create(
        (
            Figure(report=r, indicator=ind, actual=Decimal(80 * (r.period_end.month)))
            for r in reports
            for ind in by_task[r.task_id]
        ),
        batch_size=4000,
    )
    return plan.pk


def main() -> None:
    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import override_settings

    from minsheng.plans.models import Plan
    from minsheng.progress.board import build_board
    from minsheng.progress.forecast_board import board_risks
    from minsheng.progress.forecast_cache import forget_local
    from minsheng.progress.models import Figure, Report

    creation = connection.creation
    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(Path(settings.DATA_DIR) / "bench.sqlite3")
    creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        plan = Plan.objects.get(pk=build())
        if connection.vendor == "postgresql":
            # what autovacuum does soon after a bulk load: give the planner statistics
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        print(
            f"{connection.vendor}: {TASKS} 项任务，{Report.objects.count()} 份报告，{Figure.objects.count()} 个完成数"
        )
        as_of = datetime.date(2026, 12, 20)
        board_ms = median_ms(lambda: build_board(plan, as_of), repeat=21)
        from django.contrib.auth import get_user_model

        office = get_user_model().objects.create_user("bench-office", is_staff=True)
        client = Client()
        client.force_login(office)
        url = f"/plans/{plan.pk}/dashboard/"
        board = build_board(plan, as_of)
        risks_cold = median_ms(lambda: (cache.clear(), forget_local(), board_risks(board)), repeat=9)
        risks_shared = median_ms(lambda: (forget_local(), board_risks(board)), repeat=9)
        risks_warm = median_ms(lambda: board_risks(board), repeat=21)
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            assert client.get(url).status_code == 200
            page_ms = median_ms(lambda: client.get(url), repeat=21)
            cold_ms = median_ms(lambda: (cache.clear(), forget_local(), client.get(url)), repeat=9)
        print(f"看板计算 中位数 {board_ms:.0f} ms；看板页面（含渲染）中位数 {page_ms:.0f} ms（目标 ≤ 150 ms）")
        # The forecast (年底预计) of every task: computed (a new report since, or the first
        # request of the day), from the shared cache (another worker computed it) and from
        # this process's copy (nothing changed since).
        print(
            f"年底预计 计算 {risks_cold:.0f} ms，共享缓存 {risks_shared:.0f} ms，本进程 {risks_warm:.0f} ms；"
            f"看板页面 预计需重算时 {cold_ms:.0f} ms，缓存命中时 {page_ms:.0f} ms"
        )
    finally:
        creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
