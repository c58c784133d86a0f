"""Who may do what: the one place the server decides access.

The office (督查室/政府办) is a staff user; everyone else reads what is published.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest


def is_office(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and getattr(user, "is_staff", False))


def require_office(request: HttpRequest) -> None:
    """403 for anyone but the office; views call it before they touch data."""
    if not is_office(request.user):
        raise PermissionDenied("只有督查室（计划管理员）可以进行此操作")
