"""Kinds of plan page from blind rounds 17 and 18, each on small pages of its own (not the fixtures'
words): the first item run on from the lead-in sentence on its line, the others on lines of their
own; a stray half-width comma before another mark (`一,、`, `,。`, `,;`), as mirrored pages print
them; `一、` headings that read as work over `（一）` sub-items, some of them over one unnumbered
line instead (the headings are the projects, the lines their tasks); and a category line whose
only item follows its name after a colon while the other categories number theirs (①②)."""

from __future__ import annotations

from pathlib import Path

import pytest

from minsheng.documents.parse import parse_file
from minsheng.documents.parsed import ParsedPlan
from minsheng.text.normal import normal

from .pages import read_page


def _names(plan: ParsedPlan) -> list[tuple[int | None, str]]:
    return [(p.seq, p.name.rstrip("。")) for p in plan.projects]


# --- the first item on the lead-in's line ---------------------------------------------------------

RUN_ON_PAGES = [
    (
        "经镇党委会议研究,今年从四个方面为群众办事:一是扩建中心敬老院。新增床位80张;配齐护理人员。\n"
        "二是改善乡村道路。硬化村组道路12公里,安装路灯300盏。\n"
        "三是办好农村学校。新建食堂2所,改造旱厕6座。\n"
        "四是保障饮水安全。铺设供水管网9公里,惠及农户1500户。\n",
        "扩建中心敬老院",
    ),
    (
        "2026年区政府将集中办好以下民生实事:1.扩建中心敬老院,新增床位80张;\n"
        "2.硬化村组道路12公里;\n"
        "3.新建农村学校食堂2所;\n"
        "4.铺设供水管网9公里。\n",
        "扩建中心敬老院,新增床位80张",
    ),
    (
        "县政府研究确定今年办好五件实事。具体是:(一)扩建中心敬老院,新增床位80张。\n"
        "(二)硬化村组道路12公里。\n"
        "(三)新建农村学校食堂2所。\n"
        "(四)铺设供水管网9公里。\n"
        "(五)改造农贸市场3个。\n",
        "扩建中心敬老院,新增床位80张",
    ),
]


@pytest.mark.parametrize(("page", "first"), RUN_ON_PAGES, ids=["yishi", "dot", "paren"])
def test_the_first_item_run_on_from_the_lead_in_is_an_item(tmp_path: Path, page: str, first: str) -> None:
    plan = read_page(tmp_path, "乡镇惠民实事清单\n" + page)
    names = _names(plan)
    assert names[0] == (1, first)
    assert [seq for seq, _ in names] == list(range(1, len(page.strip().split("\n")) + 1))
    assert not any(name[:2] in ("二是", "三是") for _, name in names)


def test_a_lone_first_item_in_prose_with_no_second_on_the_next_line_stays_prose(tmp_path: Path) -> None:
    page = (
        "街道2026年民生实事项目\n"
        "会议指出,做好今年工作要把握两点:一是坚持问题导向,二是坚持群众评判。\n"
        "1.新建社区食堂3个;\n"
        "2.改造老旧小区5个;\n"
        "3.增设充电桩200个。\n"
    )
    plan = read_page(tmp_path, page)
    assert _names(plan) == [(1, "新建社区食堂3个"), (2, "改造老旧小区5个"), (3, "增设充电桩200个")]


# --- stray commas before another mark ------------------------------------------------------------


def test_a_comma_printed_before_another_mark_reads_as_a_space() -> None:
    assert normal("一,、扩建") == "一 、扩建"
    assert normal("名称,。内容,;下一项,,再一项") == "名称 。内容 ；下一项 ，再一项"
    assert normal("投资1,500万元,新建3所") == "投资1,500万元，新建3所"  # a figure's comma and a clause's stay


STRAY_PAGES = [
    "一,、扩建社区食堂,。新建助餐点12个,;为独居老人送餐上门,。\n"
    "二,、改造老旧小区,。完成小区改造30个,,加装电梯40部。\n"
    "三,、畅通城乡公交。新开公交线路6条,、更新公交车50辆,。\n",
    "1,、扩建社区食堂,。新建助餐点12个,;为独居老人送餐上门,。\n"
    "2,、改造老旧小区,。完成小区改造30个,,加装电梯40部。\n"
    "3,、畅通城乡公交。新开公交线路6条,、更新公交车50辆,。\n",
]


@pytest.mark.parametrize("items", STRAY_PAGES, ids=["numeral", "figure"])
def test_stray_commas_neither_open_a_name_nor_hide_its_end(tmp_path: Path, items: str) -> None:
    plan = read_page(tmp_path, "2026年市政府民生实事项目为:\n" + items)
    assert _names(plan) == [(1, "扩建社区食堂"), (2, "改造老旧小区"), (3, "畅通城乡公交")]
    first = plan.projects[0].tasks[0]
    assert first.content == "新建助餐点12个,;为独居老人送餐上门,。"  # the content keeps what was printed
    assert [(i.value, i.unit) for i in plan.projects[1].tasks[0].indicators] == [(30, "个"), (40, "部")]


