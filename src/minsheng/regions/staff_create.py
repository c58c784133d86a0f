"""What an office administrator creates: accounts of its jurisdiction (office staff, tellers,
unit reporters, leaders, deputies) and the jurisdictions directly below its own. Each is one
transaction with its audit entry; a refusal (StaffError) leaves the database as it was."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.db import models, transaction

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, Membership, Profile, audit
from ..plans.directory import is_collective
from ..plans.models import Jurisdiction, Leader, Unit
from ..voting.models import Deputy
from .models import HomeJurisdiction, OfficeSeat
from .staff import StaffError, admin_seat, check_jurisdiction, one_time_password

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class Kind(models.TextChoices):
    OFFICE = "office", "督查室工作人员"
    TELLER = "teller", "计票人（纸质选票录入）"
    REPORTER = "reporter", "单位填报人"
    LEADER = "leader", "分管领导"
    DEPUTY = "deputy", "人大代表"


@dataclass(frozen=True)
class NewAccount:
    """What the form asks; which fields count depends on the kind."""

    kind: str
    username: str
    name: str
    jurisdiction_id: int | None
    email: str = ""
    unit: str = ""  # 单位填报人: the unit's name in that jurisdiction (made if new)
    is_admin: bool = False  # 督查室工作人员: may manage accounts too
    deputy_number: str = ""  # 人大代表: 代表证号
    delegation: str = ""  # 人大代表: 代表团


LEVEL_ORDER = list(Jurisdiction.Level.values)  # 省, 市, 区县, 镇街: from the top down


def _check_username(username: str) -> str:
    username = username.strip()
    if not username:
        raise StaffError("用户名：请填写")
    try:
        UnicodeUsernameValidator()(username)
    except ValidationError:
        raise StaffError("用户名：只能包含字母、数字、汉字和 @ . + - _") from None
    if len(username) > 150:
        raise StaffError("用户名：不能超过150个字符")
    if get_user_model().objects.filter(username__iexact=username).exists():
        raise StaffError(f"用户名：“{username}”已被使用，请换一个")
    return username


def _check_new(user: Actor, new: NewAccount) -> tuple[Jurisdiction, str]:
    if new.kind not in Kind.values:
        raise StaffError("账号类型：请选择")
    username = _check_username(new.username)
    if not new.name.strip():
        raise StaffError("姓名：请填写")
    return check_jurisdiction(user, new.jurisdiction_id), username


def create_account(*, user: Actor, new: NewAccount) -> tuple[User, str]:
    """The new account and its one-time password (shown once, never stored in clear)."""
    admin_seat(user)
    jurisdiction, username = _check_new(user, new)
    password = one_time_password()
    with transaction.atomic():
        account = get_user_model().objects.create_user(
            username, password=password, email=new.email.strip(), first_name=new.name.strip()[:150]
        )
        what = _PLACE[Kind(new.kind)](account, jurisdiction, new)
        audit(
            user=user,
            action=AuditEntry.Action.CREATE,
            obj=account,
            summary=f"新建账号 {username}（{Kind(new.kind).label}，{jurisdiction.name}{what}）",
            after={"kind": new.kind, "jurisdiction": jurisdiction.pk, "is_admin": new.is_admin},
        )
    return account, password


def _seat(account: User, jurisdiction: Jurisdiction, new: NewAccount) -> str:
    account.is_staff = True
    account.save(update_fields=["is_staff"])
    duty = OfficeSeat.Duty.TELLER if new.kind == Kind.TELLER else OfficeSeat.Duty.STAFF
    admin = new.is_admin and new.kind == Kind.OFFICE
    OfficeSeat.objects.create(user=account, jurisdiction=jurisdiction, duty=duty, is_admin=admin)
    return "，本级账号管理员" if admin else ""


def _reporter(account: User, jurisdiction: Jurisdiction, new: NewAccount) -> str:
    name = new.unit.strip()
    if not name:
        raise StaffError("单位：单位填报人须填写单位名称")
    if is_collective(name):
        raise StaffError(f"单位：“{name}”是集体名称，不是一个单位，请填写其中的具体单位")
    # Looked up by name *and* jurisdiction: the same name in two districts is two units.
    unit, _ = Unit.objects.get_or_create(name=name, jurisdiction=jurisdiction)
    Membership.objects.create(user=account, unit=unit)
    return f"，{unit.name}"


def _leader(account: User, jurisdiction: Jurisdiction, new: NewAccount) -> str:
    leader, _ = Leader.objects.get_or_create(name=new.name.strip())
    if Profile.objects.filter(leader=leader).exists():
        raise StaffError(f"姓名：分管领导“{leader.name}”已有账号")
    Profile.objects.create(user=account, leader=leader)
    HomeJurisdiction.objects.create(user=account, jurisdiction=jurisdiction)
    return ""


def _deputy(account: User, jurisdiction: Jurisdiction, new: NewAccount) -> str:
    number = new.deputy_number.strip()
    if not number:
        raise StaffError("代表证号：人大代表须填写代表证号")
    if Deputy.objects.filter(number=number).exists():
        raise StaffError(f"代表证号：“{number}”已有账号")
    Deputy.objects.create(
        name=new.name.strip(), number=number, delegation=new.delegation.strip(), user=account, jurisdiction=jurisdiction
    )
    Profile.objects.create(user=account, is_deputy=True)
    HomeJurisdiction.objects.create(user=account, jurisdiction=jurisdiction)
    return f"，代表证号 {number}"


_PLACE = {
    Kind.OFFICE: _seat,
    Kind.TELLER: _seat,
    Kind.REPORTER: _reporter,
    Kind.LEADER: _leader,
    Kind.DEPUTY: _deputy,
}


def create_jurisdiction(*, user: Actor, name: str, level: str) -> Jurisdiction:
    """A jurisdiction directly below the administrator's own, at a lower level."""
    parent = admin_seat(user).jurisdiction
    name = name.strip()
    if not name:
        raise StaffError("名称：请填写")
    if level not in LEVEL_ORDER:
        raise StaffError("层级：请选择")
    if LEVEL_ORDER.index(level) <= LEVEL_ORDER.index(parent.level):
        raise StaffError(f"层级：{parent.name}是{parent.get_level_display()}，下级区划的层级须低于它")
    if Jurisdiction.objects.filter(parent=parent, name=name).exists():
        raise StaffError(f"名称：{parent.name}下已有“{name}”")
    with transaction.atomic():
        made = Jurisdiction.objects.create(name=name, level=level, parent=parent)
        audit(
            user=user,
            action=AuditEntry.Action.CREATE,
            obj=made,
            summary=f"新建区划 {parent.name}/{name}（{made.get_level_display()}）",
        )
    return made
