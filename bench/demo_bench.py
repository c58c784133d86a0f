"""The demo that `make run` loads: how long the simulated year takes and what it holds.

Imports the example plans into a throwaway database with the clock at 30 November 2026,
simulates the newest plan's year through the services, and prints the seconds it took,
the reports by review state, the lights of the board, its coverage, and the median time
of the office's 待办 page. DATABASE_URL chooses the database (default SQLite).
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings_test")
os.environ.setdefault("MINSHENG_DATA_DIR", tempfile.mkdtemp(prefix="minsheng-bench-"))

import django  # noqa: E402
import time_machine  # noqa: E402

django.setup()

from common import median_ms  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

TODAY = datetime.datetime(2026, 11, 30, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def main() -> None:
    from django.contrib.auth import get_user_model
    from django.test import Client, override_settings

    from minsheng.demo import ensure_demo
    from minsheng.plans.models import Plan
    from minsheng.progress.board import build_board
    from minsheng.progress.models import Notice, Report

    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(Path(settings.DATA_DIR) / "bench.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        with time_machine.travel(TODAY, tick=False):
            started = time.perf_counter()
            ensure_demo()
            seconds = time.perf_counter() - started
            plan = Plan.objects.order_by("-year", "pk").first()
            reviews = Counter(Report.objects.values_list("review", flat=True))
            board = build_board(plan, TODAY.date())
            print(f"{connection.vendor}: 演示数据（四个计划导入 + {plan} 模拟一年）{seconds:.1f} s")
            print(f"报告 {sum(reviews.values())} 份：通过 {reviews['approved']}，退回 {reviews['returned']}，"
                  f"待审核 {reviews['submitted']}；修改重报 {Report.objects.filter(version__gt=1).count()}；"
                  f"催报/催办单 {Notice.objects.count()}")  # fmt: skip
            lights = board.overall.lights
            print(f"状态灯：红 {lights['red']} 黄 {lights['yellow']} 蓝 {lights['blue']} 绿 {lights['green']} "
                  f"未报送 {lights['none']}；{board.overall.coverage_text}")  # fmt: skip
            client = Client()
            client.force_login(get_user_model().objects.get(username="office"))
            with override_settings(ALLOWED_HOSTS=["testserver"]):
                status = client.get("/todo/").status_code
                assert status == 200, f"待办页返回 {status}"
                todo_ms = median_ms(lambda: client.get("/todo/"))
            print(f"待办页 中位数 {todo_ms:.0f} ms")
    finally:
        connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
