"""A plan's year from the plan page: 草稿 → 已发布 → 已结束; a closed plan asks for nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.plans.models import Jurisdiction, Plan
from minsheng.plans.services import PlanStateError, plan_close, plan_publish
from minsheng.progress import services
from minsheng.progress.board import build_board
from minsheng.progress.remind import missing_by_unit, remind

from .factories import PlanFactory

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def _at(year: int, month: int, day: int) -> Any:
    return time_machine.travel(datetime.datetime(year, month, day, 9, 0, tzinfo=TZ), tick=False)


def test_it_publishes_then_closes_with_audit_entries(office: Any) -> None:
    plan = PlanFactory(state=Plan.State.DRAFT)
    plan_publish(user=office, plan=plan)
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.PUBLISHED
    plan_close(user=office, plan=plan)
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.CLOSED
    entries = AuditEntry.objects.filter(object_type="plans.Plan", object_id=str(plan.pk)).order_by("pk")
    assert [(e.before, e.after) for e in entries] == [
        ({"state": "draft"}, {"state": "published"}),
        ({"state": "published"}, {"state": "closed"}),
    ]
    assert entries[0].user == office


def test_it_refuses_steps_out_of_order_and_by_others(office: Any, outsider: Any) -> None:
    draft = PlanFactory(state=Plan.State.DRAFT)
    with pytest.raises(PlanStateError, match="已发布"):
        plan_close(user=office, plan=draft)
    with pytest.raises(PlanStateError, match="督查室"):
        plan_publish(user=outsider, plan=draft)
    closed = PlanFactory(state=Plan.State.CLOSED)
    with pytest.raises(PlanStateError):
        plan_publish(user=office, plan=closed)
    assert Plan.objects.get(pk=draft.pk).state == Plan.State.DRAFT
    assert not AuditEntry.objects.exists()


def test_it_confirms_then_publishes_from_the_plan_page(client: Any, office: Any) -> None:
    # a complete plan: one confirmation (an incomplete one asks twice, test_plan_edit)
    plan = PlanFactory(state=Plan.State.DRAFT, jurisdiction=Jurisdiction.objects.create(name="武进区"))
    client.force_login(office)
    page = client.get(reverse("plans:detail", args=[plan.pk])).content.decode()
    confirm_url = reverse("plans:state", args=[plan.pk]) + "?to=published"
    assert confirm_url in page
    confirm = client.get(confirm_url).content.decode()
    assert "各单位" in confirm and "公众" in confirm
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.DRAFT  # GET changes nothing
    client.post(reverse("plans:state", args=[plan.pk]), {"to": "published"})
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.PUBLISHED
    confirm = client.get(reverse("plans:state", args=[plan.pk]) + "?to=closed").content.decode()
    assert "停止报送" in confirm
    again = client.get(confirm_url).content.decode()  # a published plan cannot be published again
    assert "只有“草稿”的计划才能发布" in again and "确认发布计划" not in again


def test_outsiders_cannot_change_the_state(client: Any, outsider: Any) -> None:
    plan = PlanFactory(state=Plan.State.DRAFT)
    client.force_login(outsider)
    # a draft is not known to anyone but its offices: not found, by GET or POST
    assert client.get(reverse("plans:state", args=[plan.pk]) + "?to=published").status_code == 404
    assert client.post(reverse("plans:state", args=[plan.pk]), {"to": "published"}).status_code == 404
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.DRAFT
    client.logout()
    response = client.post(reverse("plans:state", args=[plan.pk]), {"to": "published"})
    assert response.status_code == 302 and "login" in response["Location"]
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.DRAFT


def test_a_closed_plan_asks_for_nothing_and_keeps_its_figures(
    office: Any, wujin_plan: Any, member: Any, parking_task: Any
) -> None:
    lead = member("城管局", email="cgj@example.gov.cn")
    target = parking_task.indicators.get()
    with _at(2026, 4, 3):
        filing = services.Filing(datetime.date(2026, 3, 31), "in_progress", "", {target.pk: Decimal(303)})
        services.file_report(user=lead, task=parking_task, filing=filing)
        before = build_board(wujin_plan, datetime.date(2026, 4, 3))
        assert before.missing and missing_by_unit(wujin_plan, datetime.date(2026, 3, 31))
        plan_close(user=office, plan=wujin_plan)
        after = build_board(wujin_plan, datetime.date(2026, 4, 3))
        assert after.missing == [] and after.overall.missing == 0
        assert after.overall.completion == before.overall.completion
        assert missing_by_unit(wujin_plan, datetime.date(2026, 3, 31)) == {}
        assert remind(wujin_plan, datetime.date(2026, 4, 3)).reminded == []
        with pytest.raises(services.ProgressError, match="已结束"):
            services.file_report(user=lead, task=parking_task, filing=filing)


def test_a_closed_plans_dashboard_offers_no_reminder(client: Any, office: Any) -> None:
    plan = PlanFactory(state=Plan.State.CLOSED)
    client.force_login(office)
    page = client.get(reverse("progress:dashboard", args=[plan.pk])).content.decode()
    assert reverse("progress:remind", args=[plan.pk]) not in page and "本计划已结束，不催报" in page
