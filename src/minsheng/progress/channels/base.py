"""The protocol every channel follows, and what it is given and gives back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ...plans.models import Unit


@dataclass(frozen=True)
class Attachment:
    name: str
    data: bytes
    mimetype: str


@dataclass(frozen=True)
class Message:
    """A notice as the channels send it: a subject, the text, and the 催办单 when there is one."""

    subject: str
    text: str
    attachment: Attachment | None = None

    def plain(self, limit_bytes: int = 0) -> str:
        """The message as one text, for channels that carry no file: the subject, the text, and
        where to fetch the attachment; cut to `limit_bytes` of UTF-8 when the platform has a limit."""
        parts = [self.subject, self.text]
        if self.attachment is not None:
            parts.append(f"《{self.attachment.name}》请登录民生实事督办平台下载。")
        text = "\n".join(parts)
        if limit_bytes and len(text.encode("utf-8")) > limit_bytes:
            tail = "……（全文请登录民生实事督办平台查看）"
            room = limit_bytes - len(tail.encode("utf-8"))
            # Cut on a character boundary: half a character is an invalid UTF-8 body.
            text = text.encode("utf-8")[:room].decode("utf-8", errors="ignore") + tail
        return text


@dataclass(frozen=True)
class Outcome:
    """One recipient: delivered when `error` is empty, else the platform's reason."""

    recipient: str
    error: str = ""

    @property
    def delivered(self) -> bool:
        return not self.error


class Channel(Protocol):
    key: str  # its name in MINSHENG_NOTICE_CHANNELS
    label: str  # its name on the pages, in Chinese

    def send(self, message: Message, unit: Unit) -> list[Outcome]:
        """Send to every address the unit has on this channel; [] when it has none. Errors of
        the platform or the network are outcomes, not exceptions."""
        ...
