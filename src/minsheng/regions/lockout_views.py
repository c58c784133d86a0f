"""The office's page of accounts locked after repeated failed logins, with an unlock button.
It only parses, authorizes, calls accounts.lockout and renders."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..plans import access
from .lockout import UnlockError, locked_accounts, unlock_account


@access.office_required
def locked_list(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        username = request.POST.get("username", "").strip()
        try:
            unlock_account(office=request.user, username=username)
        except UnlockError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"已解除账号“{username}”的锁定，可以立即重新登录")
        return redirect("accounts:locked")
    context = {"accounts": locked_accounts(office=request.user), "limit": settings.AXES_FAILURE_LIMIT}
    return render(request, "accounts/locked.html", context)
