"""The taught cut (shapes/taught_cut.py, taught_siblings.py; issue #26 item 3): the words and marks around
the clerk's one example are learned and every sibling they match is read with the same roles, for shapes
no candidate reading produces. Each shape is written here in words of its own, with one example project,
and the whole reading is asserted; a control shows an example that fits no frame leaves the untaught
reading as it was."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from minsheng.cli import main
from minsheng.documents.parse import parse_file, read_document
from minsheng.documents.shapes.taught_cut import Cut, document_lines, learn_cut
from minsheng.documents.shapes.teach import Reading, apply

Row = tuple[str | None, str, list[tuple[str, list[str], str | None]]]


def _read(tmp_path: Path, text: str, example: dict[str, Any] | None, name: str = "plan.txt") -> list[Row]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    plan = parse_file(path, example=example)
    return [
        (p.category, p.name, [(t.content.rstrip("。；;"), t.lead_units, t.deadline) for t in p.tasks])
        for p in plan.projects
    ]


# -- a pipe table whose one cell holds `名称：任务；任务`, a column of units -------------------------

CELL_TABLE = """2026年临河区十项惠民工程
序号 | 工程及任务 | 责任单位 |
1 | 清水入户工程:改造供水管网18公里;新建二次供水泵房4座 | 区水务局 |
2 | 暖心助老工程:新增养老床位260张 | 区民政局 |
3 | 书香校园工程:建成校园阅览室9间;配送图书3万册;培训阅读教师120人 | 区教育局 |
"""
CELL_EXAMPLE = {
    "name": "清水入户工程",
    "tasks": [
        {"content": "改造供水管网18公里", "lead_units": ["区水务局"]},
        {"content": "新建二次供水泵房4座", "lead_units": ["区水务局"]},
    ],
}

# -- category lines, each over its circled items, the office signing the page ---------------------

CIRCLED = """松岭县文化旅游局2025年民生实事办理情况公示
现将本局承办的民生实事办理情况公示如下:
1、省级实事:新建乡镇综合文化站2个。
2、市级实事:①改造农家书屋45家;②送戏下乡160场。
3、县级实事:①建成旅游厕所7座;②修缮古村落祠堂3处;③开放社区文化室12个。
松岭县文化旅游局
2025年12月1日
"""
CIRCLED_EXAMPLE = {
    "name": "新建乡镇综合文化站2个",
    "category": "省级实事",
    "tasks": [{"content": "新建乡镇综合文化站2个", "lead_units": ["松岭县文化旅游局"]}],
}

# -- headings that are projects, their tasks below: numbered, or one unnumbered line ---------------

HEADINGS = """关于印发2023年为民办实事计划的通知
计划的主要内容是:
一、推进城乡供水一体化
(一)铺设供水主管网40公里
(二)新建加压泵站3座
二、改善老旧小区居住环境
完成老旧小区改造25个
三、提升公共文化服务
(一)新建城市书房6家
(二)开展文化下乡演出120场
(三)建成村级文化广场15个
四、加强困难群体帮扶
发放临时救助金800万元
"""
HEADINGS_EXAMPLE = {
    "name": "推进城乡供水一体化",
    "tasks": [{"content": "铺设供水主管网40公里"}, {"content": "新建加压泵站3座"}],
}

# -- `一是` run on from the lead-in's colon, the others one a paragraph ----------------------------

RUN_ON = """青禾区2024年民生实事安排
为增进民生福祉,经区政府常务会议研究,今年重点办好以下实事:一是扩大优质教育供给。新建幼儿园3所,新增学位900个。
二是织密社会保障网络。为1.2万名高龄老人发放津贴。
三是改善居民出行条件。新辟公交线路5条,改造公交站亭40个。
四是美化城乡人居环境。新建口袋公园8个。
"""
RUN_ON_EXAMPLE = {"name": "扩大优质教育供给", "tasks": [{"content": "新建幼儿园3所,新增学位900个。"}]}

# -- shapes of our own: ⑴ items whose name ends at 。 and whose tasks are cut at ；--------------------

SPLIT_TASKS = """东湖街道2027年为民办实事项目
⑴建设智慧停车系统。新增智慧停车泊位2000个；建设停车诱导屏15块。
⑵改造背街小巷。整治背街小巷22条；新装路灯310盏；补种行道树600株。
⑶完善社区服务。新建邻里中心2处。
"""
SPLIT_EXAMPLE = {
    "name": "建设智慧停车系统",
    "tasks": [{"content": "新增智慧停车泊位2000个"}, {"content": "建设停车诱导屏15块"}],
}

# -- items lettered `甲.`…, a label closing each line with the unit ---------------------------------

LETTERED = """柳塘镇2026年惠民项目清单
甲.农田水利提升，新修灌溉渠道12公里，牵头单位:镇农业办
乙.村道硬化，硬化村组道路20公里，牵头单位:镇建设办
丙.饮水安全，新打机井6眼，牵头单位:镇水利站
"""
LETTERED_EXAMPLE = {
    "name": "农田水利提升",
    "tasks": [{"content": "新修灌溉渠道12公里", "lead_units": ["镇农业办"]}],
}

# -- category lines above, each over projects whose tasks are numbered below them -------------------

CATEGORIES_ABOVE = """2026年江浦街道为民办实事项目
一、教育类
(一)扩建街道中心幼儿园
1.新增托位90个
2.改造户外活动场地1处
(二)建设社区学习中心
新建学习中心3处
二、养老类
(一)建设长者食堂
1.新建长者食堂5个
(二)开展居家上门服务
1.为独居老人上门服务2000人次
2.安装紧急呼叫设备300套
"""
CATEGORIES_ABOVE_EXAMPLE = {
    "name": "扩建街道中心幼儿园",
    "category": "教育类",
    "tasks": [{"content": "新增托位90个"}, {"content": "改造户外活动场地1处"}],
}


def test_a_cell_holding_name_and_tasks_reads_each_task_and_the_unit_column(tmp_path: Path) -> None:
    assert _read(tmp_path, CELL_TABLE, CELL_EXAMPLE) == [
        (
            None,
            "清水入户工程",
            [("改造供水管网18公里", ["区水务局"], None), ("新建二次供水泵房4座", ["区水务局"], None)],
        ),
        (None, "暖心助老工程", [("新增养老床位260张", ["区民政局"], None)]),
        (
            None,
            "书香校园工程",
            [
                ("建成校园阅览室9间", ["区教育局"], None),
                ("配送图书3万册", ["区教育局"], None),
                ("培训阅读教师120人", ["区教育局"], None),
            ],
        ),
    ]


def test_categories_said_before_their_circled_items_and_the_signing_office(tmp_path: Path) -> None:
    office = ["松岭县文化旅游局"]
    assert _read(tmp_path, CIRCLED, CIRCLED_EXAMPLE) == [
        ("省级实事", "新建乡镇综合文化站2个", [("新建乡镇综合文化站2个", office, None)]),
        ("市级实事", "改造农家书屋45家", [("改造农家书屋45家", office, None)]),
        ("市级实事", "送戏下乡160场", [("送戏下乡160场", office, None)]),
        ("县级实事", "建成旅游厕所7座", [("建成旅游厕所7座", office, None)]),
        ("县级实事", "修缮古村落祠堂3处", [("修缮古村落祠堂3处", office, None)]),
        ("县级实事", "开放社区文化室12个", [("开放社区文化室12个", office, None)]),
    ]


def test_headings_are_projects_over_their_sub_items_or_one_unnumbered_line(tmp_path: Path) -> None:
    rows = _read(tmp_path, HEADINGS, HEADINGS_EXAMPLE)
    assert [(name, [t[0] for t in tasks]) for _, name, tasks in rows] == [
        ("推进城乡供水一体化", ["铺设供水主管网40公里", "新建加压泵站3座"]),
        ("改善老旧小区居住环境", ["完成老旧小区改造25个"]),
        ("提升公共文化服务", ["新建城市书房6家", "开展文化下乡演出120场", "建成村级文化广场15个"]),
        ("加强困难群体帮扶", ["发放临时救助金800万元"]),
    ]


def test_yishi_run_on_from_the_lead_in_is_the_first_item(tmp_path: Path) -> None:
    rows = _read(tmp_path, RUN_ON, RUN_ON_EXAMPLE)
    assert [(name, [t[0] for t in tasks]) for _, name, tasks in rows] == [
        ("扩大优质教育供给", ["新建幼儿园3所,新增学位900个"]),
        ("织密社会保障网络", ["为1.2万名高龄老人发放津贴"]),
        ("改善居民出行条件", ["新辟公交线路5条,改造公交站亭40个"]),
        ("美化城乡人居环境", ["新建口袋公园8个"]),
    ]


def test_tasks_cut_at_the_separator_between_the_examples_tasks(tmp_path: Path) -> None:
    rows = _read(tmp_path, SPLIT_TASKS, SPLIT_EXAMPLE)
    assert [(name, [t[0] for t in tasks]) for _, name, tasks in rows] == [
        ("建设智慧停车系统", ["新增智慧停车泊位2000个", "建设停车诱导屏15块"]),
        ("改造背街小巷", ["整治背街小巷22条", "新装路灯310盏", "补种行道树600株"]),
        ("完善社区服务", ["新建邻里中心2处"]),
    ]


def test_lettered_items_with_the_name_ending_at_a_comma_and_a_unit_label(tmp_path: Path) -> None:
    assert _read(tmp_path, LETTERED, LETTERED_EXAMPLE) == [
        (None, "农田水利提升", [("新修灌溉渠道12公里", ["镇农业办"], None)]),
        (None, "村道硬化", [("硬化村组道路20公里", ["镇建设办"], None)]),
        (None, "饮水安全", [("新打机井6眼", ["镇水利站"], None)]),
    ]


def test_category_lines_above_projects_whose_tasks_are_numbered_below(tmp_path: Path) -> None:
    rows = _read(tmp_path, CATEGORIES_ABOVE, CATEGORIES_ABOVE_EXAMPLE)
    assert [(category, name, [t[0] for t in tasks]) for category, name, tasks in rows] == [
        ("教育类", "扩建街道中心幼儿园", ["新增托位90个", "改造户外活动场地1处"]),
        ("教育类", "建设社区学习中心", ["新建学习中心3处"]),
        ("养老类", "建设长者食堂", ["新建长者食堂5个"]),
        ("养老类", "开展居家上门服务", ["为独居老人上门服务2000人次", "安装紧急呼叫设备300套"]),
    ]


@pytest.mark.parametrize(
    ("text", "example", "frame"),
    [
        (HEADINGS, HEADINGS_EXAMPLE, Cut("{汉}、", False, "", "line", "marked")),
        (RUN_ON, RUN_ON_EXAMPLE, Cut("{汉}是", True, "", "。", "rest")),
        (CIRCLED, CIRCLED_EXAMPLE, Cut("{数}、", False, "：", "item", "item", "signature")),
        (SPLIT_TASKS, SPLIT_EXAMPLE, Cut("{括}", False, "", "。", "split:；")),
        (CATEGORIES_ABOVE, CATEGORIES_ABOVE_EXAMPLE, Cut("（{汉}）", False, "above:{汉}、", "line", "marked")),
    ],
)
def test_the_frame_is_read_off_the_examples_surroundings(
    tmp_path: Path, text: str, example: dict[str, Any], frame: Cut
) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    assert learn_cut(document_lines(read_document(path)), example) == frame


def test_a_remembered_cut_reads_a_like_document_without_the_example(tmp_path: Path) -> None:
    """The frame holds no word of the document: another page of the same shape reads by it."""
    path = tmp_path / "first.txt"
    path.write_text(HEADINGS, encoding="utf-8")
    taught = Reading.from_json(parse_file(path, example=HEADINGS_EXAMPLE).taught or {})
    assert taught.items.startswith("cut:")
    other = tmp_path / "other.txt"
    other.write_text(
        "2024年实事计划\n一、建设体育公园\n(一)新建健身步道6公里\n二、改造菜市场\n提升改造菜市场4个\n", "utf-8"
    )
    plan = apply(read_document(other), taught)
    assert [(p.name, [t.content for t in p.tasks]) for p in plan.projects] == [
        ("建设体育公园", ["新建健身步道6公里"]),
        ("改造菜市场", ["提升改造菜市场4个"]),
    ]


def test_the_command_line_takes_the_example(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json

    path, example = tmp_path / "plan.txt", tmp_path / "example.json"
    path.write_text(RUN_ON, encoding="utf-8")
    example.write_text(json.dumps(RUN_ON_EXAMPLE, ensure_ascii=False), encoding="utf-8")
    main(["parse", str(path), "--example", str(example)])
    names = [p["name"] for p in json.loads(capsys.readouterr().out)["projects"]]
    assert names == ["扩大优质教育供给", "织密社会保障网络", "改善居民出行条件", "美化城乡人居环境"]


# -- controls: an example no frame fits leaves the untaught reading as it was ----------------------

PLAIN = """2025年白沙镇民生实事
一、新建镇卫生院门诊楼。牵头单位:镇卫生院
二、改造镇区污水管网5公里。牵头单位:镇建设办
三、建设农贸市场1个。牵头单位:镇市场所
"""


@pytest.mark.parametrize(
    "example",
    [
        {"name": "镇区污水管网", "tasks": [{"content": "不在文中的一句话"}]},  # a name inside a sentence
        {"name": "白沙镇民生实事", "tasks": [{"content": "新建镇卫生院门诊楼"}]},  # the title, no item
    ],
)
def test_an_example_that_fits_no_frame_is_no_worse_than_untaught(tmp_path: Path, example: dict[str, Any]) -> None:
    untaught = _read(tmp_path, PLAIN, None)
    assert len(untaught) == 3
    assert _read(tmp_path, PLAIN, example) == untaught


def test_a_frame_whose_sibling_swallows_the_page_is_not_offered(tmp_path: Path) -> None:
    """Two `一是` in the whole text, the second opening a long closing paragraph: no plausible plan."""
    text = (
        "工作安排\n今年要做好:一是新建公园。建口袋公园2个。\n"
        + "二是做好总结。"
        + "各单位要加强组织领导，明确责任分工，细化工作措施，确保各项任务按期完成。" * 6
        + "\n三是按时报送。每季度报送进展1次。\n"
    )
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    from minsheng.documents.shapes.taught_siblings import taught_cuts

    assert taught_cuts(read_document(path), {"name": "新建公园", "tasks": [{"content": "建口袋公园2个。"}]}) == []
