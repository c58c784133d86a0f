"""Kinds of plan page from blind round 15, each on small pages of its own (not the fixtures' words):
a run of items in one paragraph (一是…；二是…) broken by a hard line inside an item; deadlines said
relative to the plan's year (今年6月底前, 今年底前); a page that tells how the projects were chosen
from candidates (从…候选…中选出: the chosen are formal); and a web page's list numbers set apart by
spaces (` 2 `), restarting under each category's name, sometimes printed at the end of the line
before their item, with image captions between the items."""

from __future__ import annotations

from pathlib import Path

import pytest

from minsheng.documents.parse import parse_file
from minsheng.documents.shapes.best import SAME

from .pages import read_page

RUN_ITEMS = [
    "新建城东污水泵站一座",
    "改造背街小巷18条,同步铺设雨污管网",
    "加强社区卫生服务站建设,新增家庭医生团队20个",
    "完成农村饮水提质工程,惠及群众3万人",
]


@pytest.mark.parametrize(
    ("numbers", "item", "at"),
    [
        (("一是", "二是", "三是", "四是"), 2, 2),  # broken inside the third item
        (("一是", "二是", "三是", "四是"), 1, 6),  # inside the second, past its comma
        (("(1)", "(2)", "(3)", "(4)"), 2, 4),  # half-width brackets
        (("1.", "2.", "3.", "4."), 0, 3),  # inside the first
    ],
)
def test_an_inline_run_broken_inside_an_item_reads_whole(
    tmp_path: Path, numbers: tuple[str, ...], item: int, at: int
) -> None:
    pieces = [n + text for n, text in zip(numbers, RUN_ITEMS, strict=True)]
    run = "；".join(pieces) + "。"
    cut = run.index(pieces[item]) + len(numbers[item]) + at
    page = f"河口镇今年办好四件民生实事\n本报讯 据悉,今年全镇四件实事为:{run[:cut]}\n{run[cut:]}(通讯员 林青)\n"
    plan = read_page(tmp_path, page)
    assert [p.name for p in plan.projects] == RUN_ITEMS


ONE_LINE_ITEMS = (
    "两河县今年民生实事出炉\n"
    "由群众代表投票从12件候选实事中选出\n"
    "记者从县发改局获悉,今年全县8件民生实事日前确定。\n"
    "社区食堂建设。在城区新建社区食堂6家,为老年人提供助餐服务,{first}完成。\n"
    "农贸市场改造。改造提升城区农贸市场3个,{second}完成。\n"
    "公共停车场建设。{third},新增公共停车泊位400个。\n"
)


@pytest.mark.parametrize(
    ("said", "due"),
    [
        (("今年6月底前", "今年年底前", "今年9月底前"), ("2024-06-30", "2024-12-31", "2024-09-30")),
        (("今年底前", "今年10月底前", "今年底前"), ("2024-12-31", "2024-10-31", "2024-12-31")),
        (("本年底前", "2024年8月底前", "今年年底前"), ("2024-12-31", "2024-08-31", "2024-12-31")),
    ],
)
def test_a_deadline_said_in_this_years_words_keeps_them(
    tmp_path: Path, said: tuple[str, ...], due: tuple[str, ...]
) -> None:
    page = "2024年 " + ONE_LINE_ITEMS.format(first=said[0], second=said[1], third=said[2])
    plan = read_page(tmp_path, page)
    tasks = [p.tasks[0] for p in plan.projects]
    assert [p.name for p in plan.projects] == ["社区食堂建设", "农贸市场改造", "公共停车场建设"]
    assert [t.deadline for t in tasks] == list(said)
    assert [t.due for t in tasks] == list(due)


@pytest.mark.parametrize(
    "deck",
    [
        "由群众代表投票从12件候选实事中选出",
        "经人大代表票决,从15个备选项目中确定",
        "在20项候选民生实事中票选产生",
    ],
)
def test_projects_chosen_from_candidates_are_formal(tmp_path: Path, deck: str) -> None:
    page = ONE_LINE_ITEMS.format(first="今年6月底前", second="今年年底前", third="今年9月底前")
    plan = read_page(tmp_path, page.replace("由群众代表投票从12件候选实事中选出", deck))
    assert [p.status for p in plan.projects] == ["formal"] * 3


