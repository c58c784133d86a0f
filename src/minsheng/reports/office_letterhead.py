"""Saving the office-wide letterhead (公文版头): checked, atomic and audited, whoever calls."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from ..plans import access
from .models import Letterhead

FIELDS = ("issuer", "number_prefix", "next_number", "recipients", "copy_to", "printer")


def office_letterhead(user: Actor | None = None) -> Letterhead:
    """The letterhead an office edits: its seat's row (a seated office never edits another
    district's, nor the installation's default), else the row without a jurisdiction; an unsaved
    copy of the row it would start from when there is none yet."""
    seat = access.office_jurisdiction(user)
    found = Letterhead.objects.filter(Q(jurisdiction_id=seat) | Q(jurisdiction=None))
    rows = {row.jurisdiction_id: row for row in found}
    if seat is not None and seat in rows:
        return rows[seat]
    start = rows.get(None) or Letterhead()
    if seat is not None:  # the seat's own row, starting from the default's words
        start = Letterhead(**{name: getattr(start, name) for name in FIELDS}, jurisdiction_id=seat)
    return start


def save_letterhead(*, user: Actor, values: dict[str, Any]) -> Letterhead:
    """Set the office-wide letterhead's fields; a value the model refuses raises
    ValidationError naming the field, and nothing is saved."""
    if not access.is_office(user):
        raise PermissionDenied("只有督查室可以修改公文版头")
    with transaction.atomic():
        seat = access.office_jurisdiction(user)
        rows = Letterhead.objects.select_for_update()
        row = (rows.filter(jurisdiction=None) if seat is None else rows.filter(jurisdiction__pk=seat)).first()
        row = row or office_letterhead(user)
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
