"""投资（万元）, the field added through the registry (plans/fields.py): read from a table's
总投资（万元） column and from a list item's label, stored, shown on the task page, exported in the
task table and the JSON format, and read back; a plan without it reads as it always did."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.test import Client

from minsheng.documents.parse import parse_file
from minsheng.documents.shapes.headers import field_for
from minsheng.documents.store.services import plan_import
from minsheng.documents.store.to_json import plan_to_json
from minsheng.plans.fields import BY_KEY
from minsheng.plans.models import Task
from minsheng.reports.tasktable import task_table_docx, task_table_xlsx
from minsheng.text.numbers import wan_yuan

ROWS = [
    ("1", "城东小学新建工程", "新建48个班小学一所，新增学位2160个。", "22000", "8000", "区教育局", "2026年8月"),
    ("2", "老旧小区改造", "改造老旧小区12个，惠及居民3600户。", "1.2亿元", "5000", "区住建局", "2026年12月"),
    ("3", "社区食堂", "新建社区食堂10家。", "", "", "区民政局", "2026年10月"),
]


def _table(path: Path, header: tuple[str, ...], rows: list[tuple[str, ...]]) -> Path:
    cells = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in [header, *rows])
    path.write_text(
        f"<html><body><h1>2026年武进区民生实事项目任务分解表</h1><table border='1'>{cells}</table></body></html>",
        encoding="utf-8",
    )
    return path


HEADER = ("序号", "项目名称", "项目概况", "总投资（万元）", "当年投资（万元）", "牵头单位", "完成时间")


def test_a_total_investment_column_reads_into_the_tasks_investment(tmp_path: Path) -> None:
    plan = parse_file(_table(tmp_path / "plan.html", HEADER, ROWS)).to_json()
    tasks = [t for p in plan["projects"] for t in p["tasks"]]
    # 1.2亿元 is 12000 万元; a task without a figure has no investment; 当年投资 is no total: it is
    # the year's share, a field of its own (added as one registry entry and its migration)
    assert [t.get("investment") for t in tasks] == [22000, 12000, None]
    assert [t.get("year_investment") for t in tasks] == [8000, 5000, None]
    assert "investment" not in tasks[2]
    assert [t["lead_units"] for t in tasks] == [["区教育局"], ["区住建局"], ["区民政局"]]


@pytest.mark.parametrize("words", ["投资金额", "总投资（万元）", "计划投资", "项目总投资(万元)"])
def test_header_words_name_the_investment_and_other_money_names_nothing(words: str) -> None:
    assert field_for(words) == "investment"
    assert field_for("当年投资（万元）") == "year_investment" == field_for("年度计划投资")
    assert field_for("资金来源") is None and field_for("联系电话") is None and field_for("累计完成投资") is None


def test_sums_in_wan_yuan() -> None:
    assert wan_yuan("1,200") == Decimal(1200) and wan_yuan("约3000万元") == Decimal(3000)
    assert wan_yuan("2.5亿元") == Decimal(25000) and wan_yuan("3", in_yi=True) == Decimal(30000)
    assert wan_yuan("待定") is None and wan_yuan("100-200") is None


def test_a_list_item_labels_its_investment(tmp_path: Path) -> None:
    text = (
        "2026年武进区民生实事项目\n"
        "1.新建城东小学，新增学位2160个。（牵头单位：区教育局；总投资：2.2亿元）\n"
        "2.改造老旧小区12个。（牵头单位：区住建局）\n"
        "3.新建社区食堂10家。（牵头单位：区民政局；计划投资：800万元）\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    tasks = [t for p in parse_file(path).to_json()["projects"] for t in p["tasks"]]
    assert [t.get("investment") for t in tasks] == [22000, None, 800]
    assert all("投资" not in t["content"] for t in tasks)


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_investment_is_stored_exported_and_read_back(tmp_path: Path, fmt: str) -> None:
    plan = plan_import(path=_table(tmp_path / "plan.html", HEADER, ROWS), user=None).plan
    stored = plan_to_json(plan)
    assert [t.get("investment") for p in stored["projects"] for t in p["tasks"]] == [22000, 12000, None]
    assert [t.get("year_investment") for p in stored["projects"] for t in p["tasks"]] == [8000, 5000, None]
    school = Task.objects.get(content__startswith="新建48个班")
    assert (school.investment, school.year_investment) == (Decimal("22000"), Decimal("8000"))
    out = tmp_path / f"exported.{fmt}"
    out.write_bytes(task_table_docx(plan) if fmt == "docx" else task_table_xlsx(plan))
    assert parse_file(out).to_json() == stored


@pytest.mark.django_db
def test_the_task_page_shows_the_investment(tmp_path: Path, client: Client) -> None:
    plan = plan_import(path=_table(tmp_path / "plan.html", HEADER, ROWS), user=None, state="published").plan
    task = Task.objects.get(project__plan=plan, content__startswith="改造老旧小区")
    page = client.get(f"/tasks/{task.pk}/").content.decode()
    assert BY_KEY["investment"].label in page and "12000" in page
    bare = Task.objects.get(project__plan=plan, content__startswith="新建社区食堂")
    assert BY_KEY["investment"].label not in client.get(f"/tasks/{bare.pk}/").content.decode()
