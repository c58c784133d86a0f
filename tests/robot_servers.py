"""Local stand-ins for the 企业微信 and 钉钉 group robot webhooks: real HTTP servers on loopback
(http.server in a thread) that check each platform's wire format as its documentation states and
answer as the platform does, errors included. Tests point a unit's webhook at them.

企业微信: POST /cgi-bin/webhook/send?key=KEY, JSON {"msgtype": "text", "text": {"content": …}},
content at most 2048 bytes of UTF-8; answers {"errcode": 0, "errmsg": "ok"}, an unknown key
{"errcode": 93000, "errmsg": "invalid webhook url"}.
钉钉: POST /robot/send?access_token=TOKEN&timestamp=MS&sign=SIGN, sign = URL-encoded Base64 of
HMAC-SHA256(key=secret, timestamp + "\\n" + secret), timestamp within an hour of the server's
clock; answers errcode 0, 310000 for a bad sign or timestamp, 300001 for an unknown token.
Both: `mode` "http500" answers 500, "slow" waits longer than the client's timeout."""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

WECOM_LIMIT = 2048
DINGTALK_WINDOW_MS = 3600 * 1000


@dataclass
class Robot:
    """What the fake platform knows (keys, secrets) and what it received."""

    keys: set[str] = field(default_factory=set)  # WeCom keys or DingTalk access tokens
    secrets: dict[str, str] = field(default_factory=dict)  # DingTalk: token → secret (signed robots)
    mode: str = "normal"
    received: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""


def _text_error(body: bytes, limit: int = 0) -> tuple[int, str] | None:
    """The message must be JSON of msgtype text with a string content (within `limit` bytes)."""
    try:
        message = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return 40035, "invalid json"  # stand-in code: the client must never send this
    content = message.get("text", {}).get("content") if message.get("msgtype") == "text" else None
    if not isinstance(content, str) or not content:
        return 40008, "invalid message type"
    if limit and len(content.encode("utf-8")) > limit:
        return 40058, "content exceed max length"
    return None


def _wecom(robot: Robot, query: dict[str, list[str]], body: bytes) -> tuple[int, str]:
    if query.get("key", [""])[0] not in robot.keys:
        return 93000, "invalid webhook url"
    return _text_error(body, WECOM_LIMIT) or (0, "ok")


def _dingtalk_sign(secret: str, timestamp: str) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}\n{secret}".encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def _dingtalk(robot: Robot, query: dict[str, list[str]], body: bytes) -> tuple[int, str]:
    token = query.get("access_token", [""])[0]
    if token not in robot.keys:
        return 300001, "token is not exist"
    secret = robot.secrets.get(token)
    if secret is not None:
        # parse_qs has URL-decoded the sign: compare it with the Base64 text recomputed here.
        timestamp, sign = query.get("timestamp", [""])[0], query.get("sign", [""])[0]
        if not timestamp.isdigit() or abs(int(timestamp) - int(time.time() * 1000)) > DINGTALK_WINDOW_MS:
            return 310000, "invalid timestamp"
        if not hmac.compare_digest(sign, _dingtalk_sign(secret, timestamp)):
            return 310000, "sign not match"
    return _text_error(body) or (0, "ok")


PLATFORMS = {"/cgi-bin/webhook/send": _wecom, "/robot/send": _dingtalk}


def _handler(robot: Robot) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802  (http.server's name)
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            parts = urlsplit(self.path)
            query = parse_qs(parts.query)
            robot.received.append({"path": self.path, "query": query, "body": body, "headers": dict(self.headers)})
            if robot.mode == "slow":
                time.sleep(1.5)
            if robot.mode == "http500":
                self.send_error(500, "Internal Server Error")
                return
            if not self.headers.get("Content-Type", "").startswith("application/json"):
                code, message = 40035, "content type must be application/json"
            else:
                code, message = PLATFORMS[parts.path](robot, query, body)
            answer = json.dumps({"errcode": code, "errmsg": message}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            # The client may have given up waiting ("slow"), as it would on a real platform.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


@contextmanager
def robot_server(robot: Robot) -> Iterator[Robot]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(robot))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    robot.url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield robot
    finally:
        server.shutdown()
        server.server_close()
