"""Merging two units of the directory into one, and undoing it: the tasks, reporters,
invitations, notes and notices of the one follow the other (audited, reversible)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, Invite, Membership, audit
from ..plans import access
from ..plans.directory import DirectoryError, is_collective
from ..plans.models import TaskUnit, Unit
from .models import Note, Notice, UnitAddress


def _snapshot(other: Unit, keep: Unit) -> dict[str, Any]:
    kept = set(TaskUnit.objects.filter(unit=keep).values_list("task_id", "role"))
    links = list(TaskUnit.objects.filter(unit=other).values_list("pk", "task_id", "role", "order"))
    return {
        "unit": {"id": other.pk, "name": other.name, "aliases": other.aliases, "jurisdiction": other.jurisdiction_id},
        "keep_aliases": keep.aliases,
        "moved": [pk for pk, task, role, _ in links if (task, role) not in kept],
        "dropped": [[task, role, order] for _, task, role, order in links if (task, role) in kept],
        "members": list(Membership.objects.filter(unit=other).values_list("pk", flat=True)),
        "invites": list(Invite.objects.filter(unit=other).values_list("pk", flat=True)),
        "notices": list(Notice.objects.filter(unit=other).values_list("pk", flat=True)),
        "notes": list(Note.objects.filter(unit=other).values_list("pk", flat=True)),
        # Its notice addresses follow when `keep` has none; else they go with it (keep's are the office's).
        "address": None if UnitAddress.objects.filter(unit=keep).exists() else _address_of(other),
    }


def _address_of(unit: Unit) -> int | None:
    return UnitAddress.objects.filter(unit=unit).values_list("pk", flat=True).first()


def unit_merge(*, user: Actor, keep: Unit, other: Unit) -> AuditEntry:
    """File `other` under `keep`: its tasks, reporters, invitations and notices; its name becomes an alias."""
    if not access.is_office(user):
        raise DirectoryError("只有督查室可以合并单位")
    if keep.pk == other.pk:
        raise DirectoryError("不能把单位与自身合并")
    if Unit.objects.filter(access.units_filter(user, supervise=True), pk__in=[keep.pk, other.pk]).count() != 2:
        raise DirectoryError("只能合并本级的单位")
    if keep.jurisdiction_id != other.jurisdiction_id:
        raise DirectoryError("不同行政区划的同名单位是不同的单位，不能合并")
    if is_collective(keep.name) or is_collective(other.name):
        raise DirectoryError("集体名称（如“各镇（街道）”）不是一个单位，不能合并")
    with transaction.atomic():
        before = _snapshot(other, keep)
        TaskUnit.objects.filter(pk__in=before["moved"]).update(unit=keep)
        TaskUnit.objects.filter(unit=other).delete()  # the same task and role already under `keep`
        kept_users = set(Membership.objects.filter(unit=keep).values_list("user_id", flat=True))
        Membership.objects.filter(unit=other, user_id__in=kept_users).delete()
        before["members"] = list(Membership.objects.filter(unit=other).values_list("pk", flat=True))
        Membership.objects.filter(unit=other).update(unit=keep)
        Invite.objects.filter(unit=other).update(unit=keep)
        Notice.objects.filter(unit=other).update(unit=keep)
        Note.objects.filter(unit=other).update(unit=keep)
        UnitAddress.objects.filter(pk=before["address"]).update(unit=keep)
        keep.aliases = sorted({*keep.aliases, other.name, *other.aliases} - {keep.name})
        keep.save(update_fields=["aliases"])
        other.delete()
        return audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=keep,
            summary=f"合并单位：{before['unit']['name']} → {keep.name}",
            before=before,
            after={"aliases": keep.aliases},
        )


def unit_unmerge(*, user: Actor, entry: AuditEntry) -> Unit:
    """Undo a merge from its audit entry: the unit comes back with what was moved."""
    if not access.is_office(user):
        raise DirectoryError("只有督查室可以撤销合并")
    data = entry.before or {}
    if entry.object_type != "plans.Unit" or "moved" not in data or not entry.summary.startswith("合并单位"):
        raise DirectoryError("这条记录不是单位合并，无法撤销")
    with transaction.atomic():
        saved = data["unit"]
        if Unit.objects.filter(pk=saved["id"]).exists() or Unit.objects.filter(
            name=saved["name"], jurisdiction_id=saved["jurisdiction"]
        ).exists():
            raise DirectoryError(f"单位“{saved['name']}”已存在，该合并已撤销过")
        keep = Unit.objects.select_for_update().get(pk=entry.object_id)
        other = Unit.objects.create(
            pk=saved["id"], name=saved["name"], aliases=saved["aliases"], jurisdiction_id=saved["jurisdiction"]
        )
        TaskUnit.objects.filter(pk__in=data["moved"]).update(unit=other)
        TaskUnit.objects.bulk_create(
            TaskUnit(task_id=task, unit=other, role=role, order=order) for task, role, order in data["dropped"]
        )
        Membership.objects.filter(pk__in=data["members"]).update(unit=other)
        Invite.objects.filter(pk__in=data["invites"]).update(unit=other)
        Notice.objects.filter(pk__in=data["notices"]).update(unit=other)
        Note.objects.filter(pk__in=data["notes"]).update(unit=other)
        UnitAddress.objects.filter(pk__in=[data["address"]] if data.get("address") else []).update(unit=other)
        keep.aliases = data["keep_aliases"]
        keep.save(update_fields=["aliases"])
        summary = f"撤销合并单位：{other.name} ← {keep.name}"
        audit(user=user, action=AuditEntry.Action.UPDATE, obj=other, summary=summary)
    return other
