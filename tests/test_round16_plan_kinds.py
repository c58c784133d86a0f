"""Kinds of plan page from blind round 16, each on small pages of its own (not the fixtures' words):
an item's number printed alone on its line (`01`, `2`) over its title and its paragraph, or over a
block of one-phrase lines that are its tasks; a caption repeated between the blocks; a mark (`*`)
before a line that is no part of its words; `一、` items of which one heads `（一）` sub-items (the
`一、` items are the projects, the sub-items that one's tasks); and a unit named in the phrase that
leads the project's name (由…负责的…)."""

from __future__ import annotations

from pathlib import Path

import pytest

from minsheng.indicators.extract import extract

from .pages import read_page

LONE_NUMBER_PAGES = [
    [
        "01",
        "社区食堂扩容",
        "在三个小区新设助餐窗口,配送热餐到户,方便独居老人就餐。",
        "02",
        "口袋公园改造",
        "改造闲置地块两处,增设座椅和照明,建成后向居民全天开放。",
        "03",
        "夜间门诊延时",
        "镇卫生院门诊延长至晚上八点,安排医生轮值。",
    ],
    [
        "1",
        "社区食堂扩容",
        "在三个小区新设助餐窗口,配送热餐到户,方便独居老人就餐。",
        "",
        "2",
        "口袋公园改造",
        "改造闲置地块两处,增设座椅和照明,建成后向居民全天开放。",
        "",
        "3",
        "夜间门诊延时",
        "镇卫生院门诊延长至晚上八点,安排医生轮值。",
    ],
]


@pytest.mark.parametrize("lines", LONE_NUMBER_PAGES)
def test_a_number_alone_on_its_line_numbers_the_title_below_it(tmp_path: Path, lines: list[str]) -> None:
    page = "\n".join(["今年街道要办哪些实事?一起来看看!", *lines]) + "\n"
    plan = read_page(tmp_path, page)
    assert [(p.seq, p.name) for p in plan.projects] == [(1, "社区食堂扩容"), (2, "口袋公园改造"), (3, "夜间门诊延时")]
    assert plan.projects[1].tasks[0].content == "改造闲置地块两处,增设座椅和照明,建成后向居民全天开放。"


BLOCKS = """2025年某县民生实事安排

(标注*的为市级实事在本县延伸的项目)

01

新建城市书房4家、社区阅览点12个

*为20个小区加装智能门禁

2025年某县民生实事安排

02

改造背街小巷15条

*新增停车泊位600个

疏浚河道8公里

2025年某县民生实事安排

03

*开设老年大学分校3所

举办健康讲座不少于50场

(责任编辑:王芳)
"""


def test_a_block_of_one_phrase_lines_under_a_lone_number_is_one_project(tmp_path: Path) -> None:
    plan = read_page(tmp_path, BLOCKS)
    assert [p.name for p in plan.projects] == [
        "新建城市书房4家、社区阅览点12个",
        "改造背街小巷15条",
        "开设老年大学分校3所",
    ]
    assert [[t.content for t in p.tasks] for p in plan.projects] == [
        ["新建城市书房4家、社区阅览点12个", "为20个小区加装智能门禁"],
        ["改造背街小巷15条", "新增停车泊位600个", "疏浚河道8公里"],
        ["开设老年大学分校3所", "举办健康讲座不少于50场"],
    ]
    assert [(i.value, i.unit) for i in plan.projects[1].tasks[1].indicators] == [(600, "个")]


HEADED = """今年将为群众办好以下实事,主要内容是——
一、完成农村危房改造3000户。
二、提高城乡居民医保财政补助标准。人均补助由每年580元提高到610元。
三、加强校园安全,建设“平安校园”。
(一)为全部中小学配备专职保安,配齐防护器材。
(二)新建校园视频监控点位1200个。
(三)开展校车安全专项检查不少于4次。
(四)改造学校食堂80所,实现“明厨亮灶”全覆盖。
(五)为农村寄宿制学校新增宿管员500名。
"""


def test_a_heading_item_over_sub_items_is_one_project_among_its_siblings(tmp_path: Path) -> None:
    plan = read_page(tmp_path, HEADED)
    assert [p.name for p in plan.projects] == [
        "完成农村危房改造3000户",
        "提高城乡居民医保财政补助标准",
        "加强校园安全,建设“平安校园”",
    ]
    assert [t.content for t in plan.projects[2].tasks] == [
        "为全部中小学配备专职保安,配齐防护器材。",
        "新建校园视频监控点位1200个。",
        "开展校车安全专项检查不少于4次。",
        "改造学校食堂80所,实现“明厨亮灶”全覆盖。",
        "为农村寄宿制学校新增宿管员500名。",
    ]
    assert plan.projects[1].tasks[0].content == "人均补助由每年580元提高到610元。"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("将高龄津贴由每位老人每月100元提高到150元。", [(150, "元")]),
        ("定期为八里庄居民开展义诊。", []),  # a place named by a numeral word counts no one
        ("为三河群众新建文化广场1处。", [(1, "处")]),
        ("惠及三万居民。", [(30000, "人")]),
    ],
)
def test_a_raised_figure_counts_from_its_new_value_and_a_place_named_by_a_numeral_counts_no_one(
    text: str, expected: list[tuple[int, str]]
) -> None:
    assert [(t.value, t.unit) for t in extract(text)] == expected
