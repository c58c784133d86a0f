"""Pages per 公文 (GB/T 9704): the 武进区 2026 task table (56 rows), its 进度通报 and a 督办单,
each made into PDF by LibreOffice; prints the pages and writes page images to docs/
(pdftoppm -r 50) when run with --images. The task table was 12 pages before the 公文 layout."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings_test")
os.environ.setdefault("MINSHENG_DATA_DIR", tempfile.mkdtemp(prefix="minsheng-bench-"))

import django  # noqa: E402

django.setup()

from common import SHARED  # noqa: E402
from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402

WUJIN_2026 = SHARED / "corpus" / "000_1f7f5f0c3bb78009.docx"
DOCS = Path(__file__).resolve().parent.parent / "docs"
BEFORE = {"任务分解表": 12}


def documents() -> dict[str, bytes]:
    from minsheng.documents.store.services import plan_import
    from minsheng.gongwen.pdf import docx_to_pdf
    from minsheng.plans.models import Plan, Unit
    from minsheng.reports.bulletin import build_bulletin, bulletin_docx
    from minsheng.reports.models import Letterhead
    from minsheng.reports.supervision import build_notice, notice_docx
    from minsheng.reports.tasktable import task_table_docx

    plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
    head = Letterhead(issuer="常州市武进区人民政府办公室", number_prefix="武政办", next_number=12,
                      recipients="各镇人民政府、街道办事处，区各有关部门", copy_to="区委办，区人大办，区政协办",
                      printer="常州市武进区人民政府办公室")
    as_of = datetime.date(2026, 3, 31)
    from minsheng.reports.bulletin import Issue

    unit = Unit.objects.get(name="城管局")
    return {
        "任务分解表": docx_to_pdf(task_table_docx(plan)),
        "进度通报": docx_to_pdf(bulletin_docx(build_bulletin(plan, as_of), Issue(head.layout("武政办〔2026〕12号")))),
        "督办单": docx_to_pdf(notice_docx(build_notice(plan, unit, as_of), head.layout("武政办〔2026〕13号"))),
    }


def pages(pdf: bytes) -> int:
    import io

    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def images(name: str, pdf: bytes, last: int) -> None:
    DOCS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "d.pdf"
        source.write_bytes(pdf)
        prefix = DOCS / f"gongwen-{name}"
        subprocess.run(["pdftoppm", "-r", "50", "-png", "-f", "1", "-l", str(last), str(source), str(prefix)],
                       check=True)


def main() -> None:
    if connection.vendor == "sqlite":
        settings.DATABASES["default"].setdefault("TEST", {})["NAME"] = str(Path(settings.DATA_DIR) / "bench.sqlite3")
    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        for name, pdf in documents().items():
            before = f"（改版前 {BEFORE[name]} 页）" if name in BEFORE else ""
            print(f"{name} PDF：{pages(pdf)} 页{before}")
            if "--images" in sys.argv:
                images({"任务分解表": "tasktable", "进度通报": "bulletin", "督办单": "supervision"}[name], pdf,
                       1 if name != "督办单" else 3)
    finally:
        connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
