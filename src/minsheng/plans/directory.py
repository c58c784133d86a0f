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


# The words that mean "this place's" before a unit's name, by the place's level: in a district's
# plan 区城管局 is its 城管局; 市城管局 there is the city's bureau, another body, so 市 is only this
# place's word in a city's plan.
_OWN_WORDS = {
    Jurisdiction.Level.PROVINCE: ("省",),
    Jurisdiction.Level.CITY: ("市",),
    Jurisdiction.Level.COUNTY: ("区", "县"),
    Jurisdiction.Level.TOWN: ("街道", "镇"),
}


def own_words(place: Jurisdiction | None) -> tuple[str, ...]:
    """Leading words that name `place` itself: its name (武进区), its name without the level
    (武进), the same after the places above it (常州市武进区, 江苏省常州市武进区), then its
    level's word (区); longest first so 武进区城管局 loses 武进区, not 武进."""
    if place is None:
        return ("区", "县")  # an installation of one jurisdiction: as normalize() reads it
    names = _names(place)
    above = place.parent
    prefixes = [""]
    while above is not None:  # a tree of three or four levels: a few queries, once per lookup
        prefixes = [outer + inner for outer in _names(above) for inner in prefixes] + prefixes
        above = above.parent
    words = [prefix + name for prefix in prefixes for name in names]
    words += _OWN_WORDS.get(Jurisdiction.Level(place.level), ())
    return tuple(sorted(set(words), key=len, reverse=True))


def _names(place: Jurisdiction) -> list[str]:
    """A place's name and, where it is long enough to stand alone, its name without the level."""
    names = [place.name]
    for suffix in ("街道", "省", "市", "区", "县", "镇"):
        if place.name.endswith(suffix) and len(place.name) > len(suffix) + 1:
            names.append(place.name[: -len(suffix)])
    return names


def bare_name(name: str, words: Sequence[str]) -> str:
    """The name without a leading word that names the plan's own place (区城管局 → 城管局)."""
    name = _SPACES.sub("", name).replace("(", "（").replace(")", "）")
    for word in words:
        if name.startswith(word) and len(name) - len(word) >= 2 and not is_collective(name):
            return name[len(word) :]
    return name


class NameLookup:
    """Get-or-create by name, remembering what it made, so a plan writes in few queries: the one
    rule for a unit named in a plan, whether the import read it or the clerk typed it. Units are
    looked up in the plan's jurisdiction (the same name elsewhere is another body), a name
    the office merged into another unit is filed under that unit, and a name that is a known
    unit's once a word naming the place itself is dropped (区城管局, 武进区城管局 → 城管局) is that
    unit: a second unit beside it would be one whose reporter never sees the task. A new name is
    made the way the directory names its units: bare when most of them are bare."""

    def __init__(self, model: type[Unit] | type[Leader], place: Jurisdiction | None = None) -> None:
        self.model = model
        self.cache: dict[str, Any] = {}
        self.scope: dict[str, Any] = {}
        self.bare: dict[str, Any] = {}
        self.words: tuple[str, ...] = ()
        self.strip = False  # whether a new unit drops the word naming the place, as the known ones do
        if model is Unit:
            self.scope = {"jurisdiction": place}
            self.words = own_words(place)
            units = list(Unit.objects.filter(jurisdiction=place).order_by("pk"))
            self.cache = {u.name: u for u in units} | {a: u for u in units for a in u.aliases}
            for unit in units:  # a unit's own name before an alias: 城管局 is the unit so named
                self.bare.setdefault(bare_name(unit.name, self.words), unit)
            for name, unit in self.cache.items():
                self.bare.setdefault(bare_name(name, self.words), unit)
            # the directory's own convention: mostly bare names (城管局) → a new name is filed bare too
            carrying = sum(1 for unit in units if bare_name(unit.name, self.words) != unit.name)
            self.strip = bool(units) and 2 * carrying < len(units)

    def find(self, name: str) -> Any:
        """The known unit this name files under, or None when saving it would make a new one."""
        if name in self.cache:
            return self.cache[name]
        if self.model is Unit:
            return self.bare.get(bare_name(name, self.words))
        return self.model.objects.filter(name=name).first()

    def new_name(self, name: str) -> str:
        """The name a new unit is made under: as printed, or without the word naming the place when
        the directory files its units so (区低空经济发展中心 beside 城管局 → 低空经济发展中心)."""
        return bare_name(name, self.words) if self.strip else name

    def __call__(self, name: str) -> Any:
        if name not in self.cache:
            found = self.find(name)
            if found is None:
                found, _ = self.model.objects.get_or_create(name=self.new_name(name), **self.scope)
                if isinstance(found, Unit) and found.name != name and name not in found.aliases:
                    found.aliases = [*found.aliases, name]  # the printed name still finds it
                    found.save(update_fields=["aliases"])
                self.bare.setdefault(bare_name(name, self.words), found)
            self.cache[name] = found
        return self.cache[name]
