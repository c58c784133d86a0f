"""The people and the plan of one simulated year: a city, a district with its seated office,
units with reporters (each filing on time, late, now and then, or never), a plan of a few tasks
with targets. Built through the models as an import would leave them; every step of the year
after this goes through the services."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model

from minsheng.accounts.models import Membership
from minsheng.indicators.models import Indicator
from minsheng.plans.models import Jurisdiction, Plan, Project, Task, TaskUnit, Unit
from minsheng.regions.models import OfficeSeat

BEHAVIOURS = ("on_time", "late", "sometimes", "never")


@dataclass
class World:
    seed: int
    year: int
    city: Jurisdiction
    area: Jurisdiction
    office: Any
    plan: Plan
    units: dict[int, Unit]
    reporters: dict[int, Any]  # unit id → its reporter
    behaviours: dict[int, str]  # unit id → how it files
    tasks: list[Task] = field(default_factory=list)


def _user(name: str, **extra: Any) -> Any:
    return get_user_model().objects.create_user(name, password="sim-pass-12345", **extra)


def build_world(rng: random.Random, seed: int) -> World:
    year = rng.randint(2025, 2028)
    province = Jurisdiction.objects.create(name=f"模拟省{seed}", level=Jurisdiction.Level.PROVINCE)
    city = Jurisdiction.objects.create(name=f"模拟市{seed}", level=Jurisdiction.Level.CITY, parent=province)
    area = Jurisdiction.objects.create(name=f"模拟区{seed}", level=Jurisdiction.Level.COUNTY, parent=city)
    office = _user(f"sim-office-{seed}", is_staff=True)
    OfficeSeat.objects.create(user=office, jurisdiction=area)
    plan = Plan.objects.create(
        jurisdiction=area,
        year=year,
        title=f"模拟区{seed}{year}年民生实事",
        cycle=rng.choice((Plan.Cycle.MONTHLY, Plan.Cycle.QUARTERLY)),
        report_day=rng.randint(1, 28),
        escalate_after=rng.randint(2, 3),
    )
    units, reporters, behaviours = {}, {}, {}
    for n in range(rng.randint(2, 4)):
        unit = Unit.objects.create(name=f"模拟区{seed}单位{n}", jurisdiction=area)
        units[unit.pk] = unit
        reporters[unit.pk] = _user(f"sim-{seed}-unit-{n}")
        Membership.objects.create(user=reporters[unit.pk], unit=unit)
        behaviours[unit.pk] = rng.choice(BEHAVIOURS)
    world = World(seed, year, city, area, office, plan, units, reporters, behaviours)
    for _ in range(rng.randint(3, 6)):
        add_task(world, rng)
    return world


def add_task(world: World, rng: random.Random, name: str = "") -> Task:
    """A project of one task, led by one of the units, with one or two targets."""
    order = len(world.tasks) + 1
    project = Project.objects.create(plan=world.plan, name=name or f"模拟项目{order}", order=order)
    due = datetime.date(world.year, rng.choice((6, 9, 12)), rng.choice((15, 30)))
    task = Task.objects.create(project=project, order=1, content=f"新增设施{order}", due=due)
    TaskUnit.objects.create(task=task, unit_id=rng.choice(list(world.units)), role=TaskUnit.Role.LEAD)
    for k in range(rng.randint(1, 2)):
        value = Decimal(rng.choice((10, 50, 120, 1500)))
        Indicator.objects.create(
            task=task, order=k, name=f"设施{k}", value=value, unit="个", text=f"{value}个", op=rng.choice(("eq", "gte"))
        )
    world.tasks.append(task)
    return task
