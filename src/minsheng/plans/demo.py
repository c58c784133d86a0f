"""Demo data a new user sees at once: the seed plans, read from real documents."""

from __future__ import annotations

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model

from .models import Plan

EXAMPLES = Path(settings.BASE_DIR) / "examples"
DEMO_USER = "office"


def ensure_demo() -> list[str]:
    """Import the example plans when the database is empty; say how to log in."""
    from ..documents.services import plan_import

    lines: list[str] = []
    if not Plan.objects.exists():
        for path in sorted(EXAMPLES.glob("*.docx")):
            result = plan_import(path=path, user=None, state=Plan.State.PUBLISHED)
            lines.append(result.summary())
    password = _ensure_office_user()
    lines.append(f"督查室演示账号：用户名 {DEMO_USER}，密码 {password}（保存在 {_credentials_path()}）")
    return lines


def _credentials_path() -> Path:
    return Path(settings.DATA_DIR) / "demo-credentials.txt"


def _ensure_office_user() -> str:
    """A staff user with a random password kept in the data directory, never in the repository."""
    path = _credentials_path()
    user_model = get_user_model()
    user = user_model.objects.filter(username=DEMO_USER).first()
    if user is not None and path.exists():
        return path.read_text().strip()
    password = secrets.token_urlsafe(9)
    if user is None:
        user = user_model(username=DEMO_USER, is_staff=True)
    user.set_password(password)
    user.save()
    path.write_text(password + "\n")
    return password
