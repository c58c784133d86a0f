"""The column map starts from the preview (issue 27, finding 5): the mapping form offers exactly
the reading the preview showed, two-level headers included, so saving it unchanged reads the same
plan and changing one column changes only that column's reading."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import Workbook

from minsheng.documents.errors import DocumentError
from minsheng.documents.parse import parse_file
from minsheng.plans.models import Task, TaskUnit

from .conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.django_db

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
TABLES = (".xlsx", ".docx", ".html", ".pdf")


def two_level_xlsx(path: Path, notes: bool = False) -> Path:
    """责任单位 over 牵头单位 | 配合单位, the other headers merged down over both rows."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["2026年某区民生实事项目任务分解表"])
    sheet.merge_cells("A1:G1" if notes else "A1:F1")
    sheet.append(["序号", "项目名称", "主要内容", "完成时间", "责任单位", None, *(["备注"] if notes else [])])
    sheet.append([None, None, None, None, "牵头单位", "配合单位"])
    for col in "ABCDG" if notes else "ABCD":
        sheet.merge_cells(f"{col}2:{col}3")
    sheet.merge_cells("E2:F2")
    sheet.append([1, "社区食堂", "新建社区食堂12家", "2026年6月底", "区民政局", "区商务局、各镇"])
    sheet.append([2, "口袋公园", "新建口袋公园8个", "2026年12月底", "区住建局", "区城管局"])
    sheet.append([3, "适老改造", "完成适老化改造300户", "2026年10月底", "区民政局", "区残联"])
    book.save(path)
    return path


def _plan_json(path: Path, **kwargs: Any) -> dict[str, Any]:
    return parse_file(path, **kwargs).to_json()


def _fixtures() -> list[Path]:
    found = [p for p in sorted(UNSEEN.iterdir()) if p.suffix in TABLES]
    return found + [p for p in sorted(EXAMPLES.iterdir()) if p.suffix in (".docx", ".xlsx")]


def test_every_table_reading_reads_the_same_plan_through_its_map() -> None:
    """Each table the reader placed, in every fixture and example with tables: its reading, as the
    mapping form offers it, reads the same plan back (not one layout: all of them)."""
    checked, differ = 0, []
    for path in _fixtures():
        try:
            plan = parse_file(path)
        except DocumentError:
            continue  # refused: no reading to offer
        for reading in plan.readings:
            if not reading.columns:
                continue
            checked += 1
            again = _plan_json(path, column_map=reading.column_map())
            if again != plan.to_json():
                differ.append(f"{path.name} 表{reading.table + 1}")
    assert checked >= 15
    assert differ == []


def test_a_two_level_header_reads_the_same_through_its_map(tmp_path: Path) -> None:
    path = two_level_xlsx(tmp_path / "two.xlsx")
    plan = parse_file(path)
    (reading,) = plan.readings
    offered = reading.column_map()
    assert offered.columns[5] == "partner_units" and offered.header_row == 2
    assert _plan_json(path, column_map=offered) == plan.to_json()


def _upload(client: Client, path: Path) -> str:
    response = client.post(reverse("documents:upload"), {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 302
    return str(response["Location"])


def _form(client: Client, preview: str) -> dict[str, str]:
    """The mapping form as the browser would submit it untouched: each select's selected option
    and the checked header row, read from the page's HTML."""
    html = client.get(preview + "columns/?table=0").content.decode()
    data = {"table": "0"}
    for name, body in re.findall(r'<select name="(col_\d+)"[^>]*>(.*?)</select>', html, re.S):
        data[name] = re.search(r'<option value="(\w+)" selected>', body).group(1)  # type: ignore[union-attr]
    data["header_row"] = re.search(r'name="header_row" value="(\d+)" checked', html).group(1)  # type: ignore[union-attr]
    return data


def _partners() -> dict[str, list[str]]:
    links = TaskUnit.objects.filter(role=TaskUnit.Role.PARTNER).select_related("unit", "task")
    out: dict[str, list[str]] = {}
    for link in links.order_by("task__order", "order"):
        out.setdefault(link.task.content, []).append(link.unit.name)
    return out


def test_the_form_starts_from_the_preview_and_saving_it_unchanged_reads_the_same_plan(
    client: Client, office: Any, tmp_path: Path
) -> None:
    client.force_login(office)
    preview = _upload(client, two_level_xlsx(tmp_path / "two.xlsx"))
    page = client.get(preview).content.decode()
    assert "配合单位" in page and "区商务局" in page
    form = _form(client, preview)
    # the preview's reading, not 忽略: 配合单位 under 责任单位, the header's last row
    assert form == {
        "table": "0",
        **{f"col_{c}": f for c, f in enumerate(("seq", "name", "content", "deadline", "lead_units", "partner_units"))},
        "header_row": "2",
    }
    assert client.post(preview + "columns/", form)["Location"] == preview
    assert client.get(preview).status_code == 200
    client.post(preview + "confirm/")
    expected = {
        "新建社区食堂12家": ["区商务局", "各镇"],
        "新建口袋公园8个": ["区城管局"],
        "完成适老化改造300户": ["区残联"],
    }
    assert _partners() == expected
    assert [t.due.isoformat() for t in Task.objects.order_by("project__order")] == [  # type: ignore[union-attr]
        "2026-06-30",
        "2026-12-31",
        "2026-10-31",
    ]


def test_changing_another_column_keeps_the_partners(client: Client, office: Any, tmp_path: Path) -> None:
    client.force_login(office)
    preview = _upload(client, two_level_xlsx(tmp_path / "two.xlsx"))
    client.get(preview)
    form = _form(client, preview) | {"col_3": "ignore"}  # the clerk drops 完成时间, nothing else
    assert client.post(preview + "columns/", form)["Location"] == preview
    client.get(preview)
    client.post(preview + "confirm/")
    assert len(_partners()) == 3 and _partners()["新建社区食堂12家"] == ["区商务局", "各镇"]
    assert not Task.objects.filter(due__isnull=False).exists()  # only that column's reading changed


def test_the_preview_names_a_notes_column_in_chinese(client: Client, office: Any, tmp_path: Path) -> None:
    client.force_login(office)
    preview = _upload(client, two_level_xlsx(tmp_path / "notes.xlsx", notes=True))
    page = client.get(preview).content.decode()
    assert "备注" in page and ">notes<" not in page
