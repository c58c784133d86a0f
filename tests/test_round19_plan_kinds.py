"""Kinds of plan page from blind round 19, each on small pages of its own (not the fixtures' words):
projects printed with no item mark at all — a short heading line over one content line, repeated under
a lead paragraph, or `名称,内容` pieces of one paragraph cut by `;` (a name now and then ending at `:`) —
read alone and taught by one example; and a page's headline (printed twice, after a counter line)
that must never become every project's category: a category is a heading inside the list."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from minsheng.documents.parse import parse_file, read_document
from minsheng.documents.parsed import ParsedPlan
from minsheng.documents.shapes.taught_cut import Cut, document_lines, learn_cut
from minsheng.documents.shapes.titles import jurisdiction_in


def _read(tmp_path: Path, text: str, example: dict[str, Any] | None = None) -> ParsedPlan:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path, example=example)


def _rows(plan: ParsedPlan) -> list[tuple[str, list[str]]]:
    return [(p.name.rstrip("。"), [t.content.rstrip("。；;") for t in p.tasks]) for p in plan.projects]


# --- heading lines, each over one content line, no numbers ----------------------------------------

PAIRED = [
    ("推进城区供暖管网改造工程", "改造老旧供暖管网42公里,新建换热站6座。"),
    ("实施农村饮水安全巩固项目", "新打机井18眼;更换入户水表3200块。"),
    ("开展残疾儿童康复救助行动", "为600名残疾儿童提供康复训练和辅具适配。"),
    ("建设社区嵌入式托育点", "新建普惠托育点15个,新增托位900个。"),
]

PAIRED_LEAD = (
    "3月2日,记者从青原市发展改革委获悉,市政府近日印发今年为民办实事工作方案,"
    "明确了各项目的建设内容、责任单位和完成时限。\n"
)


def _paired(lead: str = PAIRED_LEAD, tail: str = "", pairs: list[tuple[str, str]] = PAIRED) -> str:
    return lead + "".join(f"{name}\n{content}\n" for name, content in pairs) + tail


TRADITIONAL = [
    ("推進城區供暖管網改造工程", "改造老舊供暖管網42公里,新建換熱站6座。"),
    ("實施農村飲水安全鞏固項目", "新打機井18眼;更換入戶水表3200塊。"),
    ("開展殘疾兒童康復救助行動", "為600名殘疾兒童提供康復訓練。"),
]
PAIRED_PAGES = {
    "lead": (_paired(), PAIRED),
    "byline": (_paired(tail="(记者 张明远)\n"), PAIRED),
    "headline": (_paired(lead="青原市今年办好四件民生实事\n" + PAIRED_LEAD, tail="责任编辑:李芳\n"), PAIRED),
    "traditional": (
        _paired(lead="記者從青原市發改委了解到,市政府近日印發為民辦實事方案,明確了完成時限。\n", pairs=TRADITIONAL),
        TRADITIONAL,
    ),
}


@pytest.mark.parametrize(("page", "pairs"), PAIRED_PAGES.values(), ids=PAIRED_PAGES.keys())
def test_heading_lines_over_one_content_line_are_names_and_contents(
    tmp_path: Path, page: str, pairs: list[tuple[str, str]]
) -> None:
    plan = _read(tmp_path, page)
    assert _rows(plan) == [(name, [content.rstrip("。")]) for name, content in pairs]
    assert all(p.category is None for p in plan.projects)


def test_heading_lines_taught_by_the_first_pair_read_every_pair(tmp_path: Path) -> None:
    name, content = PAIRED[0]
    example = {"name": name, "tasks": [{"content": content}]}
    plan = _read(tmp_path, _paired(tail="(记者 张明远)\n"), example)
    assert _rows(plan) == [(n, [c.rstrip("。")]) for n, c in PAIRED]


def test_a_heading_over_two_content_lines_is_taught_as_such(tmp_path: Path) -> None:
    """The example shows two lines under its heading: every heading has two lines under it."""
    page = (
        PAIRED_LEAD + "提升城市公园品质\n新建口袋公园12个。\n改造公园厕所30座。\n"
        "改善农村人居环境\n改造农村户厕5000户。\n建设村级污水处理站20座。\n"
        "扩大优质教育供给\n新建中小学4所。\n新增学位6000个。\n"
    )
    example = {
        "name": "提升城市公园品质",
        "tasks": [{"content": "新建口袋公园12个。"}, {"content": "改造公园厕所30座。"}],
    }
    plan = _read(tmp_path, page, example)
    assert _rows(plan) == [
        ("提升城市公园品质", ["新建口袋公园12个", "改造公园厕所30座"]),
        ("改善农村人居环境", ["改造农村户厕5000户", "建设村级污水处理站20座"]),
        ("扩大优质教育供给", ["新建中小学4所", "新增学位6000个"]),
    ]


def test_prose_paragraphs_with_a_subheading_are_no_heading_pairs(tmp_path: Path) -> None:
    """Control: a story's paragraphs, one short subheading among them, are not a list of projects."""
    page = (
        "青原市召开民生工作推进会\n"
        "会议指出,要把群众的急难愁盼作为工作重点,确保各项任务落地见效。\n"
        "抓好落实\n"
        "会议要求,各部门要压实责任,加强调度,按月通报进展情况。\n"
    )
    path = tmp_path / "page.txt"
    path.write_text(page, encoding="utf-8")
    try:
        plan = parse_file(path)
    except Exception:  # refused: no plan in it, as before
        return
    assert "抓好落实" not in [p.name for p in plan.projects]


