"""Kinds of plan page from blind round 14, each on small pages of its own (not the fixtures' words):
a barred table under barred rows of document info, a timetable column beside the items, items
labelled with their ordinal (第三件实事：…) under a section heading, a run of items closed by the
count it makes (…；J，为今年N项民生实事项目。), and targets counted in people named by a noun
(40万农村居民, 受益人口40万) or not counted at all (二次供水, 五百人口规模以上村)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from minsheng.documents.shapes.counts import stated_counts
from minsheng.indicators.extract import extract

from .pages import read_page


def _targets(text: str) -> list[tuple[Decimal, str, str]]:
    return [(t.value, t.unit, t.op) for t in extract(text)]


ROWS = [
    "1 | 新建社区食堂12家,新增助餐点30个。 | 民政局 | 各街道 |",
    "2 | 改造农村公路85公里。 | 交通运输局 | 财政局、各镇 |",
]


@pytest.mark.parametrize(
    "info",
    [
        ["索引号 | 11330100/2024-00012 | 公开方式 | 主动公开 |", "发布机构 | 县政府办 | 成文日期 | 2024-03-02 |"],
        ["| 信息来源 | 县政府 | 发布日期 | 2024-03-02 | 有效性 | 有效 |"],  # one row of six, led by a bar
        ["主题分类｜城乡建设｜文号｜县政发〔2024〕3号｜"],  # full-width bars
        [],  # no info rows: the table alone must read the same
    ],
)
def test_barred_info_rows_above_the_header_are_no_table(tmp_path: Path, info: list[str]) -> None:
    page = "\n".join([*info, "序号 | 项目名称 | 牵头单位 | 配合单位 |", *ROWS]) + "\n"
    plan = read_page(tmp_path, page)
    assert [p.name for p in plan.projects] == ["新建社区食堂12家,新增助餐点30个", "改造农村公路85公里"]
    assert [p.tasks[0].lead_units for p in plan.projects] == [["民政局"], ["交通运输局"]]
    assert plan.projects[1].tasks[0].partner_units == ["财政局", "各镇"]


@pytest.mark.parametrize("header", ["工作举措及实施计划", "实施步骤", "进度安排"])
def test_a_timetable_column_is_no_content(tmp_path: Path, header: str) -> None:
    rows = [
        "1 | 新建城市书房6家。 | 1.5月底前完成选址;2.9月底前完成装修 3.11月底前开放。 | 文广旅局 |",
        "2 | 新增公共停车泊位1500个。 | 1.4月底前启动建设 2.12月底前全部建成。 | 住建局 |",
    ]
    plan = read_page(tmp_path, "\n".join([f"序号 | 实事项目 | {header} | 责任单位 |", *rows]) + "\n")
    assert [(p.name, [t.content for t in p.tasks]) for p in plan.projects] == [
        ("新建城市书房6家", ["新建城市书房6家。"]),
        ("新增公共停车泊位1500个", ["新增公共停车泊位1500个。"]),
    ]
    assert [(i.value, i.unit) for i in plan.projects[1].tasks[0].indicators] == [(1500, "个")]


def test_a_measures_column_without_a_timetable_stays_the_content(tmp_path: Path) -> None:
    rows = [
        "1 | 城市书房建设 | 新建城市书房6家,配备图书2万册。 | 文广旅局 |",
        "2 | 停车难治理 | 新增公共停车泊位1500个。 | 住建局 |",
    ]
    plan = read_page(tmp_path, "\n".join(["序号 | 项目名称 | 工作举措 | 责任单位 |", *rows]) + "\n")
    assert [(p.name, p.tasks[0].content) for p in plan.projects] == [
        ("城市书房建设", "新建城市书房6家,配备图书2万册。"),
        ("停车难治理", "新增公共停车泊位1500个。"),
    ]


ITEMS = ["新增城镇就业3000人", "改造农村危房200户", "新建村级卫生室15个", "建成农村公路60公里"]


@pytest.mark.parametrize(
    ("label", "colon"),
    [("第{}件实事", ":"), ("第{}件实事", "："), ("第{}件", "："), ("第{}项实事", ",")],
)
def test_ordinal_labels_under_a_section_heading_are_the_projects(tmp_path: Path, label: str, colon: str) -> None:
    numerals = "一二三四"
    lines = ["某县人民政府关于办好2015年4件实事的通知", "各乡镇人民政府,县直各单位:", "一、实事内容"]
    lines += [f"{label.format(numerals[n])}{colon}{item}。" for n, item in enumerate(ITEMS)]
    lines += ["二、工作要求", "各责任单位要加强领导,"]
    plan = read_page(tmp_path, "\n".join(lines) + "\n")
    assert [p.name for p in plan.projects] == ITEMS
    assert [p.seq for p in plan.projects] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("第二件实事:新建学校。第三件实事:修路。第十二件实事:建馆。", set()),  # ordinals count nothing
        ("今年共办好十件实事。第二件实事:新建学校。", {10}),
        ("确定12项民生实事项目", {12}),  # a count stays a count
    ],
)
def test_an_ordinal_is_no_stated_count(text: str, counts: set[int]) -> None:
    assert stated_counts([text]) == counts


@pytest.mark.parametrize(
    "sentence",
    [
        "会上票决出:新建社区食堂12家;改造农村公路85公里;新增停车位800个,为我县2024年3项民生实事项目。",
        "最终确定：新建社区食堂12家；改造农村公路85公里；新增停车位800个，是今年3件民生实事。",
        "代表们选出:新建社区食堂12家、改造农村公路85公里、新增停车位800个,作为今年的3项民生实事项目。",
    ],
)
def test_a_run_closed_by_its_count_is_the_list(tmp_path: Path, sentence: str) -> None:
    plan = read_page(tmp_path, "\n".join(["我县票决产生民生实事项目", "3月5日,县人大召开会议。", sentence]) + "\n")
    assert [p.name for p in plan.projects] == ["新建社区食堂12家", "改造农村公路85公里", "新增停车位800个"]
    assert [(i.value, i.unit) for i in plan.projects[2].tasks[0].indicators] == [(800, "个")]


def test_a_run_whose_count_does_not_match_is_no_list(tmp_path: Path) -> None:
    sentence = "会上票决出:新建社区食堂12家;改造农村公路85公里,为我县2024年4项民生实事项目。"
    from minsheng.documents.shapes.enumeration import read_enumeration

    assert read_enumeration(["我县票决产生民生实事项目", sentence], "page") == ([], [])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("提升30万农村居民饮用水标准", [(30000 * 10, "人", "eq")]),
        ("解决5万农村人口的饮水安全问题", [(50000, "人", "eq")]),
        ("惠及困难群众1.5万以上,", [(15000, "人", "gte")]),
        ("新增受益人口40万;改造管网20公里", [(400000, "人", "eq"), (20, "公里", "eq")]),
        ("为15万老年人提供上门服务", [(150000, "人", "eq")]),  # as before
        ("直接受益群众6万人次", [(60000, "人次", "eq")]),  # a measure word printed wins
    ],
)
def test_people_named_by_a_noun_are_counted_in_people(text: str, expected: list[tuple]) -> None:
    assert _targets(text) == [(Decimal(v), u, op) for v, u, op in expected]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("基本实现五百人口规模以上村全覆盖", []),  # the size of the places served
        ("实现300人规模以上自然村通硬化路", []),
        ("实施80个小区二次供水设施改造", [(80, "个", "eq")]),  # 二次供水 is a name
        ("为孕妇提供两次免费产检", [(2, "次", "eq")]),  # 两次 is a count
        ("新建十二所乡镇幼儿园", [(12, "所", "eq")]),  # 二 inside a larger number
        ("2023年的居民满意度调查", []),  # a date before the people
    ],
)
def test_what_counts_no_one(text: str, expected: list[tuple]) -> None:
    assert _targets(text) == [(Decimal(v), u, op) for v, u, op in expected]
