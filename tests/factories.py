"""Factories for plans of any size, for query-count tests."""

from __future__ import annotations

from decimal import Decimal

import factory

from minsheng.indicators.models import Indicator
from minsheng.plans.models import Category, Leader, Plan, Project, Task, TaskLeader, TaskUnit, Unit


class PlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Plan

    title = factory.Sequence(lambda n: f"测试计划{n}")
    year = 2026
    state = Plan.State.PUBLISHED


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"类别{n}")


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Project

    plan = factory.SubFactory(PlanFactory)
    name = factory.Sequence(lambda n: f"项目{n}")
    order = factory.Sequence(lambda n: n)
    seq = factory.Sequence(lambda n: n + 1)


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Unit
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"单位{n}")


class TaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Task

    project = factory.SubFactory(ProjectFactory)
    order = factory.Sequence(lambda n: n)
    content = factory.Sequence(lambda n: f"新增公共停车泊位{n + 1}个。")
    deadline = "2026年"


def full_task(project: Project, unit: Unit, leader: Leader) -> Task:
    """A task with a leader, a lead unit, a partner unit and one target."""
    task = TaskFactory(project=project)
    TaskLeader.objects.create(task=task, leader=leader)
    TaskUnit.objects.create(task=task, unit=unit, role=TaskUnit.Role.LEAD)
    TaskUnit.objects.create(task=task, unit=UnitFactory(), role=TaskUnit.Role.PARTNER)
    Indicator.objects.create(task=task, name="公共停车泊位", value=Decimal(10), unit="个", text="10个")
    return task