# --- `名称,内容` pieces of one paragraph cut by `;` ------------------------------------------------

NAMED_PIECES = [
    ("安居保障工程", "完成城中村改造1200户,新建保障性租赁住房800套"),
    ("助学圆梦工程", "为困难家庭学生发放助学金300万元"),
    ("健康守护工程", "建成村卫生室标准化改造45个,开展免费体检2万人次"),
    ("平安出行工程", "改造危桥8座,增设道路护栏30公里"),
    (
        "乡村书香工程",
        "建成集阅读分享、亲子活动、讲座培训、非遗展示为一体的乡村阅读空间(约300平方米),"
        "配置图书、期刊、电子阅览等设施,配备专兼职管理员,常年开展全民阅读推广活动",
    ),
]


def _pieces(colon_at: int | None = None) -> str:
    parts = [f"{n}{':' if k == colon_at else ','}{c}" for k, (n, c) in enumerate(NAMED_PIECES)]
    return (
        "临溪镇2026年五大民生实事出炉\n"
        "镇人代会票选出今年五大民生实事项目。这五大民生实事项目分别是:" + ";".join(parts) + "。\n"
    )


@pytest.mark.parametrize("colon_at", [None, 3, 0], ids=["commas", "one_colon", "first_colon"])
def test_named_pieces_of_one_paragraph_split_at_their_first_comma_or_colon(
    tmp_path: Path, colon_at: int | None
) -> None:
    plan = _read(tmp_path, _pieces(colon_at))
    assert _rows(plan) == [(n, [c]) for n, c in NAMED_PIECES]


def test_named_pieces_taught_by_the_first_read_every_piece(tmp_path: Path) -> None:
    name, content = NAMED_PIECES[0]
    plan = _read(tmp_path, _pieces(3), {"name": name, "tasks": [{"content": content}]})
    assert _rows(plan) == [(n, [c]) for n, c in NAMED_PIECES]


def test_pieces_that_are_work_sentences_keep_their_whole_text_as_name(tmp_path: Path) -> None:
    """Control: pieces opening with work and a target (no name before their comma) name themselves."""
    items = [
        "新建公办幼儿园20所",
        "改造农村公路200公里,新建桥梁12座",
        "为5万名老人发放高龄津贴",
        "建成城市书房10家,新增藏书5万册",
    ]
    page = "青原市2026年民生实事\n今年“四件民生实事”具体为:" + ";".join(items) + "。\n"
    plan = _read(tmp_path, page)
    assert [p.name.rstrip("。") for p in plan.projects] == items


# --- the page's headline is no category --------------------------------------------------------------

HEADLINE_PAGES = {
    "counter": "分享\n0\n2026年白河县十件民生实事出炉\n",
    "twice": "2026年白河县十件民生实事出炉\n来源:白河新闻网 2026-02-11\n2026年县政府十件民生实事出炉\n",
    "count_line": "白河县2026年民生实事项目(共5项)\n发布时间:2026-02-11\n",
}
ITEMS = [
    "实施5条城区“断头路”打通工程",
    "新建普惠性幼儿园8所",
    "实施全县环卫工人爱心驿站工程",
    "扩大门诊慢特病跨省直接结算范围",
    "实施城乡小学“暖心午餐”提质工程",
]


