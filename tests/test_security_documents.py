"""Every document is bounded before and during reading (issue 19): each bad file below is
made here, refused within 5 s with a message naming the limit, and writes nothing."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pytest
from django.urls import reverse
from PIL import Image

from minsheng.documents.errors import DocumentError
from minsheng.documents.parse import parse_file
from minsheng.plans.models import Plan
from tests.conftest import WUJIN_2026

# A hang guard, not a measure: a bomb read in full takes minutes; the 5 s goal a file is measured
# by bench/bad_files.py, since a timed test fails on a loaded machine.
SECONDS = 60


def _refused(path: Path, needle: str) -> str:
    start = time.perf_counter()
    with pytest.raises(DocumentError) as caught:
        parse_file(path)
    elapsed = time.perf_counter() - start
    assert elapsed < SECONDS, f"{path.name}: {elapsed:.1f} s"
    assert needle in str(caught.value) and path.name in str(caught.value)
    return str(caught.value)


def _html_table(rows: list[list[str]]) -> str:
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f"<html><body><table>{body}</table></body></html>"


HEADER = ["序号", "项目名称", "主要内容", "牵头单位"]


def _xlsx(tmp_path: Path, name: str, rows: int, cols: int) -> Path:
    """A workbook whose sheet XML is written directly: fast to make, slow to read."""
    path = tmp_path / name
    openpyxl.Workbook().save(path)
    cells = "".join(f'<c t="inlineStr"><is><t>格{c}</t></is></c>' for c in range(cols))
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "".join(f'<row r="{r + 1}">{cells}</row>' for r in range(rows))
        + "</sheetData></worksheet>"
    )
    source = zipfile.ZipFile(path)
    parts = {n: source.read(n) for n in source.namelist()}
    source.close()
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for part, data in parts.items():
            out.writestr(part, data)
    return path


def test_a_sheet_of_100000_rows_is_refused_before_reading(tmp_path: Path) -> None:
    _refused(_xlsx(tmp_path, "十万行.xlsx", 100_000, 1), "每表行数")


def test_a_workbook_of_too_many_cells_is_refused_before_reading(tmp_path: Path) -> None:
    _refused(_xlsx(tmp_path, "多格.xlsx", 4_000, 30), "单元格总数")


def test_html_nested_10000_deep_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nested.html"
    nested = "<div>" * 10_000 + "x" + "</div>" * 10_000
    path.write_text(f"<html><body>{nested}{_html_table([HEADER])}</body></html>")
    assert path.stat().st_size > 100_000
    _refused(path, "嵌套深度上限")


def test_a_web_page_table_of_too_many_rows_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rows.html"
    path.write_text(_html_table([HEADER] + [[str(i), "项目", "内容", "单位"] for i in range(6_000)]))
    _refused(path, "每表行数")


def test_a_huge_cell_is_refused_naming_the_cell(tmp_path: Path) -> None:
    path = tmp_path / "cell.html"
    path.write_text(_html_table([HEADER, ["1", "项目", "新增公共停车泊位1500个。" * 3_000, "城管局"]]))
    message = _refused(path, "每格字符数")
    assert "第2行第3列" in message


def test_total_characters_are_limited(tmp_path: Path, settings: Any) -> None:
    settings.MINSHENG_DOCUMENT_LIMITS = {"total_chars": 2_000}
    path = tmp_path / WUJIN_2026.name
    path.write_bytes(WUJIN_2026.read_bytes())
    _refused(path, "总字符数")


def test_word_table_cells_are_counted_before_reading(tmp_path: Path, settings: Any) -> None:
    settings.MINSHENG_DOCUMENT_LIMITS = {"cells": 50}
    document = docx.Document()
    document.add_table(rows=10, cols=6)
    path = tmp_path / "cells.docx"
    document.save(str(path))
    _refused(path, "单元格总数")


def test_pdf_pages_are_limited(tmp_path: Path, settings: Any) -> None:
    settings.MINSHENG_DOCUMENT_LIMITS = {"pdf_pages": 2}
    pages = [Image.new("RGB", (20, 20), "white") for _ in range(3)]
    path = tmp_path / "pages.pdf"
    pages[0].save(path, "PDF", save_all=True, append_images=pages[1:])
    _refused(path, "页数上限")


def test_targets_per_task_are_limited(tmp_path: Path, settings: Any) -> None:
    most = max(len(t.indicators) for p in parse_file(WUJIN_2026).projects for t in p.tasks)
    assert most >= 2
    settings.MINSHENG_DOCUMENT_LIMITS = {"targets_per_task": most - 1}
    path = tmp_path / WUJIN_2026.name
    path.write_bytes(WUJIN_2026.read_bytes())
    message = _refused(path, "每条任务指标数")
    assert f"{most} 个量化指标" in message


def test_the_shared_documents_are_within_the_limits() -> None:
    assert parse_file(WUJIN_2026).projects  # the defaults refuse nothing real


@pytest.mark.django_db
def test_the_upload_page_refuses_a_bomb_with_the_limit_and_writes_nothing(client: Any, office: Any) -> None:
    client.force_login(office)
    data = ("<html><body>" + "<div>" * 10_000 + "</div>" * 10_000 + "</body></html>").encode()
    upload = io.BytesIO(data)
    upload.name = "bomb.html"
    start = time.perf_counter()
    response = client.post(reverse("documents:upload"), {"file": upload}, follow=True)
    assert time.perf_counter() - start < SECONDS
    assert "嵌套深度上限" in response.content.decode()
    assert not Plan.objects.exists()
