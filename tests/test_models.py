"""Constraints live in the database, and a failed import changes nothing."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.db import IntegrityError, transaction

from minsheng.documents.errors import DocumentError
from minsheng.documents.store.services import plan_import
from minsheng.indicators.models import Indicator
from minsheng.plans.models import Plan, Project, Task

from .conftest import EXAMPLES, SHARED
from .factories import PlanFactory, ProjectFactory, TaskFactory

pytestmark = pytest.mark.django_db


def test_it_refuses_two_projects_of_one_name_and_status_in_a_plan() -> None:
    project = ProjectFactory(name="停车")
    with pytest.raises(IntegrityError), transaction.atomic():
        ProjectFactory(plan=project.plan, name="停车")
    ProjectFactory(plan=project.plan, name="停车", status=Project.Status.CANDIDATE)


def test_it_refuses_a_range_without_its_upper_end() -> None:
    task = TaskFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(task=task, name="实验室", value=Decimal(3), unit="个", op="range", text="3-4个")
    with pytest.raises(IntegrityError), transaction.atomic():
        Indicator.objects.create(
            task=task, name="实验室", value=Decimal(4), high=Decimal(3), unit="个", op="range", text="4-3个"
        )


def test_it_refuses_two_tasks_in_one_place_of_a_project() -> None:
    task = TaskFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        TaskFactory(project=task.project, order=task.order)


def test_it_keeps_sixteen_point_four_billion_exact() -> None:
    task = TaskFactory()
    Indicator.objects.create(task=task, name="贷款", value=Decimal("1640000000"), unit="元", text="16.4亿元")
    assert Indicator.objects.get().value == Decimal("1640000000")


def test_a_failed_import_leaves_the_database_as_it_was(tmp_path: Path) -> None:
    PlanFactory()
    before = (Plan.objects.count(), Project.objects.count(), Task.objects.count())
    broken = tmp_path / "plan.docx"
    broken.write_bytes((EXAMPLES / "000_1f7f5f0c3bb78009.docx").read_bytes()[:5000])
    with pytest.raises(DocumentError):
        plan_import(path=broken, user=None)
    assert (Plan.objects.count(), Project.objects.count(), Task.objects.count()) == before


def test_it_refuses_to_replace_a_plan_unless_asked() -> None:
    plan_import(path=EXAMPLES / "000_1f7f5f0c3bb78009.docx", user=None)
    html = SHARED / "corpus" / "000_1f7f5f0c3bb78009.html"
    with pytest.raises(DocumentError, match="已有同名计划"):
        plan_import(path=html, user=None)
    assert plan_import(path=html, user=None, replace=True).created is False
    assert Plan.objects.count() == 1
