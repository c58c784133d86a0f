"""Kinds of page from round 11: a delimited table broken one cell per line (any delimiter), and
numbered headings that are the projects because the page states how many there are."""

from __future__ import annotations

from pathlib import Path

import pytest

from minsheng.documents.parse import parse_file
from minsheng.documents.readers.broken_rows import unbroken_rows
from minsheng.plans.states import ProjectStatus

_ROWS = [
    ["序号", "项目名称", "建设内容", "责任单位"],
    ["1", "城区道路改造", "改造道路3公里。", "县住建局"],
    ["2", "新建托育中心", "新建托育中心2所。", "县卫健局"],
    ["3", "农村饮水提升", "新建水厂1座。", "县水利局"],
]


def _broken(delimiter: str, opener: str | None = None) -> str:
    """The rows as a bar-ruled row becomes with a line break after every delimiter."""
    lines = ["青山县2026年民生实事项目", "附件："]
    for row in _ROWS:
        lines.append(opener or delimiter)
        lines.extend(f"{cell} {delimiter}" if delimiter != "\t" else cell + "\t" for cell in row)
    return "\n".join(lines) + "\n"


def _read(tmp_path: Path, text: str) -> list[tuple[int | None, str, str, list[str]]]:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return [(p.seq, p.name, p.tasks[0].content, p.tasks[0].lead_units) for p in parse_file(path).projects]


@pytest.mark.parametrize("delimiter", ["|", "｜", "\t"])
def test_it_reads_a_table_broken_after_every_delimiter_whatever_the_delimiter(tmp_path: Path, delimiter: str) -> None:
    assert _read(tmp_path, _broken(delimiter)) == [
        (1, "城区道路改造", "改造道路3公里。", ["县住建局"]),
        (2, "新建托育中心", "新建托育中心2所。", ["县卫健局"]),
        (3, "农村饮水提升", "新建水厂1座。", ["县水利局"]),
    ]


def test_it_joins_a_cells_own_line_break_to_the_cell_its_delimiter_closes() -> None:
    lines = ["|", "1 |", "城区道路", "改造 |", "县住建局 |", "|", "2 |", "托育 |", "县卫健局 |", "|", "3 |", "x |"]
    assert unbroken_rows(lines)[:5] == ["\t1", "\t城区道路", "改造", "\t县住建局", ""]


def test_it_takes_a_title_spanned_over_the_table_as_a_caption_and_a_lone_cell_after_rows_as_a_row() -> None:
    lines = ["|", "标题 |", "|||", "|", "序号 |", "名称 |", "单位 |", "|", "1 |", "名称一 |", "局 |", "|", "一、教育 |"]
    out = unbroken_rows(lines)
    assert out[0] == "标题"
    assert out[-2:] == ["\t一、教育", ""]


def test_it_leaves_captions_closed_by_a_bar_and_whole_bar_rows_alone() -> None:
    lines = ["附件 |", "分解表 |", "序号 | 名称 | 单位 |", "1 | 道路 | 局 |"]
    assert unbroken_rows(lines) == lines


_HEADINGS = """请从以下4项备选项目中选出3项。
一、道路畅通工程
1.完成大桥底回旋路建设。
2.完成2.3公里农路建设。
二、推进水浸黑点治理
完成康乐新村大街水浸黑点整治。
三、增加公办学位供给
1.新增公办小学学位2160个。
2.启动东街小学运动场改造工程。
四、关爱长者助餐服务
新建长者饭堂2间。
"""


def test_headings_as_many_as_the_stated_count_are_the_projects_with_their_items_as_tasks(tmp_path: Path) -> None:
    text = "2026年青山镇民生实事备选项目\n" + _HEADINGS
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    projects = parse_file(path).projects
    assert [(p.name, [t.content for t in p.tasks]) for p in projects] == [
        ("道路畅通工程", ["完成大桥底回旋路建设。", "完成2.3公里农路建设。"]),
        ("推进水浸黑点治理", ["完成康乐新村大街水浸黑点整治。"]),
        ("增加公办学位供给", ["新增公办小学学位2160个。", "启动东街小学运动场改造工程。"]),
        ("关爱长者助餐服务", ["新建长者饭堂2间。"]),
    ]
    assert {p.status for p in projects} == {ProjectStatus.CANDIDATE}  # 备选: to be chosen from


def test_headings_the_stated_count_does_not_number_stay_categories(tmp_path: Path) -> None:
    text = "2026年青山镇民生实事项目\n" + _HEADINGS.replace("请从以下4项备选项目中选出3项", "共6个项目")
    text = text.replace("完成康乐新村大街水浸黑点整治。", "1.完成康乐新村大街水浸黑点整治。")
    text = text.replace("新建长者饭堂2间。", "1.新建长者饭堂2间。")
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    projects = parse_file(path).projects
    assert len(projects) == 6
    assert projects[0].category == "道路畅通工程"
    assert {p.status for p in projects} == {ProjectStatus.FORMAL}
