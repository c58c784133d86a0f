"""The directory of units: one unit per real body, with its aliases.

Plans name the same body differently (城管局 in one year, 区城管局 in another). The
directory suggests merges by normalised name; the office confirms each one (audited,
reversible: the audit entry keeps what is needed to undo it; progress/unit_merge.py). Collective entries
(各镇（街道）, 各辖市、区) name many bodies at once: they are marked and never invited.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from .models import Jurisdiction, Leader, Unit

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
    groups: dict[tuple[int | None, str], list[Unit]] = defaultdict(list)
    for unit in units:  # only within a jurisdiction: 城管局 of two districts are two bodies
        if not is_collective(unit.name):
            groups[(unit.jurisdiction_id, normalize(unit.name))].append(unit)
    result = []
    for (_, key), group in groups.items():
        if len(group) > 1:
            group.sort(key=lambda u: (u.name != key, -getattr(u, "links", 0), u.name))
            result.append(group)
    return sorted(result, key=lambda g: g[0].name)


def alias_lookup(place: Jurisdiction | None) -> dict[str, Unit]:
    """Every alias of the units of `place` to its unit, for the import to file a known alias
    under the right unit (another jurisdiction's aliases name other bodies)."""
    units = Unit.objects.filter(jurisdiction=place).exclude(aliases=[])
    return {alias: unit for unit in units for alias in unit.aliases}


class NameLookup:
    """Get-or-create by name, remembering what it made, so a plan writes in few queries: the one
    rule for a unit named in a plan, whether the import read it or the clerk typed it. Units are
    looked up in the plan's jurisdiction (the same name elsewhere is another body), and a name
    the office merged into another unit is filed under that unit."""

    def __init__(self, model: type[Unit] | type[Leader], place: Jurisdiction | None = None) -> None:
        self.model = model
        self.cache: dict[str, Any] = {}
        self.scope: dict[str, Any] = {}
        if model is Unit:
            self.scope = {"jurisdiction": place}
            self.cache.update(alias_lookup(place))

    def __call__(self, name: str) -> Any:
        if name not in self.cache:
            self.cache[name], _ = self.model.objects.get_or_create(name=name, **self.scope)
        return self.cache[name]