# --- headings that read as work over sub-items or one plain line ----------------------------------

HEADING_PAGES = [
    "2026年县委县政府为民办实事项目主要内容是:\n"
    "一、实施城乡供水提升工程\n"
    "(一)新建水厂2座\n"
    "(二)铺设供水管网40公里\n"
    "二、推进老旧小区改造\n"
    "完成老旧小区改造15个,惠及居民3000户\n"
    "三、完善公共文化设施\n"
    "(一)新建村级文化广场12个\n"
    "(二)建成城市书房5家\n"
    "(三)开展送戏下乡200场\n",
    "今年市政府为民办实事的主要内容是:\n"
    "一、加快养老服务设施建设\n"
    "(一)新建社区养老服务站10个\n"
    "(二)改造敬老院4所\n"
    "二、开展困难群众帮扶\n"
    "为低保家庭发放临时救助金\n"
    "三、提升农村公路通行能力\n"
    "(一)建成农村公路50公里\n"
    "(二)改造危桥6座\n"
    "四、增设城市停车泊位\n"
    "新增公共停车泊位2000个\n",
]


def _outline(page: str) -> list[tuple[str, list[str]]]:
    """The page's headings, each with the lines under it without their `(一)` marks."""
    out: list[tuple[str, list[str]]] = []
    for line in page.strip().split("\n")[1:]:
        if line[1:2] == "、":
            out.append((line[2:], []))
        else:
            out[-1][1].append(line.split(")", 1)[1] if line.startswith("(") else line)
    return out


@pytest.mark.parametrize("page", HEADING_PAGES)
def test_work_headings_over_sub_items_or_one_line_are_the_projects(tmp_path: Path, page: str) -> None:
    plan = read_page(tmp_path, page)
    got = [(p.name, [t.content for t in p.tasks]) for p in plan.projects]
    assert got == _outline(page)
    assert all(p.category is None for p in plan.projects)


def test_noun_category_headings_over_numbered_items_stay_categories(tmp_path: Path) -> None:
    page = (
        "2026年区民生实事项目如下:\n"
        "一、教育惠民\n"
        "(一)新建幼儿园3所\n"
        "(二)改造中小学食堂8个\n"
        "二、医疗卫生\n"
        "(一)建成社区卫生服务站6个\n"
        "(二)为65岁以上老人免费体检2万人次\n"
    )
    plan = read_page(tmp_path, page)
    assert [(p.category, p.name) for p in plan.projects] == [
        ("教育惠民", "新建幼儿园3所"),
        ("教育惠民", "改造中小学食堂8个"),
        ("医疗卫生", "建成社区卫生服务站6个"),
        ("医疗卫生", "为65岁以上老人免费体检2万人次"),
    ]


# --- a category whose only item follows its colon ------------------------------------------------

CATEGORY_PAGES = [
    "1、省级实事工程:新建乡镇公办幼儿园4所。\n"
    "2、市级民生工程:①改造农村薄弱学校12所;②建成社会足球场3个。\n"
    "3、县级民生工程:①建设特殊教育学校;②建成教师周转宿舍2栋。\n",
    "1、省级实事工程:\n"
    "①改造农村薄弱学校12所;②建成社会足球场3个。\n"
    "2、市级民生工程:新建乡镇公办幼儿园4所。\n"
    "3、县级民生工程:\n"
    "①建设特殊教育学校;②建成教师周转宿舍2栋。\n",
]


@pytest.mark.parametrize("items", CATEGORY_PAGES, ids=["first", "middle"])
def test_a_category_line_with_its_one_item_after_the_colon_keeps_the_item(tmp_path: Path, items: str) -> None:
    page = "县教育局2026年民生实事项目公示\n现将我局民生实事项目公示如下:\n" + items + "特此公示。\n"
    plan = read_page(tmp_path, page)
    got = [(p.category, p.name.rstrip("。")) for p in plan.projects]
    assert ("省级实事工程", "新建乡镇公办幼儿园4所") in got or ("市级民生工程", "新建乡镇公办幼儿园4所") in got
    assert len(got) == 5
    assert {c for c, _ in got} == {"省级实事工程", "市级民生工程", "县级民生工程"}
    assert ("县级民生工程", "建成教师周转宿舍2栋") in got


# --- an office's own list: the office that heads the title and signs the page leads ---------------

OFFICE_PAGES = [
    ("南岭县卫生健康局2026年民生实事项目公示", "南岭县卫生健康局", "南岭县"),
    ("青溪市文化广电旅游局关于2026年民生实事项目的公示", "青溪市文化广电旅游局", "青溪市"),
]


