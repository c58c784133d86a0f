"""The progress bulletin (进度通报) as a page and as .docx, read back."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from docx import Document

from minsheng.cli import main
from minsheng.progress import services

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(member: Any, parking_task: Any) -> Any:
    with time_machine.travel(datetime.datetime(2026, 3, 31, 12, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        target = parking_task.indicators.get()
        filing = services.Filing(
            datetime.date(2026, 3, 31), "in_progress", "一季度新增泊位分布于湖塘、牛塘。", {target.pk: Decimal(303)}
        )
        services.file_report(user=member("城管局"), task=parking_task, filing=filing)
    return parking_task.project.plan


@pytest.fixture
def client(client: Client, office: Any) -> Client:
    """The bulletin is the office's: it counts reports not reviewed yet."""
    client.force_login(office)
    return client


def test_bulletin_page_states_progress_in_sentences(client: Client, reported: Any) -> None:
    url = reverse("reports:bulletin", args=[reported.pk])
    page = client.get(url, {"as_of": "2026-03-31"}).content.decode()
    assert "新增公共停车泊位303个，完成年度目标的20.2%。" in page
    assert "一季度新增泊位分布于湖塘、牛塘。" in page
    assert "截至2026年3月31日" in page and "未报送" in page
    assert client.get(url, {"as_of": "三月"}).status_code == 400


def test_bulletin_docx_reads_back(client: Client, reported: Any, tmp_path: Path) -> None:
    response = client.get(reverse("reports:bulletin", args=[reported.pk]), {"as_of": "2026-03-31", "format": "docx"})
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert (
        "2026年武进区民生实事项目进度通报" in text
        and "推进停车便利化：新增公共停车泊位303个，完成年度目标的20.2%。" in text
    )
    assert "滞后于序时进度的任务" in text
    out = tmp_path / "b.docx"
    assert main(["bulletin", str(reported.pk), "--as-of", "2026-03-31", "--format", "docx", "-o", str(out)]) == 0
    assert "20.2%" in "\n".join(p.text for p in Document(str(out)).paragraphs)


def test_bulletin_is_the_offices(reported: Any, outsider: Any, member: Any) -> None:
    url = reverse("reports:bulletin", args=[reported.pk])
    anonymous = Client()
    assert anonymous.get(url).status_code == 302  # to the login page
    for user in (outsider, member("城管局", "cg2")):
        other = Client()
        other.force_login(user)
        assert other.get(url).status_code == 403
        assert other.get(url, {"format": "docx"}).status_code == 403


@pytest.mark.parametrize("extra", [0, 15])
def test_bulletin_query_count_does_not_grow(
    client: Client, reported: Any, django_assert_max_num_queries: Any, extra: int
) -> None:
    from tests.factories import ProjectFactory, TaskFactory

    for i in range(extra):
        TaskFactory(project=ProjectFactory(plan=reported, order=1000 + i))
    # 14, the office's seat the plan gate reads, the forecast's recent figures and the plan's
    # generation, (once a day) the past years' curves, and the first time the board's forecasts
    # are computed, the shared cache read and written (6: forecast_cache); none grows with the plan
    with django_assert_max_num_queries(24):
        assert client.get(reverse("reports:bulletin", args=[reported.pk]), {"as_of": "2026-03-31"}).status_code == 200


def test_the_lagging_section_tells_apart_the_tasks_of_one_project() -> None:
    """Five lines of 管网焕新工程 read as one task with five figures: each names its task."""
    from minsheng.progress.board import TaskRow
    from minsheng.reports.bulletin import Bulletin, default_lagging

    def row(pk: int, project_id: int, project: str, content: str, completion: float) -> TaskRow:
        task = TaskRow(pk, project_id, project, "环境改善", content, datetime.date(2026, 12, 31), units=[(1, "水利局")])
        task.completion, task.expected = completion, 93.4
        return task

    behind = [
        row(1, 7, "管网焕新工程", "建设阳湖厂一武南厂(火炬路)至城西片区的污水调度管网，总长约7公里。", 85.7),
        row(2, 7, "管网焕新工程", "新建漕桥污水厂进水管2公里。", 87.0),
        row(3, 8, "推进停车便利化", "新增公共停车泊位1500个。", 89.3),
    ]
    text = default_lagging(Bulletin(None, datetime.date(2026, 12, 7), "", [], behind, []))  # type: ignore[arg-type]
    assert "管网焕新工程中“建设阳湖厂一武南厂(火炬路)至城西片区…”（水利局）完成85.7%，序时进度93.4%" in text
    assert "管网焕新工程中“新建漕桥污水厂进水管2公里”（水利局）完成87.0%" in text
    assert "推进停车便利化（水利局）完成89.3%" in text  # one task of its project: the project's name is enough
    # the only one of its project's tasks in this list, but the plan gives the project several
    several = Bulletin(None, datetime.date(2026, 12, 7), "", [], behind, [], several={8})  # type: ignore[arg-type]
    assert "推进停车便利化中“新增公共停车泊位1500个”（水利局）完成89.3%" in default_lagging(several)
