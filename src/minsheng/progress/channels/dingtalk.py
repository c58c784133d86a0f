"""钉钉 custom robot (自定义机器人), signed as DingTalk documents for the 加签 security setting:
the string `timestamp + "\\n" + secret` (timestamp in milliseconds), HMAC-SHA256 keyed with the
secret, Base64, then URL-encoded, appended to the webhook as `&timestamp=…&sign=…`. DingTalk
refuses a timestamp more than an hour from its clock and a wrong sign (errcode 310000). A robot
set up with keywords or an IP list instead has no secret and is sent unsigned."""

from __future__ import annotations

import base64
import hashlib
import hmac
import time
import urllib.parse

from ...plans.models import Unit
from ..models import UnitAddress
from .base import Message, Outcome
from .robot import post_json


def sign(secret: str, timestamp_ms: int) -> str:
    """The `sign` parameter, already URL-encoded."""
    string_to_sign = f"{timestamp_ms}\n{secret}".encode()
    digest = hmac.new(secret.encode(), string_to_sign, hashlib.sha256).digest()
    return urllib.parse.quote_plus(base64.b64encode(digest))


def signed_url(webhook: str, secret: str, timestamp_ms: int) -> str:
    if not secret:
        return webhook
    joiner = "&" if urllib.parse.urlsplit(webhook).query else "?"
    return f"{webhook}{joiner}timestamp={timestamp_ms}&sign={sign(secret, timestamp_ms)}"


class DingtalkChannel:
    key = "dingtalk"
    label = "钉钉"

    def send(self, message: Message, unit: Unit) -> list[Outcome]:
        address = UnitAddress.of(unit.pk)
        if not address.dingtalk_webhook:
            return []
        url = signed_url(address.dingtalk_webhook, address.dingtalk_secret, int(time.time() * 1000))
        payload = {"msgtype": "text", "text": {"content": message.plain()}}
        return [Outcome(address.dingtalk_name, post_json(url, payload))]
