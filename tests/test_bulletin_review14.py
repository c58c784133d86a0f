"""Review 14 of the office's bulletin upload (issue #28): a figure set off by a space keeps its words,
a correction is remembered or the page says why not, only ticked rows are filed and never in another
unit, a remembered pairing says so, every figure read is on the page, and a target named only by its
scope (全区) takes the thing counted after its number."""

from __future__ import annotations

import datetime
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from minsheng.indicators.extract import extract
from minsheng.indicators.models import Indicator
from minsheng.indicators.progress_reader import read_progress
from minsheng.indicators.progress_tokens import spaced_figures
from minsheng.progress.models import Figure, FigureAlias, Report

from .test_bulletin_pairs import _upload  # the same upload the pairing tests make

OFFERED = re.compile(r'aria-label="采用 (.+?) ([\d.]+)(\S+?)"')


# ---------------------------------------------------------------- 1. a space before the figure
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("新增公共停车泊位 800个，占计划的53%。", "公共停车泊位"),
        ("新建社区食堂 5家。", "社区食堂"),
        ("截至3月底，改造老旧小区 35个；加装电梯 12部。", "老旧小区"),
    ],
)
def test_the_words_before_a_figure_set_off_by_one_space_name_it(line: str, name: str) -> None:
    first = next(s for s in read_progress(line).statements() if s.kind == "actual")
    assert first.name == name


@pytest.mark.parametrize(
    "line",
    [
        "推进停车便利化 80%",  # a one-line table row: no sentence, cells apart
        "新增泊位 2600个 1450个，完成率56%。",  # the words before hold a figure: a row's cells
        "1.力争8个社区达到标准 完成6个,完成率75%",  # no figure after the space
        "推进停车便利化 80%(因征地滞后)",  # the figure does not close a clause
    ],
)
def test_cells_of_a_row_parted_by_spaces_stay_apart(line: str) -> None:
    assert spaced_figures(line) == line


# ---------------------------------------------------------------- 5. a target named only by its scope
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("实施全区454台老旧电梯更新改造", "老旧电梯更新改造"),
        ("完成全市120个老旧小区改造", "老旧小区改造"),
        ("在全县新建30个村级养老服务站", "村级养老服务站"),
        ("实施全区范围内20座农村公厕改造", "农村公厕改造"),
    ],
)
def test_a_target_named_only_by_its_scope_takes_what_it_counts(text: str, name: str) -> None:
    assert [i.name for i in extract(text)] == [name]


def test_a_scope_inside_a_name_stays() -> None:
    assert [i.name for i in extract("新增全区公共停车泊位1500个")] == ["全区公共停车泊位"]


# ---------------------------------------------------------------- the upload
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def _key(page: str, marker: str) -> str:
    for row in page.split("<tr"):
        if marker in row and 'name="pair-' in row:
            return row.split('name="pair-')[1].split('"')[0]
    raise AssertionError(marker)


def _confirm(client: Any, plan: Any, page: str, **form: Any) -> Any:
    form |= {"key": page.split('name="key" value="')[1].split('"')[0], "period_end": "2026-03-31"}
    return client.post(reverse("progress:bulletin_confirm", args=[plan.pk]), form, follow=True)


def _indicator(plan: Any, name: str) -> Indicator:
    return Indicator.objects.get(task__project__plan=plan, name=name)


@pytest.mark.parametrize("text", ["新增公共停车泊位 800个，占计划的53%。", "一、停车\n新增公共停车泊位 800个。"])
def test_a_spaced_figure_is_offered_against_the_indicator_it_names(
    client: Any, office: Any, wujin_plan: Any, text: str
) -> None:
    client.force_login(office)
    assert {f"{v}{u}": n for n, v, u in OFFERED.findall(_upload(client, wujin_plan, text))}["800个"] == "公共停车泊位"


def test_a_correction_is_remembered_by_the_lines_words(client: Any, office: Any, wujin_plan: Any) -> None:
    client.force_login(office)
    parking = _indicator(wujin_plan, "公共停车泊位")
    page = _upload(client, wujin_plan, "城区停车难问题：已完成800个。")
    key = _key(page, "已完成800个")
    response = _confirm(client, wujin_plan, page, **{f"pair-{key}": str(parking.pk), "accept": key})
    assert response.status_code == 200 and Figure.objects.get().actual == 800
    assert FigureAlias.objects.get().indicator_name == "公共停车泊位"
    again = _upload(client, wujin_plan, "城区停车难问题：已完成950个。")
    row = next(r for r in again.split("<tr") if "已完成950个" in r)
    assert 'aria-label="采用 公共停车泊位 950个"' in row and "按记住的对应" in row


