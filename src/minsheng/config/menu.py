"""What the menus may offer: only what the user's roles can open (nothing that answers 403)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.http import HttpRequest

from ..accounts.kinds import Actor, signed_in
from ..plans import access


class Menu:
    """Read lazily: a page whose template never asks costs no query."""

    def __init__(self, user: Actor) -> None:
        self.user = user

    @cached_property
    def my_tasks(self) -> bool:
        """我的任务: units and leaders, who have tasks of their own (a deputy's page is 代表履职)."""
        me = access.identity(self.user)
        return not me.office and bool(me.unit_ids or me.leader_id)

    @cached_property
    def deputy(self) -> bool:
        """代表履职: only a deputy on a roster (the voting pages answer 403 to anyone else)."""
        from ..voting.models import Deputy

        if getattr(self.user, "_minsheng_deputy", None) is not None:
            return True  # already read by this request's voting page
        return signed_in(self.user) and Deputy.objects.filter(user=self.user).exists()

    @cached_property
    def office_admin(self) -> bool:
        """账号管理: an office user whose seat makes it its jurisdiction's account administrator
        (regions.OfficeSeat.is_admin, read through the seat's reverse relation as access does)."""
        seat = getattr(self.user, "office_seat", None) if access.is_office(self.user) else None
        return bool(seat is not None and seat.is_admin)


def menu(request: HttpRequest) -> dict[str, Any]:
    return {"menu": Menu(request.user)}
