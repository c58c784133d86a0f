"""Issue 26, item 4: a plan-like page is never refused bare. News items opening with a title
sentence are read as projects; a story that states its work only in sentences gets each such
sentence as a project, every one marked a guess; prose with no work in it is still refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from minsheng.documents.errors import DocumentError
from minsheng.documents.parse import parse_file
from minsheng.documents.shapes.best import SENTENCES_WARNING
from minsheng.plans.models import Plan

TITLED = [
    (
        "我县扎实推进2025年民生实事\n今年以来，县委县政府把民生实事作为重要抓手，各项工作有序开展。\n"
        "农村危房改造。组织各县对排查出的2217户农村危房全部实施改造，今年6月底前完成。\n"
        "城区道路维修。对城区12条主次干道进行维修，改善群众出行条件。\n"
        "老年食堂建设。在城区和中心镇新建老年食堂15个，为老年人提供助餐服务。\n",
        ["农村危房改造", "城区道路维修", "老年食堂建设"],
    ),
    (
        "市政府召开民生实事推进会\n会议听取了各部门的汇报。会议要求，各部门要压实责任。\n"
        "校园安全提升。为全市120所中小学安装一键报警装置。\n"
        "公交线路优化。新开通公交线路5条，调整线路8条。\n"
        "背街小巷整治。完成背街小巷整治40条，年底前完成。\n"
        "全民健身设施。新建社区健身点30个。\n",
        ["校园安全提升", "公交线路优化", "背街小巷整治", "全民健身设施"],
    ),
]


@pytest.mark.parametrize(("text", "names"), TITLED, ids=["county", "city"])
def test_items_opening_with_a_title_sentence_are_read_as_projects(tmp_path: Path, text: str, names: list[str]) -> None:
    path = tmp_path / "news.txt"
    path.write_text(text, encoding="utf-8")
    plan = parse_file(path)
    assert [p.name for p in plan.projects] == names
    assert not plan.projects[0].tasks[0].content.startswith(names[0])  # the title sentence is the name only


SENTENCES = [
    (
        "养老：新建社区养老服务站12个；教育：新增公办学位2100个；交通：硬化农村道路120公里；会议还研究了其他事项。",
        ["养老", "教育", "交通"],
    ),
    (
        "本报讯 近日，县政府召开常务会议。\n医疗：为全县65岁以上老人免费体检，覆盖3万人。\n"
        "教育：新建公办幼儿园4所。\n交通：硬化农村道路120公里。\n会议由县长主持。\n",
        ["医疗", "教育", "交通"],
    ),
]


@pytest.mark.parametrize(("text", "categories"), SENTENCES, ids=["run-on", "labelled"])
def test_a_story_stating_work_in_sentences_gets_them_as_guessed_projects(
    tmp_path: Path, text: str, categories: list[str]
) -> None:
    path = tmp_path / "story.txt"
    path.write_text(text, encoding="utf-8")
    plan = parse_file(path)
    assert any(w.message == SENTENCES_WARNING for w in plan.warnings)
    assert all(p.sureness < 1 and p.doubts for p in plan.projects)
    assert [p.category for p in plan.projects] == categories  # an inline label `医疗：` is its category


NUMBERED = [
    (
        "2025年某区为民办实事安排\n社会保障\n 1 提高城乡低保标准，每人每月增加30元, 2 扩大医疗救助覆盖范围，"
        "惠及困难群众5000人, 3 继续实施临时救助制度\n城乡建设\n 1 改造老旧小区32个, 2 新建停车位1500个, "
        "3 完成背街小巷整治40条\n",
        ["社会保障"] * 3 + ["城乡建设"] * 3,
        False,  # numbered afresh under each category title: a list the reader knows (round 15's kind)
    ),
    (
        "区政府召开会议，部署今年为民办实事工作。会议确定：1 提高城乡低保标准，每人每月增加30元， 2 扩大医疗"
        "救助覆盖范围，惠及困难群众5000人， 3 改造老旧小区32个。会议于 2025 年 3 月召开。\n",
        [None] * 3,
        True,  # numbers inside a news sentence: a guess, each project doubted
    ),
]


@pytest.mark.parametrize(("text", "categories", "doubted"), NUMBERED, ids=["under-categories", "in-a-sentence"])
def test_items_numbered_by_bare_numbers_in_a_paragraph_are_each_a_project(
    tmp_path: Path, text: str, categories: list[str | None], doubted: bool
) -> None:
    path = tmp_path / "numbered.txt"
    path.write_text(text, encoding="utf-8")
    plan = parse_file(path)
    assert [p.category for p in plan.projects] == categories
    # one sentence an item: its name is the sentence (as the blind rounds' expected plans have it)
    assert plan.projects[0].name.startswith("提高城乡低保标准") and plan.projects[2].name != "2025"
    assert all(p.sureness < 1 for p in plan.projects) == doubted


REFUSED = [
    "今天天气很好，我们去公园散步。公园里有很多花，还有一个湖。",
    "关于召开春季运动会的通知\n各单位：定于四月举行运动会；请做好准备；按时报名；注意安全。\n",
    "本报讯 昨天下午，市图书馆举办读书分享会。读者们交流了阅读心得。活动持续了两个小时。",
]


@pytest.mark.parametrize("text", REFUSED, ids=["park", "sports", "reading"])
def test_prose_with_no_work_in_it_is_still_refused_with_a_clear_message(tmp_path: Path, text: str) -> None:
    path = tmp_path / "prose.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DocumentError, match="没有找到可识别的任务分解表，也没有读到像工作任务的条目或句子"):
        parse_file(path)


def test_a_guessed_sentence_keeps_the_deadline_it_says_and_the_title_its_year(tmp_path: Path) -> None:
    path = tmp_path / "progress.txt"
    path.write_text(
        "2025年某县民生实事进展\n养老：新建社区养老服务站12个，年底前完成；教育：新增公办学位2100个，"
        "9月底前完成；交通：硬化农村道路120公里，10月底前完成。\n",
        encoding="utf-8",
    )
    plan = parse_file(path)
    assert plan.year == 2025 and [p.name for p in plan.projects][0] == "新建社区养老服务站12个"
    assert [p.tasks[0].due for p in plan.projects] == ["2025-12-31", "2025-09-30", "2025-10-31"]
    assert plan.projects[1].tasks[0].indicators[0].value == 2100


@pytest.mark.django_db
def test_the_preview_of_a_guess_says_so_and_opens_on_the_projects_to_check(client: Client, office: Any) -> None:
    client.force_login(office)
    story = SENTENCES[1][0].encode("utf-8")
    response = client.post(reverse("documents:upload"), {"file": SimpleUploadedFile("story.txt", story)})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "只是猜测" in page and "用一个项目示范正确读法" in page
    assert page.index("把握一般") < page.index('id="project-1"')  # the list to check comes before the projects
    assert "把握 0." not in page  # in the clerk's words, not a decimal
    assert Plan.objects.count() == 0
