"""Kinds of page from blind round 12, each on a small page of its own (not the fixtures' words):
a 责任单位 line beside a 牵头单位 line, headings naming the official answerable for their items,
a one-cell-per-line table with a progress column, figures glossed with pinyin, and a run of
names closed by its own count."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from minsheng.documents.parsed import ParsedPlan
from minsheng.documents.shapes.counts import stated_counts
from minsheng.documents.shapes.leader_headings import heading_leaders
from minsheng.indicators.extract import extract
from minsheng.text.pinyin import unglossed

from .pages import read_page


def _units(plan: ParsedPlan) -> list[tuple[list[str], list[str]]]:
    return [(p.tasks[0].lead_units, p.tasks[0].partner_units) for p in plan.projects]


LEAD_AND_DUTY = """白沙县2026年民生实事分工方案
一、教育
1.新建公办幼儿园2所,新增学位540个。
牵头单位:县教育局
责任单位:县财政局,各乡镇、县自然资源局
2.新增城镇就业2800人以上。
牵头单位:县人社局
责任单位:各乡镇
二、卫生
3.建设村卫生室12个。
牵头单位:县卫健局
责任单位:县发改局、县财政局
"""


def test_a_duty_line_beside_a_lead_line_names_the_partners(tmp_path: Path) -> None:
    assert _units(read_page(tmp_path, LEAD_AND_DUTY)) == [
        (["县教育局"], ["县财政局", "各乡镇", "县自然资源局"]),
        (["县人社局"], ["各乡镇"]),
        (["县卫健局"], ["县发改局", "县财政局"]),
    ]


def test_a_duty_line_alone_still_names_the_leads(tmp_path: Path) -> None:
    # no 牵头单位 beside it: 责任单位 is the only units the item has, and they lead
    alone = LEAD_AND_DUTY.replace("牵头单位:县教育局\n", "").replace("牵头单位:县人社局\n", "")
    assert _units(read_page(tmp_path, alone))[:2] == [(["县财政局", "各乡镇", "县自然资源局"], []), (["各乡镇"], [])]


LEADER_HEADINGS = """清河市2026年民生实事责任分解
一、王海军市长主抓民生实事
1.改善出行条件。新增公交线路6条,新建公交站亭80个。
责任单位:市交通局、市财政局
2.推进城市更新。改造老旧小区35个。
责任单位:市住建局、各区政府
二、刘芳副市长、赵磊副市长分管民生实事
3.扩大托育供给。新增普惠托位900个。
责任单位:市卫健委、市教育局
4.提升养老服务。建设社区养老服务站15个。
责任单位:市民政局
"""


def test_a_heading_naming_an_answerable_official_gives_the_leaders_and_the_category(tmp_path: Path) -> None:
    plan = read_page(tmp_path, LEADER_HEADINGS)
    assert [(p.category, p.tasks[0].leaders) for p in plan.projects] == [
        ("王海军市长主抓民生实事", ["王海军"]),
        ("王海军市长主抓民生实事", ["王海军"]),
        ("刘芳副市长、赵磊副市长分管民生实事", ["刘芳", "赵磊"]),
        ("刘芳副市长、赵磊副市长分管民生实事", ["刘芳", "赵磊"]),
    ]


def test_only_a_named_official_with_a_verb_makes_a_leader_heading() -> None:
    assert heading_leaders("由孙立新区长牵头") == ["孙立新"]
    assert heading_leaders("李强常务副县长负责") == ["李强"]
    for heading in ("教育和就业", "市长热线服务", "书记项目", "民生实事", None):
        assert heading_leaders(heading) == []


PROGRESS_CELLS = """2026年度县民生实事项目推进表
  • 发布日期:2026-08-01

序号

项目内容

当前进度

牵头单位

1

新建公办幼儿园3所。

