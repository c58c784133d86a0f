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
        for path in sorted(EXAMPLES.glob("*.docx")):
            result = plan_import(path=path, user=None, state=Plan.State.PUBLISHED)
            lines.append(result.summary())
    password = _ensure_user(DEMO_USER, _credentials_path(), is_staff=True)
    lines.append(f"督查室演示账号：用户名 {DEMO_USER}，密码 {password}（保存在 {_credentials_path()}）")
    unit_path = _credentials_path("-unit")
    unit_password = _ensure_user(DEMO_UNIT_USER, unit_path, is_staff=False)
    _ensure_unit_demo()
    if fresh:
        lines.insert(-1, _live_year())
    lines.append(f"单位演示账号（{DEMO_UNIT}）：用户名 {DEMO_UNIT_USER}，密码 {unit_password}（保存在 {unit_path}）")
    return lines


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
