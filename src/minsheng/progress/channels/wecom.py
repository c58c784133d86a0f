"""企业微信 group robot (群机器人): POST {"msgtype": "text", "text": {"content": …}} to the
webhook URL the robot's page shows (https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…).
errcode 0 is delivered; 93000 is an invalid webhook, other codes other refusals."""

from __future__ import annotations

from ...plans.models import Unit
from ..models import UnitAddress
from .base import Message, Outcome
from .robot import post_json

# The platform's limit on a text message's content, in bytes of UTF-8.
CONTENT_LIMIT = 2048


class WecomChannel:
    key = "wecom"
    label = "企业微信"

    def send(self, message: Message, unit: Unit) -> list[Outcome]:
        address = UnitAddress.of(unit.pk)
        if not address.wecom_webhook:
            return []
        payload = {"msgtype": "text", "text": {"content": message.plain(CONTENT_LIMIT)}}
        return [Outcome(address.wecom_name, post_json(address.wecom_webhook, payload))]