@pytest.mark.parametrize("head", HEADLINE_PAGES.values(), ids=HEADLINE_PAGES.keys())
def test_a_headline_above_the_lead_paragraphs_is_no_category(tmp_path: Path, head: str) -> None:
    page = (
        head + "  办一件实事,暖一片人心。县人代会上,代表们以投票方式从8件候选项目中票决出今年的民生实事。\n"
        "  按照得票多少,确定以下5项为县政府2026年度民生实事项目:\n"
        + "".join(f"  {n} {item};\n" for n, item in enumerate(ITEMS, start=1))
    )
    plan = _read(tmp_path, page)
    assert [p.name.rstrip("。;") for p in plan.projects] == ITEMS
    assert [p.category for p in plan.projects] == [None] * len(ITEMS)


def test_a_category_heading_right_above_its_items_stays_their_category(tmp_path: Path) -> None:
    """Control: one heading inside the list, with only the lead-in between it and the items."""
    page = "白河县2026年民生实事项目\n一、教育惠民\n今年重点办好以下实事:\n" + "".join(
        f"{n}.{item};\n" for n, item in enumerate(ITEMS[:3], start=1)
    )
    plan = _read(tmp_path, page)
    assert [p.category for p in plan.projects] == ["教育惠民"] * 3


# --- the taught cut learns the line pattern or the separator where no mark stands before the name ---


def _learned(tmp_path: Path, text: str, example: dict[str, Any]) -> Cut | None:
    path = tmp_path / "learn.txt"
    path.write_text(text, encoding="utf-8")
    return learn_cut(document_lines(read_document(path)), example)


def test_the_taught_cut_learns_the_line_pattern_under_an_unmarked_heading(tmp_path: Path) -> None:
    name, content = PAIRED[1]
    cut = _learned(tmp_path, _paired(), {"name": name, "tasks": [{"content": content}]})
    assert cut is not None and (cut.mark, cut.name_end, cut.tasks, cut.siblings) == ("", "line", "lines", "lines:1")


def test_the_taught_cut_learns_the_separator_after_a_lead_in(tmp_path: Path) -> None:
    name, content = NAMED_PIECES[0]
    cut = _learned(tmp_path, _pieces(3), {"name": name, "tasks": [{"content": content}]})
    assert cut is not None and (cut.mark, cut.name_end, cut.siblings) == ("", "，", "sep:；")


def test_uncounted_named_pieces_read_right_once_taught(tmp_path: Path) -> None:
    """No count stated, so no rule reads the pieces' names; the first piece as example teaches them."""
    parts = [f"{n}{':' if k == 2 else ','}{c}" for k, (n, c) in enumerate(NAMED_PIECES)]
    page = "临溪镇民生实事出炉\n经镇人代会票选,今年要办好的民生实事分别是:" + ";".join(parts) + "。\n"
    name, content = NAMED_PIECES[0]
    plan = _read(tmp_path, page, {"name": name, "tasks": [{"content": content}]})
    assert _rows(plan) == [(n, [c]) for n, c in NAMED_PIECES]


def test_an_unmarked_line_inside_prose_teaches_no_cut(tmp_path: Path) -> None:
    """Control: a name standing mid-sentence with no mark, no heading line and no separator run."""
    page = "县政府今年将推进城区供暖管网改造工程,改造老旧供暖管网42公里,力争年底前完工。\n其他工作按计划推进。\n"
    example = {"name": "推进城区供暖管网改造工程", "tasks": [{"content": "改造老旧供暖管网42公里"}]}
    assert _learned(tmp_path, page, example) is None


def test_a_taught_heading_line_is_no_title_and_the_bodies_issuing_are_no_place(tmp_path: Path) -> None:
    """The lead names `2021年市委市政府…方案` (the issuing bodies, no place); no headline above it, and a
    project's heading line is never taken for the page's title."""
    name, content = PAIRED[0]
    lead = "记者从市发改委了解到,市里近日印发《2026年市委市政府为民办实事实施方案》,明确了各项目的完成时限。\n"
    plan = _read(tmp_path, _paired(lead=lead), {"name": name, "tasks": [{"content": content}]})
    assert plan.title is None and plan.jurisdiction is None
    assert jurisdiction_in(["2013年龙岩市委、市政府为民办实事"]) == "龙岩市"
