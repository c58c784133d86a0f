"""The services check their own inputs, whoever calls them: the 节点进度 rules in set_schedule
and the 督办设置 in plan_settings_save; each refusal changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.plans.models import Plan
from minsheng.plans.services import PlanSettingsError, plan_settings_save
from minsheng.progress.models import Milestone
from minsheng.progress.services import ProgressError, set_schedule

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.mark.parametrize(
    ("milestones", "message"),
    [
        ([(D(2026, 3, 31), Decimal(120))], "0至100"),
        ([(D(2026, 3, 31), Decimal(20)), (D(2026, 3, 31), Decimal(30))], "重复"),
        ([(D(2026, 3, 31), Decimal(60)), (D(2026, 6, 30), Decimal(50))], "递增"),
    ],
)
def test_set_schedule_refuses_what_the_form_refuses(
    parking_task: Any, office: Any, milestones: list[Any], message: str
) -> None:
    with pytest.raises(ProgressError, match=message):
        set_schedule(user=office, task=parking_task, milestones=milestones, weights={})
    assert not Milestone.objects.exists() and not AuditEntry.objects.filter(summary="设置节点进度和权重").exists()


def test_set_schedule_keeps_good_milestones_in_date_order(parking_task: Any, office: Any) -> None:
    given = [(D(2026, 6, 30), Decimal(50)), (D(2026, 3, 31), Decimal(25))]
    set_schedule(user=office, task=parking_task, milestones=given, weights={})
    assert list(Milestone.objects.filter(task=parking_task).values_list("share", flat=True)) == [25, 50]


def test_the_schedule_form_shows_the_services_message(client: Client, parking_task: Any, office: Any) -> None:
    client.force_login(office)
    target = parking_task.indicators.get()
    form = {"milestones": "2026-03-31 60\n2026-06-30 50", f"w_{target.pk}": "1"}
    page = client.post(reverse("progress:schedule", args=[parking_task.pk]), form, follow=True).content.decode()
    assert "节点进度应随日期递增" in page and not Milestone.objects.exists()


def test_plan_settings_are_checked_and_audited_in_the_service(wujin_plan: Any, office: Any, outsider: Any) -> None:
    with pytest.raises(PlanSettingsError):
        plan_settings_save(user=office, plan=wujin_plan, changes={"yellow_margin": Decimal(20), "red_margin": 10})
    with pytest.raises(PlanSettingsError):
        plan_settings_save(user=outsider, plan=wujin_plan, changes={"report_day": 10})
    with pytest.raises(PlanSettingsError):
        plan_settings_save(user=office, plan=wujin_plan, changes={"state": Plan.State.CLOSED})
    assert not AuditEntry.objects.filter(summary="督办设置").exists()
    plan_settings_save(user=office, plan=wujin_plan, changes={"report_day": 10})
    assert Plan.objects.get(pk=wujin_plan.pk).report_day == 10
    entry = AuditEntry.objects.get(summary="督办设置")
    assert entry.before == {"report_day": "5"} and entry.after == {"report_day": "10"}


def test_the_settings_page_saves_through_the_service(client: Client, wujin_plan: Any, office: Any) -> None:
    client.force_login(office)
    url = reverse("progress:settings", args=[wujin_plan.pk])
    form = {
        "start": "", "cycle": "monthly", "report_day": "8", "yellow_margin": "20", "red_margin": "10",
        "blue_days": "30", "escalate_after": "2", "coverage_floor": "80",
    }
    assert "红灯差距不能小于黄灯差距" in client.post(url, form).content.decode()
    assert Plan.objects.get(pk=wujin_plan.pk).report_day == 5
    assert client.post(url, form | {"red_margin": "25"}).status_code == 302
    saved = Plan.objects.get(pk=wujin_plan.pk)
    assert (saved.report_day, saved.red_margin) == (8, 25)
    assert AuditEntry.objects.get(summary="督办设置").after["report_day"] == "8"


def test_the_letterhead_is_saved_through_its_service_with_an_audit_entry(office: Any, outsider: Any) -> None:
    from django.core.exceptions import PermissionDenied, ValidationError

    from minsheng.reports.models import Letterhead
    from minsheng.reports.office_letterhead import save_letterhead

    with pytest.raises(PermissionDenied):
        save_letterhead(user=outsider, values={"issuer": "冒名机关"})
    save_letterhead(user=office, values={"issuer": "常州市武进区人民政府办公室", "number_prefix": "武政办"})
    with pytest.raises(ValidationError) as refused:
        save_letterhead(user=office, values={"issuer": "", "next_number": 5})
    assert "issuer" in refused.value.message_dict
    row = Letterhead.objects.get(jurisdiction=None)
    assert (row.issuer, row.number_prefix, row.next_number) == ("常州市武进区人民政府办公室", "武政办", 1)
    entries = AuditEntry.objects.filter(summary="修改公文版头")
    assert [(e.user, e.after["number_prefix"]) for e in entries] == [(office, "武政办")]


def test_the_letterhead_page_refuses_number_zero_in_chinese_whatever_the_browser(office: Any, client: Client) -> None:
    client.force_login(office)
    form = {"issuer": "某区人民政府办公室", "number_prefix": "某政办", "next_number": "0"}
    page = client.post(reverse("reports:letterhead"), form, HTTP_ACCEPT_LANGUAGE="en-US,en").content.decode()
    assert "Ensure" not in page and "确保该值大于或等于1" in page
    assert not AuditEntry.objects.filter(summary="修改公文版头").exists()
    todo = client.get(reverse("progress:todo")).content.decode()
    assert reverse("reports:letterhead") in todo  # the clerk finds it from the to-do page
