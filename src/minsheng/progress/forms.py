"""Forms of the progress pages; the services re-check everything they are given."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms

from ..indicators.forms import TrimmedNumberInput
from ..plans.models import Plan
from ..plans.services import PlanSettingsError, check_settings
from . import filing_rules, schedule
from .models import Report
from .services import ProgressError, check_milestones


def display_decimal(value: Decimal | None) -> str:
    """A stored figure as people write it: 1340, 12.5 (never 1340.000000 from six decimal places)."""
    if value is None:
        return ""
    return f"{value.normalize():f}"


def _named(label: str) -> dict[str, str]:
    """Django's messages for a field, each naming it (its own say “这个字段是必填项”, naming nothing)."""
    return {
        "required": f"请填写{label}",
        "invalid": f"{label}应为数字",
        "invalid_choice": f"{label}：“%(value)s”不在可选范围内，请从列表中选择",
        "max_digits": f"{label}位数过多",
        "max_decimal_places": f"{label}最多保留6位小数",
        "max_whole_digits": f"{label}位数过多",
    }


class ReportForm(forms.Form):
    """The unit's filing. The rules of a figure and of the narrative are filing_rules' (the API and
    the workbook apply the same); each error is said beside its box and names it."""

    period_end = forms.TypedChoiceField(
        label="报送期", coerce=datetime.date.fromisoformat, error_messages=_named("报送期")
    )
    status = forms.ChoiceField(label="进展状态", choices=Report.Status.choices, error_messages=_named("进展状态"))
    # required and bounded by filing_rules.check_narrative (clean_narrative), not by Django's own words
    narrative = forms.CharField(
        label=filing_rules.NARRATIVE,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": filing_rules.NARRATIVE_MAX}),
    )
    base_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, initial=0)
    # Every offered period's newest version as the page read it ("2026-05-31:2,2026-06-30:0"): a unit
    # may pick an earlier period to correct it, and its version is then the one to check against.
    base_versions = forms.CharField(widget=forms.HiddenInput, required=False)
    confirm_lower = forms.BooleanField(
        label="确认更正累计完成数（低于上次审核通过的数，或高于之后各期已报的数）", required=False
    )
    keep_evidence_of = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, plan: Plan, periods: list[datetime.date], targets: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.targets = targets
        self.periods = periods
        self.period_figures: dict[str, dict[str, str]] = {}  # period → its newest version's figures
        self.read_versions = ""  # every offered period's newest version now (format_versions)
        self.fields["period_end"].choices = [  # type: ignore[attr-defined]
            (p.isoformat(), schedule.period_label(p, plan.cycle)) for p in reversed(periods)
        ]
        for target in targets:
            self.fields[f"fig_{target.pk}"] = forms.DecimalField(
                label=f"{target.name}（目标 {target.value.normalize():f}{target.unit}）累计完成",
                max_digits=24,
                decimal_places=6,
                required=False,
                widget=TrimmedNumberInput(attrs={"min": 0}),
                error_messages=_named(f"“{target.name}”累计完成数"),
            )

    def clean_narrative(self) -> str:
        try:
            return filing_rules.check_narrative(self.cleaned_data.get("narrative") or "")
        except filing_rules.FilingInvalid as exc:
            raise forms.ValidationError(str(exc)) from exc

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        read = parse_versions(data.get("base_versions") or "").get(data.get("period_end"))  # type: ignore[arg-type]
        if read is not None:
            data["base_version"] = read
        for target in self.targets:
            value = data.get(f"fig_{target.pk}")
            problem = "" if value is None else filing_rules.figure_problem(filing_rules.Target.of(target), value)
            if problem:
                self.add_error(f"fig_{target.pk}", problem)
        return data

    def add_service_error(self, exc: ProgressError) -> None:
        """The service's refusal beside the box it names (a figure, the narrative), else on top."""
        field = None
        if isinstance(exc, filing_rules.FilingInvalid):
            named = f"fig_{exc.indicator}" if exc.indicator is not None else exc.field
            field = named if named in self.fields and named != "confirm_lower" else None
        self.add_error(field, str(exc))

    def error_summary(self) -> list[str]:
        """Every field's error, each naming its field, for the notice above the form."""
        return [str(e) for name, errors in self.errors.items() if name != "__all__" for e in errors]

    def figures(self) -> dict[int, Decimal]:
        return {
            t.pk: self.cleaned_data[f"fig_{t.pk}"]
            for t in self.targets
            if self.cleaned_data.get(f"fig_{t.pk}") is not None
        }

    def figure_fields(self) -> list[forms.BoundField]:
        return [self[f"fig_{t.pk}"] for t in self.targets]


