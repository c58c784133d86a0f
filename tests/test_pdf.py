"""The bulletin as PDF, made by LibreOffice: read back with pdfplumber, fonts embedded,
and one page rendered to PNG (pdftoppm) to see that the Chinese is drawn, not tofu."""

from __future__ import annotations

import datetime
import io
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pdfplumber
import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from PIL import Image, ImageChops

from minsheng.progress import services
from minsheng.reports.bulletin import build_bulletin, bulletin_docx, docx_to_pdf

pytestmark = pytest.mark.django_db
DPI = 144


@pytest.fixture(scope="module", autouse=True)
def _tools() -> None:
    # `make test` installs them (Makefile: office); a run without them is not a pass.
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    assert not missing, f"缺少 {missing}：请用 make test（会安装 LibreOffice 和 poppler）"


@pytest.fixture
def bulletin_pdf(parking_task: Any, member: Any) -> bytes:
    with time_machine.travel(datetime.datetime(2026, 3, 31, 12, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        target = parking_task.indicators.get()
        filing = services.Filing(
            datetime.date(2026, 3, 31), "in_progress", "一季度新增泊位。", {target.pk: Decimal(303)}
        )
        services.file_report(user=member("城管局"), task=parking_task, filing=filing)
    bulletin = build_bulletin(parking_task.project.plan, datetime.date(2026, 3, 31))
    return docx_to_pdf(bulletin_docx(bulletin))


def test_pdf_reads_back_with_embedded_chinese_fonts(bulletin_pdf: bytes, tmp_path: Path) -> None:
    with pdfplumber.open(io.BytesIO(bulletin_pdf)) as pdf:
        text = "".join((page.extract_text() or "").replace("\n", "").replace(" ", "") for page in pdf.pages)
    assert "2026年武进区民生实事项目进度通报" in text
    assert "新增公共停车泊位303个，完成年度目标的20.2%" in text
    source = tmp_path / "b.pdf"
    source.write_bytes(bulletin_pdf)
    listing = subprocess.run(["pdffonts", str(source)], capture_output=True, text=True, check=True).stdout
    fonts = listing.splitlines()[2:]
    # 仿宋_GB2312 body → a serif CJK face, 黑体 headings → a sans one (gongwen/fonts.conf)
    assert any("SerifCJK" in line for line in fonts) and any("SansCJK" in line for line in fonts), listing
    assert all(line.split()[-5] == "yes" for line in fonts), listing  # every font embedded


def _chars(pdf_bytes: bytes) -> list[dict[str, Any]]:
    with pdfplumber.open(io.BytesIO(pdf_bytes)) as pdf:
        return [c for c in pdf.pages[0].chars if "\u4e00" <= c["text"] <= "\u9fff"]


def test_chinese_is_drawn_not_tofu(bulletin_pdf: bytes, tmp_path: Path) -> None:
    source = tmp_path / "b.pdf"
    source.write_bytes(bulletin_pdf)
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", str(DPI), "-png", str(source), str(tmp_path / "p")], check=True
    )
    image = Image.open(next(tmp_path.glob("p*.png"))).convert("L")
    scale = DPI / 72
    glyphs: dict[str, bytes] = {}
    for char in _chars(bulletin_pdf)[:40]:
        box = tuple(round(v * scale) for v in (char["x0"], char["top"], char["x1"], char["bottom"]))
        crop = image.crop(box)
        assert ImageChops.invert(crop).getbbox() is not None, f"“{char['text']}” 没有笔画"
        glyphs.setdefault(char["text"], crop.tobytes())
    # Tofu draws every missing character as the same box: distinct characters must differ.
    assert len(glyphs) >= 15
    assert len(set(glyphs.values())) == len(glyphs)


def test_pdf_download_from_the_bulletin_page(bulletin_pdf: bytes, parking_task: Any, office: Any) -> None:
    client = Client()
    client.force_login(office)
    url = reverse("reports:bulletin", args=[parking_task.project.plan.pk])
    response = client.get(url, {"as_of": "2026-03-31", "format": "pdf"})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")


def test_a_table_printed_without_ruling_lines_is_read_by_where_its_words_are() -> None:
    from pathlib import Path

    from minsheng.documents.parse import parse_file

    pdf = Path(__file__).parent / "fixtures" / "unseen" / "51_county_pdf_borderless_table_wrapped_header.pdf"
    plan = parse_file(pdf)
    assert [(p.seq, p.category) for p in plan.projects] == [(1, "教育类"), (2, "教育类"), (3, "养老类"), (4, "养老类")]
    task = plan.projects[3].tasks[0]
    assert (task.deadline, task.lead_units, task.leaders) == ("2025-2025", ["县民政局", "各乡镇人民政府"], ["许红梅"])


def test_a_borderless_table_goes_on_over_the_next_page_and_joins_a_broken_row() -> None:
    from pathlib import Path

    from minsheng.documents.parse import parse_file

    pdf = Path(__file__).parent / "fixtures" / "unseen" / "53_county_pdf_borderless_table_two_pages.pdf"
    projects = parse_file(pdf).projects
    assert [p.seq for p in projects] == list(range(1, 23))
    broken = projects[12].tasks[0]  # its lines run over the page break
    assert broken.content == "改造提升城乡农贸市场5个，建设智慧农贸市场1个。"
    assert broken.partner_units == ["县市场监管局"]