def test_a_correction_with_nothing_to_know_it_by_says_so(client: Any, office: Any, wujin_plan: Any) -> None:
    client.force_login(office)
    page = _upload(client, wujin_plan, "已完成800个。")
    key = _key(page, "已完成800个")
    parking = _indicator(wujin_plan, "公共停车泊位")
    response = _confirm(client, wujin_plan, page, **{f"pair-{key}": str(parking.pk), "accept": key})
    assert Figure.objects.get().actual == 800 and not FigureAlias.objects.exists()
    assert "这次的对应无法记住" in response.content.decode()


def test_a_re_paired_row_left_unticked_is_not_filed(client: Any, office: Any, wujin_plan: Any) -> None:
    client.force_login(office)
    text = "一、停车\n新增公共停车泊位800个。\n二、助餐\n新增老年助餐点6个。"
    page = _upload(client, wujin_plan, text)
    meals, parking = _key(page, "助餐点6个"), _key(page, "停车泊位800个")
    spaces = _indicator(wujin_plan, "公共停车泊位")
    form = {f"pair-{meals}": str(spaces.pk), "accept": parking}  # 6个 re-pointed but not ticked
    assert _confirm(client, wujin_plan, page, **form).redirect_chain
    assert list(Figure.objects.values_list("indicator__name", "actual")) == [("公共停车泊位", 800)]
    assert not FigureAlias.objects.exists()  # nor remembered: the clerk never confirmed that choice (review)


def test_a_figure_is_never_filed_in_another_unit(client: Any, office: Any, wujin_plan: Any) -> None:
    client.force_login(office)
    page = _upload(client, wujin_plan, "一、农村人居环境\n农村公厕改扩建15座。")
    key = _key(page, "15座")
    meals = _indicator(wujin_plan, "老年人助餐点")
    assert f'<option value="{meals.pk}"' not in page.split(f'name="pair-{key}"')[1].split("</select>")[0]
    response = _confirm(client, wujin_plan, page, **{f"pair-{key}": str(meals.pk), "accept": key})
    body = response.content.decode()
    assert response.status_code == 422 and "读到的是15座" in body and "单位不同" in body
    assert 'class="row-error"' in body
    assert not Report.objects.exists() and not FigureAlias.objects.exists()


def test_a_remembered_pairing_names_the_better_pairing_by_name_it_overrides(
    client: Any, office: Any, wujin_plan: Any
) -> None:
    client.force_login(office)
    meals = _indicator(wujin_plan, "老年人助餐点")
    FigureAlias.objects.create(
        jurisdiction_id=wujin_plan.jurisdiction_id,
        words="新增公共停车泊位",
        project_name=meals.task.project.name,
        indicator_name=meals.name,
    )
    page = _upload(client, wujin_plan, "新增公共停车泊位800个。")
    row = next(r for r in page.split("<tr") if "停车泊位800个" in r)
    assert "老年人助餐点" in row and "按记住的对应（按名称更接近：公共停车泊位" in row


def test_a_table_pasted_one_cell_per_line_shows_every_rate(client: Any, office: Any, wujin_plan: Any) -> None:
    client.force_login(office)
    text = "序号\n项目内容\n当前进度\n1\n推进停车便利化\n80%(因征地滞后)\n2\n新建社区食堂\n95%"
    page = _upload(client, wujin_plan, text)
    unpaired = page.split("未能对应到指标的数字")[1]
    assert "80%(因征地滞后)" in unpaired and "95%" in unpaired and "进度百分比" in unpaired


def test_a_text_of_one_line_is_its_own_statement_not_a_headline() -> None:
    """A reviewer uploaded one unpunctuated line; it was taken for the page's headline and nothing was read."""
    from minsheng.indicators.progress_reader import read_progress

    for text in ("老旧电梯更新改造已完成300台", "老旧电梯更新改造已完成300台\n"):
        statements = [s for g in read_progress(text).to_json()["groups"] for s in g["statements"]]
        assert [(s["kind"], s["value"], s["unit"]) for s in statements] == [("actual", 300, "台")]
    headed = read_progress("上半年完成投资24.36亿元\n一、住房\n完成老旧小区改造30个。").to_json()
    assert headed["title"] == "上半年完成投资24.36亿元"  # a headline over a body stays the title
