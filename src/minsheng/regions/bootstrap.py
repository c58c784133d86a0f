"""The first office administrator of a jurisdiction, made from the command line
(`minsheng create-office-admin`): the one account nobody in the browser can make, since
making accounts there takes an administrator already. Everything after it is done on
/office/accounts/."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from ..accounts.models import AuditEntry, audit
from ..plans.models import Jurisdiction
from .models import OfficeSeat
from .staff import StaffError
from .staff_create import LEVEL_ORDER

if TYPE_CHECKING:
    from django.contrib.auth.models import User


def parse_path(path: str) -> list[str]:
    """江苏省/常州市/武进区 → its names, top first; an empty step is refused."""
    names = [name.strip() for name in path.replace("／", "/").split("/")]
    if not path.strip() or any(not name for name in names):
        raise StaffError(f"区划路径应写作“江苏省/常州市/武进区”：{path}")
    return names


def path_levels(names: list[str], last: str | None = None) -> list[str]:
    """Each step's level: the top's by its name (省, 市, else 区县), then one level down a step;
    `last` overrides the bottom's (a county-level 市 such as 溧阳市 reads as a city)."""
    top = LEVEL_ORDER.index(Jurisdiction.level_for(names[0]))
    if top + len(names) > len(LEVEL_ORDER):
        raise StaffError(f"区划路径“{'/'.join(names)}”超过了 省/市/区县/镇街 四级")
    levels = LEVEL_ORDER[top : top + len(names)]
    if last is not None:
        if len(levels) > 1 and LEVEL_ORDER.index(last) <= LEVEL_ORDER.index(levels[-2]):
            raise StaffError(f"层级 {last} 须低于上一级“{names[-2]}”")
        levels[-1] = last
    return levels


def ensure_path(names: list[str], levels: list[str]) -> tuple[Jurisdiction, list[Jurisdiction]]:
    """The jurisdiction at the path's end, and those made on the way (existing ones are kept
    as they are; a level given for one that exists with another is refused)."""
    parent: Jurisdiction | None = None
    made: list[Jurisdiction] = []
    for name, level in zip(names, levels, strict=True):
        found = Jurisdiction.objects.filter(name=name, parent=parent).first() or _adopted(name, level, parent)
        if found is None:
            found = Jurisdiction.objects.create(name=name, level=level, parent=parent)
            made.append(found)
        elif found.level != level:
            raise StaffError(f"“{name}”已存在，层级为{found.get_level_display()}，与指定的不同")
        parent = found
    assert parent is not None  # parse_path never returns an empty path
    return parent, made


def _adopted(name: str, level: str, parent: Jurisdiction | None) -> Jurisdiction | None:
    """A place of this name that a command-line import left at the top of the tree, with no
    office and nothing below it, is this step: it moves under `parent` with its plans and units,
    rather than a second 溧阳市 beside it that no plan belongs to."""
    if parent is None:
        return None
    orphan = Jurisdiction.objects.filter(
        name=name, parent=None, children__isnull=True, office_seats__isnull=True
    ).first()
    if orphan is not None:
        orphan.parent, orphan.level = parent, level
        orphan.save(update_fields=["parent", "level"])
    return orphan


def create_office_admin(
    *, path: str, username: str, password: str, level: str | None = None
) -> tuple[User, list[Jurisdiction]]:
    """A staff user seated at the path's jurisdiction as its account administrator; the path is
    made where missing. One transaction: a refusal leaves no jurisdiction and no user."""
    names = parse_path(path)
    levels = path_levels(names, level)
    username = username.strip()
    if not username:
        raise StaffError("用户名：请填写")
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise StaffError(f"用户名“{username}”已被使用（已有账号请在网页上由管理员设置，或换一个用户名）")
    try:
        validate_password(password)
    except ValidationError as exc:
        raise StaffError("密码：" + "；".join(exc.messages)) from None
    with transaction.atomic():
        jurisdiction, made = ensure_path(names, levels)
        account = get_user_model().objects.create_user(username, password=password, is_staff=True)
        OfficeSeat.objects.create(user=account, jurisdiction=jurisdiction, is_admin=True)
        for new in made:
            audit(user=None, action=AuditEntry.Action.CREATE, obj=new, summary=f"命令行新建区划 {new.name}")
        summary = f"命令行新建本级账号管理员 {username}（{'/'.join(names)}）"
        audit(user=None, action=AuditEntry.Action.CREATE, obj=account, summary=summary)
    return account, made
