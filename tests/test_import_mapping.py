"""The mapping step: a header the reader cannot place is named by the clerk, then remembered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from minsheng.documents.errors import DocumentError
from minsheng.documents.models import ColumnMapping
from minsheng.documents.parse import parse_file
from minsheng.documents.store.mapping import ColumnMap, parse_columns
from minsheng.plans.models import Plan, Task

from .conftest import CHROMIUM

pytestmark = pytest.mark.django_db

ODD = """<html><body><p>{year}年某区为民办实事安排表</p><table>
<tr><td>编号</td><td>说明</td><td>承担</td><td>时间</td></tr>
{rows}
</table></body></html>"""


def odd_table(tmp_path: Path, year: int, rows: list[tuple[str, str, str, str]], name: str) -> Path:
    body = "".join(f"<tr>{''.join(f'<td>{c}</td>' for c in row)}</tr>" for row in rows)
    path = tmp_path / name
    path.write_text(ODD.format(year=year, rows=body), encoding="utf-8")
    return path


ROWS = [
    ("一", "社区食堂：新建社区食堂12家。", "区民政局，区商务局", "年内完成"),
    ("二", "口袋公园：新建口袋公园8个。", "区住建局", "年内完成"),
]
CHOICE = {"col_0": "seq", "col_1": "name_content", "col_2": "lead_units", "col_3": "deadline", "header_row": "0"}


def test_it_refuses_an_unplaceable_header_until_the_columns_are_named(tmp_path: Path) -> None:
    path = odd_table(tmp_path, 2025, ROWS, "odd.html")
    with pytest.raises(DocumentError, match="没有找到可识别的任务分解表"):
        parse_file(path)
    plan = parse_file(path, parse_columns("1=seq,2=name_content,3=lead_units,4=deadline")).to_json()
    canteen = plan["projects"][0]
    assert (canteen["seq"], canteen["name"]) == (1, "社区食堂")
    task = canteen["tasks"][0]
    assert (task["content"], task["lead_units"], task["due"]) == (
        "新建社区食堂12家。",
        ["区民政局", "区商务局"],
        "2025-12-31",
    )


@pytest.mark.parametrize(
    ("columns", "message"),
    [
        ("2=content,3=content", "第3列：第2列已是“内容”"),
        ("3=lead_units", "没有指定“内容”列"),
        ("2=name,3=name_content", "第3列：已有“项目名称”列"),
        ("2=budget", "第2列：不认识的字段“budget”"),
        ("two=content", "列号=字段"),
    ],
)
def test_it_refuses_a_mapping_that_makes_no_sense_naming_the_column(columns: str, message: str) -> None:
    with pytest.raises(DocumentError, match=message):
        parse_columns(columns)


def test_the_cli_takes_the_same_mapping(tmp_path: Path) -> None:
    path = odd_table(tmp_path, 2025, ROWS, "odd.html")
    cli = [sys.executable, "-m", "minsheng.cli", "parse", str(path)]
    refused = subprocess.run(cli, capture_output=True, text=True)
    assert refused.returncode == 1 and "没有找到可识别的任务分解表" in refused.stderr
    read = subprocess.run(
        [*cli, "--columns", "1=seq,2=name_content,3=lead_units,4=deadline"], capture_output=True, text=True
    )
    assert read.returncode == 0 and '"社区食堂"' in read.stdout
    bad = subprocess.run([*cli, "--columns", "2=content,3=content"], capture_output=True, text=True)
    assert bad.returncode == 1 and "第3列" in bad.stderr


def _upload(client: Client, path: Path) -> str:
    response = client.post(reverse("documents:upload"), {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 302
    return str(response["Location"])


def test_the_clerk_names_the_columns_and_the_next_file_reads_without_asking(
    client: Client, office: Any, tmp_path: Path
) -> None:
    client.force_login(office)
    preview = _upload(client, odd_table(tmp_path, 2025, ROWS, "first.html"))
    asked = client.get(preview)
    assert asked.status_code == 302 and "/columns/" in asked["Location"]
    form = client.get(asked["Location"])
    assert "第4列" in form.content.decode() and "说明" in form.content.decode()
    # a mapping that makes no sense is refused on the page, naming the column, and nothing is stored
    wrong = client.post(asked["Location"], {**CHOICE, "col_2": "name_content"})
    assert wrong.status_code == 422 and "第3列" in wrong.content.decode()
    assert client.post(asked["Location"], CHOICE)["Location"] == preview
    page = client.get(preview).content.decode()
    assert "社区食堂" in page and "按您指定的对应关系" in page
    assert Plan.objects.count() == 0 and ColumnMapping.objects.count() == 0  # nothing before confirming
    client.post(preview + "confirm/")
    assert Task.objects.filter(project__plan__year=2025).count() == 2
    saved = ColumnMapping.objects.get()
    assert saved.jurisdiction == "某区" and ColumnMap.from_json(saved.columns).columns[1] == "name_content"
    # next year's file with the same header: read at once
    later = _upload(
        client, odd_table(tmp_path, 2026, [("一", "老年助餐：新建助餐点5个。", "区民政局", "6月底")], "second.html")
    )
    page = client.get(later)
    assert page.status_code == 200 and "按上次保存的对应关系" in page.content.decode()
    assert "老年助餐" in page.content.decode()


def test_the_column_page_keeps_outsiders_out(client: Client, outsider: Any, office: Any, tmp_path: Path) -> None:
    client.force_login(office)
    preview = _upload(client, odd_table(tmp_path, 2025, ROWS, "odd.html"))
    client.force_login(outsider)
    response = client.get(preview + "columns/")
    assert response.status_code == 403  # the office only: a signed-in outsider is refused, as on every office page
    assert client.post(preview + "columns/", CHOICE).status_code == 403
    assert ColumnMapping.objects.count() == 0


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium")
def test_a_clerk_maps_columns_in_the_browser(live_server: Any, page: Any, office: Any, tmp_path: Path) -> None:
    path = odd_table(tmp_path, 2025, ROWS, "odd.html")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "office")
    page.fill("input[name=password]", "office-pass-123")
    page.click("button[type=submit]")
    page.goto(live_server.url + reverse("documents:upload"))
    page.set_input_files("input[type=file]", str(path))
    page.click("text=读取并预览")
    page.wait_for_url("**/columns/**")
    for col, field in (("0", "seq"), ("1", "name_content"), ("2", "lead_units"), ("3", "deadline")):
        page.select_option(f"select[name=col_{col}]", field)
    page.check("input[name=header_row][value='0']")
    page.click("#columns-form button[type=submit]")
    page.wait_for_selector("text=社区食堂")
    page.screenshot(path=str(tmp_path / "preview.png"), full_page=True)
    page.click("text=确认导入")
    page.wait_for_selector("text=口袋公园")
    assert Task.objects.filter(project__plan__year=2025).count() == 2
    assert ColumnMapping.objects.count() == 1