@pytest.mark.parametrize(("title", "office", "place"), OFFICE_PAGES, ids=["year", "guanyu"])
def test_an_office_publishing_its_own_list_leads_its_items(tmp_path: Path, title: str, office: str, place: str) -> None:
    page = (
        f"{title}\n现将我局今年民生实事项目公示如下:\n"
        "1.新建村卫生室12个;\n2.为65岁以上老人免费体检3万人次;\n3.改造乡镇卫生院4所。\n"
        f"{office}\n2026年3月2日\n"
    )
    plan = read_page(tmp_path, page)
    assert [t.lead_units for p in plan.projects for t in p.tasks] == [[office]] * 3
    assert plan.jurisdiction == place


def test_an_office_that_does_not_sign_the_page_or_a_government_leads_nothing(tmp_path: Path) -> None:
    items = "1.新建村卫生室12个;\n2.为65岁以上老人免费体检3万人次;\n3.改造乡镇卫生院4所。\n"
    unsigned = read_page(tmp_path, "南岭县卫生健康局2026年民生实事项目公示\n" + items + "欢迎群众监督。\n")
    assert all(t.lead_units == [] for p in unsigned.projects for t in p.tasks)
    government = "南岭县人民政府办公室2026年民生实事项目公示\n" + items + "南岭县人民政府办公室\n2026年3月2日\n"
    assert all(t.lead_units == [] for p in read_page(tmp_path, government).projects for t in p.tasks)


# --- the year and the place said in the sentence over a list or a table ---------------------------


def test_a_table_under_a_sentence_takes_the_year_the_sentence_names(tmp_path: Path) -> None:
    page = (
        "3月5日,南岭县人大常委会票决确定2026年南岭县民生实事项目,共3项,分别是:\n"
        "序号 | 项目名称 |\n"
        "1 | 助餐项目:新建老年食堂6个 |\n"
        "2 | 便民项目:新增公交线路3条 |\n"
        "3 | 安居项目:改造老旧小区9个 |\n"
    )
    plan = read_page(tmp_path, page)
    assert plan.year == 2026
    assert [p.name for p in plan.projects] == ["助餐项目", "便民项目", "安居项目"]


@pytest.mark.parametrize("word", ["经", "由", "据"])
def test_a_preposition_before_the_place_is_not_the_places(tmp_path: Path, word: str) -> None:
    page = (
        f"{word}青溪市第九届人民代表大会第三次会议票决,2026年青溪市民生实事项目为:\n"
        "一、新建老年食堂6个;\n二、新增公交线路3条;\n三、改造老旧小区9个。\n"
    )
    assert read_page(tmp_path, page).jurisdiction == "青溪市"


def test_a_numeral_word_glued_to_a_figure_is_part_of_a_name() -> None:
    from minsheng.indicators.extract import extract

    def found(text: str) -> list[tuple[float, str]]:
        return [(float(i.value), i.unit) for i in extract(text)]

    assert found("完成东坝、西河、三台5个社区改造") == [(5.0, "个")]
    assert found("为六合、九台4个乡镇配备救护车4辆") == [(4.0, "个"), (4.0, "辆")]
    assert found("新建三所学校") == [(3.0, "所")]  # a numeral word that counts stays a count


def test_a_notices_sections_over_the_list_stay_sections(tmp_path: Path) -> None:
    page = (
        "关于做好2026年民生实事项目考核的通知\n各镇人民政府:现将有关事项通知如下:\n"
        "一、纳入考核的民生实事内容\n"
        "(一)新建社区食堂8个。\n(二)改造农村公路40公里。\n(三)新增停车泊位600个。\n"
        "二、工作要求\n"
        "(一)加强统筹协调,明确责任分工。\n(二)强化督查,按月报送进展。\n"
        "三、考核办法\n"
        "考核结果纳入年度综合考评。\n"
    )
    plan = read_page(tmp_path, page)
    assert [p.name for p in plan.projects][:3] == ["新建社区食堂8个", "改造农村公路40公里", "新增停车泊位600个"]


@pytest.mark.parametrize(
    "lead",
    [
        "青溪县第九届人民代表大会第三次会议于2026年1月10日表决确定县人民政府2026年民生实事项目3项:",
        "经青溪县第九届人民代表大会第三次会议投票表决,以下3个项目为青溪县2026年民生实事项目:",
    ],
    ids=["decided", "below"],
)
def test_a_lead_in_telling_how_the_list_was_decided_is_no_title_taught_or_not(tmp_path: Path, lead: str) -> None:
    plan = read_page(tmp_path, lead + "\n1.新建老年食堂6个;\n2.新增公交线路3条;\n3.改造老旧小区9个。\n")
    example = {"name": "新建老年食堂6个", "tasks": [{"content": "新建老年食堂6个"}]}
    taught = parse_file(tmp_path / "page.txt", example=example)
    assert plan.title is None and taught.title is None
    assert [p.name for p in taught.projects] == [p.name for p in plan.projects]
