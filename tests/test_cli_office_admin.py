"""`minsheng create-office-admin`: the first office administrator, from the command line."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.cli import main
from minsheng.plans.models import Jurisdiction

pytestmark = pytest.mark.django_db


def test_it_makes_the_path_and_a_seated_administrator_with_a_password_shown_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["create-office-admin", "--jurisdiction", "江苏省/常州市/武进区", "--username", "wj-admin"]) == 0
    out = capsys.readouterr().out
    password = out.split("密码（只显示这一次）：")[1].strip()
    wujin = Jurisdiction.objects.get(name="武进区")
    assert (wujin.level, wujin.parent.name, wujin.parent.level) == ("county", "常州市", "city")
    assert wujin.parent.parent.level == "province"
    admin = get_user_model().objects.get(username="wj-admin")
    assert admin.is_staff and not admin.is_superuser
    assert admin.office_seat.jurisdiction == wujin and admin.office_seat.is_admin
    client = Client()
    assert client.post(reverse("login"), {"username": "wj-admin", "password": password}).status_code == 302
    assert client.get(reverse("regions:staff_list")).status_code == 200
    assert AuditEntry.objects.filter(summary__contains="账号管理员 wj-admin").exists()
    assert password not in "".join(AuditEntry.objects.values_list("summary", flat=True))


def test_it_keeps_existing_jurisdictions_and_takes_the_level_and_password_given(
    capsys: pytest.CaptureFixture[str], monkeypatch: Any
) -> None:
    province = Jurisdiction.objects.create(name="江苏省", level="province")
    city = Jurisdiction.objects.create(name="常州市", level="city", parent=province)
    monkeypatch.setenv("MINSHENG_ADMIN_PASSWORD", "given-Password-2026")
    args = ["create-office-admin", "--jurisdiction", "江苏省/常州市/溧阳市", "--username", "ly", "--level", "county"]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "given-Password-2026" not in out and "MINSHENG_ADMIN_PASSWORD" in out
    liyang = Jurisdiction.objects.get(name="溧阳市")
    assert (liyang.parent, liyang.level) == (city, "county") and Jurisdiction.objects.count() == 3
    assert get_user_model().objects.get(username="ly").check_password("given-Password-2026")


@pytest.mark.parametrize(
    ("path", "extra", "message"),
    [
        ("江苏省//武进区", [], "区划路径应写作"),
        ("江苏省/常州市/武进区/湖塘镇/某村", [], "四级"),
        ("江苏省/常州市", ["--level", "province"], "须低于上一级"),
    ],
)
def test_it_refuses_a_bad_path_in_one_chinese_line_and_changes_nothing(
    path: str, extra: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["create-office-admin", "--jurisdiction", path, "--username", "a", *extra]) == 1
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert not Jurisdiction.objects.exists() and not get_user_model().objects.exists()


def test_a_taken_user_name_leaves_no_new_jurisdiction(
    capsys: pytest.CaptureFixture[str], django_user_model: Any
) -> None:
    django_user_model.objects.create_user("taken")
    assert main(["create-office-admin", "--jurisdiction", "江苏省/常州市", "--username", "taken"]) == 1
    assert "已被使用" in capsys.readouterr().err
    assert not Jurisdiction.objects.exists()


def test_a_plan_imported_from_the_command_line_is_its_offices_once_seated(monkeypatch: Any) -> None:
    """`minsheng import` of a 武进区 plan on a bare installation puts 武进区 at the top of the
    tree; seating its office under 常州市 moves that place (and the plan) there, not a second one."""
    from minsheng.documents.store.services import plan_import

    from .conftest import WUJIN_2026

    plan = plan_import(path=WUJIN_2026, user=None).plan
    monkeypatch.setenv("MINSHENG_ADMIN_PASSWORD", "wj-admin-pass-2026")
    assert main(["create-office-admin", "--jurisdiction", "江苏省/常州市/武进区", "--username", "wj-admin"]) == 0
    wujin = Jurisdiction.objects.get(name="武进区")  # one 武进区, now under 常州市
    assert wujin.parent is not None and wujin.parent.name == "常州市" and wujin.level == "county"
    plan.refresh_from_db()
    assert plan.jurisdiction == wujin
    client = Client()
    client.post(reverse("login"), {"username": "wj-admin", "password": "wj-admin-pass-2026"})
    assert client.get(reverse("progress:dashboard", args=[plan.pk])).status_code == 200
