"""The import preview as a reviewer used it (issue #26 items 4 and 5): sureness that rests on each
project's own evidence, in the clerk's words, least sure first; place names compared in either
script; a place that is not the office's said on the preview, alike before and after teaching;
title, place and year set in the preview; wording that fits a plain-text page."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from minsheng.documents.parsed import ParsedPlan, ParsedProject, ParsedTask
from minsheng.documents.shapes.sureness import assess, least_sure
from minsheng.indicators.parsed import ParsedIndicator
from minsheng.plans.models import Plan

from .test_teach import offices  # noqa: F401  (a fixture, used by name)

# A story about a plan, read as a guess: a count statement, a heading run into its numbering,
# a line of last year's news, and real items.
STORY = (
    "近日，澄江市2027年民生实事出炉，共6类20项民生实事，涉及养老、教育、交通等多个领域，件件关系群众冷暖。\n"
    "养老服务提质 和困难群体帮扶 1\n"
    "新建社区老年助餐点12个，为独居老人安装紧急呼叫设备800台； 2 改造农村敬老院5所，新增护理型床位300张；"
    " 3 继续实施“银发暖心”关爱行动；\n"
    "2026年，澄江市民领取了免费体检卡。 4 继续推进困难家庭适老化改造，为低收入老年人家庭免费改造居室。\n"
)
# 武进区's list copied in traditional script.
TRADITIONAL = (
    "武進區2027年為民辦實事項目\n"
    "一、新建城西幼兒園1所，新增學位270個（區教育局，2027年8月底）\n"
    "二、改造老舊小區9個，惠及居民3200戶（區住建局，2027年12月底）\n"
    "三、新增公共停車泊位600個（區城管局，2027年10月底）\n"
)
# Another city's list whose place only its opening line names (no title).
ELSEWHERE = (
    "日前，澄江市2027年民生实事项目确定，共3项。\n"
    "新建城西幼儿园1所。新增学位270个，由市教育局负责，2027年8月底前完成。\n"
    "改造老旧小区9个。惠及居民3200户，由市住建局负责，2027年12月底前完成。\n"
    "新增公共停车泊位600个。缓解停车难，由市城管局负责，2027年10月底前完成。\n"
)


def _project(name: str, content: str, targets: int = 1) -> ParsedProject:
    indicators = [ParsedIndicator("1个", "x", Decimal(1), "个", "=") for _ in range(targets)]
    task = ParsedTask(content=content, indicators=indicators, source={"content": "第2段"})
    return ParsedProject(seq=None, category=None, name=name, tasks=[task])


LONG = "提高城乡居民基础养老金和困难群众救助标准、城乡低保标准、特困人员供养标准"


def test_each_projects_sureness_rests_on_evidence_of_its_own() -> None:
    plan = ParsedPlan(None, 2027, None)
    plan.projects = [
        _project("新建社区老年助餐点", "新建社区老年助餐点12个，覆盖全部街道"),
        _project("改造农村敬老院", "改造农村敬老院5所，新增护理型床位300张"),
        _project("共5类18项民生实事", "昨日，记者从市发改委获悉，共5类18项民生实事", targets=0),
        _project("就业创业扶持 2", "就业创业扶持 2", targets=0),
        _project("城北客运站建成启用", "城北客运站于2025年建成启用，方便市民出行", targets=0),
        _project(
            "提高城乡居民基础养老金和困难群众救助标准、城乡低保标准、特困",
            "提高城乡居民基础养老金和困难群众救助标准、城乡低保标准、特困人员供养标准",
        ),
    ]
    assess(plan, guessed=True)
    sure = {p.name: p.sureness for p in plan.projects}
    real = min(sure["新建社区老年助餐点"], sure["改造农村敬老院"])
    assert all(sure[p.name] < real for p in plan.projects[2:]), [p.doubts for p in plan.projects]
    doubts = {p.name: "；".join(p.doubts) for p in plan.projects}
    assert "新闻报道" in doubts["共5类18项民生实事"] and "统计句" in doubts["共5类18项民生实事"]
    assert "孤立的数字" in doubts["就业创业扶持 2"] and "只有名称" in doubts["就业创业扶持 2"]
    assert "往年" in doubts["城北客运站建成启用"] and "截断" in doubts[plan.projects[5].name]
    assert "项数" not in doubts["改造农村敬老院"]  # a count the document states is the notice's (best.py)
    assert least_sure(plan)[0].name in {"共5类18项民生实事", "就业创业扶持 2"}


def _upload(client: Client, name: str, text: str) -> str:
    response = client.post(reverse("documents:upload"), {"file": SimpleUploadedFile(name, text.encode())})
    assert response.status_code == 302
    return str(response["Location"])


# Four items of five the page announces, the last with no unit and no deadline where the others have them.
LACKING = (
    "澄江县2027年民生实事项目\n今年全县民生实事项目共5项，具体如下：\n"
    "一、新建城西幼儿园1所，新增学位270个（责任单位：县教育局，完成时限：2027年8月底）\n"
    "二、改造老旧小区9个，惠及居民3200户（责任单位：县住建局，完成时限：2027年12月底）\n"
    "三、新增公共停车泊位600个（责任单位：县城管局，完成时限：2027年10月底）\n"
    "四、为65岁以上老人免费体检2万人次\n"
)


@pytest.mark.django_db
def test_the_preview_opens_on_the_least_sure_project_in_the_clerks_words(client: Client, office: Any) -> None:
    client.force_login(office)
    page = client.get(_upload(client, "lacking.txt", LACKING)).content.decode()
    box = page.split('id="least-sure"')[1].split("</article>")[0]
    assert page.index('id="least-sure"') < page.index("需要核对")  # before anything else to check
    # the one project with evidence of its own against it, said in words with its reasons, never as a decimal
    assert re.search("把握(较低|一般)", box) and "把握 0." not in page and not re.search(r"把握 \d", page)
    first = int(re.search(r'href="#project-(\d+)"', box).group(1))  # type: ignore[union-attr]
    card = page.split(f'id="project-{first}"')[1].split("</article>")[0]
    assert "免费体检" in card and "其他项目大多有牵头单位，此项没有" in card and "5项" not in card
    assert box.count("<li>") == 1  # the count the page states is no project's doubt: the notice says it
    assert "文件称共5项，读出4项" in page.split("需要核对")[1].split("</article>")[0]


@pytest.mark.django_db
def test_a_traditional_copy_of_the_offices_own_list_is_its_own(client: Client, offices: tuple[Any, Any]) -> None:  # noqa: F811
    wujin, _ = offices
    client.force_login(wujin)
    preview = _upload(client, "武進區.txt", TRADITIONAL)
    response = client.get(preview)
    assert response.status_code == 200 and 'id="place-mismatch"' not in response.content.decode()
    form = {"title": "武進區2027年為民辦實事項目", "year": "2027", "place": str(wujin.office_seat.jurisdiction_id)}
    client.post(preview + "confirm/", form)
    plan = Plan.objects.get()
    assert plan.jurisdiction.name == "武进区" and plan.projects.count() == 3


@pytest.mark.django_db
def test_another_place_is_said_on_the_preview_before_and_after_teaching(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
) -> None:
    wujin, _ = offices
    client.force_login(wujin)
    preview = _upload(client, "elsewhere.txt", ELSEWHERE)
    first = client.get(preview)
    assert first.status_code == 200 and "“澄江市”，不是本级（武进区）" in first.content.decode()
    example = {"name": "新建城西幼儿园1所", "content": "新增学位270个", "lead_units": "市教育局"}
    taught = client.post(preview + "teach/", example, follow=True)
    page = taught.content.decode()
    # the example reads as the page did: said so, the reading and the place's warning kept
    assert taught.status_code == 200 and "“澄江市”，不是本级（武进区）" in page
    assert "按示范读出的结果与原读法相同" in page
    assert "取消示范" in page and "修改标题" not in page and 'id="project-1"' in page
    assert client.post(preview + "teach/", {"clear": "1"}, follow=True).status_code == 200  # back to the untaught
    refused = client.post(
        preview + "confirm/", {"title": "澄江市2027年民生实事", "year": "2027", "place": ""}, follow=True
    )
    assert "请在“行政区划”中选择本级（武进区）" in refused.content.decode() and not Plan.objects.exists()


@pytest.mark.django_db
def test_title_place_and_year_are_set_in_the_preview(client: Client, offices: tuple[Any, Any]) -> None:  # noqa: F811
    wujin, jintan = offices
    client.force_login(wujin)
    preview = _upload(client, "武進區.txt", TRADITIONAL)
    page = client.get(preview).content.decode()
    assert 'name="title" value="武進區2027年為民辦實事項目"' in page and 'name="year" type="number"' in page
    seat_id = str(wujin.office_seat.jurisdiction_id)
    bad = {"title": "武进区2028年民生实事", "year": "1999", "place": seat_id}
    page = client.post(preview + "confirm/", bad, follow=True).content.decode()
    assert "年度应为 2000 至 2100 之间的年份" in page and not Plan.objects.exists()
    assert 'value="武进区2028年民生实事"' in page and 'value="1999"' in page  # what the clerk typed is kept
    jintan_place = str(jintan.office_seat.jurisdiction_id)
    page = client.post(preview + "confirm/", {**bad, "year": "2028", "place": jintan_place}, follow=True)
    assert "请在“行政区划”中选择本级（武进区）" in page.content.decode() and not Plan.objects.exists()
    client.force_login(jintan)  # the neighbour: nothing of wujin's upload, read or written
    assert client.get(preview).status_code == 404
    assert client.post(preview + "confirm/", {**bad, "year": "2028", "place": jintan_place}).status_code == 404
    assert not Plan.objects.exists()
    client.force_login(wujin)
    client.post(preview + "confirm/", {**bad, "year": "2028"})
    plan = Plan.objects.get()
    assert (plan.title, plan.year, plan.jurisdiction.name) == ("武进区2028年民生实事", 2028, "武进区")


@pytest.mark.django_db
def test_a_plain_text_pages_preview_words(client: Client, office: Any) -> None:
    client.force_login(office)
    page = client.get(_upload(client, "story.txt", STORY)).content.decode()
    assert "表中读出" not in page and "文件称共20项，读出4项" in page
    assert not re.search(r"来源：\s*</div>", page)  # no empty source label
    assert "文件写明 " not in page  # counts are not lumped into one phrase


def test_a_name_cut_mid_word_is_marked_and_shows_whole_on_hover() -> None:
    from django.template import Context, Template

    shown = Template(
        '{% load preview_tags %}{% for p in ps %}{% if p|name_cut %}<span title="{{ p.tasks.0.content }}">'
        "{{ p.name }}…</span>{% else %}{{ p.name }}{% endif %}|{% endfor %}"
    )
    cut = _project(LONG[:30], LONG)
    whole = _project("新建社区老年助餐点", "新建社区老年助餐点12个，覆盖全部街道")  # a name, then its figures
    out = shown.render(Context({"ps": [cut, whole]}))
    assert f'<span title="{LONG}">{LONG[:30]}…</span>|' in out and "|新建社区老年助餐点|" in f"|{out}"
    assert "截断" in "；".join(_assessed(cut).doubts) and not _assessed(whole).doubts


def _assessed(project: ParsedProject) -> ParsedProject:
    assess(ParsedPlan(None, 2027, None, [project]))
    return project


@pytest.mark.django_db
def test_an_unseated_office_files_a_traditional_copy_under_the_place_it_has(client: Client, office: Any) -> None:
    from minsheng.plans.models import Jurisdiction

    wujin = Jurisdiction.objects.create(name="武进区", level=Jurisdiction.Level.COUNTY)
    client.force_login(office)
    preview = _upload(client, "武進區.txt", TRADITIONAL)
    page = client.get(preview).content.decode()
    assert 'name="place" value="武進區"' in page  # what was read, the clerk may change it
    client.post(preview + "confirm/", {"title": "武進區2027年為民辦實事項目", "year": "2027", "place": "武進區"})
    assert Plan.objects.get().jurisdiction == wujin and Jurisdiction.objects.count() == 1


# A news story whose only place is the issuer right after the year (2013年龙岩市委、市政府…, round 15's kind).
ISSUER_AFTER_YEAR = (
    "今年,澄江全市计划新建乡镇卫生院8所,新增床位300张;继续实施农村公路提档升级,改造农村公路120公里;"
    "新建城市社区公园6个,方便市民就近休闲;改造城区老旧供水管网35公里。昨天,记者获悉,2027年澄江市委、"
    "市政府为民办实事项目已经确定,共10项。\n"
)


@pytest.mark.django_db
def test_an_issuer_named_after_the_year_is_another_place(client: Client, offices: tuple[Any, Any]) -> None:  # noqa: F811
    client.force_login(offices[0])  # 武进区's office
    page = client.get(_upload(client, "issuer.txt", ISSUER_AFTER_YEAR)).content.decode()
    assert "“澄江市”，不是本级（武进区）" in page  # never defaulted to the office's own place
