from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import forms

from .models import Indicator


class TrimmedNumberInput(forms.NumberInput):
    """A stored Decimal as people write it: 1340, not 1340.000000 (six decimal places in the
    database are for exact sums, not for the form)."""

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal):
            return f"{value.normalize():f}"
        if isinstance(value, str) and re.fullmatch(r"-?\d+\.\d+", value):
            return f"{Decimal(value).normalize():f}"
        return super().format_value(value)


class IndicatorForm(forms.ModelForm):
    effective_from = forms.DateField(
        label="新目标值自何日起生效",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="已有报送时，留空为今天；此前各期的完成率仍按原目标值计算",
    )

    class Meta:
        model = Indicator
        fields = ["text", "name", "value", "high", "unit", "op"]
        labels = {
            "text": "原文",
            "name": "指标名称",
            "value": "目标值",
            "high": "上限（区间时填）",
            "unit": "计量单位",
            "op": "关系",
        }
        widgets = {"value": TrimmedNumberInput(), "high": TrimmedNumberInput()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:  # a new target has no history to keep
            del self.fields["effective_from"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        value, high, op = data.get("value"), data.get("high"), data.get("op")
        if op == Indicator.Op.RANGE and high is None:
            self.add_error("high", "区间指标需要填写上限")
        if high is not None and value is not None and high < value:
            self.add_error("high", "上限不能小于目标值")
        if op != Indicator.Op.RANGE and high is not None:
            self.add_error("high", "只有区间指标才填上限")
        return data


class TargetFilterForm(forms.Form):
    category = forms.IntegerField(required=False)
    unit = forms.IntegerField(required=False)
    op = forms.ChoiceField(required=False, choices=[("", "全部")] + list(Indicator.Op.choices))
    origin = forms.ChoiceField(required=False, choices=[("", "全部")] + list(Indicator.Origin.choices))
    q = forms.CharField(required=False, max_length=50)
