"""Demo data a new user sees at once: the seed plans, read from real documents,
an office login and a unit login (城管局) with one report filed."""

from __future__ import annotations

import secrets
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from .models import Plan, Task, Unit

EXAMPLES = Path(settings.BASE_DIR) / "examples"
DEMO_USER = "office"
DEMO_UNIT_USER, DEMO_UNIT = "chengguan", "城管局"


def ensure_demo() -> list[str]:
    """Import the example plans when the database is empty; say how to log in."""
    from ..documents.services import plan_import

    lines: list[str] = []
    if not Plan.objects.exists():
        for path in sorted(EXAMPLES.glob("*.docx")):
            result = plan_import(path=path, user=None, state=Plan.State.PUBLISHED)
            lines.append(result.summary())
    password = _ensure_user(DEMO_USER, _credentials_path(), is_staff=True)
    lines.append(f"督查室演示账号：用户名 {DEMO_USER}，密码 {password}（保存在 {_credentials_path()}）")
    unit_path = _credentials_path("-unit")
    unit_password = _ensure_user(DEMO_UNIT_USER, unit_path, is_staff=False)
    _ensure_unit_demo()
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
    """The demo unit user reports for 城管局; its parking task gets one report, marked as demo data."""
    from ..accounts.models import Membership
    from ..progress import services
    from ..progress.models import Report

    unit = Unit.objects.filter(name=DEMO_UNIT).first()
    user = get_user_model().objects.get(username=DEMO_UNIT_USER)
    if unit is None:
        return
    Membership.objects.get_or_create(user=user, unit=unit)
    task = Task.objects.filter(project__name="推进停车便利化", units=unit, project__plan__year=2026).first()
    if task is None or Report.objects.filter(task=task).exists():
        return
    periods = services.allowed_periods(task.project.plan, timezone.localdate())
    target = task.indicators.first()
    if not periods or target is None:
        return
    filing = services.Filing(
        period_end=periods[-1],
        status="in_progress",
        narrative="（演示数据）累计新增公共停车泊位1100个，分布于湖塘、牛塘等地。",
        figures={target.pk: Decimal(1100)},
    )
    services.file_report(user=user, task=task, filing=filing)
