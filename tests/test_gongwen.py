"""The documents pass as 公文 (GB/T 9704-2012): geometry of the PDFs (LibreOffice) and .docx
checked by tests/gongwen_check.py; the office's letterhead printed on every download."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pdfplumber
import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from minsheng.gongwen import document as gongwen
from minsheng.gongwen.pdf import docx_to_pdf
from minsheng.reports.bulletin import Issue, build_bulletin, bulletin_docx
from minsheng.reports.models import Letterhead
from minsheng.reports.supervision import build_notice, notice_docx
from minsheng.reports.tasktable import task_table_docx
from tests.gongwen_check import check_docx, check_pdf

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 3, 31)
HEAD = gongwen.Masthead("常州市武进区人民政府办公室", "武政办〔2026〕12号", "各镇人民政府", "区委办", "区政府办")
# The office's own words, long enough to fill whole pages.
PROBLEM = "部分项目前期手续办理进度偏慢，土建施工受天气影响，资金拨付尚未到位，需加快协调推进。"
LAGGING = "\n".join(f"第{n}个问题：{PROBLEM * 3}" for n in range(1, 9))


@pytest.fixture
def bulletin_pdf(wujin_plan: Any) -> tuple[bytes, bytes]:
    data = bulletin_docx(build_bulletin(wujin_plan, AS_OF), Issue(HEAD, lagging=LAGGING))
    return data, docx_to_pdf(data)


def test_it_lays_out_the_bulletin_by_the_standard(bulletin_pdf: tuple[bytes, bytes]) -> None:
    docx, pdf = bulletin_pdf
    assert check_pdf(pdf, head=True) == []
    assert check_docx(docx) == []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) >= 3  # so that a full middle page was checked for 22 lines
        text = "".join(c["text"] for c in doc.pages[0].chars)
        assert "常州市武进区人民政府办公室" in text and "武政办〔2026〕12号" in text


def test_it_lays_out_the_supervision_notice_and_task_table(wujin_plan: Any) -> None:
    from minsheng.plans.models import Unit

    notice = notice_docx(build_notice(wujin_plan, Unit.objects.get(name="城管局"), AS_OF), HEAD)
    assert check_docx(notice) == []
    assert check_pdf(docx_to_pdf(notice), head=True) == []
    table = task_table_docx(wujin_plan)
    assert check_docx(table) == []
    assert check_pdf(docx_to_pdf(table), head=False) == []


def test_the_checker_fails_a_plain_word_document() -> None:
    plain = Document()
    for _ in range(60):
        plain.add_paragraph("今年确定十大类31大项（79子项）为民生实事项目，截至3月底所有项目有序推进。")
    out = io.BytesIO()
    plain.save(out)
    errors = check_pdf(docx_to_pdf(out.getvalue()), head=True) + check_docx(out.getvalue())
    assert any("A4" in e for e in errors) and any("页码" in e for e in errors) and any("分隔线" in e for e in errors)


def test_table_widths_follow_the_content(wujin_plan: Any) -> None:
    doc = Document(io.BytesIO(task_table_docx(wujin_plan)))
    headers = [c.text for c in doc.tables[0].rows[0].cells]
    widths = [int(col.get(col.tag.replace("gridCol", "w"))) for col in doc.tables[0]._tbl.tblGrid.iterchildren()]
    assert widths[headers.index("项目概况")] > 3 * widths[headers.index("序号")]
    assert doc.sections[0].page_width > doc.sections[0].page_height  # landscape annex


@pytest.fixture
def office_client(client: Client, office: Any) -> Client:
    client.force_login(office)
    return client


def test_it_prints_the_letterhead_the_office_set(office_client: Client, wujin_plan: Any) -> None:
    url = reverse("reports:letterhead")
    form = {"issuer": "常州市武进区人民政府办公室", "number_prefix": "武政办", "next_number": 12,
            "recipients": "各镇人民政府", "copy_to": "区委办", "printer": "区政府办"}
    assert office_client.post(url, form).status_code == 302
    bulletin = reverse("reports:bulletin", args=[wujin_plan.pk])
    page = office_client.get(bulletin, {"as_of": "2026-03-31"}).content.decode()
    assert 'value="武政办〔2026〕12号"' in page
    response = office_client.post(f"{bulletin}?as_of=2026-03-31", {"number": "武政办〔2026〕12号", "format": "docx",
                                                                   "next_steps": "下一步要加快推进。"})
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "常州市武进区人民政府办公室" in text and "武政办〔2026〕12号" in text and "抄送：区委办。" in text
    assert "下一步要加快推进。" in text
    assert Letterhead.objects.get().next_number == 13  # the next bulletin proposes 13
    changed = office_client.post(f"{bulletin}?as_of=2026-03-31", {"number": "武政办〔2026〕20号", "format": "docx"})
    assert "武政办〔2026〕20号" in "\n".join(p.text for p in Document(io.BytesIO(changed.content)).paragraphs)
    from minsheng.plans.models import Unit

    unit = Unit.objects.get(name="城管局")
    notice = office_client.get(reverse("reports:supervision", args=[wujin_plan.pk, unit.pk]), {"as_of": "2026-03-31"})
    assert "武政办〔2026〕13号" in "\n".join(p.text for p in Document(io.BytesIO(notice.content)).paragraphs)


def test_the_letterhead_is_the_offices(client: Client, outsider: Any) -> None:
    url = reverse("reports:letterhead")
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    assert client.post(url, {"issuer": "冒名机关"}).status_code == 403
    assert not Letterhead.objects.exists()


def test_unreported_projects_are_named_once(office_client: Client, wujin_plan: Any) -> None:
    response = office_client.get(reverse("reports:bulletin", args=[wujin_plan.pk]), {"as_of": "2026-03-31",
                                                                                    "format": "docx"})
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "暂无报送" not in text and text.count("推进停车便利化") == 1
    assert "大类" in text and "截至3月底" in text
