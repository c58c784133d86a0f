"""What the import preview says about the whole document, about a taught reading and about money
(issue #26 items 4 and 5, after review): a count the document states and the reading misses is
said once, in the notice, not as every project's doubt; a taught reading that loses projects, or an
example that fits poorly or not at all, is said in words beside the way back; a sum of money read
as a target is marked, and doubted where it reads like spending or is all the project measures."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from minsheng.documents.models import TaughtReading
from minsheng.documents.parsed import Document, ParsedPlan, ParsedProject, ParsedTask
from minsheng.documents.shapes.best import read_best
from minsheng.documents.shapes.sureness import assess
from minsheng.indicators.extract import extract
from minsheng.plans.models import Plan

from .test_preview_review import STORY
from .test_teach import FORM, TEACH, offices  # noqa: F401  (a fixture, used by name)

# Ten items under five headings: an example that shows a heading and its lines as one project
# reads five projects where the untaught reading reads ten.
HEADED = """2027年武进区民生实事项目
（一）教育
1.新建城东幼儿园1所，新增学位360个（区教育局，2027年8月底）
2.改扩建城西小学1所，新增学位900个（区教育局，2027年9月底）
（二）养老
3.新建社区老年助餐点12个（区民政局，2027年12月底）
4.改造农村敬老院5所（区民政局，2027年11月底）
（三）交通
5.新增公共停车泊位800个（区住建局，2027年10月底）
6.改造农村公路50公里（区交通局，2027年12月底）
（四）医疗
7.为65岁以上老人免费体检2万人次（区卫健局，2027年12月底）
8.新建村卫生室15个（区卫健局，2027年12月底）
（五）就业
9.新增城镇就业岗位3000个（区人社局，2027年12月底）
10.开展职业技能培训5000人次（区人社局，2027年12月底）
"""
WHOLE_HEADING = {
    "name": "教育",
    "content": "1.新建城东幼儿园1所，新增学位360个（区教育局，2027年8月底）\n"
    "2.改扩建城西小学1所，新增学位900个（区教育局，2027年9月底）",
}
ELSEWHERE = {"name": "修建跨江大桥一座", "content": "修建跨江大桥一座，全长800米", "lead_units": "市交通运输局"}


def _upload(client: Client, name: str, text: str) -> str:
    response = client.post(reverse("documents:upload"), {"file": SimpleUploadedFile(name, text.encode())})
    assert response.status_code == 302
    return str(response["Location"])


def _cards(page: str) -> list[str]:
    return [part.split("</article>")[0] for part in page.split('<article class="project"')[1:]]


@pytest.mark.django_db
def test_a_missed_count_is_said_once_in_the_notice_not_on_every_project(client: Client, office: Any) -> None:
    client.force_login(office)
    page = client.get(_upload(client, "story.txt", STORY)).content.decode()
    assert page.count("文件称共20项，读出4项") == 1
    notice = page.split("需要核对")[1].split("</article>")[0]
    assert "文件称共20项，读出4项" in notice
    cards = _cards(page)
    assert len(cards) == 4 and not any("20" in card.split("<table")[0] for card in cards), cards[0][:300]


def test_the_guessed_reading_says_the_count_once_and_its_projects_keep_their_own_doubts() -> None:
    story = (
        "某县2027年民生实事\n这4项民生实事项目分别是社区食堂建设工程、口袋公园建设工程、老旧小区改造工程、"
        "农贸市场提升工程、公厕改造工程。"
    )
    plan = read_best(Document("story.txt", [], story.split("\n")))
    said = [w.message for w in plan.warnings if "读出5项" in w.message]
    assert len(plan.projects) == 5 and said == ["文件称共4项，读出5项，请核对是否漏读或多读"]
    assert not any("项数" in d or "读出" in d for p in plan.projects for d in p.doubts)


@pytest.mark.django_db
def test_a_taught_reading_with_fewer_projects_is_said_and_can_be_taken_back(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
) -> None:
    wujin, jintan = offices
    client.force_login(wujin)
    preview = _upload(client, "headed.txt", HEADED)
    assert len(_cards(client.get(preview).content.decode())) == 10
    taught = client.post(preview + "teach/", WHOLE_HEADING, follow=True).content.decode()
    check = taught.split('id="taught-check"')[1].split("</article>")[0]
    assert "按示范读出的项目比原来少：原来10项，现在5项" in check and "取消示范，回到原来的读法" in check
    assert len(_cards(taught)) == 5 and "读出的结果需要核对" in taught
    client.force_login(jintan)  # the neighbour can neither read nor teach wujin's upload
    assert client.post(preview + "teach/", {"clear": "1"}).status_code == 404
    assert client.get(preview).status_code == 404
    client.force_login(wujin)
    back = client.post(preview + "teach/", {"clear": "1"}, follow=True).content.decode()
    assert len(_cards(back)) == 10 and 'id="taught-check"' not in back


@pytest.mark.django_db
def test_an_example_found_nowhere_keeps_the_untaught_reading_and_is_not_remembered(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
) -> None:
    wujin, _ = offices
    client.force_login(wujin)
    preview = _upload(client, "headed.txt", HEADED)
    page = client.post(preview + "teach/", ELSEWHERE, follow=True).content.decode()
    check = page.split('id="taught-check"')[1].split("</article>")[0]
    assert "示范项目在原文中未找到" in check and "仍按原来的读法读取" in check
    assert len(_cards(page)) == 10 and 'id="taught-how"' not in page
    form = {"title": "2027年武进区民生实事项目", "year": "2027", "place": str(wujin.office_seat.jurisdiction_id)}
    client.post(preview + "confirm/", form)
    assert Plan.objects.get().projects.count() == 10 and not TaughtReading.objects.exists()


@pytest.mark.django_db
def test_an_example_found_nowhere_leaves_the_reading_the_office_taught_before(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
) -> None:
    wujin, _ = offices
    client.force_login(wujin)
    preview = _upload(client, "wujin_2026.txt", (TEACH / "wujin_2026.txt").read_text(encoding="utf-8"))
    client.post(preview + "teach/", FORM)
    client.post(preview + "confirm/")
    assert TaughtReading.objects.count() == 1
    preview = _upload(client, "wujin_2027.txt", (TEACH / "wujin_2027.txt").read_text(encoding="utf-8"))
    remembered = _cards(client.get(preview).content.decode())
    page = client.post(preview + "teach/", ELSEWHERE, follow=True).content.decode()
    assert "示范项目在原文中未找到" in page and "（本单位上次确认的读法）" in page
    assert [c.split("</h4>")[0] for c in _cards(page)] == [c.split("</h4>")[0] for c in remembered]


def test_an_example_that_fits_in_part_is_applied_and_said() -> None:
    document = Document("headed.txt", [], HEADED.strip().split("\n"))
    example = {"name": "新建城东幼儿园1所", "tasks": [{"content": "新建城东幼儿园1所", "lead_units": ["教育体育局"]}]}
    plan = read_best(document, example=example)
    assert plan.taught is not None and len(plan.projects) == 10
    assert [d for d in plan.taught_doubts if d.startswith("示范项目与读出的最接近的项目只部分相符")]


def _project(name: str, content: str) -> ParsedProject:
    return ParsedProject(None, None, name, tasks=[ParsedTask(content=content, indicators=extract(content))])


def test_a_money_target_is_doubted_where_it_reads_like_spending_or_is_all_there_is() -> None:
    plan = ParsedPlan(None, 2027, None)
    plan.projects = [
        _project("改造老旧小区", "计划投入500万元，改造老旧小区12个"),
        _project("发放助学金", "发放助学金300万元"),
        _project("提高养老金", "城乡居民基础养老金提高到每人每月200元"),
        _project("新建公厕", "新建公厕10座"),
    ]
    assess(plan)
    doubts = {p.name: "；".join(p.doubts) for p in plan.projects}
    assert "指标“计划投入500万元”是金额，像是经费投入" in doubts["改造老旧小区"]
    assert "指标只有金额（发放助学金300万元）" in doubts["发放助学金"]
    assert not doubts["提高养老金"] and not doubts["新建公厕"]  # a standard raised is a deliverable, no total


MONEY = (
    "<html><body><p>2027年某县民生实事项目</p><table>"
    "<tr><td>序号</td><td>项目名称</td><td>建设内容</td><td>总投资（万元）</td><td>牵头单位</td><td>完成时间</td></tr>"
    "<tr><td>1</td><td>老旧小区改造</td><td>改造老旧小区12个，计划投入500万元</td><td>800</td><td>县住建局</td>"
    "<td>2027年12月底</td></tr>"
    "<tr><td>2</td><td>城东幼儿园</td><td>新建城东幼儿园1所，新增学位360个</td><td>1200</td><td>县教育局</td>"
    "<td>2027年8月底</td></tr>"
    "</table></body></html>"
)


@pytest.mark.django_db
def test_the_preview_marks_money_targets_and_shows_the_investment_apart(client: Client, office: Any) -> None:
    client.force_login(office)
    cards = _cards(client.get(_upload(client, "money.html", MONEY)).content.decode())
    assert re.search(r'class="chip money"[^>]*>金额 计划投入500万元', cards[0]) and "经费投入" in cards[0]
    assert "投资（万元） 1200（经费，不作指标）" in cards[1]  # the investment column: the task's, no target
    assert "金额 " not in cards[1] and "把握" not in cards[1]
