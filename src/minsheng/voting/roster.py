"""The roster of deputies (代表名单) from the office's .xlsx: 姓名, 代表证号, 代表团.

Every row is checked before anything is written; a problem is named by row and cell
and nothing changes. Deputies new to Minsheng get a user (login: the 代表证号) and a
random initial password, returned once as a sheet for the office to hand out.
"""

from __future__ import annotations

import io
import secrets
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, Profile, audit
from ..gongwen.sheets import xlsx_bytes
from .models import Attendance, Deputy, VotingSession

COLUMNS = {"姓名": "name", "代表证号": "number", "代表团": "delegation"}
REQUIRED = ("name", "number")

# Read aloud or copied from paper: no I/l/1, O/0, nor punctuation that breaks a line.
READABLE = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"


def readable_password(length: int = 12) -> str:
    return "".join(secrets.choice(READABLE) for _ in range(length))


class RosterError(Exception):
    """The roster cannot be read; the message names the row and cell."""


@dataclass
class RosterRow:
    line: int
    name: str
    number: str
    delegation: str = ""


@dataclass
class RosterResult:
    deputies: int = 0
    created: list[tuple[str, str, str]] = field(default_factory=list)  # name, login, password

    def credentials_xlsx(self) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.title = "初始密码"
        sheet.append(["姓名", "登录名", "初始密码"])
        for row in self.created:
            sheet.append(list(row))
        return xlsx_bytes(book)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def read_roster(data: bytes, filename: str = "名单.xlsx") -> list[RosterRow]:
    try:
        sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise RosterError(f"{filename} 不是可读取的 .xlsx 文件") from exc
    rows = list(sheet.iter_rows(values_only=True)) if sheet is not None else []
    header_at, columns = None, {}
    for index, row in enumerate(rows[:10]):
        found = {COLUMNS[_cell(v)]: i for i, v in enumerate(row) if _cell(v) in COLUMNS}
        if all(key in found for key in REQUIRED):
            header_at, columns = index, found
            break
    if header_at is None:
        raise RosterError(f"{filename}：前10行中没有找到“姓名”和“代表证号”两列")
    result, errors = _rows(rows[header_at + 1 :], header_at + 2, columns)
    if errors:  # every bad row at once, each with its file, row and cell: fixed in one pass
        raise RosterError(f"{filename} 有 {len(errors)} 处错误：" + "；".join(errors))
    if not result:
        raise RosterError(f"{filename}：名单是空的")
    return result


def _rows(rows: list[Any], first: int, columns: dict[str, int]) -> tuple[list[RosterRow], list[str]]:
    """The roster rows and the errors of every bad row (第5行 B5（代表证号）为空)."""
    result: list[RosterRow] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for index, row in enumerate(rows, start=first):
        values = {key: _cell(row[i]) if i < len(row) else "" for key, i in columns.items()}
        if not any(values.values()):
            continue
        empty = [key for key in REQUIRED if not values[key]]
        for key in empty:
            label = next(k for k, v in COLUMNS.items() if v == key)
            errors.append(f"第{index}行 {get_column_letter(columns[key] + 1)}{index}（{label}）为空")
        if empty:
            continue
        number = values["number"]
        if number in seen:
            cell = f"{get_column_letter(columns['number'] + 1)}{index}"
            errors.append(f"第{index}行 {cell}：代表证号 {number} 与第{seen[number]}行重复")
            continue
        seen[number] = index
        result.append(RosterRow(index, values["name"], number, values.get("delegation", "")))
    return result, errors


def import_roster(*, user: Actor | None, session: VotingSession, rows: list[RosterRow]) -> RosterResult:
    """Deputies of the rows on the session's roster (replacing a roster not yet used)."""
    result = RosterResult(deputies=len(rows))
    users = get_user_model().objects
    with transaction.atomic():
        if VotingSession.objects.select_for_update().get(pk=session.pk).state != VotingSession.State.DRAFT:
            raise RosterError("票决已开始，不能再更换代表名单")
        session.attendance.all().delete()
        place = session.plan.jurisdiction  # a roster is of the congress of the plan's place
        for row in rows:
            deputy = Deputy.objects.filter(number=row.number).first()
            if deputy is None:
                password = readable_password()
                if users.filter(username=row.number).exists():
                    raise RosterError(f"第{row.line}行：登录名 {row.number} 已被其他用户使用")
                account = users.create_user(row.number, password=password, first_name=row.name)
                deputy = Deputy.objects.create(
                    name=row.name, number=row.number, delegation=row.delegation, user=account, jurisdiction=place
                )
                result.created.append((row.name, row.number, password))
            else:
                deputy.name, deputy.delegation = row.name, row.delegation
                deputy.jurisdiction = deputy.jurisdiction or place  # placed by the first roster that names it
                deputy.save(update_fields=["name", "delegation", "jurisdiction"])
            Profile.objects.update_or_create(user_id=deputy.user_id, defaults={"is_deputy": True})
            Attendance.objects.create(session=session, deputy=deputy)
        audit(
            user=user,
            action=AuditEntry.Action.IMPORT,
            obj=session,
            summary=f"导入代表名单 {len(rows)} 人（新建账号 {len(result.created)} 个）",
        )
    return result


def reissue_passwords(*, user: Actor | None, session: VotingSession) -> RosterResult:
    """New initial passwords for the session's deputies who have never logged in, as a sheet
    to print: a lost sheet is simply issued again; a deputy who has logged in keeps theirs."""
    on_roster = session.attendance.values("deputy_id")
    deputies = Deputy.objects.filter(pk__in=on_roster, user__last_login__isnull=True).select_related("user")
    result = RosterResult(deputies=session.attendance.count())
    with transaction.atomic():
        for deputy in deputies.order_by("number"):
            password = readable_password()
            deputy.user.set_password(password)
            deputy.user.save(update_fields=["password"])
            result.created.append((deputy.name, deputy.number, password))
        audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=session,
            summary=f"生成代表初始密码表：{len(result.created)} 人（{session}）",
        )
    return result
