"""The forecast in the papers the office sends: one line per task forecast 预计完不成 or 有风险,
with its reason sentence, in the 进度通报 (page and .docx) and in the unit's 督办单."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from tests.test_forecast_pages import _frozen, year  # noqa: F401  (fixtures: 10 July 2026, a stall and a build)

pytestmark = pytest.mark.django_db


def _text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def _reason(plan: Any, task: Any) -> str:
    import datetime

    from minsheng.progress.board import build_board
    from minsheng.progress.forecast_board import board_risks

    return board_risks(build_board(plan, datetime.date(2026, 6, 30)))[task.pk].reason


def test_the_bulletin_names_the_tasks_forecast_to_miss(client: Client, office: Any, year: dict[str, Any]) -> None:  # noqa: F811
    client.force_login(office)
    url = reverse("reports:bulletin", args=[year["plan"].pk])
    page = client.get(url, {"as_of": "2026-06-30"}).content.decode()
    reason = _reason(year["plan"], year["training"])
    assert "年底预计完不成或有风险的任务" in page and 'id="forecast-risks"' in page
    line = f"职业技能培训（人社局）{'有风险' if '风险' in reason else '预计完不成'}：{reason}。"
    assert line in page and "预计年底完成约" in reason and "人次" in reason
    # The back-loaded build behind 序时进度 but on its curve is named as lagging, not as a miss.
    listed = page.split('id="forecast-risks"')[1].split("</ul>")[0]
    assert "新建停车场" not in listed
    docx = _text(client.get(url, {"as_of": "2026-06-30", "format": "docx"}).content)
    assert "按目前进度预计年底完不成或有完不成风险的任务1项：" in docx and line in docx


def test_the_supervision_notice_lists_them_with_their_reason(client: Client, office: Any, year: dict[str, Any]) -> None:  # noqa: F811
    unit = year["training"].task_units.get().unit
    client.force_login(office)
    url = reverse("reports:supervision", args=[year["plan"].pk, unit.pk])
    text = _text(client.get(url, {"as_of": "2026-06-30"}).content)
    reason = _reason(year["plan"], year["training"])
    assert "预计年底完不成或有风险的任务清单" in text and "1项按目前进度预计年底完不成或有风险" in text
    assert reason in text and "开展职业技能培训1000人次" in text


def test_a_plan_on_course_gets_no_forecast_lines(client: Client, office: Any, year: dict[str, Any]) -> None:  # noqa: F811
    client.force_login(office)
    # At the end of March the training was ahead of its pace: nobody is forecast to miss.
    page = client.get(reverse("reports:bulletin", args=[year["plan"].pk]), {"as_of": "2026-03-31"}).content.decode()
    assert 'id="forecast-risks"' not in page and "按目前进度预计年底完不成" not in page


@pytest.mark.parametrize("extra", [0, 6])
def test_the_papers_query_counts_do_not_grow_with_the_forecast(
    client: Client,
    office: Any,
    year: dict[str, Any],  # noqa: F811
    django_assert_max_num_queries: Any,
    extra: int,
) -> None:
    from django.contrib.auth import get_user_model

    from tests.test_forecast_pages import _file, _task

    unit = year["training"].task_units.get().unit
    reporter = get_user_model().objects.get(username="rs")
    for i in range(extra):  # more stalled trainings, each with four reports
        task = _task(year["plan"], unit, f"培训{i}", "开展技能培训100人次", 100, "人次")
        _file(reporter, task, {3: 30, 4: 40, 5: 40, 6: 40})
    client.force_login(office)
    # 18, and 9 the first time a unit's 督办单 goes out: its 发文字号 taken under a lock and kept;
    # and 6 the first time a board's forecasts are computed: they are written to the shared
    # cache (forecast_cache), so that every worker reads them. None of these grow with the plan.
    with django_assert_max_num_queries(33):
        url = reverse("reports:supervision", args=[year["plan"].pk, unit.pk])
        assert "培训" in _text(client.get(url, {"as_of": "2026-06-30"}).content)
    with django_assert_max_num_queries(18):
        page = client.get(reverse("reports:bulletin", args=[year["plan"].pk]), {"as_of": "2026-06-30"})
    assert page.content.decode().count("<li>培训") == extra
