"""Forms of 征集, 票决 and 测评. Spam checks of the public form: a honeypot field, a
signed start time (a form sent within seconds is a robot; an old one has expired),
and a limit on links; the rate limit is on the view."""

from __future__ import annotations

import time
from typing import Any, TypeVar

from django import forms
from django.core import signing
from django.db.models import Q

from ..accounts.kinds import Actor
from ..plans import access
from ..plans.models import Jurisdiction, Plan, Unit
from .models import RatingSession, VotingSession

MIN_SECONDS, MAX_SECONDS = 3, 2 * 3600
FormT = TypeVar("FormT", bound=forms.BaseForm)
SALT = "minsheng.proposal"


class ProposalForm(forms.Form):
    jurisdiction = forms.ModelChoiceField(label="所在区划（建议提给哪一级政府）", queryset=Jurisdiction.objects.none())
    title = forms.CharField(label="项目名称", max_length=100)
    content = forms.CharField(label="内容和地点", max_length=2000, widget=forms.Textarea(attrs={"rows": 5}))
    proposer = forms.CharField(label="建议人", max_length=50)
    contact = forms.CharField(label="联系方式（电话或邮箱，不公开）", max_length=50)
    # Hidden from people by CSS; robots fill every field.
    website = forms.CharField(label="网址（请留空）", required=False)
    started = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial["started"] = signing.dumps(time.time(), salt=SALT)
        # the places whose offices screen proposals: those with a seated office or a plan
        places = Jurisdiction.objects.filter(Q(office_seats__isnull=False) | Q(plans__isnull=False)).distinct()
        field = self.fields["jurisdiction"]
        field.queryset = places.order_by("level", "name")  # type: ignore[attr-defined]
        self.only_place = places.first() if places.count() == 1 else None
        # one place (or none) asks nothing: the proposal goes to it; several, and one is chosen
        field.required = places.exists() and self.only_place is None
        if self.only_place is not None:
            self.initial.setdefault("jurisdiction", self.only_place)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["jurisdiction"] = data.get("jurisdiction") or self.only_place
        if data.get("website"):
            raise forms.ValidationError("提交未成功：请勿填写“网址”一栏")
        try:
            started = float(signing.loads(data.get("started", ""), salt=SALT))
        except (signing.BadSignature, TypeError, ValueError):
            raise forms.ValidationError("表单已失效，请刷新页面后重新填写") from None
        elapsed = time.time() - started
        if elapsed < MIN_SECONDS:
            raise forms.ValidationError("提交过快，请确认内容后再提交")
        if elapsed > MAX_SECONDS:
            raise forms.ValidationError("表单已过期（超过2小时），请刷新页面后重新填写")
        if sum(str(data.get(f, "")).count("http") for f in ("title", "content")) > 2:
            raise forms.ValidationError("内容中的链接过多，请用文字说明")
        return data


class ScreeningForm(forms.Form):
    plan = forms.ModelChoiceField(label="列入计划", queryset=Plan.objects.all())
    name = forms.CharField(label="候选项目名称", max_length=200)
    content = forms.CharField(label="主要内容和目标", widget=forms.Textarea(attrs={"rows": 4}))
    lead_unit = forms.ModelChoiceField(label="建议牵头单位", queryset=Unit.objects.all(), required=False)
    feasibility = forms.CharField(label="可行性意见", widget=forms.Textarea(attrs={"rows": 3}), required=False)
    cost = forms.DecimalField(label="估算投资（万元）", required=False, max_digits=14, decimal_places=2, min_value=0)


def scoped(form: FormT, user: Actor) -> FormT:
    """The form's pickers keep to the office's own level: its plans and its units, never a
    sibling district's (the services refuse those too)."""
    if "plan" in form.fields:
        form.fields["plan"].queryset = Plan.objects.filter(access.supervised_filter(user))  # type: ignore[attr-defined]
    if "lead_unit" in form.fields:
        units = Unit.objects.filter(access.units_filter(user, supervise=True))
        form.fields["lead_unit"].queryset = units  # type: ignore[attr-defined]
    return form


class SessionForm(forms.ModelForm):
    class Meta:
        model = VotingSession
        fields = ["plan", "congress", "name", "date", "seats"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}

    # Parses only: setup.session_create checks the candidates against the seats.


class RatingSessionForm(forms.ModelForm):
    class Meta:
        model = RatingSession
        fields = ["plan", "title", "date", "satisfied_share", "basic_share"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}


class RosterForm(forms.Form):
    file = forms.FileField(label="代表名单（.xlsx：姓名、代表证号、代表团）")
