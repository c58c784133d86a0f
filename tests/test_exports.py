"""The task table exported as .docx and .xlsx reads back to the same plan, for every seed plan."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from minsheng.cli import main
from minsheng.documents.parse import parse_file
from minsheng.documents.store.services import plan_import
from minsheng.documents.store.to_json import plan_to_json
from minsheng.plans.models import Plan
from minsheng.reports.tasktable import task_table_docx, task_table_xlsx

from .conftest import EXAMPLES, WUJIN_2026

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.docx")), ids=lambda p: p.name[:3])
def test_export_then_parse_gives_the_same_plan(example: Path, fmt: str, tmp_path: Path) -> None:
    plan = plan_import(path=example, user=None).plan
    out = tmp_path / f"exported.{fmt}"
    out.write_bytes(task_table_docx(plan) if fmt == "docx" else task_table_xlsx(plan))
    assert parse_file(out).to_json() == plan_to_json(plan)


def test_docx_is_a_landscape_gongwen_with_merged_cells_and_repeated_header() -> None:
    plan = plan_import(path=WUJIN_2026, user=None).plan
    document = Document(io.BytesIO(task_table_docx(plan)))
    section = document.sections[0]
    assert section.page_width > section.page_height  # A4 landscape
    texts = [p.text for p in document.paragraphs]
    assert texts[:2] == ["附件1", plan.title] and "附件2" in texts and "2026年武进区民生实事票决候选项目" in texts
    formal, candidates = document.tables
    assert formal.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    body = formal._tbl.xml
    assert body.count("<w:vMerge") > 30  # projects' rows and categories' projects are merged
    run = formal.cell(1, 3).paragraphs[0].runs[0]
    assert run._element.rPr.rFonts.get(qn("w:eastAsia")) == "仿宋_GB2312"


def test_xlsx_has_one_sheet_per_attachment_with_merges() -> None:
    plan = plan_import(path=WUJIN_2026, user=None).plan
    book = load_workbook(io.BytesIO(task_table_xlsx(plan)))
    assert book.sheetnames == ["附件1", "附件2"]
    sheet = book["附件1"]
    headers = [c.value for c in sheet[2]]
    assert headers == ["序号", "实事名称", "项目名称", "项目概况", "完成时间", "分管领导", "牵头单位"]
    merged = {str(r) for r in sheet.merged_cells.ranges}
    assert sheet["A1"].value == plan.title and "A1:G1" in merged
    assert "B3:B5" in merged  # the first category's three rows
    assert sheet.print_title_rows == "$2:$2"


def test_download_follows_plan_visibility_and_cli_writes_files(
    client: Client, office: Any, tmp_path: Path, capsys: Any
) -> None:
    plan = plan_import(path=WUJIN_2026, user=None).plan  # a draft
    url = reverse("reports:task_table", args=[plan.pk, "docx"])
    assert client.get(url).status_code == 404
    client.force_login(office)
    assert client.get(url).status_code == 200
    assert client.get(reverse("reports:task_table", args=[plan.pk, "pdf"])).status_code == 404
    plan.state = Plan.State.PUBLISHED
    plan.save()
    client.logout()
    response = client.get(reverse("reports:task_table", args=[plan.pk, "xlsx"]))
    assert response.status_code == 200 and load_workbook(io.BytesIO(response.content)).sheetnames == ["附件1", "附件2"]
    out = tmp_path / "table.docx"
    assert main(["export", str(plan.pk), "--format", "docx", "-o", str(out)]) == 0
    assert parse_file(out).to_json() == plan_to_json(plan)
