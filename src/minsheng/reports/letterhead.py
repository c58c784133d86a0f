"""Saving the office-wide letterhead (公文版头): checked, atomic and audited, whoever calls."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ..accounts import access
from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from .models import Letterhead

FIELDS = ("issuer", "number_prefix", "next_number", "recipients", "copy_to", "printer")


def office_letterhead() -> Letterhead:
    """The row without a jurisdiction, or an unsaved default."""
    return Letterhead.objects.filter(jurisdiction=None).first() or Letterhead()


def save_letterhead(*, user: Actor, values: dict[str, Any]) -> Letterhead:
    """Set the office-wide letterhead's fields; a value the model refuses raises
    ValidationError naming the field, and nothing is saved."""
    if not access.is_office(user):
        raise PermissionDenied("只有督查室可以修改公文版头")
    with transaction.atomic():
        row = Letterhead.objects.select_for_update().filter(jurisdiction=None).first() or Letterhead()
        before = {name: getattr(row, name) for name in FIELDS} if row.pk else None
        for name in FIELDS:
            if name in values:
                setattr(row, name, values[name])
        row.full_clean()
        row.save()
        after = {name: getattr(row, name) for name in FIELDS}
        action = AuditEntry.Action.UPDATE if before else AuditEntry.Action.CREATE
        audit(user=user, action=action, obj=row, summary="修改公文版头", before=before, after=after)
    return row
