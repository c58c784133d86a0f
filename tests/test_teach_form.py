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

# Numbered headings over (1) sub-items, written for this test in words of its own: read untaught,
# each heading is a category and each sub-item a project (nine); the plan's own reading is a
# project per heading with its sub-items as tasks (five), which one example teaches.
HEADINGS = """武进区2030年为民办实事项目
为进一步增进民生福祉，经区委、区政府研究，确定2030年为民办实事项目如下：
1.建设镇区污水收集系统
(1)铺设污水支管28公里
(2)新建污水提升泵站4座
(3)完成12个自然村生活污水治理
2.扩充养老服务供给
(1)新建村级互助养老点9个
3.改善中小学办学条件
(1)改建学校食堂3所
(2)更新教室照明设备420套
4.方便群众出行
(1)新开镇村公交线路5条
(2)改造候车亭40个
5.丰富群众文化生活
(1)举办广场文艺演出80场
"""
HEADS = ["建设镇区污水收集系统", "扩充养老服务供给", "改善中小学办学条件", "方便群众出行", "丰富群众文化生活"]
PICKED = "(1)铺设污水支管28公里\n(2)新建污水提升泵站4座\n(3)完成12个自然村生活污水治理"
UNTAUGHT = 9  # projects the rules read alone: every sub-item


def _names(page: str) -> list[str]:
    heads = [card.split("<h4")[1].split("</h4>")[0].split(">", 1)[1] for card in _cards(page)]
    plain = [re.sub(r"<[^>]+>", "", re.sub(r'<span class="seq">.*?</span>', "", h)) for h in heads]
    return [text.strip().split("\n")[0] for text in plain]


@pytest.mark.django_db
@pytest.mark.parametrize("content", [PICKED, "\n".join(line[3:] for line in PICKED.split("\n"))])
def test_a_project_of_several_tasks_is_taught_one_task_a_line(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
    content: str,
) -> None:
    wujin, jintan = offices
    client.force_login(wujin)
    preview = _upload(client, "wushui.txt", HEADINGS)
    page = client.get(preview).content.decode()
    assert len(_cards(page)) == UNTAUGHT and "每行一项任务" in page and _names(page)[0] == "铺设污水支管28公里"
    taught = client.post(preview + "teach/", {"name": HEADS[0], "content": content}, follow=True).content.decode()
    assert _names(taught) == HEADS
    first = _cards(taught)[0]
    assert all(line.split(")")[-1] in first for line in PICKED.split("\n"))
    assert first.count('data-label="内容"') == 3
    form = taught.split('id="teach-form"')[1].split("</form>")[0]
    assert content.split("\n")[2] in form  # the form shows the example back, one task a line
    client.force_login(jintan)  # the neighbour cannot teach wujin's upload
    assert client.post(preview + "teach/", {"name": HEADS[0], "content": content}).status_code == 404


CONFIRM = {"title": "武进区2030年为民办实事项目", "year": "2030"}


def _notices(page: str) -> list[str]:
    return re.findall(r'<p class="notice[^"]*" role="status">(.*?)</p>', page)


@pytest.mark.django_db
def test_an_example_that_changes_nothing_is_said_and_not_remembered(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
) -> None:
    wujin, _ = offices
    client.force_login(wujin)
    preview = _upload(client, "wushui.txt", HEADINGS)
    # a sub-item is already read as a project, under its heading: the example agrees with the reading
    example = {"name": "新建村级互助养老点9个", "content": "新建村级互助养老点9个"}
    page = client.post(preview + "teach/", example, follow=True).content.decode()
    assert any("按示范读出的结果与原读法相同" in n for n in _notices(page))
    assert "已按示范项目重新读取整份文件" not in page and len(_cards(page)) == UNTAUGHT
    assert "按示范读出的结果与原读法相同" in page.split('id="taught-check"')[1] and "取消示范" in page
    client.post(preview + "confirm/", CONFIRM | {"place": str(wujin.office_seat.jurisdiction_id)})
    assert Plan.objects.get().projects.count() == UNTAUGHT and not TaughtReading.objects.exists()


@pytest.mark.django_db
def test_an_example_found_nowhere_is_said_plainly_and_not_remembered(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
) -> None:
    wujin, _ = offices
    client.force_login(wujin)
    preview = _upload(client, "wushui.txt", HEADINGS)
    made_up = {"name": "修建跨江大桥一座", "content": "修建跨江大桥一座\n建成滨江公园1个"}  # in no line of it
    page = client.post(preview + "teach/", made_up, follow=True).content.decode()
    assert any(n.startswith("示范项目在原文中未找到") for n in _notices(page))
    assert "已按示范项目重新读取整份文件" not in page and len(_cards(page)) == UNTAUGHT
    client.post(preview + "confirm/", CONFIRM | {"place": str(wujin.office_seat.jurisdiction_id)})
    assert Plan.objects.exists() and not TaughtReading.objects.exists()
    # the next page of the same shape is read as before, not "as this office confirmed"
    again = client.get(_upload(client, "wushui_2031.txt", HEADINGS.replace("2030", "2031"))).content.decode()
    assert "本单位上次确认的读法" not in again and len(_cards(again)) == UNTAUGHT


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
