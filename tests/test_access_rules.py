"""The one definition of who reads which plan (plans/access.py), asked by every page query:
drafts are the office's only, on plan pages, task lists, public pages and dashboards alike."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from minsheng.plans import access
from minsheng.plans.models import Plan, Task, Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("state", list(Plan.State))
def test_it_answers_the_same_everywhere(state: str, wujin_plan: Any, office: Any, outsider: Any) -> None:
    Plan.objects.filter(pk=wujin_plan.pk).update(state=state)
    plan = Plan.objects.get(pk=wujin_plan.pk)
    for user in (AnonymousUser(), outsider, office):
        readable = access.knows_plan(user, plan)
        assert readable == (state != Plan.State.DRAFT or user is office)
        assert Plan.objects.visible_to(user).filter(pk=plan.pk).exists() == readable
        assert Task.objects.visible_to(user).filter(project__plan=plan).exists() == readable
    # The public pages never show a draft, whoever asks.
    assert Plan.objects.public().filter(pk=plan.pk).exists() == (state != Plan.State.DRAFT)


def test_the_public_page_of_a_draft_is_not_found_even_for_the_office(client: Any, wujin_plan: Any, office: Any) -> None:
    url = reverse("reports:public_plan", args=[wujin_plan.pk])
    assert client.get(url).status_code == 200
    Plan.objects.filter(pk=wujin_plan.pk).update(state=Plan.State.DRAFT)
    client.force_login(office)
    assert client.get(url).status_code == 404


def test_a_closed_plan_is_read_but_is_no_longer_a_units_work(client: Any, wujin_plan: Any, member: Any) -> None:
    reporter = member("城管局")
    client.force_login(reporter)
    assert wujin_plan.title in client.get(reverse("progress:mine")).content.decode()
    Plan.objects.filter(pk=wujin_plan.pk).update(state=Plan.State.CLOSED)
    assert wujin_plan.title not in client.get(reverse("progress:mine")).content.decode()
    assert client.get(reverse("plans:detail", args=[wujin_plan.pk])).status_code == 200


def test_it_lets_only_members_and_the_office_act_for_a_unit(wujin_plan: Any, member: Any, office: Any) -> None:
    reporter = member("城管局")
    mine, other = Unit.objects.get(name="城管局"), Unit.objects.exclude(name="城管局").first()
    assert other is not None
    assert access.can_act_for_unit(reporter, mine) and not access.can_act_for_unit(reporter, other)
    assert access.can_act_for_unit(office, other)
    assert not access.can_act_for_unit(AnonymousUser(), mine)


def test_a_plan_not_started_yet_asks_nothing_of_its_units_today(client: Any, wujin_plan: Any, member: Any) -> None:
    """Published in December for next year: its first period is named, nothing is 未报送 yet."""
    import datetime
    from zoneinfo import ZoneInfo

    import time_machine

    client.force_login(member("城管局"))
    with time_machine.travel(datetime.datetime(2025, 12, 7, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        page = client.get(reverse("progress:mine")).content.decode()
    assert wujin_plan.title in page and "计划自2026年1月1日起执行" in page
    assert "未报送" not in page.split(wujin_plan.title, 1)[1].split("</p>", 1)[0]
