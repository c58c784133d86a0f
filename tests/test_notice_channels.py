"""Each channel against a local server that checks the platform's wire format and answers as the
platform does (tests/robot_servers.py): delivered, refused with the platform's errcode, HTTP 500,
no answer in time. The DingTalk server recomputes the signature and checks the timestamp window."""

from __future__ import annotations

import time
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured

from minsheng.progress.channels import registry
from minsheng.progress.channels.base import Attachment, Message
from minsheng.progress.channels.dingtalk import DingtalkChannel, signed_url
from minsheng.progress.channels.robot import post_json
from minsheng.progress.channels.wecom import WecomChannel
from minsheng.progress.models import UnitAddress

from .factories import UnitFactory
from .robot_servers import Robot, robot_server

pytestmark = pytest.mark.django_db

KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"
TOKEN = "b6c1f0d4e2a84f7a"
SECRET = "SEC5a3ecf88f2b3eb50db30ecfc00f53033ac909c99bf7f88fd612bda89d7f3a9dc"
MESSAGE = Message("【催报】武进区2026年民生实事", "城管局：\n贵单位牵头的以下任务2026年3月进度至今未报送。")


def _unit(**address: str) -> Any:
    unit = UnitFactory(name="城管局")
    UnitAddress.objects.create(unit=unit, **address)
    return unit


def test_wecom_posts_the_documented_text_message_and_reads_errcode_0_as_delivered() -> None:
    with robot_server(Robot(keys={KEY})) as robot:
        unit = _unit(wecom_webhook=f"{robot.url}/cgi-bin/webhook/send?key={KEY}")
        [outcome] = WecomChannel().send(MESSAGE, unit)
    assert outcome.delivered and outcome.error == ""
    assert outcome.recipient == "企业微信群机器人（…5aaa）" and KEY not in outcome.recipient
    [request] = robot.received
    assert request["headers"]["Content-Type"] == "application/json; charset=utf-8"
    assert request["body"].decode("utf-8").startswith('{"msgtype": "text", "text": {"content": "【催报】')


def test_wecom_reports_an_invalid_webhook_in_the_platforms_words() -> None:
    with robot_server(Robot(keys={KEY})) as robot:
        unit = _unit(wecom_webhook=f"{robot.url}/cgi-bin/webhook/send?key=revoked")
        [outcome] = WecomChannel().send(MESSAGE, unit)
    assert not outcome.delivered and outcome.error == "errcode 93000：invalid webhook url"


def test_wecom_cuts_a_long_notice_to_the_platforms_2048_bytes_and_it_is_delivered() -> None:
    tasks = "\n".join(f"{n}. 推进停车便利化：新增公共停车泊位1500个，改造老旧小区停车设施" for n in range(80))
    attachment = Attachment("催办单-城管局-202603.docx", b"PK", "application/octet-stream")
    with robot_server(Robot(keys={KEY})) as robot:
        unit = _unit(wecom_webhook=f"{robot.url}/cgi-bin/webhook/send?key={KEY}")
        [outcome] = WecomChannel().send(Message("【催办单】计划", tasks, attachment), unit)
    assert outcome.delivered
    content = robot.received[0]["body"].decode("utf-8")
    assert "全文请登录民生实事督办平台查看" in content and len(content.encode()) < 2048 + 100
    short = Message("【催办单】计划", "连续3期未报送", attachment).plain()
    assert "《催办单-城管局-202603.docx》请登录民生实事督办平台下载" in short


def test_dingtalk_signs_as_documented_and_the_platform_accepts_the_sign() -> None:
    with robot_server(Robot(keys={TOKEN}, secrets={TOKEN: SECRET})) as robot:
        unit = _unit(dingtalk_webhook=f"{robot.url}/robot/send?access_token={TOKEN}", dingtalk_secret=SECRET)
        [outcome] = DingtalkChannel().send(MESSAGE, unit)
    assert outcome.delivered and outcome.recipient == "钉钉群机器人（…4f7a）"
    [request] = robot.received
    assert abs(int(request["query"]["timestamp"][0]) - time.time() * 1000) < 60_000
    # Base64 of 32 bytes ends in "=": sent URL-encoded, as the documentation's urlEncode does.
    assert request["path"].endswith("%3D")


