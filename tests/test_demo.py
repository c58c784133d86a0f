"""`make run`'s demo data: the seed plans, an office login and a unit login with one report."""

from __future__ import annotations

from typing import Any

import pytest

from minsheng.accounts.models import Membership
from minsheng.plans.demo import ensure_demo
from minsheng.plans.models import Plan
from minsheng.progress.models import Report

pytestmark = pytest.mark.django_db


def test_demo_is_complete_and_idempotent(client: Any, django_user_model: Any) -> None:
    lines = ensure_demo()
    assert Plan.objects.count() == 4
    office_password = lines[-2].split("密码 ")[1].split("（")[0]
    unit_password = lines[-1].split("密码 ")[1].split("（")[0]
    office = client.post("/accounts/login/", {"username": "office", "password": office_password})
    assert office.status_code == 302 and office["Location"] == "/accounts/home/"
    login = client.post("/accounts/login/", {"username": "chengguan", "password": unit_password})
    assert login.status_code == 302 and login["Location"] == "/accounts/home/"
    assert Membership.objects.get(user__username="chengguan").unit.name == "城管局"
    report = Report.objects.get()
    assert report.counts and "演示数据" in report.narrative
    again = ensure_demo()
    assert again[-1] == lines[-1] and Plan.objects.count() == 4 and Report.objects.count() == 1
