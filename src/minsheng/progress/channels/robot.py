"""The one request both group robots take: a JSON POST to the webhook, answered with
{"errcode": 0, "errmsg": "ok"} when the message reached the group. urllib from the standard
library: the dependencies hold no HTTP client, and one POST does not need one."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

from django.conf import settings


def post_json(url: str, payload: dict[str, Any]) -> str:
    """POST `payload` to `url`; "" when the platform answered errcode 0, else why not, in the
    platform's own words (errcode and errmsg), or the HTTP status, or the network's error."""
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    request = urllib.request.Request(
        url, data=body, method="POST", headers={"Content-Type": "application/json; charset=utf-8"}
    )
    try:
        with urllib.request.urlopen(request, timeout=settings.MINSHENG_NOTICE_TIMEOUT) as response:
            raw = response.read(64 * 1024)
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code} {exc.reason}"
    except urllib.error.URLError as exc:
        return _network_error(exc.reason)
    except OSError as exc:  # a timeout while reading the answer is not wrapped in URLError
        return _network_error(exc)
    return answer_error(raw)


def _network_error(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return f"超时（{settings.MINSHENG_NOTICE_TIMEOUT} 秒内无应答）"
    return f"无法连接：{reason}"


def answer_error(raw: bytes) -> str:
    """"" for {"errcode": 0}; "errcode N：errmsg" for any other code; a body that is not the
    platform's answer (a proxy's error page) is a failure too: nothing says it was delivered."""
    try:
        answer = json.loads(raw)
        code = int(answer["errcode"])
    except (ValueError, KeyError, TypeError):
        return "平台应答无法识别：" + raw[:120].decode("utf-8", errors="replace")
    return "" if code == 0 else f"errcode {code}：{answer.get('errmsg', '')}"
