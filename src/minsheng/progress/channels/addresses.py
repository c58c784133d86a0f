"""The office keeps each unit's addresses for notices: the form and the service that saves them
(atomic, audited without the secret)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.validators import validate_email
from django.db import transaction

from ...accounts.kinds import Actor
from ...accounts.models import AuditEntry, audit
from ...plans.access import units_filter
from ...plans.models import Unit
from ..models import UnitAddress

_SEPARATORS = re.compile(r"[\s,，;；、]+")


class AddressForm(forms.Form):
    emails = forms.CharField(
        label="电子邮箱",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="每行一个；单位填报人账号中的邮箱也会收到，无需重复填写。",
    )
    wecom_webhook = forms.URLField(
        label="企业微信群机器人 Webhook 地址",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="群设置 → 群机器人 → 机器人详情中的地址，形如 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…",
    )
    dingtalk_webhook = forms.URLField(
        label="钉钉群机器人 Webhook 地址",
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text="形如 https://oapi.dingtalk.com/robot/send?access_token=…",
    )
    dingtalk_secret = forms.CharField(
        label="钉钉加签密钥",
        required=False,
        max_length=200,
        widget=forms.PasswordInput(render_value=False),
        help_text="机器人安全设置选“加签”时显示的 SEC 开头的字符串；留空则保留已保存的密钥。",
    )
    clear_secret = forms.BooleanField(label="清除已保存的加签密钥", required=False)

    def clean_emails(self) -> list[str]:
        emails = [e for e in _SEPARATORS.split(self.cleaned_data["emails"]) if e]
        for email in emails:
            try:
                validate_email(email)
            except forms.ValidationError as exc:
                raise forms.ValidationError(f"“{email}”不是有效的邮箱地址") from exc
        return sorted(set(emails))


def initial(address: UnitAddress) -> dict[str, Any]:
    """What the form shows: everything but the secret, which is never sent back to a browser."""
    return {
        "emails": "\n".join(address.emails),
        "wecom_webhook": address.wecom_webhook,
        "dingtalk_webhook": address.dingtalk_webhook,
    }


def unit_address_save(*, user: Actor, unit: Unit, changes: dict[str, Any]) -> UnitAddress:
    """Save a unit's addresses from the form's cleaned data; an empty secret keeps the one saved."""
    if not Unit.objects.filter(units_filter(user, supervise=True), pk=unit.pk).exists():
        raise PermissionDenied("只有本级督查室可以设置该单位的通知渠道")
    with transaction.atomic():
        address, _ = UnitAddress.objects.select_for_update().get_or_create(unit=unit)
        before = address.summary()
        address.emails = changes["emails"]
        address.wecom_webhook = changes["wecom_webhook"]
        address.dingtalk_webhook = changes["dingtalk_webhook"]
        if changes["dingtalk_secret"]:
            address.dingtalk_secret = changes["dingtalk_secret"].strip()
        if changes["clear_secret"] or not address.dingtalk_webhook:
            address.dingtalk_secret = ""
        address.save()
        audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=unit,
            summary=f"通知渠道：{unit.name}",
            before=before,
            after=address.summary(),
        )
    return address
