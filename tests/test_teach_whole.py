"""An example never makes a reading worse on the whole document (review 2): a reading may not win by
matching the clerk's one project while reading the rest worse, whichever project the clerk shows;
units and a deadline in a bracket after each item are read as the example's bracket holds them; an
item's own numbering is never a project."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bench.common import scorer as load_scorer
from django.test import Client

from minsheng.documents.errors import DocumentError
from minsheng.documents.parse import parse_file, read_document
from minsheng.documents.parsed import ParsedPlan, ParsedProject, ParsedTask
from minsheng.documents.shapes.learned import learn
from minsheng.documents.shapes.list_marks import numbered_line
from minsheng.documents.shapes.matching import standing, text_key
from minsheng.documents.shapes.rules import due_date
from minsheng.documents.shapes.teach import apply, teach
from minsheng.plans.models import Plan

from .test_teach import _upload, offices  # noqa: F401  (a fixture, used by name)
from .test_unseen_corpus import EXPECTED, document_for

TEACH = Path(__file__).resolve().parent / "fixtures" / "teach"
scorer = load_scorer()

# The right reading of each teach fixture: (name, lead units, deadline).
Right = list[tuple[str, list[str], str | None]]
GAOXIN: Right = [
    ("建设街心游园4处", ["区住建局"], "2028年9月底前"),
    ("更新老旧电梯60台", ["区市场监管局"], "2028年11月底前"),
    ("新建社区食堂7家", ["区民政局"], "2028年6月底前"),
    ("为辖区70岁以上老人上门体检1.5万人次", ["区卫健委"], "2028年12月底前"),
    ("铺设雨污分流管网9公里", ["区水务局"], "2028年10月底前"),
    ("增设电动自行车充电桩2000个", ["区消防救援大队"], "2028年8月底前"),
    ("开放学校体育场地12所", ["区教育局"], "2028年7月底前"),
]
THIRD_YEAR: Right = [
    ("新建城西小学1所", ["区教育局"], "2027年8月底"),
    ("改造农贸市场3个", ["区商务局"], "2027年9月底"),
    ("新建口袋公园6个", ["区住建局"], "2027年10月底"),
]
RIGHT: dict[str, Right] = {
    "gaoxin_bracket_2028.txt": GAOXIN,
    "wujin_2026.txt": [
        ("新建城东幼儿园1所", ["区教育局"], "2026年8月底"),
        ("改造老旧小区12个", ["区住建局"], "2026年11月底"),
        ("新增公共停车泊位800个", ["区城管局"], "2026年10月底"),
        ("为65岁以上老人免费体检2万人次", ["区卫健委"], "2026年12月底"),
    ],
    "wujin_2027.txt": THIRD_YEAR,
    "jintan_2027.txt": THIRD_YEAR,
    "wujin_listed_2026.txt": [
        (name, [], None)
        for name in [
            "扩建中心小学食堂",
            "新建乡村少年宫1所",
            "更新教室护眼灯具",
            "新建村卫生室4个",
            "开展老年人免费体检",
            "配备急救车1辆",
            "硬化村道8公里",
            "新增农村客运站点12个",
        ]
    ],
    "wujin_paren_2026.txt": [
        ("新建社区老年助餐点9个", [], "2026年9月底前"),
        ("改造城区破损人行道14公里", [], "2026年10月底前"),
        ("增设智能快递柜60组", [], "2026年6月底前"),
        ("实施农村饮水提升工程3处", [], "2026年年底前"),
    ],
    "wujin_paren_2027.txt": [
        ("新建城西全民健身中心1处", [], "2027年11月底前"),
        ("改造老旧供水管网22公里", [], "2027年8月底前"),
        ("新增普惠托位300个", [], "2027年9月底前"),
    ],
}
CHOICES = ("first", "middle", "last")


def _pick(items: list[Any], choice: str) -> Any:
    """The clerk's example: the first, middle or last project."""
    return items[{"first": 0, "middle": len(items) // 2, "last": -1}[choice]]


def _example(name: str, units: list[str], deadline: str | None, shown: bool = True) -> dict[str, Any]:
    task: dict[str, Any] = {"content": name}
    if shown:
        task.update({"lead_units": units, "deadline": deadline})
    return {"name": name, "tasks": [task]}


def _right(plan: ParsedPlan | None, right: Right) -> tuple[int, int]:
    """Of the right projects, how many a plan holds as projects of their own (a read name starts with
    the right one, its numbering left out) and how many it reads exactly (name, lead units, last day)."""
    if plan is None:
        return 0, 0
    year = plan.year or 2001
    names = [text_key(numbered_line(p.name).text) for p in plan.projects]
    read = {
        (text_key(p.name), tuple(sorted(text_key(u) for u in t.lead_units)), due_date(t.deadline or "", year))
        for p in plan.projects
        for t in p.tasks[:1]
    }
    held = sum(any(n.startswith(text_key(name)) for n in names) for name, _, _ in right)
    exact = sum(
        (text_key(n), tuple(sorted(text_key(u) for u in units)), due_date(d or "", year)) in read
        for n, units, d in right
    )
    return held, exact


def _untaught(path: Path) -> ParsedPlan | None:
    try:
        return parse_file(path)
    except DocumentError:
        return None


@pytest.mark.parametrize("choice", CHOICES)
@pytest.mark.parametrize("shown", [True, False], ids=["units-shown", "name-only"])
@pytest.mark.parametrize("page", sorted(RIGHT))
def test_no_example_reads_a_teach_page_worse(page: str, shown: bool, choice: str) -> None:
    right = RIGHT[page]
    example = _example(*_pick(right, choice), shown=shown)
    held, exact = _right(parse_file(TEACH / page, example=example), right)
    held_untaught, exact_untaught = _right(_untaught(TEACH / page), right)
    assert held >= held_untaught and exact >= exact_untaught


@pytest.mark.parametrize("choice", CHOICES)
@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.stem)
def test_no_project_of_a_fixture_as_example_reads_it_worse(expected: Path, choice: str) -> None:
    """Every unseen fixture, taught by its first, middle or last project: never fewer right rows."""
    gold = json.loads(expected.read_text(encoding="utf-8"))
    untaught = _untaught(document_for(expected))
    alone = scorer.score(gold, untaught.to_json())["rows_ok"] if untaught else 0
    try:
        taught = parse_file(document_for(expected), example=_pick(gold["projects"], choice)).to_json()
    except DocumentError:  # the example found no reading: the clerk is told so, and reads nothing
        taught = {"projects": []}
    assert scorer.score(gold, taught)["rows_ok"] >= alone


@pytest.mark.parametrize("choice", CHOICES)
def test_units_and_deadline_in_a_bracket_after_each_item_are_learned(choice: str) -> None:
    name, units, deadline = _pick(GAOXIN, choice)
    found = teach(read_document(TEACH / "gaoxin_bracket_2028.txt"), _example(name[:6], units, deadline))
    assert found.reading.bracket == "bracket:，lead_units,deadline" and found.reading.items == "sep:；"
    assert _right(found.plan, GAOXIN) == (len(GAOXIN), len(GAOXIN))
    assert "括号内依次为牵头单位、完成时间" in found.reading.describe()
    assert [p.seq for p in found.plan.projects] == list(range(1, 8))  # each item's numbering is its number


def test_a_bracket_that_does_not_hold_the_frame_stays_in_the_text(tmp_path: Path) -> None:
    page = tmp_path / "next.txt"
    text = (TEACH / "gaoxin_bracket_2028.txt").read_text(encoding="utf-8")
    page.write_text(text.replace("（区教育局，2028年7月底前）", "（含2所九年一贯制学校）"), encoding="utf-8")
    found = teach(read_document(TEACH / "gaoxin_bracket_2028.txt"), _example(*GAOXIN[0]))
    last = apply(read_document(page), found.reading).projects[-1]
    assert last.name.startswith("开放学校体育场地12所") and last.tasks[0].lead_units == []


def test_an_items_own_numbering_is_no_run() -> None:
    """`：一、A（…）；二、B`: the 、 after 一 numbers the item; it does not list 一 and A as a run."""
    paragraphs = read_document(TEACH / "gaoxin_bracket_2028.txt").paragraphs
    for name, units, deadline in GAOXIN:
        assert not [k for k in learn(paragraphs, _example(name, units, deadline)) if k.startswith("run:")]


def _plan(names: list[str], shaped: bool) -> ParsedPlan:
    tasks = [
        ParsedTask(content=n, lead_units=["区住建局"] if shaped else [], deadline="9月底" if shaped else None)
        for n in names
    ]
    return ParsedPlan(
        None,
        None,
        None,
        [ParsedProject(seq=None, category=None, name=n, tasks=[t]) for n, t in zip(names, tasks, strict=True)],
    )


def test_eight_unshaped_items_stand_above_two_shaped_ones() -> None:
    example = _example("建设街心游园4处", ["区住建局"], "9月底")
    names = [f"第{n}个实事项目名称" for n in range(8)]
    two = _plan(["一", "建设街心游园4处"], shaped=True)  # a run cut at the items' numbering
    assert standing(two, example) < standing(_plan(names, False), example) < standing(_plan(names, True), example)


NEXT_YEAR = (
    "高新区2029年惠民实事清单公布\n经管委会主任办公会研究，2029年高新区惠民实事如下："
    "一、新建口袋书房5处（区文体局，2029年6月底前）；二、改造背街小巷20条（区城管局，2029年10月底前）；"
    "三、增设公交候车亭40座（区交通局，2029年9月底前）。\n"
)


@pytest.mark.django_db
def test_the_office_teaches_the_bracket_and_next_years_page_reads_so(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
    tmp_path: Path,
) -> None:
    """As 武进区's office (the pages retitled to its district): teach, confirm, next year's page reads so."""
    wujin, _ = offices
    client.force_login(wujin)
    pages = {"2028": (TEACH / "gaoxin_bracket_2028.txt").read_text(encoding="utf-8"), "2029": NEXT_YEAR}
    for year, text in pages.items():
        (tmp_path / f"{year}.txt").write_text(text.replace("高新区", "武进区"), encoding="utf-8")
    preview = _upload(client, tmp_path / "2028.txt")
    form = {
        "name": "更新老旧电梯",
        "content": "更新老旧电梯60台",
        "lead_units": "区市场监管局",
        "deadline": "2028年11月底前",
    }
    client.post(preview + "teach/", form)
    client.post(preview + "confirm/")
    projects = Plan.objects.get().projects.all()
    assert sorted(p.name for p in projects) == sorted(name for name, _, _ in GAOXIN)
    preview = _upload(client, tmp_path / "2029.txt")
    assert "本单位上次确认的读法" in client.get(preview).content.decode()
    client.post(preview + "confirm/")
    plan = Plan.objects.get(year=2029)
    read = {p.name: [u.name for t in p.tasks.all() for u in t.lead_units()] for p in plan.projects.all()}
    assert read == {
        "新建口袋书房5处": ["区文体局"],
        "改造背街小巷20条": ["区城管局"],
        "增设公交候车亭40座": ["区交通局"],
    }


def test_a_taught_reading_keeps_the_title_its_page_opens_with(tmp_path: Path) -> None:
    """A generic cut reads items, not the page's head: the title, year and place still come from the
    lines that open it, on its own line or before the colon that leads into a run of items."""
    found = teach(read_document(TEACH / "gaoxin_bracket_2028.txt"), _example(*GAOXIN[0]))
    plan = found.plan
    assert (plan.title, plan.year, plan.jurisdiction) == ("高新区2028年惠民实事清单公布", 2028, "高新区")
    run_in = tmp_path / "run_in.txt"
    body = (TEACH / "gaoxin_bracket_2028.txt").read_text(encoding="utf-8").split("如下：", 1)[1]
    run_in.write_text("2028年高新区惠民实事项目：" + body, encoding="utf-8")
    found = teach(read_document(run_in), _example(*GAOXIN[0]))
    assert (found.plan.title, found.plan.year, found.plan.jurisdiction) == ("2028年高新区惠民实事项目", 2028, "高新区")
