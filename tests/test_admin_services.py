"""The admin parses and calls the services: publishing a plan and correcting a target leave
the same checks and audit entries as the office's pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.plans.models import Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, django_user_model: Any) -> Client:
    client.force_login(django_user_model.objects.create_superuser("root", password="root-pass-123"))
    return client


def test_it_publishes_through_the_service_with_an_audit_entry(admin_client: Client, wujin_plan: Any) -> None:
    Plan.objects.filter(pk=wujin_plan.pk).update(state=Plan.State.DRAFT)
    url = reverse("admin:plans_plan_changelist")
    admin_client.post(url, {"action": "publish", "_selected_action": [wujin_plan.pk]})
    assert Plan.objects.get(pk=wujin_plan.pk).state == Plan.State.PUBLISHED
    assert AuditEntry.objects.filter(summary__startswith="发布计划", object_id=str(wujin_plan.pk)).exists()
    # A second publish is refused by the service, and says why.
    page = admin_client.post(url, {"action": "publish", "_selected_action": [wujin_plan.pk]}, follow=True)
    assert "只有“草稿”的计划才能发布" in page.content.decode()


def test_the_change_form_cannot_set_the_state(admin_client: Client, wujin_plan: Any) -> None:
    page = admin_client.get(reverse("admin:plans_plan_change", args=[wujin_plan.pk])).content.decode()
    assert 'name="state"' not in page


def test_a_target_corrected_in_the_admin_is_manual_and_audited(admin_client: Client, parking_task: Any) -> None:
    target = parking_task.indicators.get()
    url = reverse("admin:indicators_indicator_change", args=[target.pk])
    form = {
        "task": parking_task.pk, "order": 0, "name": target.name, "text": target.text, "value": "1600",
        "high": "", "unit": target.unit, "op": target.op, "origin": target.origin, "weight": "1",
    }
    response = admin_client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    target.refresh_from_db()
    assert target.value == 1600 and target.origin == "manual"
    assert AuditEntry.objects.filter(object_id=str(target.pk), action=AuditEntry.Action.UPDATE).exists()