def test_dingtalk_answers_310000_to_a_wrong_secret_and_a_stale_timestamp() -> None:
    with robot_server(Robot(keys={TOKEN}, secrets={TOKEN: SECRET})) as robot:
        webhook = f"{robot.url}/robot/send?access_token={TOKEN}"
        unit = _unit(dingtalk_webhook=webhook, dingtalk_secret="SECwrong")
        [wrong] = DingtalkChannel().send(MESSAGE, unit)
        two_hours_ago = int(time.time() * 1000) - 2 * 3600 * 1000
        stale = post_json(signed_url(webhook, SECRET, two_hours_ago), {"msgtype": "text", "text": {"content": "x"}})
        unsigned = post_json(webhook, {"msgtype": "text", "text": {"content": "x"}})
    assert wrong.error == "errcode 310000：sign not match"
    assert stale == unsigned == "errcode 310000：invalid timestamp"


def test_dingtalk_robot_without_a_secret_is_sent_unsigned_and_an_unknown_token_is_refused() -> None:
    with robot_server(Robot(keys={TOKEN})) as robot:
        unit = _unit(dingtalk_webhook=f"{robot.url}/robot/send?access_token={TOKEN}")
        [plain] = DingtalkChannel().send(MESSAGE, unit)
        gone = post_json(f"{robot.url}/robot/send?access_token=gone", {"msgtype": "text", "text": {"content": "x"}})
    assert plain.delivered and "sign" not in robot.received[0]["query"]
    assert gone == "errcode 300001：token is not exist"


@pytest.mark.parametrize("path", ["/cgi-bin/webhook/send?key=" + KEY, "/robot/send?access_token=" + TOKEN])
def test_a_server_error_and_a_silent_server_are_failures_with_their_reason(path: str, settings: Any) -> None:
    settings.MINSHENG_NOTICE_TIMEOUT = 0.3
    payload = {"msgtype": "text", "text": {"content": "x"}}
    with robot_server(Robot(keys={KEY, TOKEN}, mode="http500")) as robot:
        broken = post_json(robot.url + path, payload)
    with robot_server(Robot(keys={KEY, TOKEN}, mode="slow")) as robot:
        silent = post_json(robot.url + path, payload)
    with robot_server(Robot()) as robot:
        closed_url = robot.url
    refused = post_json(closed_url + path, payload)  # nobody listens there any more
    assert broken == "HTTP 500 Internal Server Error"
    assert silent == "超时（0.3 秒内无应答）"
    assert refused.startswith("无法连接：")


def test_an_answer_that_is_not_the_platforms_is_not_taken_for_delivered() -> None:
    from minsheng.progress.channels.robot import answer_error

    assert answer_error(b'{"errcode":0,"errmsg":"ok"}') == ""
    assert answer_error(b"<html>proxy login</html>").startswith("平台应答无法识别：<html>")
    assert answer_error(b'{"errmsg":"ok"}').startswith("平台应答无法识别")


def test_the_registry_follows_the_setting_and_refuses_an_unknown_channel(settings: Any) -> None:
    settings.MINSHENG_NOTICE_CHANNELS = "dingtalk, email,dingtalk"
    assert [c.key for c in registry.enabled()] == ["dingtalk", "email"]
    settings.MINSHENG_NOTICE_CHANNELS = "email,sms"
    with pytest.raises(ImproperlyConfigured, match="unknown channel sms; known: email, wecom, dingtalk"):
        registry.enabled()
    settings.MINSHENG_NOTICE_CHANNELS = ""
    assert registry.enabled() == []