def test_a_list_of_candidates_stays_candidates(tmp_path: Path) -> None:
    page = ONE_LINE_ITEMS.format(first="今年6月底前", second="今年年底前", third="今年9月底前")
    plan = read_page(tmp_path, page.replace("由群众代表投票从12件候选实事中选出", "2024年民生实事候选项目"))
    assert [p.status for p in plan.projects] == ["candidate"] * 3


SPACED = [
    (
        "养老服务提质",
        ["新建街道综合养老服务中心4家；", "为80周岁以上老人发放高龄津贴；", "开展老年助餐服务，覆盖社区30个。"],
    ),
    ("城乡交通", ["新改建农村公路120公里；", "新增城市公交线路5条。"]),
]
CAPTION = "2023年,城区新开通的公交线路投入运营。"


def _spaced_page(heading_line_number: bool, caption_after: int | None) -> str:
    lines = ["近日,某市今年民生实事发布,共2类5项,涉及养老、交通等领域。"]
    for category, items in SPACED:
        numbered = [f" {n} {text}" for n, text in enumerate(items, start=1)]
        if heading_line_number:  # the number printed at the end of the category's line
            lines.append(f"{category} 1")
            lines.append(numbered[0].replace(" 1 ", "", 1) + "".join(numbered[1:]))
        else:
            lines.append(category + "".join(numbered))
    if caption_after is not None:  # a caption on its own line, the next item run on after it
        text = "\n".join(lines)
        cut = text.index(f" {caption_after + 1} ")
        lines = [text[:cut], CAPTION + text[cut:]]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("heading_line_number", [False, True])
@pytest.mark.parametrize("caption_after", [None, 1, 2])
def test_spaced_numbers_restart_under_each_category(
    tmp_path: Path, heading_line_number: bool, caption_after: int | None
) -> None:
    plan = read_page(tmp_path, _spaced_page(heading_line_number, caption_after))
    expected = [(category, text.rstrip("；。")) for category, items in SPACED for text in items]
    assert [(p.category, p.name.rstrip("；。")) for p in plan.projects] == expected


@pytest.mark.parametrize(
    "line",
    [
        "全市新建 10 所幼儿园,改造 25 个老旧小区。",  # a PDF's spaced figures count, they number nothing
        "2024 年 3 月 15 日",
    ],
)
def test_spaced_figures_are_no_list_numbers(tmp_path: Path, line: str) -> None:
    from minsheng.documents.shapes.list_marks import split_lines

    assert all(piece.style is None for piece in split_lines([line]))


@pytest.mark.parametrize(("said", "read"), [("formal", "formal"), (None, "candidate"), ("candidate", "candidate")])
def test_the_examples_status_is_the_documents(tmp_path: Path, said: str | None, read: str) -> None:
    """A page that reads as candidates, taught by a clerk who says what its projects are."""
    page = ONE_LINE_ITEMS.format(first="今年6月底前", second="今年年底前", third="今年9月底前")
    path = tmp_path / "page.txt"
    path.write_text(page.replace("由群众代表投票从12件候选实事中选出", "2024年民生实事候选项目"), encoding="utf-8")
    example = {
        "name": "社区食堂建设",
        "tasks": [{"content": "在城区新建社区食堂6家,为老年人提供助餐服务,今年6月底前完成。"}],
    }
    if said is not None:
        example["status"] = said
    plan = parse_file(path, example=example)
    assert [p.status for p in plan.projects] == [read] * 3
    if said == "formal":
        assert plan.taught is not None and plan.taught["status"] == "formal"
    else:  # the example bears out the page's own reading of candidates: nothing to teach, and it says so
        assert plan.taught is None and plan.taught_doubts == [SAME]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("新建候车亭，改造公交站台12对；", [(12, "对")]),  # pairs, the measure word closing its clause
        ("开展干部与困难户1对1结对帮扶。", []),  # one to one: no count
        ("按1:1对口支援。", []),
    ],
)
def test_pairs_are_counted_only_as_a_clause_closes(text: str, expected: list[tuple[int, str]]) -> None:
    from minsheng.indicators.extract import extract

    assert [(int(t.value), t.unit) for t in extract(text)] == expected