60%(南区园地基施工中

县教育局

2

改造农村公路35公里。

90%

县交通局

3

建设城市书房4个。

45%(选址调整)

县文旅局
"""


def test_a_progress_cell_is_a_cell_not_a_unit_even_with_its_bracket_left_open(tmp_path: Path) -> None:
    plan = read_page(tmp_path, PROGRESS_CELLS)
    assert [(p.tasks[0].content, p.tasks[0].lead_units) for p in plan.projects] == [
        ("新建公办幼儿园3所。", ["县教育局"]),
        ("改造农村公路35公里。", ["县交通局"]),
        ("建设城市书房4个。", ["县文旅局"]),
    ]


def test_a_figure_reads_through_pinyin_glosses_and_keeps_them_in_its_text() -> None:
    text = "為東鄉(xiāng)1.5萬(wàn)人解決飲水問(wèn)題"
    (found,) = extract(text)
    assert (found.value, found.unit) == (Decimal("15000"), "人")
    assert "1.5萬(wàn)人" in found.text and found.text in text
    assert found.start is not None and text[found.start : found.end].strip() == found.text
    # Latin in brackets without a tone mark is no gloss
    assert unglossed("新建學校(PPP)3所")[0] == "新建學校(PPP)3所"
    assert unglossed("片區(ｑū)改造")[0] == "片區改造"  # a copy that widened the gloss's letters


NAMES_SENTENCE = """东湖市2026年民生服务行动方案
一、办好票决民生实事
各地各部门要认真执行人代会票决结果,加快实施城区供热改造工程、农村道路提升工程、社区食堂建设工程、
中小学扩容工程、公园绿地增补工程等五项经人代会票决确定的民生实事项目(共21个子项目),确保年内完成。
(一)压实责任。各牵头部门要细化方案,明确时间表。
(二)强化督查。市人大常委会年底组织满意度测评。
二、推进百件微实事
各区年内办成不少于20件微实事,全市合计不少于100件。
"""


def test_a_run_of_names_its_own_count_closes_is_the_projects(tmp_path: Path) -> None:
    text = NAMES_SENTENCE.replace("、\n", "、")  # the sentence on one line, as a page prints it
    assert {5, 21} <= stated_counts(text.splitlines())
    plan = read_page(tmp_path, text)
    assert [p.name for p in plan.projects] == [
        "城区供热改造工程",
        "农村道路提升工程",
        "社区食堂建设工程",
        "中小学扩容工程",
        "公园绿地增补工程",
    ]


def test_a_count_that_does_not_match_the_run_makes_no_projects_of_it(tmp_path: Path) -> None:
    text = NAMES_SENTENCE.replace("、\n", "、").replace("等五项", "等八项")
    names = [p.name for p in read_page(tmp_path, text).projects]
    assert "城区供热改造工程" not in names


ANNOUNCEMENT = """青石市第八届人民代表大会第二次会议依法票决产生了青石市人民政府2026年民生实事项目,现公告如下:
青石市人民政府2026年民生实事项目:
1.城南污水管网改造;
2.农村电网升级;
3.社区食堂建设。
"""


def test_with_no_headline_the_lists_own_title_line_is_the_title(tmp_path: Path) -> None:
    assert read_page(tmp_path, ANNOUNCEMENT).title == "青石市人民政府2026年民生实事项目"
    # a headline above wins over the list's title line
    headed = "青石市2026年民生实事项目票决结果公告\n" + ANNOUNCEMENT
    assert read_page(tmp_path, headed).title == "青石市2026年民生实事项目票决结果公告"


def test_the_sentence_that_opens_a_list_is_no_title() -> None:
    """今年将重点办好以下民生实事： announces the list (a verb, 以下, no year): the plan stays untitled."""
    from minsheng.documents.shapes.titles import pick_title

    assert pick_title(["今年将重点办好以下民生实事：", "1. 新建口袋公园10个。"]) is None
    assert pick_title(["某市人民政府2026年民生实事项目：", "1. 新建口袋公园10个。"]) == "某市人民政府2026年民生实事项目"
