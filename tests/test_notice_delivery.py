"""Notices through every channel at once: each recipient's outcome recorded, a failure on one
channel stopping neither the others nor the notice, and shown where notices are shown (the unit's
我的任务, the office's dashboard and 催报 result, `minsheng remind`). The office keeps a unit's
addresses on the unit directory, its own units only, the secret never shown nor audited."""

from __future__ import annotations

import datetime
import smtplib
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.cli import main
from minsheng.plans.models import Unit
from minsheng.progress.channels import registry
from minsheng.progress.models import Delivery, Notice, UnitAddress
from minsheng.progress.remind import remind

from .robot_servers import Robot, robot_server

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
KEY, TOKEN, SECRET = "wecom-key-0001", "ding-token-0002", "SECright"


def _at(year: int, month: int, day: int) -> Any:
    return time_machine.travel(datetime.datetime(year, month, day, 9, 0, tzinfo=TZ), tick=False)


def _robots(unit: Unit, wecom: Robot, ding: Robot, secret: str) -> None:
    UnitAddress.objects.create(
        unit=unit,
        emails=["bgs@cgj.example.gov.cn"],
        wecom_webhook=f"{wecom.url}/cgi-bin/webhook/send?key={KEY}",
        dingtalk_webhook=f"{ding.url}/robot/send?access_token={TOKEN}",
        dingtalk_secret=secret,
    )


def _outcomes(notice: Notice) -> set[tuple[str, str, str]]:
    return {(d.channel, d.recipient, d.status) for d in notice.deliveries.all()}


def test_a_reminder_goes_through_every_channel_and_a_refusal_is_recorded_not_raised(
    client: Any, office: Any, wujin_plan: Any, member: Any, django_capture_on_commit_callbacks: Any
) -> None:
    user = member("城管局", email="cgj@example.gov.cn")
    unit = Unit.objects.get(name="城管局")
    with robot_server(Robot(keys={KEY})) as wecom, robot_server(Robot({TOKEN}, {TOKEN: SECRET})) as ding:
        _robots(unit, wecom, ding, secret="SECstale")  # the group re-made its secret: DingTalk refuses
        with _at(2026, 4, 6), django_capture_on_commit_callbacks(execute=True):
            result = remind(wujin_plan, datetime.date(2026, 4, 6))
    notice = next(n for n in result.reminded if n.unit == unit)
    assert _outcomes(notice) == {
        ("email", "bgs@cgj.example.gov.cn", "delivered"),
        ("email", "cgj@example.gov.cn", "delivered"),
        ("wecom", "企业微信群机器人（…0001）", "delivered"),
        ("dingtalk", "钉钉群机器人（…0002）", "failed"),
    }
    assert notice.deliveries.get(channel="dingtalk").error == "errcode 310000：sign not match"
    assert "新增公共停车泊位1500个" in wecom.received[0]["body"].decode()
    assert {m.to[0] for m in mail.outbox} == {"bgs@cgj.example.gov.cn", "cgj@example.gov.cn"}
    client.force_login(user)
    mine = client.get(reverse("progress:mine")).content.decode()
    assert "钉钉 钉钉群机器人（…0002）：<strong>未送达</strong>（errcode 310000：sign not match）" in mine
    assert "企业微信 企业微信群机器人（…0001）：已送达" in mine and KEY not in mine
    client.force_login(office)
    board = client.get(reverse("progress:dashboard", args=[wujin_plan.pk])).content.decode()
    assert "sign not match" in board and "bgs@cgj.example.gov.cn：已送达" in board


class BrokenChannel:
    key, label = "broken", "坏渠道"

    def send(self, message: Any, unit: Unit) -> list[Any]:
        raise RuntimeError("gateway library crashed")