def format_versions(versions: dict[datetime.date, int]) -> str:
    return ",".join(f"{period.isoformat()}:{version}" for period, version in sorted(versions.items()))


def parse_versions(text: str) -> dict[datetime.date, int]:
    """format_versions read back; a part that is not a date and a count is left out (the posted
    base_version then stands, as for a client that sends only that)."""
    out = {}
    for part in text.split(","):
        period, _, version = part.partition(":")
        try:
            out[datetime.date.fromisoformat(period)] = int(version)
        except ValueError:
            continue
    return out


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=[("approve", "通过"), ("return", "退回修改")])
    comment = forms.CharField(label="审核意见", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class NoteForm(forms.Form):
    text = forms.CharField(label="备注 / 批示", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


MILESTONE_LINE = re.compile(r"^\s*(\d{4}-\d{1,2}-\d{1,2})\s+(\d+(?:\.\d+)?)\s*%?\s*$")


class ScheduleForm(forms.Form):
    milestones = forms.CharField(
        label="节点进度",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "placeholder": "2026-03-31 25\n2026-06-30 50"}),
        help_text="每行一个节点：日期 应完成百分比。留空则按天线性计算序时进度。",
    )

    def __init__(self, *args: Any, targets: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.targets = targets
        for target in targets:
            self.fields[f"w_{target.pk}"] = forms.DecimalField(
                label=f"权重：{target.name}",
                min_value=Decimal("0.01"),
                max_digits=6,
                decimal_places=2,
                initial=target.weight,
            )

    def clean_milestones(self) -> list[tuple[datetime.date, Decimal]]:
        result: list[tuple[datetime.date, Decimal]] = []
        for number, line in enumerate(self.cleaned_data["milestones"].splitlines(), start=1):
            if not line.strip():
                continue
            match = MILESTONE_LINE.match(line)
            try:
                day = datetime.date.fromisoformat(_pad_date(match.group(1))) if match else None
                share = Decimal(match.group(2)) if match else None
            except (ValueError, InvalidOperation):
                day = share = None
            if day is None or share is None:
                raise forms.ValidationError(f"第{number}行“{line.strip()}”应为“日期 百分比”，如 2026-06-30 50")
            result.append((day, share))
        try:  # the rules are the service's (set_schedule checks them again)
            return check_milestones(result)
        except ProgressError as exc:
            raise forms.ValidationError(str(exc)) from exc

    def weights(self) -> dict[int, Decimal]:
        return {t.pk: self.cleaned_data[f"w_{t.pk}"] for t in self.targets}


def _pad_date(text: str) -> str:
    year, month, day = text.split("-")
    return f"{year}-{int(month):02d}-{int(day):02d}"


class PlanSettingsForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = [
            *("start", "cycle", "report_day", "yellow_margin", "red_margin", "blue_days"),
            *("escalate_after", "coverage_floor"),
        ]
        widgets = {"start": forms.DateInput(attrs={"type": "date"})}

    def clean(self) -> dict[str, Any]:
        """Shows the service's check (plans.services.check_settings) beside the field it names."""
        data = super().clean() or {}
        if all(data.get(f) is not None for f in ("yellow_margin", "red_margin", "report_day", "coverage_floor")):
            try:
                check_settings(data)
            except PlanSettingsError as exc:
                self.add_error(exc.field, str(exc))
        return data
