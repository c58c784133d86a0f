"""跨年度 as a choice (#27 finding 6, rest): the office picks unfinished tasks from a list showing
what remains of each target; only later plans of the same jurisdiction are offered or accepted;
a carry-over is undone (audited) until the new plan is published; the unit's task list links a
carried task to its earlier year."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.plans.models import Jurisdiction, Plan, Task
from minsheng.plans.services import PlanStateError
from minsheng.progress.carry import plan_carry_over

from .factories import PlanFactory, ProjectFactory, UnitFactory, full_task
from .test_carry_over import DEC31, _year

pytestmark = pytest.mark.django_db


def test_it_lists_the_unfinished_with_what_remains_and_carries_only_the_ticked(client: Client, office: Any) -> None:
    old, new, finished, open_task = _year()
    other = full_task(
        ProjectFactory(plan=old, name="建设口袋公园"), UnitFactory(name="园林局"), open_task.leaders.get()
    )
    client.force_login(office)
    url = reverse("plans:carry_over", args=[old.pk])
    page = client.get(url + f"?target={new.pk}").content.decode()
    assert f'data-task="{open_task.pk}"' in page and f'data-task="{other.pk}"' in page
    assert f'data-task="{finished.pk}"' not in page
    assert "公共停车泊位：10 / 4 → <strong>6个</strong>" in page  # 10 planned, 4 done: 6 carry
    assert "checked" not in page  # nothing is preselected: the office chooses
    client.post(url, {"target": new.pk, "task": [open_task.pk], "action": "carry"})
    carried = Task.objects.get(project__plan=new)
    assert carried.carried_from == open_task and carried.indicators.get().value == 6
    assert not Task.objects.filter(carried_from=other).exists()


def test_it_offers_and_accepts_only_later_plans_of_the_same_jurisdiction(client: Client, office: Any) -> None:
    old, new, _, open_task = _year()
    wujin, jintan = (Jurisdiction.objects.create(name=n, level=Jurisdiction.Level.COUNTY) for n in ("武进区", "金坛区"))
    Plan.objects.filter(pk__in=[old.pk, new.pk]).update(jurisdiction=wujin)
    elsewhere = PlanFactory(year=2026, state=Plan.State.DRAFT, jurisdiction=jintan, title="金坛区2026年民生实事")
    old.refresh_from_db()
    client.force_login(office)
    page = client.get(reverse("plans:carry_over", args=[old.pk])).content.decode()
    assert f'<option value="{new.pk}"' in page and "金坛区2026年民生实事" not in page
    with pytest.raises(PlanStateError, match="本级区划"):
        plan_carry_over(user=office, source=old, target=elsewhere, as_of=DEC31, tasks=[open_task.pk])


def test_it_undoes_a_carry_until_the_new_plan_is_published(client: Client, office: Any) -> None:
    old, new, _, open_task = _year()
    client.force_login(office)
    url = reverse("plans:carry_over", args=[old.pk])
    client.post(url, {"target": new.pk, "task": [open_task.pk], "action": "carry"})
    carried = Task.objects.get(carried_from=open_task)
    page = client.get(url + f"?target={new.pk}").content.decode()
    assert 'id="undo-form"' in page and f'data-task="{open_task.pk}"' not in page
    client.post(url, {"target": new.pk, "task": [carried.pk], "action": "undo"})
    assert not Task.objects.filter(project__plan=new).exists() and not new.projects.exists()
    assert AuditEntry.objects.filter(summary="撤销跨年度转入 1 项").exists()
    client.post(url, {"target": new.pk, "task": [open_task.pk], "action": "carry"})
    Plan.objects.filter(pk=new.pk).update(state=Plan.State.PUBLISHED)
    again = Task.objects.get(carried_from=open_task)
    response = client.post(url, {"target": new.pk, "task": [again.pk], "action": "undo"}, follow=True)
    assert "计划已发布，转入的任务不能再撤销" in response.content.decode()
    assert Task.objects.filter(pk=again.pk).exists()


def test_the_units_task_list_links_a_carried_task_to_its_earlier_year(client: Client, office: Any) -> None:
    old, new, _, open_task = _year()
    carried = plan_carry_over(user=office, source=old, target=new, as_of=DEC31, tasks=[open_task.pk])[0]
    Plan.objects.filter(pk=new.pk).update(state=Plan.State.PUBLISHED)  # a draft's tasks are not on public pages
    unit = carried.task_units.get(role="lead").unit
    page = client.get(reverse("plans:unit", args=[unit.pk])).content.decode()
    assert f'data-carried-from="{open_task.pk}"' in page
    assert reverse("plans:task", args=[open_task.pk]) in page
