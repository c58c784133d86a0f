"""The preview's teaching form as a clerk uses it (review of teaching by one example): a project of
several tasks is shown one task a line; an example found nowhere, or one that changes nothing, is
said so and never remembered; a reading applied from memory can be set aside for one preview or
forgotten for the office (its own only)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from .test_preview_sure import _cards, _upload
from .test_teach import offices  # noqa: F401  (a fixture, used by name)

# Headings 一、 over (一) sub-items, a heading with one unnumbered line between: read untaught, each
# sub-item is a project (seven); a heading with its sub-items as tasks is the plan's own reading (five).
HEADINGS = """近日，区委、区政府决定，2028年继续开展为民办实事工作，印发《2028年武进区为民办实事工作计划》。
《2028年武进区为民办实事工作计划》的主要内容是：
一、实施城乡供水提质工程
(一)新建改造供水管网60公里
(二)新建二次供水泵房12座
(三)完成3个水厂深度处理改造
二、改善老旧小区居住条件
完成老旧小区改造15个
三、提升基层医疗服务能力
(一)新建社区卫生服务站6个
(二)为65岁以上老人免费体检3万人次
四、增加公共停车供给
(一)新增公共停车泊位5000个
(二)建成智慧停车平台1个
五、推进农村道路建设
建成农村公路90公里
"""
HEADS = ["实施城乡供水提质工程", "改善老旧小区居住条件", "提升基层医疗服务能力", "增加公共停车供给", "推进农村道路建设"]
PICKED = "(一)新建改造供水管网60公里\n(二)新建二次供水泵房12座\n(三)完成3个水厂深度处理改造"


def _names(page: str) -> list[str]:
    heads = [card.split("<h4")[1].split("</h4>")[0].split(">", 1)[1] for card in _cards(page)]
    plain = [re.sub(r"<[^>]+>", "", re.sub(r'<span class="seq">.*?</span>', "", h)) for h in heads]
    return [text.strip().split("\n")[0] for text in plain]


@pytest.mark.django_db
@pytest.mark.parametrize("content", [PICKED, PICKED.replace("(一)", "").replace("(二)", "").replace("(三)", "")])
def test_a_project_of_several_tasks_is_taught_one_task_a_line(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
    content: str,
) -> None:
    wujin, jintan = offices
    client.force_login(wujin)
    preview = _upload(client, "gongshui.txt", HEADINGS)
    page = client.get(preview).content.decode()
    assert len(_cards(page)) == 7 and "每行一项任务" in page
    taught = client.post(preview + "teach/", {"name": HEADS[0], "content": content}, follow=True).content.decode()
    assert _names(taught) == HEADS
    first = _cards(taught)[0]
    assert all(line.split(")")[-1] in first for line in PICKED.split("\n"))
    assert first.count('data-label="内容"') == 3
    form = taught.split('id="teach-form"')[1].split("</form>")[0]
    assert content.split("\n")[2] in form  # the form shows the example back, one task a line
    client.force_login(jintan)  # the neighbour cannot teach wujin's upload
    assert client.post(preview + "teach/", {"name": HEADS[0], "content": content}).status_code == 404
