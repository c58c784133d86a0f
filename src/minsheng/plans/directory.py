"""The directory of units: one unit per real body, with its aliases.

Plans name the same body differently (城管局 in one year, 区城管局 in another). The
directory suggests merges by normalised name; the office confirms each one (audited,
reversible: the audit entry keeps what is needed to undo it). Collective entries
(各镇（街道）, 各辖市、区) name many bodies at once: they are marked and never invited.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from django.db import transaction

from ..accounts import access
from ..accounts.models import AuditEntry, audit
from .models import TaskUnit, Unit

# A leading 区/县 means "this district's": 区城管局 is the 城管局 of a district plan.
# 市 is not dropped: in a district's plan 市城管局 is the city's bureau, another body.
_LEVEL_PREFIX = re.compile(r"^[区县]")
_SPACES = re.compile(r"\s+")


class DirectoryError(Exception):
    """A merge that cannot be made; the message tells the office why."""


def normalize(name: str) -> str:
    name = _SPACES.sub("", name).replace("(", "（").replace(")", "）")
    return _LEVEL_PREFIX.sub("", name) if len(name) > 3 else name


def is_collective(name: str) -> bool:
    """各镇（街道）, 各辖市、区, 各有关部门: an entry that names many bodies at once."""
    return _SPACES.sub("", name).startswith("各")


def suggested_merges(units: Sequence[Unit]) -> list[list[Unit]]:
    """Groups of units whose names are the same body; the first of each is the one to keep
    (the plain name, else the one with most task links, read from `links` annotations)."""
    groups: dict[str, list[Unit]] = defaultdict(list)
    for unit in units:
        if not is_collective(unit.name):
            groups[normalize(unit.name)].append(unit)
    result = []
    for key, group in groups.items():
        if len(group) > 1:
            group.sort(key=lambda u: (u.name != key, -getattr(u, "links", 0), u.name))
            result.append(group)
    return sorted(result, key=lambda g: g[0].name)


def alias_lookup() -> dict[str, Unit]:
    """Every alias to its unit, for the import to file a known alias under the right unit."""
    return {alias: unit for unit in Unit.objects.exclude(aliases=[]) for alias in unit.aliases}


def _snapshot(other: Unit, keep: Unit) -> dict[str, Any]:
    from ..accounts.models import Invite, Membership
    from ..progress.models import Note, Notice

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
    }


def unit_merge(*, user: Any, keep: Unit, other: Unit) -> AuditEntry:
    """File `other` under `keep`: its tasks, reporters, invitations and notices; its name becomes an alias."""
    from ..accounts.models import Invite, Membership
    from ..progress.models import Note, Notice

    if not access.is_office(user):
        raise DirectoryError("只有督查室可以合并单位")
    if keep.pk == other.pk:
        raise DirectoryError("不能把单位与自身合并")
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


def unit_unmerge(*, user: Any, entry: AuditEntry) -> Unit:
    """Undo a merge from its audit entry: the unit comes back with what was moved."""
    from ..accounts.models import Invite, Membership
    from ..progress.models import Note, Notice

    if not access.is_office(user):
        raise DirectoryError("只有督查室可以撤销合并")
    data = entry.before or {}
    if entry.object_type != "plans.Unit" or "moved" not in data or not entry.summary.startswith("合并单位"):
        raise DirectoryError("这条记录不是单位合并，无法撤销")
    with transaction.atomic():
        saved = data["unit"]
        if Unit.objects.filter(pk=saved["id"]).exists() or Unit.objects.filter(name=saved["name"]).exists():
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
        keep.aliases = data["keep_aliases"]
        keep.save(update_fields=["aliases"])
        summary = f"撤销合并单位：{other.name} ← {keep.name}"
        audit(user=user, action=AuditEntry.Action.UPDATE, obj=other, summary=summary)
    return other
