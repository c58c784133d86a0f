"""Kinds of plan page from blind round 20, each on small pages of its own (not the fixtures' words):
a news sentence naming the year's projects as quoted names run with 、 — the quotes printed any way a
copy mixes them (“…”, 「…」, a “ closed by a straight "), the last one followed by 等 that closes the
list — reads as the names inside the quotes; a run where only some names are quoted keeps them as printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from .pages import read_page

NAMES = ["改造北门老旧小区供热管网", "新建城东社区卫生服务站", "实施乡村客运班线公交化工程", "新增2处口袋公园"]

LEAD = "昨天下午,河源县人代会第二次全体会议以无记名投票方式,从7件候选项目中票决产生4件县政府民生实事,"


def _quoted(opening: list[str], closing: list[str], tail: str) -> str:
    quoted = [f"{o}{name}{c}" for o, name, c in zip(opening, NAMES, closing, strict=True)]
    return LEAD + "分别是:" + "、".join(quoted) + tail + "。代表们表示,将跟踪监督项目落实。\n"


@pytest.mark.parametrize(
    ("opening", "closing", "tail"),
    [
        (["“"] * 4, ["”"] * 4, ""),
        (["“"] * 4, ["”"] * 4, "等"),
        (["「"] * 4, ["」"] * 4, "等"),
        (["“", "“", "“", "“"], ["”", '"', "”", "”"], "等"),  # one name closed by a straight quote
        (['"'] * 4, ['"'] * 4, ""),
    ],
    ids=["curly", "curly-deng", "corner-deng", "mixed-deng", "straight"],
)
def test_quoted_names_read_inside_their_quotes(tmp_path: Path, opening: list[str], closing: list[str], tail: str):
    plan = read_page(tmp_path, _quoted(opening, closing, tail))
    assert [p.name for p in plan.projects] == NAMES
    assert [p.tasks[0].content for p in plan.projects] == NAMES
    assert [i.value for p in plan.projects for i in p.tasks[0].indicators] == [2]


def test_a_run_where_only_some_names_are_quoted_keeps_them_as_printed(tmp_path: Path):
    """Control: quotes around one piece are part of that piece (a slogan named inside it), not the list's marks."""
    text = LEAD + "分别是:" + "、".join([NAMES[0], "打造“一刻钟”便民生活圈", NAMES[2], NAMES[3]]) + "。\n"
    plan = read_page(tmp_path, text)
    assert [p.name for p in plan.projects] == [NAMES[0], "打造“一刻钟”便民生活圈", NAMES[2], NAMES[3]]


# --- a title over lines that each open with the same bullet mark ---------------------------------------

BLOCKS = [
    ("出行便利 “畅通”工程", ["改造城区破损人行道35公里。", "新增公共停车泊位1200个。", "新建公交候车亭40座。"]),
    ("养老服务 “暖心”工程", ["新建社区老年食堂12个。", "为3000户困难老人家庭实施适老化改造。"]),
    ("文体惠民 “欢乐”工程", ["送戏下乡演出180场。", "新建多功能运动场8片。", "更新全民健身路径30条。"]),
]


def _blocks(number: str, mark: str) -> str:
    head = "清河区2026年民生实事发布\n1月9日\n涵盖出行、养老、文体等方面\n"
    body = ""
    for n, (title, tasks) in enumerate(BLOCKS, start=1):
        body += (f"{n:02d}\n{title}\n" if number == "lone" else f"{n}.{title}\n") + "".join(
            f"{mark}{task}\n" for task in tasks
        )
    return head + body + "来源:清河发布\n"


@pytest.mark.parametrize("number", ["lone", "dotted"])
@pytest.mark.parametrize("mark", ["▶", "► ", "➤", "▸"])
def test_marked_lines_under_a_title_are_its_tasks(tmp_path: Path, number: str, mark: str):
    plan = read_page(tmp_path, _blocks(number, mark))
    assert [(p.name, [t.content for t in p.tasks]) for p in plan.projects] == BLOCKS
    assert [i.value for i in plan.projects[0].tasks[1].indicators] == [1200]


def test_one_marked_line_among_plain_ones_is_no_task_list(tmp_path: Path):
    """Control: a mark on one line only is that line's own; the lines under the title are not cut at it."""
    text = _blocks("dotted", "").replace("新增公共停车泊位", "▶新增公共停车泊位")
    first = read_page(tmp_path, text).projects[0]
    assert [t.content for t in first.tasks] != BLOCKS[0][1]
    assert any("▶新增公共停车泊位1200个" in t.content for t in first.tasks)


# --- the writers' byline under the last item ---------------------------------------------------------


ITEMS = [
    ("新建城区公厕", "新建城区公厕20座。"),
    ("改造农村危房", "改造农村危房300户,改善住房条件。"),
    ("增加养老床位", "新增养老床位500张。"),
]


def _headed(tail: str) -> str:
    body = "".join(f"{n}、{name}。\n{content}\n" for n, (name, content) in zip("一二三", ITEMS, strict=True))
    return "2026年临江县十大民生实事出炉\n" + body + tail


@pytest.mark.parametrize(
    "byline", ["采写:南都记者 陈飞龙 路漫漫", "撰稿：本报记者 王晓明 李东", "校对:周一 吴二", "撰文：融媒体中心 林立"]
)
def test_a_byline_under_the_last_item_is_the_pages(tmp_path: Path, byline: str):
    plan = read_page(tmp_path, _headed(byline + "\n"))
    assert [(p.name, p.tasks[0].content) for p in plan.projects] == ITEMS


def test_a_line_of_the_last_items_own_is_kept(tmp_path: Path):
    """Control: a line of the item's own under its content, with no byline label, stays the item's."""
    plan = read_page(tmp_path, _headed("其中城区120张、农村380张。\n"))
    assert "农村380张" in plan.projects[-1].tasks[0].content
