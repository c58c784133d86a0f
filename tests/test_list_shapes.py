"""More shapes of plans printed as lists (round 6 of tests/fixtures/unseen/SOURCES.md).

Kept apart from test_lists.py, which is long; the texts are new, the layouts real."""

from __future__ import annotations

from pathlib import Path

import pytest

from minsheng.documents.errors import DocumentError
from minsheng.documents.parse import parse_file
from minsheng.documents.shapes.rules import item_title


def _read(tmp_path: Path, text: str) -> list[tuple[int | None, str, list[str]]]:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return [(p.seq, p.name, [t.content for t in p.tasks]) for p in parse_file(path).projects]


def _refused(tmp_path: Path, text: str) -> bool:
    try:
        _read(tmp_path, text)
    except DocumentError:
        return True
    return False


@pytest.mark.parametrize(
    ("text", "name", "content"),
    [
        (
            "科教惠民工程（项目5个，其中基建工程类4个、“小而美”事项类1个）。主要是新建幼儿园18所。",
            "科教惠民工程",
            "主要是新建幼儿园18所。",
        ),
        (
            "就業社保工程（項目3個，均為“小而美”事項類）。主要是舉辦招聘會260場。",
            "就業社保工程",
            "主要是舉辦招聘會260場。",
        ),
        ("便民服务（共2项）。新建便民服务中心2个。", "便民服务", "新建便民服务中心2个。"),
        # a parenthesis that counts no parts stays in the name
        (
            "新建城东学校（含幼儿园）。新增学位900个，年底前完工。",
            "新建城东学校（含幼儿园）",
            "新增学位900个，年底前完工。",
        ),
    ],
)
def test_the_count_of_an_items_parts_after_its_name_is_a_note(text: str, name: str, content: str) -> None:
    assert item_title(text) == (name, content)


COUNTED = (
    "2025年全县4大民生实事项目\n（按得票多少排序）\n城区供水改造项目\n中学扩建工程\n农贸市场提升项目\n{last}\n"
    "来源：县人大\n"
)


def test_names_one_per_line_under_their_stated_count_are_the_projects(tmp_path: Path) -> None:
    projects = _read(tmp_path, COUNTED.format(last="停车场建设项目"))
    assert [(seq, name) for seq, name, _ in projects] == [
        (1, "城区供水改造项目"),
        (2, "中学扩建工程"),
        (3, "农贸市场提升项目"),
        (4, "停车场建设项目"),
    ]
    assert projects[0][2] == ["城区供水改造项目"]


def test_name_lines_that_do_not_match_the_stated_count_are_refused(tmp_path: Path) -> None:
    assert _refused(tmp_path, COUNTED.format(last=""))


TITLED = (
    "街道2025年民生实事项目出炉\n项目内容具体包括：\n"
    "积水点改造项目：对5处易积水路段进行排水改造。\n"
    "社区食堂建设项目：新建社区食堂2个。\n"
    "{third}\n"
    "会议还通报了去年的满意度测评结果。\n"
)


def test_three_titled_items_in_a_row_without_numbers_are_the_projects(tmp_path: Path) -> None:
    projects = _read(tmp_path, TITLED.format(third="背街小巷整治项目：整治背街小巷6条。"))
    assert projects == [
        (1, "积水点改造项目", ["对5处易积水路段进行排水改造。"]),
        (2, "社区食堂建设项目", ["新建社区食堂2个。"]),
        (3, "背街小巷整治项目", ["整治背街小巷6条。"]),
    ]


def test_two_titled_items_or_labels_are_no_list(tmp_path: Path) -> None:
    assert _refused(tmp_path, TITLED.format(third="责任单位：街道城管办。"))


NUMBERS = (
    "2025年某区为民办实事项目\n1\n新增养老床位80张\n改建照护床位120张\n2\n新增充电桩300个\n{after}（责任编辑：某某）\n"
)


def test_a_number_alone_over_its_target_lines_is_a_project_with_those_tasks(tmp_path: Path) -> None:
    projects = _read(tmp_path, NUMBERS.format(after=""))
    assert projects == [
        (1, "新增养老床位80张", ["新增养老床位80张", "改建照护床位120张"]),
        (2, "新增充电桩300个", ["新增充电桩300个"]),
    ]


def test_numbers_alone_out_of_order_or_over_nothing_are_no_list(tmp_path: Path) -> None:
    # out of order, no list: its three target lines are only offered as a guess, each one doubted (issue 26)
    path = tmp_path / "page.txt"
    path.write_text(NUMBERS.replace("\n2\n", "\n3\n").format(after=""), encoding="utf-8")
    guess = parse_file(path)
    assert [p.name for p in guess.projects] == ["新增养老床位80张", "改建照护床位120张", "新增充电桩300个"]
    assert all(p.sureness < 1 and any("最可能的读法" in d for d in p.doubts) for p in guess.projects)
    assert _refused(tmp_path, "2025年某区为民办实事项目\n1\n2\n3\n")


def test_a_section_telling_a_projects_progress_names_it_and_sets_no_target(tmp_path: Path) -> None:
    text = (
        "2025年某乡民生实事项目实施情况的报告\n"
        "一、滨水步道建设项目完成情况\n总投资260万元，完成步道1.8公里，现已投用。\n"
        "二、集镇道路拓宽项目完成情况\n道路全长720米，新增路灯46盏。\n"
    )
    path = tmp_path / "report.txt"
    path.write_text(text, encoding="utf-8")
    projects = parse_file(path).projects
    assert [(p.name, p.tasks[0].content, p.tasks[0].indicators) for p in projects] == [
        ("滨水步道建设项目", "滨水步道建设项目", []),
        ("集镇道路拓宽项目", "集镇道路拓宽项目", []),
    ]
    path.write_text(text.replace("完成情况", "").replace("实施情况的报告", "实施方案"), encoding="utf-8")
    assert parse_file(path).projects[0].tasks[0].content == "总投资260万元，完成步道1.8公里，现已投用。"
