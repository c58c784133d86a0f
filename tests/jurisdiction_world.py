"""A city and its districts with plans, seated offices and a task to allot: shared by the
jurisdiction, roll-up and API tests."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import time_machine

from minsheng.indicators.models import Indicator
from minsheng.plans.models import Jurisdiction, Plan, Task, TaskUnit
from minsheng.regions.models import OfficeSeat
from minsheng.regions.services import Share, allot_task

from .factories import PlanFactory, ProjectFactory, TaskFactory, UnitFactory

DISTRICTS = ["武进区", "新北区", "天宁区", "钟楼区", "金坛区", "溧阳市"]


def seat(django_user_model: Any, name: str, jurisdiction: Jurisdiction) -> Any:
    user = django_user_model.objects.create_user(name, password="office-pass-123", is_staff=True)
    OfficeSeat.objects.create(user=user, jurisdiction=jurisdiction)
    return user


def city_world(
    django_user_model: Any, districts: int = 2, tasks: int = 1, city_name: str = "常州市", province_name: str = "江苏省"
) -> dict[str, Any]:
    """常州市 → `districts` 区, each with a published 2026 plan of `tasks` tasks of its own;
    the city's plan has 新增公共停车泊位5000个 to allot."""
    province = Jurisdiction.objects.create(name=province_name, level=Jurisdiction.Level.PROVINCE)
    city = Jurisdiction.objects.create(name=city_name, level=Jurisdiction.Level.CITY, parent=province)
    city_plan = PlanFactory(jurisdiction=city, title=f"{city_name}2026年民生实事")
    project = ProjectFactory(plan=city_plan, name="推进停车便利化")
    parking = TaskFactory(project=project, content="新增公共停车泊位5000个")
    TaskUnit.objects.create(task=parking, unit=UnitFactory(name=f"{city_name}城管局"), role=TaskUnit.Role.LEAD)
    Indicator.objects.create(task=parking, name="公共停车泊位", value=Decimal(5000), unit="个", text="5000个")
    areas, plans, offices = [], [], []
    for name in DISTRICTS[:districts]:
        area = Jurisdiction.objects.create(name=name, level=Jurisdiction.Level.COUNTY, parent=city)
        plan = PlanFactory(jurisdiction=area, title=f"{name}2026年民生实事")
        for n in range(tasks):
            own = TaskFactory(project=ProjectFactory(plan=plan, name=f"{name}自有项目{n}"))
            unit = UnitFactory(name=f"{city_name}{name}单位{n}")
            TaskUnit.objects.create(task=own, unit=unit, role=TaskUnit.Role.LEAD)
            Indicator.objects.create(task=own, name="公共停车泊位", value=Decimal(10), unit="个", text="10个")
        areas.append(area)
        plans.append(plan)
        offices.append(seat(django_user_model, f"office-{area.pk}", area))
    return {
        "province": province,
        "city": city,
        "city_plan": city_plan,
        "parking": parking,
        "areas": areas,
        "plans": plans,
        "city_office": seat(django_user_model, f"city-office-{city.pk}", city),
        "offices": offices,
    }


def allot_all(world: dict[str, Any], values: list[int]) -> list[Task]:
    target = world["parking"].indicators.get()
    shares = [
        Share(area.pk, f"{area.parent.name if area.parent else ''}{area.name}城管局", {target.pk: Decimal(v)})
        for area, v in zip(world["areas"], values, strict=False)
    ]
    made = allot_task(user=world["city_office"], task=world["parking"], shares=shares)
    return [a.task for a in made]


def draft(plan: Plan) -> Plan:
    plan.state = Plan.State.DRAFT
    plan.save(update_fields=["state"])
    return plan


# The filing tests' day: the first quarter's report is due, the second's period open.
APRIL_10 = datetime.datetime(2026, 4, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def frozen_on_april_10() -> Iterator[None]:
    """The clock stopped on APRIL_10 for a test (yield from it in an autouse fixture)."""
    with time_machine.travel(APRIL_10, tick=False):
        yield


def allotted_world(django_user_model: Any) -> dict[str, Any]:
    """city_world with the city's 5000 泊位 allotted 3000 to 武进区 and 2000 to 新北区."""
    made = city_world(django_user_model)
    made["wujin_task"], made["xinbei_task"] = allot_all(made, [3000, 2000])
    return made
