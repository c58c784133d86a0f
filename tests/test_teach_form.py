"""The preview's teaching form as a clerk uses it (review of teaching by one example): a project of
several tasks is shown one task a line; an example found nowhere, or one that changes nothing, is
said so and never remembered; a reading applied from memory can be set aside for one preview or
forgotten for the office (its own only)."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from minsheng.documents.models import TaughtReading
from minsheng.documents.shapes.best import GUESS_WARNING
from minsheng.plans.models import Plan

from .test_preview_sure import _cards, _upload
from .test_teach import FORM, TEACH, offices  # noqa: F401  (a fixture, used by name)

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


CONFIRM = {"title": "2028年武进区为民办实事工作计划", "year": "2028"}


def _notices(page: str) -> list[str]:
    return re.findall(r'<p class="notice[^"]*" role="status">(.*?)</p>', page)


@pytest.mark.django_db
def test_an_example_that_changes_nothing_is_said_and_not_remembered(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
) -> None:
    wujin, _ = offices
    client.force_login(wujin)
    preview = _upload(client, "gongshui.txt", HEADINGS)
    # a sub-item is already read as a project: the example agrees with the reading
    example = {"name": "新建社区卫生服务站6个", "content": "新建社区卫生服务站6个"}
    page = client.post(preview + "teach/", example, follow=True).content.decode()
    assert any("按示范读出的结果与原读法相同" in n for n in _notices(page))
    assert "已按示范项目重新读取整份文件" not in page and len(_cards(page)) == 7
    assert "按示范读出的结果与原读法相同" in page.split('id="taught-check"')[1] and "取消示范" in page
    client.post(preview + "confirm/", CONFIRM | {"place": str(wujin.office_seat.jurisdiction_id)})
    assert Plan.objects.get().projects.count() == 7 and not TaughtReading.objects.exists()


@pytest.mark.django_db
def test_an_example_found_nowhere_is_said_plainly_and_not_remembered(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
) -> None:
    wujin, _ = offices
    client.force_login(wujin)
    preview = _upload(client, "gongshui.txt", HEADINGS)
    made_up = {"name": "修建跨江大桥一座", "content": "修建跨江大桥一座\n建成滨江公园1个"}
    page = client.post(preview + "teach/", made_up, follow=True).content.decode()
    assert any(n.startswith("示范项目在原文中未找到") for n in _notices(page))
    assert "已按示范项目重新读取整份文件" not in page and len(_cards(page)) == 7
    client.post(preview + "confirm/", CONFIRM | {"place": str(wujin.office_seat.jurisdiction_id)})
    assert Plan.objects.exists() and not TaughtReading.objects.exists()
    # the next page of the same shape is read as before, not "as this office confirmed"
    again = client.get(_upload(client, "gongshui_2029.txt", HEADINGS.replace("2028", "2029"))).content.decode()
    assert "本单位上次确认的读法" not in again and len(_cards(again)) == 7


@pytest.mark.django_db
def test_a_remembered_reading_can_be_set_aside_and_forgotten_by_its_own_office_only(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
    outsider: Any,
) -> None:
    wujin, jintan = offices
    client.force_login(wujin)
    preview = _upload(client, "wujin_2026.txt", (TEACH / "wujin_2026.txt").read_text(encoding="utf-8"))
    client.post(preview + "teach/", FORM)
    client.post(preview + "confirm/")
    ours = TaughtReading.objects.get()
    # the neighbour taught the same shape for itself: wujin forgetting its own leaves it be
    TaughtReading.objects.create(jurisdiction="江苏省/常州市/金坛区", shape=ours.shape, reading=ours.reading)
    preview = _upload(client, "wujin_2027.txt", (TEACH / "wujin_2027.txt").read_text(encoding="utf-8"))
    page = client.get(preview).content.decode()
    assert "本单位上次确认的读法" in page and "不用上次的读法" in page and "改造农贸市场3个\n" in page
    unremember = preview + "unremember/"
    client.force_login(jintan)
    assert client.post(unremember, {"forget": "1"}).status_code == 404
    client.force_login(outsider)
    assert client.post(unremember, {"forget": "1"}).status_code == 403
    assert TaughtReading.objects.count() == 2
    client.force_login(wujin)
    assert client.get(unremember).status_code == 405  # a change of state is a POST
    page = client.post(unremember, follow=True).content.decode()  # this preview only
    assert "本单位上次确认的读法" not in page and GUESS_WARNING in page and TaughtReading.objects.count() == 2
    client.post(unremember, {"forget": "1"})
    assert list(TaughtReading.objects.values_list("jurisdiction", flat=True)) == ["江苏省/常州市/金坛区"]
    client.post(preview + "confirm/")  # confirming the untaught reading teaches nothing
    assert not TaughtReading.objects.filter(jurisdiction="江苏省/常州市/武进区").exists()
    page = client.get(_upload(client, "wujin_2028.txt", (TEACH / "wujin_2027.txt").read_text())).content.decode()
    assert "本单位上次确认的读法" not in page and GUESS_WARNING in page


@pytest.mark.django_db
def test_the_reading_is_described_in_the_marks_the_page_prints(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
) -> None:
    wujin, _ = offices
    client.force_login(wujin)
    inline = (
        "2028年武进区为民办实事项目\n今年区政府将办好以下实事：一是新建城东幼儿园1所，新增学位360个；"
        "二是改造老旧小区12个，惠及居民3000户；三是新增公共停车泊位800个；四是为65岁以上老人免费体检2万人次。\n"
    )
    preview = _upload(client, "shishi.txt", inline)
    example = {"name": "新建城东幼儿园1所", "content": "新建城东幼儿园1所，新增学位360个"}
    page = client.post(preview + "teach/", example, follow=True).content.decode()
    how = page.split('id="taught-how">')[1].split("</p>")[0]
    assert "按“一是”编号分项" in how and "shi" not in how
