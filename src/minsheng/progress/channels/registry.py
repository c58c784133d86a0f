"""The channels this installation uses, from `MINSHENG_NOTICE_CHANNELS`, and the delivery of a
notice through all of them. Runs after the notice is committed: the record stands whatever the
mail server or a robot answers."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from ..models import Delivery, Notice
from .base import Channel, Message, Outcome
from .dingtalk import DingtalkChannel
from .email import EmailChannel
from .wecom import WecomChannel

log = logging.getLogger(__name__)

CHANNELS: dict[str, type[Channel]] = {c.key: c for c in (EmailChannel, WecomChannel, DingtalkChannel)}


def enabled() -> list[Channel]:
    """The configured channels, in the configured order; a name not known stops with the list."""
    names = [n.strip() for n in settings.MINSHENG_NOTICE_CHANNELS.split(",") if n.strip()]
    unknown = [n for n in names if n not in CHANNELS]
    if unknown:
        raise ImproperlyConfigured(
            f"MINSHENG_NOTICE_CHANNELS: unknown channel {', '.join(unknown)}; known: {', '.join(CHANNELS)}"
        )
    return [CHANNELS[name]() for name in dict.fromkeys(names)]


def deliver(notice: Notice, message: Message) -> list[Delivery]:
    """Send `message` for `notice` through every configured channel and record each recipient's
    outcome. A channel that raises (a bug, not a refusal) is recorded as failed for the unit and
    the others still go."""
    rows: list[Delivery] = []
    for channel in enabled():
        try:
            outcomes = channel.send(message, notice.unit)
        except Exception as exc:
            log.exception("channel %s failed for notice %s", channel.key, notice.pk)
            outcomes = [Outcome(notice.unit.name, f"{type(exc).__name__}: {exc}")]
        rows += [_row(notice, channel, outcome) for outcome in outcomes]
    return Delivery.objects.bulk_create(rows)


def _row(notice: Notice, channel: Channel, outcome: Outcome) -> Delivery:
    status = Delivery.Status.DELIVERED if outcome.delivered else Delivery.Status.FAILED
    return Delivery(
        notice=notice,
        channel=channel.key,
        label=channel.label,
        recipient=outcome.recipient[:254],
        status=status,
        error=outcome.error,
    )


def summary(deliveries: Iterable[Delivery]) -> str:
    """One line for the command line and the office's message: who got it, who did not and why."""
    parts = [
        f"{d.label} {d.recipient} {d.get_status_display()}" + (f"（{d.error}）" if d.error else "")
        for d in deliveries
    ]
    return "；".join(parts) or "无其他送达渠道（仅站内通知）"
