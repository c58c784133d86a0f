"""Invitations: the office creates a one-time link; the invitee sets a user name and password."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import BaseUserCreationForm
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from ..accounts.models import Invite
from . import access
from .directory import is_collective
from .invites import accept_invite, create_invite, open_invite
from .models import Unit


class InviteForm(forms.Form):
    """The unit is typed and picked from the directory (a searchable list of names and aliases)."""

    unit = forms.CharField(
        label="单位（输入名称或别名搜索）", max_length=100, widget=forms.TextInput(attrs={"list": "unit-names"})
    )
    name = forms.CharField(label="姓名", max_length=50)
    email = forms.EmailField(label="邮箱（接收催报提醒）", required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.units = units  # the office's own units: another district's 团区委 is not in its directory

    def clean_unit(self) -> Unit:
        value = self.cleaned_data["unit"].strip()
        unit = self.units.filter(pk=int(value)).first() if value.isdigit() else None
        unit = unit or self.units.filter(name=value).first() or self._alias(value)
        if unit is None:
            raise forms.ValidationError(f"名录中没有“{value}”，请从列表中选择单位")
        if is_collective(unit.name):
            raise forms.ValidationError(f"“{unit.name}”是集体名称，不是一个单位，请邀请其中的具体单位")
        return unit

    def _alias(self, value: str) -> Unit | None:
        return next((u for u in self.units.exclude(aliases=[]) if value in u.aliases), None)


class AcceptForm(BaseUserCreationForm):
    class Meta:
        model = get_user_model()
        fields = ("username",)


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Where a login lands: units, leaders and deputies on their own tasks, the office on its 待办."""
    me = access.identity(request.user)
    if not me.office and me.deputy and not (me.unit_ids or me.leader_id):
        return redirect("voting:deputy")  # a deputy's business is votes and ratings
    if not me.office and (me.unit_ids or me.leader_id or me.deputy):
        return redirect("progress:mine")
    if me.office:
        return redirect("progress:todo")  # the office starts from what waits for it
    return redirect("plans:list")


@login_required
def invite_new(request: HttpRequest) -> HttpResponse:
    access.require_office(request)
    units = Unit.objects.filter(access.units_filter(request.user, supervise=True))
    form = InviteForm(request.POST or None, units=units)
    link = None
    if request.method == "POST" and form.is_valid():
        _, token = create_invite(user=request.user, **form.cleaned_data)
        link = request.build_absolute_uri(reverse("accounts:accept", args=[token]))
        form = InviteForm(units=units)
    own = access.units_filter(request.user, supervise=True, prefix="unit__")
    invites = Invite.objects.filter(own).select_related("unit", "used_by")[:50]
    names = [(u.name, u.aliases) for u in units.order_by("name") if not is_collective(u.name)]
    context = {"form": form, "link": link, "invites": invites, "unit_names": names}
    return render(request, "accounts/invite_new.html", context)


def invite_accept(request: HttpRequest, token: str) -> HttpResponse:
    invite = open_invite(token)
    if invite is None:
        return render(request, "accounts/invite_invalid.html", status=404)
    form = AcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accept_invite(
                token=token, username=form.cleaned_data["username"], password=form.cleaned_data["password1"]
            )
        except ValueError:
            return render(request, "accounts/invite_invalid.html", status=404)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("progress:mine")
    return render(request, "accounts/invite_accept.html", {"form": form, "invite": invite})
