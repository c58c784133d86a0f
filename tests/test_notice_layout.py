"""Finding 11 of #27, as LibreOffice renders the .docx: no page of a 督办单 or 催办单 holds only
the addressee, only the signature (with or without the 附件 note), or only the 印发 line; and the
office, not the library, is the documents' author. Rendered to PDF and read back with pdftotext."""

from __future__ import annotations

import datetime
import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document

from minsheng.gongwen import document as gongwen
from minsheng.gongwen.pdf import docx_to_pdf
from minsheng.plans.models import Task, Unit
from minsheng.progress.notice_doc import escalation_docx
from minsheng.reports.models import Letterhead
from minsheng.reports.supervision import build_notice, notice_docx

pytestmark = pytest.mark.django_db
ISSUER = "常州市武进区人民政府办公室"
HEAD = gongwen.Masthead(ISSUER, "武政办〔2026〕12号", printer=ISSUER)
# Lines that are no text of their own: the 版头, the addressee, the signature, the 附件 note, the 版记.
FRAME = [
    re.compile(p)
    for p in (
        rf"^{ISSUER}$",
        r"^武政办〔\d+〕\d+号$",
        r"^民生实事项目(督办|催办)单$",
        r"^[^，。]{1,20}：$",
        r"^\d{4}年\d{1,2}月\d{1,2}日$",
        r"^附件",
        r"^\d\.",
        r"印发$",
        r"^抄送",
        r"^—\d+—$",
    )
]


def lonely_pages(data: bytes, tmp_path: Path) -> list[str]:
    """The pages (as their text) holding nothing but frame lines."""
    pdf = tmp_path / "n.pdf"
    pdf.write_bytes(docx_to_pdf(data))
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lonely = []
    for page in pages.split("\f"):
        lines = [line.replace(" ", "") for line in page.splitlines() if line.strip()]
        if lines and all(any(p.search(line) for p in FRAME) for line in lines):
            lonely.append(" / ".join(lines))
    return lonely


def _units(plan: Any) -> list[Unit]:
    return list(Unit.objects.filter(tasks__project__plan=plan).distinct().order_by("pk"))


@pytest.mark.parametrize("as_of", [datetime.date(2026, 3, 31), datetime.date(2026, 12, 7)])
def test_no_supervision_notice_page_holds_only_its_frame(wujin_plan: Any, tmp_path: Path, as_of: Any) -> None:
    quiet = Unit.objects.create(name="档案馆", jurisdiction=wujin_plan.jurisdiction)  # nothing late: one page
    for unit in [quiet, *_units(wujin_plan)[:6]]:
        data = notice_docx(build_notice(wujin_plan, unit, as_of), HEAD)
        assert lonely_pages(data, tmp_path) == [], unit.name
        assert Document(io.BytesIO(data)).core_properties.author == ISSUER


@pytest.mark.parametrize("streak", [2, 10])
def test_no_reminder_letter_page_holds_only_its_frame(wujin_plan: Any, tmp_path: Path, streak: int) -> None:
    Letterhead.objects.create(jurisdiction=wujin_plan.jurisdiction, issuer=ISSUER, number_prefix="武政办")
    for unit in _units(wujin_plan)[:4]:
        tasks = list(Task.objects.filter(task_units__unit=unit))
        data = escalation_docx(wujin_plan, unit, datetime.date(2026, 10, 31), tasks, streak)
        assert lonely_pages(data, tmp_path) == [], unit.name
        assert Document(io.BytesIO(data)).core_properties.author == ISSUER
