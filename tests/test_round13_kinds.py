"""Kinds of page from blind round 13, each on small pages of its own (not the fixtures' words):
captions and credits in brackets between numbered names, pinyin glosses inside names, a dash
that joins two places inside a name, a notice's closing formula after an unclosed last item,
clauses numbered inside one content line, and an example whose own project already reads right
teaching the shape of the rest (shapes/teach_shape.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from minsheng.documents.parse import parse_file
from minsheng.documents.parsed import ParsedPlan

pytestmark = pytest.mark.no_ci_database  # reading only; the hash-seed test's processes parse a page


def _read(tmp_path: Path, text: str, example: dict[str, Any] | None = None) -> ParsedPlan:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path, example=example)


def _pairs(plan: ParsedPlan) -> list[tuple[str, str]]:
    return [(p.name, p.tasks[0].content) for p in plan.projects]


def _named(name: str) -> dict[str, Any]:
    return {"name": name, "status": "formal", "tasks": [{"content": name}]}


NAMES = [
    "城东停车楼新建项目",
    "农贸市场改造提升项目",
    "滨河公园提升项目",
    "县医院门诊楼建设项目",
    "老旧小区加装电梯项目",
]


def _names_with(asides: dict[int, list[str]], mark: str = ".") -> str:
    lines = ["今年县级民生实事项目共5件,分别是:"]
    for n, name in enumerate(NAMES, start=1):
        lines.append(f"{n}{mark}{name}")
        lines.extend(asides.get(n, []))
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "asides",
    [
        {2: ["(农贸市场改造后效果图)"], 4: ["(门诊楼设计图)", "(门诊楼鸟瞰效果图)"]},  # half-width, two in a row
        {1: ["（资料图片）"], 3: ["（滨河公园夜景 王小明 摄）"]},  # full-width, a photographer
        {5: ["（本报记者 李青 张远）"]},  # the reporters' credit after the last name
        {2: ["（視頻截圖）"], 5: ["(融媒體中心記者 陳一)"]},  # traditional script
    ],
)
def test_a_caption_or_credit_in_brackets_between_names_is_no_items_content(
    tmp_path: Path, asides: dict[int, list[str]]
) -> None:
    plan = _read(tmp_path, _names_with(asides))
    assert _pairs(plan) == [(name, name) for name in NAMES]


def test_a_label_in_brackets_on_its_own_line_is_still_the_items(tmp_path: Path) -> None:
    text = _names_with({1: ["（牵头单位：县住建局）"], 2: ["（牵头单位：县商务局）"]})
    plan = _read(tmp_path, text)
    assert [p.tasks[0].lead_units for p in plan.projects[:2]] == [["县住建局"], ["县商务局"]]


GLOSSED = """鳳城鎮(zhèn)2026年十件民生實(shí)事項(xiàng)目如下:
一、鳳城鎮(zhèn)中心小學(xué)改擴(kuò)建工程。
二、農(nóng)村道路(東坑、西坑)硬底化工程。
三、新建學(xué)校(PPP)配套道路工程。
四、鎮(zhèn)區(qū)新增停車位1.2萬(wàn)個(gè)。
"""


def test_pinyin_glosses_are_left_out_of_names_and_contents(tmp_path: Path) -> None:
    plan = _read(tmp_path, GLOSSED)
    assert [p.name for p in plan.projects] == [
        "鳳城鎮中心小學改擴建工程",
        "農村道路(東坑、西坑)硬底化工程",  # the office's own bracket stays
        "新建學校(PPP)配套道路工程",  # Latin without a tone mark is no gloss
        "鎮區新增停車位1.2萬個",
    ]
    (target,) = plan.projects[3].tasks[0].indicators
    assert (int(target.value), target.unit) == (12000, "個")
    assert target.text.endswith("1.2萬個")  # cut from the text as stored, without its gloss


@pytest.mark.parametrize(
    "line, name, content",
    [
        ("开通市区—娄烦公交线路,实现三县一市公交全覆盖。", "开通市区—娄烦公交线路,实现三县一市公交全覆盖", None),
        ("新建城南—城北快速通道一期工程。", "新建城南—城北快速通道一期工程", None),
        ("“安居工程”——完成棚户区改造300套。", "“安居工程”", "完成棚户区改造300套。"),
        ("暖心工程 — 为困难老人发放取暖补贴。", "暖心工程", "为困难老人发放取暖补贴。"),
    ],
)
def test_a_dash_glued_between_two_words_joins_them(tmp_path: Path, line: str, name: str, content: str | None) -> None:
    others = ["一是新建幼儿园3所。", "二是改造农村公路40公里。"]
    plan = _read(tmp_path, "今年将办好以下民生实事:\n" + "\n".join([*others, "三是" + line]) + "\n")
    assert (plan.projects[2].name, plan.projects[2].tasks[0].content) == (name, content or line)


@pytest.mark.parametrize("closing", ["现予公告。", "特此公告。", "现予以公告", "特此通知。"])
def test_a_notices_closing_formula_is_not_the_last_items_end(tmp_path: Path, closing: str) -> None:
    text = (
        "经镇人大会议票决,确定以下项目为本镇2026年度民生实事项目:\n"
        "一、中心小学运动场改造工程。\n二、镇区雨污分流改造工程。\n三、卫生站建设\n"
    )
    plan = _read(tmp_path, text + closing + "\n镇人大主席团\n2026年3月2日\n")
    assert [p.name for p in plan.projects] == ["中心小学运动场改造工程", "镇区雨污分流改造工程", "卫生站建设"]


def _titled(content_of_second: str) -> str:
    return (
        "2026年全省十件重点民生实事\n"
        "1开展职业技能培训\n全年开展职业技能培训20万人次。\n"
        f"2提升基层医疗服务能力\n{content_of_second}\n"
        "3实施老年人家庭适老化改造\n全年完成改造3000户。\n"
    )


@pytest.mark.parametrize(
    "clauses",
    [
        "(1)培训家庭医生团队300个;(2)实现村卫生室经费补助全覆盖。",
        "（1）培训家庭医生团队300个；（2）新建社区医院5所；（3）实现村卫生室经费补助全覆盖。",
        "①培训家庭医生团队300个;②实现村卫生室经费补助全覆盖。",
    ],
)
def test_clauses_numbered_inside_one_content_line_are_one_task(tmp_path: Path, clauses: str) -> None:
    plan = _read(tmp_path, _titled(clauses))
    second = plan.projects[1]
    assert (second.name, [t.content for t in second.tasks]) == ("提升基层医疗服务能力", [clauses])
    assert [len(p.tasks) for p in plan.projects] == [1, 1, 1]


def test_as_many_clauses_inside_one_line_as_titles_read_alike_under_any_hash_seed(tmp_path: Path) -> None:
    # two numberings reading equally like projects: the outer one (printed first) holds them, whatever
    # order a set of style names iterates in (the choice once hung on PYTHONHASHSEED)
    path = tmp_path / "page.txt"
    path.write_text(
        _titled("（1）培训家庭医生团队300个；（2）新建社区医院5所；（3）实现村卫生室经费补助全覆盖。"), "utf-8"
    )
    code = "import sys;from pathlib import Path;from minsheng.documents.parse import parse_file;"
    code += "print('|'.join(p.name for p in parse_file(Path(sys.argv[1])).projects))"
    names = {
        subprocess.run(
            [sys.executable, "-c", code, str(path)],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout.strip()
        for seed in ("0", "3")
    }
    assert names == {"开展职业技能培训|提升基层医疗服务能力|实施老年人家庭适老化改造"}


def test_parts_numbered_on_lines_of_their_own_are_tasks_each(tmp_path: Path) -> None:
    plan = _read(tmp_path, _titled("（1）培训家庭医生团队300个；\n（2）实现村卫生室经费补助全覆盖。"))
    assert [t.content for t in plan.projects[1].tasks] == ["培训家庭医生团队300个；", "实现村卫生室经费补助全覆盖。"]


# -- the example teaches its shape to the rest of the document ------------------------------------


def test_an_example_that_reads_right_still_drops_asides_its_shape_excludes(tmp_path: Path) -> None:
    # asides no furniture rule knows (▲ captions, a note): the example says an item is its name, and
    # what they say reads like no work (an aside that does cannot be told from a content by its shape)
    text = _names_with({2: ["▲农贸市场新貌"], 4: ["▲门诊楼设计方案", "（编者注：本项目为续建项目）"]})
    alone = _read(tmp_path, text)
    assert _pairs(alone) != [(name, name) for name in NAMES]
    taught = _read(tmp_path, text, _named(NAMES[0]))
    assert _pairs(taught) == [(name, name) for name in NAMES]


def test_an_example_that_reads_right_still_keeps_the_other_names_whole(tmp_path: Path) -> None:
    text = (
        "经区人大会议票决,今年确定以下民生实事项目:\n一、开展“送医下乡：义诊进村”活动\n二、新建城东社区养老服务中心\n"
        "三、实施“书香校园：图书进班”工程\n四、改造城区背街小巷12条\n"
    )
    taught = _read(tmp_path, text, _named("新建城东社区养老服务中心"))
    assert [p.name for p in taught.projects] == [
        "开展“送医下乡：义诊进村”活动",
        "新建城东社区养老服务中心",
        "实施“书香校园：图书进班”工程",
        "改造城区背街小巷12条",
    ]
    assert all(p.tasks[0].content == p.name for p in taught.projects)


def test_an_example_with_content_of_its_own_changes_a_plan_that_reads_right_in_nothing(tmp_path: Path) -> None:
    text = _titled("培训家庭医生团队300个,实现村卫生室经费补助全覆盖。")
    alone = _read(tmp_path, text)
    example = {"name": "开展职业技能培训", "status": "formal", "tasks": [{"content": "全年开展职业技能培训20万人次。"}]}
    taught = _read(tmp_path, text, example)
    assert _pairs(taught) == _pairs(alone)
    assert taught.projects[1].tasks[0].content == "培训家庭医生团队300个,实现村卫生室经费补助全覆盖。"


def test_a_lead_in_that_opens_the_list_is_no_title_for_a_taught_reading(tmp_path: Path) -> None:
    text = "记者从县两会获悉,今年县政府将办好五件民生实事。\n这五件民生实事分别是:新建幼儿园3所;改造农村公路40公里;"
    text += "新增停车位500个;建设城市书房2个;为老人免费体检1万人次。\n"
    alone = _read(tmp_path, text)
    taught = _read(tmp_path, text, _named("新建幼儿园3所"))
    assert [p.name for p in taught.projects] == [p.name for p in alone.projects]
    assert len(alone.projects) == 5 and taught.title is None
