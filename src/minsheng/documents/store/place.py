"""Whose plan an import is: the uploader's seat decides, never the document's title alone.

A seated office (regions.OfficeSeat) imports its own jurisdiction's plans. A document whose
title names another place (a sibling district, the city above) is refused with a message, so a
wrong office can neither create a second 武进区 at the top of the tree nor replace another
office's draft. The command line and an unseated office (an installation of one jurisdiction)
file the plan under the place the title names: an existing jurisdiction of that name when there
is exactly one, a new top-level one when there is none.
"""

from __future__ import annotations

from ...accounts.kinds import Actor
from ...plans import access
from ...plans.models import Jurisdiction
from ...text.script import simplified
from ..errors import DocumentError, PlaceError


def place_of(named: str | None, user: Actor | None, file_name: str, create: bool = False) -> Jurisdiction | None:
    """The jurisdiction a plan whose title names `named` is stored under when `user` imports it;
    `create`: make a new top-level one when the name is unknown (else None: no plan is there yet)."""
    seat_id = access.office_jurisdiction(user)
    if seat_id is not None:
        seat = Jurisdiction.objects.get(pk=seat_id)
        if named and not same_place(named, seat.name):
            raise PlaceError(mismatch_message(named, seat.name), file_name)
        return seat
    if not named:
        return None
    return _by_name(named, file_name, create)


def same_place(named: str, seat_name: str) -> bool:
    """The title's place is the seat: the same name, or the seat's name printed after its parents
    (常州市武进区 for 武进区), in either script (a traditional copy prints 武進區)."""
    named, seat_name = simplified(named.strip()), simplified(seat_name.strip())
    return named == seat_name or named.endswith(seat_name)


def seat_of(user: Actor | None) -> Jurisdiction | None:
    """The jurisdiction a seated office imports for (its own level: the only one it supervises)."""
    seat_id = access.office_jurisdiction(user)
    return None if seat_id is None else Jurisdiction.objects.get(pk=seat_id)


def mismatch_message(named: str, seat_name: str) -> str:
    """What the clerk is told, and can do, when the document names another place than the seat."""
    return (
        f"文件写明的行政区划是“{named}”，不是本级（{seat_name}）。督查室只能导入本级的计划："
        f"如这确是本级的计划（例如文中引用了外地的文字），请在“行政区划”中选择{seat_name}后确认导入；"
        f"如不是，请不要导入，由{named}的督查室导入"
    )


def _by_name(named: str, file_name: str, create: bool) -> Jurisdiction | None:
    """The jurisdiction of that name in either script (a traditional copy prints 武進區); a new
    one is named in simplified script, so the next copy in either script finds it."""
    printed, named = named.strip(), simplified(named.strip())
    found = list(Jurisdiction.objects.filter(name__in={printed, named})[:2])
    if len(found) > 1:
        raise DocumentError(
            f"系统中有多个名为“{named}”的行政区划，无法判断计划属于哪一个；请由该区划的督查室在网页上导入",
            file_name,
        )
    if found or not create:
        return found[0] if found else None
    return Jurisdiction.objects.create(name=named, parent=None, level=Jurisdiction.level_for(named))


def map_owner(user: Actor | None) -> str | None:
    """Whose remembered column maps a reading uses and a clerk's map is saved under: a seated
    office's own (its place in the tree, 江苏省/常州市/武进区, so a namesake district elsewhere or a
    sibling's document title never reaches them); None: the document's place, as the command
    line and a one-jurisdiction installation always did."""
    seat_id = access.office_jurisdiction(user)
    if seat_id is None:
        return None
    path: list[str] = []
    place = Jurisdiction.objects.filter(pk=seat_id).select_related("parent__parent__parent").first()
    while place is not None and len(path) < 4:
        path.insert(0, place.name)
        place = place.parent
    return "/".join(path)[-64:]
