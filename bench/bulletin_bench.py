"""The progress bulletin (进度通报) of the 武进区 2026 plan with a year of reports.

Imports the plan from the shared documents into a throwaway test database, files and
approves twelve monthly reports per task through the services (as units and the office
would), then prints the median time to produce the bulletin as .docx and as .pdf
(targets: ≤ 2 s and ≤ 5 s). DATABASE_URL chooses the database (default SQLite).
"""

from __future__ import annotations

import datetime
import os
import sys
import tempfile
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings_test")
os.environ.setdefault("MINSHENG_DATA_DIR", tempfile.mkdtemp(prefix="minsheng-bench-"))

import django  # noqa: E402
import time_machine  # noqa: E402

django.setup()

from common import SHARED, median_ms  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

WUJIN_2026 = SHARED / "corpus" / "000_1f7f5f0c3bb78009.docx"
MONTH_ENDS = [
    (datetime.date(2026, m % 12 + 1, 1) if m < 12 else datetime.date(2027, 1, 1)) - datetime.timedelta(days=1)
    for m in range(1, 13)
]


def build() -> object:
    """The plan, one reporter per lead unit, and a year of approved monthly reports."""
    from django.contrib.auth import get_user_model

    from minsheng.accounts.models import Membership
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan, Task
    from minsheng.progress import services

    users = get_user_model().objects
    office = users.create_user("bench-office", is_staff=True)
    plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
    reporters: dict[int, object] = {}
    tasks = Task.objects.filter(project__plan=plan).prefetch_related("task_units", "indicators")
    for task in tasks:
        lead = next((tu.unit_id for tu in task.task_units.all() if tu.role == "lead"), None)
        if lead is None:
            continue
        if lead not in reporters:
            reporters[lead] = users.create_user(f"bench-unit-{lead}")
            Membership.objects.create(user=reporters[lead], unit_id=lead)
        for month, end in enumerate(MONTH_ENDS, start=1):
            figures = {t.pk: (t.value or Decimal(100)) * month / 12 for t in task.indicators.all()}
            status = "done" if month == 12 else "in_progress"
            filing = services.Filing(end, status, f"{end.month}月：按计划推进。", figures)
            report = services.file_report(user=reporters[lead], task=task, filing=filing)
            services.review_report(user=office, report=report, approve=True)
    return plan


def main() -> None:
    from minsheng.progress.models import Report
    from minsheng.reports.bulletin import PdfUnavailable, build_bulletin, bulletin_docx, docx_to_pdf

    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(Path(settings.DATA_DIR) / "bench.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        # File as of early January, when every month of 2026 may be reported.
        with time_machine.travel(datetime.datetime(2027, 1, 3, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
            plan = build()
        as_of = datetime.date(2026, 12, 31)
        print(f"{connection.vendor}: {plan}，{Report.objects.count()} 份报告")
        docx_ms = median_ms(lambda: bulletin_docx(build_bulletin(plan, as_of)))
        print(f"进度通报 .docx 中位数 {docx_ms:.0f} ms（目标 ≤ 2000 ms）")
        try:
            pdf_ms = median_ms(lambda: docx_to_pdf(bulletin_docx(build_bulletin(plan, as_of))), repeat=5)
            print(f"进度通报 .pdf 中位数 {pdf_ms:.0f} ms（目标 ≤ 5000 ms）")
        except PdfUnavailable as exc:
            print(f"进度通报 .pdf：{exc}")
    finally:
        connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
