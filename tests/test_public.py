"""Public pages (no login) and the 督办单: only approved progress is public; internal
notes, review comments and versions not approved never appear; drafts are hidden."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from minsheng.progress import services

pytestmark = pytest.mark.django_db

MARCH = datetime.date(2026, 3, 31)
SECRET_NOTE = "内部备注：施工方资金未到位"
DRAFT_TEXT = "草稿：泊位数待核实"
RETURN_COMMENT = "数据口径不一致，请核实"


@pytest.fixture(autouse=True)
def _april() -> Iterator[None]:
    with time_machine.travel(datetime.datetime(2026, 4, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def _file(user: Any, task: Any, actual: int | Decimal, narrative: str, base: int) -> Any:
    target = task.indicators.get()
    filing = services.Filing(MARCH, "in_progress", narrative, {target.pk: Decimal(actual)}, base_version=base)
    return services.file_report(user=user, task=task, filing=filing)


@pytest.fixture
def history(parking_task: Any, member: Any, office: Any) -> Any:
    """v1 returned with a comment, v2 approved (303), v3 not reviewed (1234.5: no id or date has it), a note."""
    unit = member("城管局")
    services.review_report(user=office, report=_file(unit, parking_task, 280, "第一稿", 0), approve=False,
                           comment=RETURN_COMMENT)  # fmt: skip
    services.review_report(user=office, report=_file(unit, parking_task, 303, "新增泊位303个，已通过审核。", 1),
                           approve=True)  # fmt: skip
    _file(unit, parking_task, Decimal("1234.5"), DRAFT_TEXT, 2)
    services.add_note(user=office, task=parking_task, text=SECRET_NOTE)
    return parking_task


def _pages(plan: Any, project: Any) -> dict[str, str]:
    client = Client()
    urls = {
        "plan": reverse("reports:public_plan", args=[plan.pk]),
        "print": reverse("reports:public_print", args=[plan.pk]),
        "project": reverse("reports:public_project", args=[project.pk]),
    }
    pages = {}
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == 200, name
        pages[name] = response.content.decode()
    return pages


def test_public_pages_show_approved_progress_only(history: Any) -> None:
    plan = history.project.plan
    pages = _pages(plan, history.project)
    assert (
        "新增泊位303个，已通过审核。" in pages["plan"] and "303&nbsp;/&nbsp;1500个（20.2%）" in pages["plan"]
    )  # one line: no break inside a figure
    assert "新增泊位303个，已通过审核。" in pages["print"] and "<nav" not in pages["print"]
    assert "累计 303个（目标 1500）" in pages["project"]
    for name, text in pages.items():
        for secret in (SECRET_NOTE, DRAFT_TEXT, RETURN_COMMENT, "第一稿", "1234.5"):
            assert secret not in text, (name, secret)


def test_public_xlsx_holds_the_approved_figures(history: Any) -> None:
    plan = history.project.plan
    response = Client().get(reverse("reports:public_xlsx", args=[plan.pk]))
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [row for row in sheet.iter_rows(min_row=3, values_only=True) if row[1] == "推进停车便利化"]
    assert len(rows) == 1
    assert rows[0][4:10] == ("新增公共停车泊位", 1500, "个", 303, "20.2%", "2026-03")
    everything = " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None)
    for secret in (SECRET_NOTE, DRAFT_TEXT, RETURN_COMMENT, "第一稿"):
        assert secret not in everything


def test_nothing_public_until_the_office_approves(parking_task: Any, member: Any) -> None:
    _file(member("城管局"), parking_task, 303, DRAFT_TEXT, 0)
    pages = _pages(parking_task.project.plan, parking_task.project)
    assert DRAFT_TEXT not in pages["plan"] and "暂无公开进展" in pages["plan"]
    assert "尚无公开进展" in pages["project"]


def test_a_draft_plan_is_not_public(history: Any, office: Any) -> None:
    plan = history.project.plan
    plan.state = "draft"
    plan.save()
    staff = Client()
    staff.force_login(office)
    for viewer in (Client(), staff):  # not even the office sees a draft on the public pages
        assert plan.title not in viewer.get(reverse("reports:public_index")).content.decode()
        for name in ("public_plan", "public_print", "public_xlsx"):
            assert viewer.get(reverse(f"reports:{name}", args=[plan.pk])).status_code == 404
        assert viewer.get(reverse("reports:public_project", args=[history.project.pk])).status_code == 404


@pytest.mark.parametrize("extra", [0, 15])
def test_public_query_counts_do_not_grow(history: Any, django_assert_max_num_queries: Any, extra: int) -> None:
    from tests.factories import ProjectFactory, TaskFactory

    plan = history.project.plan
    for i in range(extra):
        TaskFactory(project=ProjectFactory(plan=plan, order=1000 + i))
    client = Client()
    with django_assert_max_num_queries(10):
        assert client.get(reverse("reports:public_plan", args=[plan.pk])).status_code == 200
    with django_assert_max_num_queries(4):
        assert client.get(reverse("reports:public_index")).status_code == 200
    with django_assert_max_num_queries(6):
        assert client.get(reverse("reports:public_project", args=[history.project.pk])).status_code == 200


def test_supervision_notice_names_lagging_and_due_tasks(
    parking_task: Any, office: Any, outsider: Any, member: Any
) -> None:
    from minsheng.plans.models import Task

    plan = parking_task.project.plan
    plan.yellow_margin = Decimal(3)  # 20.2% against 24.7%: yellow
    plan.save()
    _file(member("城管局"), parking_task, 303, "一季度", 0)
    unit = parking_task.task_units.get(role="lead").unit
    others = Task.objects.filter(project__plan=plan, task_units__unit=unit, task_units__role="lead").exclude(
        pk=parking_task.pk
    )
    url = reverse("reports:supervision", args=[plan.pk, unit.pk])
    client = Client()
    client.force_login(office)
    response = client.get(url, {"as_of": "2026-03-31"})
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "民生实事项目督办单" in text and f"{unit.name}：" in text and "截至2026年3月31日" in text
    # each list is annexed only when it has rows (a unit with nothing due gets no page of 无)
    annexed = {t.rows[0].cells[-1].text: [[c.text for c in row.cells] for row in t.rows[1:]] for t in doc.tables}
    lagging, due = annexed["滞后情况"], annexed.get("应办事项", [])
    assert ["1", "推进停车便利化", parking_task.content, "完成20.2%，序时进度24.7%"] in lagging
    # the unit's other tasks have no report for March: each is named as due
    assert sorted(line[2] for line in due if line[3] == "报送2026年3月进度") == sorted(t.content for t in others)
    assert client.get(url, {"as_of": "三月"}).status_code == 400
    for user in (outsider, member("城管局", "cg-reader")):
        other = Client()
        other.force_login(user)
        assert other.get(url).status_code == 403
