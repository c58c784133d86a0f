"""The office administrator's pages (账号管理, /office/accounts/): list, create, deactivate,
reset a password, and add a jurisdiction below. They parse, ask regions/staff*.py, render.
A non-administrator gets 403; another office's account or jurisdiction 404."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from ..plans.models import Jurisdiction, Unit
from .staff import (
    NotAdmin,
    OutOfReach,
    StaffError,
    accounts_within,
    admin_seat,
    deactivate_account,
    placeable,
    reset_password,
)
from .staff_create import LEVEL_ORDER, Kind, NewAccount, create_account, create_jurisdiction

View = Callable[..., HttpResponse]
T = TypeVar("T")


def admin_page(view: View) -> View:
    """Log in first; then NotAdmin is 403 and OutOfReach 404, whichever step refuses."""

    @login_required
    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            admin_seat(request.user)
            return view(request, *args, **kwargs)
        except NotAdmin as exc:
            raise PermissionDenied(str(exc)) from None
        except OutOfReach as exc:
            raise Http404(str(exc)) from None

    return wrapped


@admin_page
def account_list(request: HttpRequest) -> HttpResponse:
    seat = admin_seat(request.user)
    accounts = list(accounts_within(request.user)[:1000])
    context = {"seat": seat, "rows": [_row(a) for a in accounts]}
    return render(request, "regions/staff_list.html", context)


def _row(account: Any) -> dict[str, Any]:
    """What the list says of one account, from what accounts_within read with it."""
    roles, places = [], []
    seat = getattr(account, "office_seat", None)
    if seat is not None:
        roles.append(seat.get_duty_display() + ("（账号管理员）" if seat.is_admin else ""))
        places.append(seat.jurisdiction.name)
    for membership in account.memberships.all():
        roles.append("单位填报人")
        places.append(f"{membership.unit.name}")
    profile = getattr(account, "profile", None)
    if profile is not None and profile.leader is not None:
        roles.append(f"分管领导（{profile.leader.name}）")
    if profile is not None and profile.is_deputy:
        roles.append("人大代表")
    home = getattr(account, "home_jurisdiction", None)
    if home is not None:
        places.append(home.jurisdiction.name)
    return {"account": account, "roles": "、".join(dict.fromkeys(roles)), "places": "、".join(dict.fromkeys(places))}


def _new_account(post: Any) -> NewAccount:
    raw = post.get("jurisdiction", "")
    return NewAccount(
        kind=post.get("kind", ""),
        username=post.get("username", ""),
        name=post.get("name", ""),
        jurisdiction_id=int(raw) if raw.isdigit() else None,
        email=post.get("email", ""),
        unit=post.get("unit", ""),
        is_admin=post.get("is_admin") == "1",
        deputy_number=post.get("deputy_number", ""),
        delegation=post.get("delegation", ""),
    )


def _attempt(request: HttpRequest, action: Callable[[], T]) -> T | None:
    """Run a service step; its refusal becomes the page's message (OutOfReach goes on to 404)."""
    try:
        return action()
    except OutOfReach:
        raise
    except StaffError as exc:
        messages.error(request, str(exc))
        return None


@admin_page
def account_new(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        made = _attempt(request, lambda: create_account(user=request.user, new=_new_account(request.POST)))
        if made is not None:
            return _show_password(request, *made, "已新建账号")
    places = placeable(request.user)
    units = Unit.objects.filter(jurisdiction__in=places).order_by("name").values_list("name", flat=True)[:1000]
    context = {"kinds": Kind.choices, "places": places, "units": units, "typed": request.POST}
    return render(request, "regions/staff_new.html", context)


@admin_page
@require_POST
def account_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    account = _attempt(request, lambda: deactivate_account(user=request.user, account_id=pk))
    if account is not None:
        messages.success(request, f"已停用账号“{account.username}”")
    return redirect("regions:staff_list")


@admin_page
@require_POST
def account_password(request: HttpRequest, pk: int) -> HttpResponse:
    reset = _attempt(request, lambda: reset_password(user=request.user, account_id=pk))
    if reset is not None:
        return _show_password(request, *reset, "已重置密码")
    return redirect("regions:staff_list")


def _show_password(request: HttpRequest, account: Any, password: str, done: str) -> HttpResponse:
    """The one-time password, in the answer to the POST itself: never kept in the session or a
    URL, so it is gone once this page is closed."""
    context = {"account": account, "password": password, "done": done}
    response = render(request, "regions/staff_password.html", context)
    response["Cache-Control"] = "no-store"
    return response


@admin_page
def jurisdiction_new(request: HttpRequest) -> HttpResponse:
    seat = admin_seat(request.user)
    if request.method == "POST":
        post = request.POST
        made = _attempt(
            request,
            lambda: create_jurisdiction(user=request.user, name=post.get("name", ""), level=post.get("level", "")),
        )
        if made is not None:
            messages.success(request, f"已新建区划“{seat.jurisdiction.name}/{made.name}”")
            return redirect("regions:staff_jurisdiction")
    below_level = LEVEL_ORDER.index(seat.jurisdiction.level) + 1
    levels = [c for c in Jurisdiction.Level.choices if c[0] in LEVEL_ORDER[below_level:]]
    context = {
        "seat": seat,
        "levels": levels,
        "children": Jurisdiction.objects.filter(parent=seat.jurisdiction).order_by("name"),
        "typed": request.POST,
    }
    return render(request, "regions/staff_jurisdiction.html", context)
