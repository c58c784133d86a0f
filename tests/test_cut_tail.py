"""A copy that stops inside its last item (a saved web page, a mirror's excerpt, page 1 of a PDF):
the fragment is left out of the plan and the notice says where the copy stops; a list whose items
end as the fragment does, or a stop before the page's footer, is read as before."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from minsheng.documents.parse import parse_file

HEAD = "首页 > 新闻中心 > 本地要闻\n云溪县公布2025年十件民生实事\n2025年,云溪县将集中办好以下民生实事:\n"
DONE = "一、新建城区幼儿园2所,新增学位540个。\n二、改造农村公路48公里。\n三、新增城市公共停车泊位800个。\n"


def _plan(tmp_path: Path, text: str) -> Any:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return parse_file(path)


def _read(tmp_path: Path, text: str) -> tuple[list[str], list[str]]:
    plan = _plan(tmp_path, text)
    return [t.content for p in plan.projects for t in p.tasks], [str(w) for w in plan.warnings]


def test_the_fragment_a_copy_stops_in_is_left_out_and_said(tmp_path: Path) -> None:
    tasks, warnings = _read(tmp_path, HEAD + DONE + "四、为全县60岁以上老人免费体检,覆盖2\n")
    assert tasks == ["新建城区幼儿园2所,新增学位540个。", "改造农村公路48公里。", "新增城市公共停车泊位800个。"]
    assert any("正文末尾" in w and "覆盖2”处中断" in w for w in warnings)


@pytest.mark.parametrize(
    "footer",
    [
        "分享到:\n【打印本页】【关闭窗口】\n",
        "上一篇:云溪县召开防汛工作会议\n下一篇:云溪县2024年民生实事完成情况\n",
        "版权所有:云溪县人民政府办公室  技术支持:云溪县大数据中心\n网站标识码:4310000012  湘ICP备05001234号\n",
    ],
)
def test_the_page_footer_after_the_stop_is_the_pages(tmp_path: Path, footer: str) -> None:
    tasks, warnings = _read(tmp_path, HEAD + DONE + "四、为全县60岁以上老人免费体检,覆盖2\n" + footer)
    assert len(tasks) == 3 and any("处中断" in w for w in warnings)


def test_a_last_item_ending_in_a_word_is_kept_and_marked_to_check(tmp_path: Path) -> None:
    """新增养老床位500张 may be whole without its 。: the clerk decides, the preview opens on it."""
    plan = _plan(tmp_path, HEAD + DONE + "四、新增养老床位500张\n")
    last = plan.projects[-1]
    assert last.tasks[-1].content == "新增养老床位500张" and last.sureness < 1.0
    assert any("可能是复制时截断" in d for d in last.doubts)
    assert not any("处中断" in str(w) for w in plan.warnings)


@pytest.mark.parametrize(
    "text",
    [
        # no item ends with a mark: the last one ends as its siblings do
        HEAD + "一、新建城区幼儿园2所\n二、改造农村公路48公里\n三、新增城市公共停车泊位800个\n四、为全县老人免费体检\n",
        # a finished last item, its mark inside a quote, or a closing bracket in place of a mark
        HEAD + DONE + "四、为全县60岁以上老人免费体检。\n",
        HEAD + DONE + "四、开展“为全县老人免费体检”。”\n",
        HEAD + DONE + "四、为全县老人免费体检（含复查）\n",
        # too few finished items to say how the page ends them
        HEAD + "一、新建城区幼儿园2所。\n二、改造农村公路48公里。\n三、为全县老人免费体检,覆盖2\n",
        # the item without its mark is not where the text stops: the page goes on
        HEAD + DONE + "四、为全县60岁以上老人免费体检\n以上实事由县政府办公室负责督办,年底前报告完成情况。\n",
    ],
)
def test_a_list_that_does_not_stop_inside_its_last_item_keeps_it(tmp_path: Path, text: str) -> None:
    tasks, warnings = _read(tmp_path, text)
    assert any("老人免费体检" in t for t in tasks)
    assert not any("处中断" in w for w in warnings)