def test_a_channel_that_crashes_stops_neither_the_others_nor_the_notice(
    wujin_plan: Any, member: Any, monkeypatch: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setitem(registry.CHANNELS, "broken", BrokenChannel)
    settings.MINSHENG_NOTICE_CHANNELS = "broken,email"
    member("城管局", email="cgj@example.gov.cn")
    with _at(2026, 4, 6), django_capture_on_commit_callbacks(execute=True):
        result = remind(wujin_plan, datetime.date(2026, 4, 6))
    notice = Notice.objects.get(pk=next(n.pk for n in result.reminded if n.unit.name == "城管局"))
    assert _outcomes(notice) == {("broken", "城管局", "failed"), ("email", "cgj@example.gov.cn", "delivered")}
    assert notice.deliveries.get(channel="broken").error == "RuntimeError: gateway library crashed"


class RefusingBackend(BaseEmailBackend):
    """An SMTP server that refuses one recipient."""

    def send_messages(self, messages: Any) -> int:
        if any("nobody@" in to for m in messages for to in m.to):
            raise smtplib.SMTPRecipientsRefused({"nobody@cgj.example.gov.cn": (550, b"No such user")})
        return len(messages)


# Committed for real: channels run after the commit, and the page or command reads their rows then.
@pytest.mark.django_db(transaction=True)
def test_a_refused_address_fails_alone_and_the_office_is_told(
    client: Any, office: Any, wujin_plan: Any, member: Any, settings: Any
) -> None:
    settings.EMAIL_BACKEND = "tests.test_notice_delivery.RefusingBackend"
    settings.MINSHENG_NOTICE_CHANNELS = "email"
    member("城管局", email="cgj@example.gov.cn")
    UnitAddress.objects.create(unit=Unit.objects.get(name="城管局"), emails=["nobody@cgj.example.gov.cn"])
    client.force_login(office)
    with _at(2026, 4, 6):
        response = client.post(reverse("progress:remind", args=[wujin_plan.pk]), follow=True)
    page = response.content.decode()
    assert "邮件、群机器人送达 2 条，未送达 2 条" in page  # the reminder and the 催办单, to each address
    assert "未送达：城管局 邮件 nobody@cgj.example.gov.cn（SMTPRecipientsRefused" in page
    assert Notice.objects.filter(unit__name="城管局", kind="reminder").count() == 1
    assert Delivery.objects.filter(status="delivered", recipient="cgj@example.gov.cn").count() == 2


# Committed for real: channels run after the commit, and the page or command reads their rows then.
@pytest.mark.django_db(transaction=True)
def test_cli_remind_prints_each_channels_outcome(wujin_plan: Any, member: Any, capsys: Any) -> None:
    member("城管局", email="cgj@example.gov.cn")
    with robot_server(Robot(keys={"other"})) as wecom:  # a webhook whose key was revoked
        UnitAddress.objects.create(
            unit=Unit.objects.get(name="城管局"), wecom_webhook=f"{wecom.url}/cgi-bin/webhook/send?key={KEY}"
        )
        with _at(2026, 4, 6):
            assert main(["remind", str(wujin_plan.pk), "--as-of", "2026-04-06"]) == 0
    out = capsys.readouterr().out
    line = (
        "邮件 cgj@example.gov.cn 已送达；"
        "企业微信 企业微信群机器人（…0001） 未送达（errcode 93000：invalid webhook url）"
    )
    assert f"催报\t城管局\t1 项\t{line}" in out
    assert "未送达 2 条" in out  # the reminder and the 催办单 (three periods missed)


def test_the_office_sets_a_units_addresses_and_the_secret_stays_hidden(
    client: Any, office: Any, wujin_plan: Any
) -> None:
    unit = Unit.objects.get(name="城管局")
    client.force_login(office)
    url = reverse("progress:unit_addresses", args=[unit.pk])
    assert f'href="{url}"' in client.get(reverse("plans:units")).content.decode()
    form = {
        "emails": "bgs@cgj.example.gov.cn，a@cgj.example.gov.cn\nbgs@cgj.example.gov.cn",
        "wecom_webhook": f"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={KEY}",
        "dingtalk_webhook": f"https://oapi.dingtalk.com/robot/send?access_token={TOKEN}",
        "dingtalk_secret": SECRET,
    }
    assert client.post(url, form).status_code == 302
    address = UnitAddress.objects.get(unit=unit)
    assert address.emails == ["a@cgj.example.gov.cn", "bgs@cgj.example.gov.cn"] and address.dingtalk_secret == SECRET
    page = client.get(url).content.decode()
    assert SECRET not in page and "已保存（不显示）" in page
    assert client.post(url, form | {"dingtalk_secret": ""}).status_code == 302  # blank keeps it
    assert UnitAddress.objects.get(unit=unit).dingtalk_secret == SECRET
    entries = AuditEntry.objects.filter(object_type="plans.Unit", summary="通知渠道：城管局")
    assert entries.count() == 2 and SECRET not in str(list(entries.values("before", "after")))
    directory = client.get(reverse("plans:units")).content.decode()
    assert "邮箱 2 个 企业微信群机器人（…0001） 钉钉群机器人（…0002）" in directory and KEY not in directory
    bad = client.post(url, form | {"emails": "不是邮箱", "wecom_webhook": "ftp://x"}).content.decode()
    assert "“不是邮箱”不是有效的邮箱地址" in bad and UnitAddress.objects.get(unit=unit).emails != []
    client.post(url, form | {"clear_secret": "on", "dingtalk_secret": ""})
    assert UnitAddress.objects.get(unit=unit).dingtalk_secret == ""


def test_a_merged_units_addresses_follow_it_and_come_back_on_undo(office: Any) -> None:
    from minsheng.progress.unit_merge import unit_merge, unit_unmerge

    from .factories import UnitFactory

    keep, other = UnitFactory(name="城管局"), UnitFactory(name="区城管局")
    address = UnitAddress.objects.create(unit=other, emails=["cgj@example.gov.cn"], dingtalk_secret=SECRET)
    entry = unit_merge(user=office, keep=keep, other=other)
    assert UnitAddress.objects.get(pk=address.pk).unit == keep
    assert SECRET not in str(entry.before)
    restored = unit_unmerge(user=office, entry=entry)
    assert UnitAddress.objects.get(pk=address.pk).unit == restored
