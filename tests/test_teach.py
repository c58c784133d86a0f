"""Taught by one example (issue #26 items 3, 4, 6): the reading that yields the clerk's project is
applied to the whole document, remembered per office and shape only once confirmed; a plan-like
document is never refused bare, and each project says how sure the reader is of it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bench.common import scorer as load_scorer
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from minsheng.cli import main
from minsheng.documents.errors import DocumentError
from minsheng.documents.models import TaughtReading
from minsheng.documents.parse import parse_file, read_document
from minsheng.documents.parsed import ParsedPlan, ParsedProject, ParsedTask
from minsheng.documents.shapes.best import GUESS_WARNING
from minsheng.documents.shapes.sureness import assess, least_sure
from minsheng.documents.shapes.teach import Reading, shapes_of, teach
from minsheng.plans.models import Jurisdiction, Plan

from .jurisdiction_world import seat
from .test_unseen_corpus import EXPECTED, READ_LATER, document_for

TEACH = Path(__file__).resolve().parent / "fixtures" / "teach"
BOOK_TITLES = next(p for p in EXPECTED if p.stem.startswith("64_"))
# One project as the clerk types it: the name is the first clause of the item, the content all of it.
EXAMPLE = {
    "name": "新建城东幼儿园1所",
    "tasks": [
        {
            "content": "新建城东幼儿园1所，新增学位360个",
            "lead_units": ["区教育局"],
            "deadline": "2026年8月底",
        }
    ],
}
scorer = load_scorer()


def test_one_example_teaches_the_book_title_page() -> None:
    gold = json.loads(BOOK_TITLES.read_text(encoding="utf-8"))
    alone = parse_file(document_for(BOOK_TITLES)).to_json()
    taught = parse_file(document_for(BOOK_TITLES), example=gold["projects"][0])
    # untaught, the blind reading finds the run of 《》 whose count the page states (10件): shapes/blind.py
    assert scorer.summary(scorer.score(gold, alone))["rows"] == 1.0
    result = scorer.summary(scorer.score(gold, taught.to_json()))
    assert result["rows"] == 1.0 and result["targets_f1"] == 1.0
    assert taught.taught is not None and taught.taught["items"] == "pair:《》"


@pytest.mark.parametrize("expected", [p for p in EXPECTED if p.stem not in READ_LATER], ids=lambda p: p.stem)
def test_an_example_never_makes_a_right_reading_worse(expected: Path) -> None:
    gold = json.loads(expected.read_text(encoding="utf-8"))
    alone = parse_file(document_for(expected)).to_json()
    assert parse_file(document_for(expected), example=gold["projects"][0]).to_json() == alone


def test_the_example_chooses_where_a_name_ends() -> None:
    document = read_document(TEACH / "wujin_2026.txt")
    found = teach(document, EXAMPLE)
    names = [p.name for p in found.plan.projects]
    assert names == ["新建城东幼儿园1所", "改造老旧小区12个", "新增公共停车泊位800个", "为65岁以上老人免费体检2万人次"]
    assert found.reading.items == "sep:；" and found.reading.name_end == "comma"
    contents = [p.tasks[0].content for p in found.plan.projects]
    assert contents[2] == "新增公共停车泊位800个，缓解老城区停车难"
    assert [p.tasks[0].lead_units for p in found.plan.projects][3] == ["区卫健委"]
    assert Reading.from_json(json.loads(json.dumps(found.reading.to_json()))) == found.reading


def test_the_cli_takes_an_example(tmp_path: Path, capsys: Any) -> None:
    example = tmp_path / "project.json"
    example.write_text(json.dumps(EXAMPLE, ensure_ascii=False), encoding="utf-8")
    assert main(["parse", str(TEACH / "wujin_2026.txt"), "--example", str(example)]) == 0
    plan = json.loads(capsys.readouterr().out)
    assert plan["projects"][1]["name"] == "改造老旧小区12个" and plan["year"] == 2026
    example.write_text('{"tasks": []}', encoding="utf-8")
    assert main(["parse", str(TEACH / "wujin_2026.txt"), "--example", str(example)]) != 0
    assert "至少要有名称" in capsys.readouterr().err


def test_a_plan_like_page_gets_its_best_reading_with_its_doubts() -> None:
    plan = parse_file(TEACH / "wujin_2026.txt")  # no rule places it: not refused, every project doubted
    assert len(plan.projects) == 4 and str(plan.warnings[0]).endswith(GUESS_WARNING)
    assert all(p.sureness < 1 and any("最可能的读法" in d for d in p.doubts) for p in plan.projects)


def test_a_page_with_nothing_plan_like_is_still_refused(tmp_path: Path) -> None:
    prose = tmp_path / "prose.txt"
    prose.write_text(
        "关于召开春季运动会的通知\n各单位：定于四月举行运动会；请做好准备；按时报名；注意安全。\n", encoding="utf-8"
    )
    with pytest.raises(DocumentError, match="没有找到可识别的任务分解表"):
        parse_file(prose)


def _project(name: str, lead: list[str], source: str = "表格 1 第2行第3列") -> ParsedProject:
    task = ParsedTask(content=f"{name}，新增1个", lead_units=lead, deadline="6月底", source={"content": source})
    return ParsedProject(seq=None, category=None, name=name, tasks=[task])


def test_sureness_says_why_and_the_least_sure_come_first() -> None:
    plan = ParsedPlan(None, None, None, [_project(f"项目{n}", ["区教育局"]) for n in range(4)])
    plan.projects.append(_project("项目丢单位", []))
    plan.projects.append(_project("项目识别差", ["区民政局"], source="第 1 页 第3行第2列"))
    assess(plan, unsure_places={"第 1 页 第3行第2列"})  # a scan's unsure cell, as the task's source names it
    assert [p.sureness for p in plan.projects[:4]] == [1.0] * 4
    assert plan.projects[4].doubts == ["其他项目大多有牵头单位，此项没有"]
    assert plan.projects[5].doubts == ["识别把握不大的单元格"] and plan.projects[5].sureness < 1
    assert {p.name for p in least_sure(plan)} == {"项目丢单位", "项目识别差"}


def test_two_years_of_one_page_have_one_shape() -> None:
    shapes = {shapes_of(read_document(TEACH / f)) for f in ("wujin_2026.txt", "wujin_2027.txt", "jintan_2027.txt")}
    assert len(shapes) == 1 and next(iter(shapes))[1] == "list:sep:；|deadline,lead"
    assert shapes_of(read_document(document_for(BOOK_TITLES)))[1] not in {s[1] for s in shapes}


# -- in the preview, remembered per office ---------------------------------------------------


@pytest.fixture
def offices(django_user_model: Any) -> tuple[Any, Any]:
    province = Jurisdiction.objects.create(name="江苏省", level=Jurisdiction.Level.PROVINCE)
    city = Jurisdiction.objects.create(name="常州市", level=Jurisdiction.Level.CITY, parent=province)
    wujin = Jurisdiction.objects.create(name="武进区", level=Jurisdiction.Level.COUNTY, parent=city)
    jintan = Jurisdiction.objects.create(name="金坛区", level=Jurisdiction.Level.COUNTY, parent=city)
    return seat(django_user_model, "wujin", wujin), seat(django_user_model, "jintan", jintan)


def _upload(client: Client, path: Path) -> str:
    response = client.post(reverse("documents:upload"), {"file": SimpleUploadedFile(path.name, path.read_bytes())})
    assert response.status_code == 302
    return str(response["Location"])


FORM = {"name": "新建城东幼儿园1所", "content": "新建城东幼儿园1所，新增学位360个", "lead_units": "区教育局"}


@pytest.mark.django_db
def test_a_taught_reading_is_kept_for_its_office_once_confirmed(client: Client, offices: tuple[Any, Any]) -> None:
    wujin, jintan = offices
    client.force_login(wujin)
    preview = _upload(client, TEACH / "wujin_2026.txt")
    page = client.get(preview).content.decode()
    assert "先核对这些项目" in page and "用一个项目示范读法" in page and "城东幼儿园" in page
    refused = client.post(preview + "teach/", {"name": "", "content": ""})
    assert refused.status_code == 302 and TaughtReading.objects.count() == 0
    assert "至少要填" in client.get(preview).content.decode()
    client.post(preview + "teach/", FORM)
    page = client.get(preview).content.decode()
    assert "按示范读法读取" in page and ">新建城东幼儿园1所" in page and "改造老旧小区12个\n" in page
    assert TaughtReading.objects.count() == 0 and Plan.objects.count() == 0  # nothing before confirming
    client.post(preview + "confirm/")
    saved = TaughtReading.objects.get()
    assert saved.jurisdiction == "江苏省/常州市/武进区" and saved.reading["name_end"] == "comma"
    assert Plan.objects.get().projects.filter(name="改造老旧小区12个").exists()
    # next year's page of the same shape from the same office: read that way without asking
    page = client.get(_upload(client, TEACH / "wujin_2027.txt")).content.decode()
    assert "本单位上次确认的读法" in page and "改造农贸市场3个" in page and GUESS_WARNING not in page
    # the sibling district taught nothing: its page of the same shape gets the reader's own guess
    client.force_login(jintan)
    page = client.get(_upload(client, TEACH / "jintan_2027.txt")).content.decode()
    assert "本单位上次确认的读法" not in page and GUESS_WARNING in page
    assert "改造农贸市场3个，提升周边环境" in page


@pytest.mark.django_db
def test_the_teach_page_keeps_outsiders_out(client: Client, offices: tuple[Any, Any], outsider: Any) -> None:
    wujin, jintan = offices
    client.force_login(wujin)
    preview = _upload(client, TEACH / "wujin_2026.txt")
    client.force_login(outsider)
    assert client.post(preview + "teach/", FORM).status_code == 403
    client.force_login(jintan)  # another office: the upload is not its own
    assert client.post(preview + "teach/", FORM).status_code == 404
    assert TaughtReading.objects.count() == 0


def test_one_row_shown_names_a_tables_columns(tmp_path: Path) -> None:
    """A table whose header the rules cannot place: the example row says which column holds what."""
    from .test_import_mapping import odd_table

    rows = [
        ("一", "新建社区食堂12家", "区民政局", "6月底"),
        ("二", "新建口袋公园8个", "区住建局", "10月底"),
        ("三", "改造农贸市场3个", "区商务局", "9月底"),
    ]
    path = odd_table(tmp_path, 2025, rows, "odd.html")
    with pytest.raises(DocumentError):
        parse_file(path)  # the reader alone asks for the columns
    example = {"name": "新建社区食堂12家", "tasks": [{"content": "新建社区食堂12家", "lead_units": ["区民政局"]}]}
    plan = parse_file(path, example=example)
    assert plan.taught is not None and plan.taught["items"] == "columns"
    read = [(p.tasks[0].content, p.tasks[0].lead_units, p.tasks[0].deadline) for p in plan.projects]
    assert read[1] == ("新建口袋公园8个", ["区住建局"], None)
    assert [i.value for i in plan.projects[2].tasks[0].indicators] == [3]


def test_a_scans_unsure_cell_lowers_its_projects_sureness() -> None:
    """Scans go the same way: the cell the recognition was unsure of marks its project, not the others."""
    from minsheng.documents.intake.scan_review import unsure_places
    from minsheng.documents.parsed import Cell, Document, Table
    from minsheng.documents.shapes.best import read_best

    rows = [
        ("序号", "项目名称", "主要内容", "牵头单位"),
        ("1", "社区食堂", "新建社区食堂12家", "区民政局"),
        ("2", "口袋公园", "新建口袋公园8个", "区住建局"),
    ]
    cells = [Cell(r, c, text) for r, row in enumerate(rows) for c, text in enumerate(row)]
    scores = {(r, c): 0.99 for r in range(3) for c in range(4)} | {(2, 2): 0.41}
    document = Document("scan.pdf", [Table(cells, "第 1 页", scores=scores)])
    plan = read_best(document, unsure=unsure_places(document))
    sure = {p.name: p.sureness for p in plan.projects}
    assert sure["社区食堂"] == 1.0 and sure["口袋公园"] < 1.0
    assert plan.projects[1].doubts == ["识别把握不大的单元格"]


@pytest.mark.django_db
def test_one_row_teaches_a_table_on_the_columns_page(client: Client, office: Any, tmp_path: Path) -> None:
    from .test_import_mapping import odd_table

    rows = [("一", "新建社区食堂12家", "区民政局", "6月底"), ("二", "新建口袋公园8个", "区住建局", "10月底")]
    client.force_login(office)
    preview = _upload(client, odd_table(tmp_path, 2025, rows, "first.html"))
    asked = client.get(preview)
    assert "/columns/" in asked["Location"]
    page = client.get(asked["Location"]).content.decode()
    assert "用一个项目示范读法" in page and "一 | 新建社区食堂12家 | 区民政局 | 6月底" in page
    row = {"name": "新建社区食堂12家", "content": "新建社区食堂12家", "lead_units": "区民政局", "deadline": "6月底"}
    client.post(preview + "teach/", row)
    page = client.get(preview).content.decode()
    assert "按示例对应的各列" in page and "新建口袋公园8个" in page
    client.post(preview + "confirm/")
    assert TaughtReading.objects.get().shape.startswith("table:编号|说明|承担|时间")
    later = odd_table(tmp_path, 2026, [("一", "改造农贸市场3个", "区商务局", "9月底")], "second.html")
    page = client.get(_upload(client, later)).content.decode()
    assert "本单位上次确认的读法" in page and "改造农贸市场3个" in page
