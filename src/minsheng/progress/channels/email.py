"""E-mail through Django's mail settings (EMAIL_HOST…): to the addresses the office keeps for the
unit and its reporters' own, one message each, so that one address refused does not hide the
others. "Delivered" here means the mail server accepted it, all SMTP can tell."""

from __future__ import annotations

from django.core.mail import EmailMessage

from ...accounts.models import Membership
from ...plans.models import Unit
from ..models import UnitAddress
from .base import Message, Outcome


def unit_emails(unit: Unit) -> list[str]:
    members = Membership.objects.filter(unit=unit).select_related("user")
    found = {m.user.email for m in members if m.user.email} | set(UnitAddress.of(unit.pk).emails)
    return sorted(found)


class EmailChannel:
    key = "email"
    label = "邮件"

    def send(self, message: Message, unit: Unit) -> list[Outcome]:
        return [self._one(message, to) for to in unit_emails(unit)]

    def _one(self, message: Message, to: str) -> Outcome:
        mail = EmailMessage(message.subject, message.text, to=[to])
        if message.attachment is not None:
            mail.attach(message.attachment.name, message.attachment.data, message.attachment.mimetype)
        try:
            mail.send()
        except Exception as exc:  # smtplib and socket errors alike: recorded, never raised
            return Outcome(to, f"{type(exc).__name__}: {exc}")
        return Outcome(to)
