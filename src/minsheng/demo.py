"""Demo data a new user sees at once: the seed plans, read from real documents,
an office login, a unit login (城管局), and a simulated year of reports (demo_year.py)."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from .plans.models import Plan, Unit

EXAMPLES = Path(settings.BASE_DIR) / "examples"
DEMO_USER = "office"
DEMO_UNIT_USER, DEMO_UNIT = "chengguan", "城管局"


def ensure_demo() -> list[str]:
    """Import the example plans when the database is empty; say how to log in."""
    from .documents.store.services import plan_import

    lines: list[str] = []
    fresh = not Plan.objects.exists()
    if fresh:
        _ensure_tree()  # the example plans are 常州's: the city and two districts under it
        for path in sorted(EXAMPLES.glob("*.docx")):
            result = plan_import(path=path, user=None, state=Plan.State.PUBLISHED)
            lines.append(result.summary())
    lines.append(_ensure_offices())
    password = _ensure_user(DEMO_USER, _credentials_path(), is_staff=True)
    lines.append(f"督查室演示账号：用户名 {DEMO_USER}，密码 {password}（保存在 {_credentials_path()}）")
    unit_path = _credentials_path("-unit")
    unit_password = _ensure_user(DEMO_UNIT_USER, unit_path, is_staff=False)
    _ensure_unit_demo()
    if fresh:
        lines.insert(-1, _live_year())
    lines.insert(-1, _ensure_voting())  # after the live year: its 票决 and 测评 are of the plan it fills
    lines.append(f"单位演示账号（{DEMO_UNIT}）：用户名 {DEMO_UNIT_USER}，密码 {unit_password}（保存在 {unit_path}）")
    return lines


# The seated offices of the demo: each reads its own plans (and the city its districts'), never a
# neighbour's. The unseated `office` above is the installation's operator and reads every plan.
DEMO_TREE = [("江苏省/常州市/武进区", "wujin"), ("江苏省/常州市/金坛区", "jintan"), ("江苏省/常州市", "changzhou")]


def _ensure_tree() -> None:
    from .regions.bootstrap import ensure_path, parse_path, path_levels

    for path, _ in DEMO_TREE:
        names = parse_path(path)
        ensure_path(names, path_levels(names))


def _ensure_offices() -> str:
    """One office administrator seated at each demo jurisdiction, passwords in the data directory."""
    from .regions.bootstrap import create_office_admin

    path = _credentials_path("-offices")
    if not path.exists():
        rows = []
        for place, username in DEMO_TREE:
            if not get_user_model().objects.filter(username=username).exists():
                password = secrets.token_urlsafe(9)
                create_office_admin(path=place, username=username, password=password)
                rows.append(f"{username}\t{password}\t{place}")
        path.write_text("\n".join(rows) + "\n")
    return f"各区划督查室演示账号（武进区 wujin、金坛区 jintan、常州市 changzhou）：密码保存在 {path}"


def _ensure_voting() -> str:
    from .demo_voting import ensure_voting_demo

    return ensure_voting_demo()


def _credentials_path(suffix: str = "") -> Path:
    return Path(settings.DATA_DIR) / f"demo-credentials{suffix}.txt"


def _ensure_user(username: str, path: Path, *, is_staff: bool) -> str:
    """A user with a random password kept in the data directory, never in the repository."""
    user_model = get_user_model()
    user = user_model.objects.filter(username=username).first()
    if user is not None and path.exists():
        return path.read_text().strip()
    password = secrets.token_urlsafe(9)
    if user is None:
        user = user_model(username=username, is_staff=is_staff)
    user.set_password(password)
    user.save()
    path.write_text(password + "\n")
    return password


def _ensure_unit_demo() -> None:
    """The demo unit user reports for 城管局."""
    from .accounts.models import Membership

    newest = Plan.objects.order_by("-year", "pk").first()  # the unit of that name in the live plan's place
    unit = Unit.objects.filter(name=DEMO_UNIT, jurisdiction=newest.jurisdiction if newest else None).first()
    user = get_user_model().objects.get(username=DEMO_UNIT_USER)
    if unit is not None:
        Membership.objects.get_or_create(user=user, unit=unit)


def _live_year() -> str:
    """Earlier years' plans are closed; the newest plan gets a simulated year of reports up to today."""
    from .demo_year import simulate_year
    from .plans.services import plan_close

    office = get_user_model().objects.get(username=DEMO_USER)
    newest = Plan.objects.order_by("-year", "pk").first()
    if newest is None:
        return "没有演示计划"
    for plan in Plan.objects.filter(state=Plan.State.PUBLISHED, year__lt=newest.year):
        plan_close(user=office, plan=plan)
    with transaction.atomic():  # one commit: the year is simulated in a couple of seconds
        filed = simulate_year(newest, office, timezone.localdate())
    return f"演示数据：{newest.title} 模拟报送 {filed} 份进度（截至 {timezone.localdate():%Y-%m-%d}），往年计划已结束"
