"""What a filed report may say, said once for every way one arrives: the unit's form, the API,
the workbook upload, and the filing service, which checks again whoever calls it.

- A figure (累计完成数) is a cumulative count or amount: never negative, never above
  FIGURE_CEILING, and never more than TARGET_MULTIPLE times its target. A 17-digit figure is
  a slip (a number pasted twice, a phone number typed in the wrong box), not progress, and it
  would count in every roll-up before the office has reviewed it.
- The narrative (进展情况) is required and at most NARRATIVE_MAX characters.

A refusal is a FilingInvalid: a Chinese message naming the field, and which field it is, so the
form puts it beside the box, the API names it in `field` and the workbook names its row and cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..indicators.models import Indicator
from .errors import ProgressError

NARRATIVE_MAX = 4000
FIGURE_CEILING = Decimal(10) ** 12  # 一万亿: no livelihood target is counted in more
TARGET_MULTIPLE = 1000
NARRATIVE = "进展情况"
# The one flag a correction (a cumulative figure below the last approved one) needs, named as the
# form and the API each spell it.
CONFIRM_LOWER = '确认更正（网页上勾选“确认更正累计完成数”；通过 API 报送时在请求中加上 "confirm_lower": true）'


class FilingInvalid(ProgressError):
    """One field of a filing breaks a rule here; `indicator`: the figure's indicator, if a figure."""

    def __init__(self, message: str, field: str, indicator: int | None = None) -> None:
        super().__init__(message)
        self.field = field
        self.indicator = indicator


@dataclass(frozen=True)
class Target:
    """What the bound needs of an indicator (the form and the workbook have the model, the
    service reads these columns with the plan's state in one statement)."""

    pk: int
    name: str
    value: Decimal
    high: Decimal | None = None
    unit: str = ""

    @classmethod
    def of(cls, indicator: Indicator) -> Target:
        return cls(indicator.pk, indicator.name, indicator.value, indicator.high, indicator.unit)


def _plain(value: Decimal) -> str:
    """The figure as the clerk typed it; one of more than 21 digits in scientific form, for 1e100000
    spelt out is a 100 KB message (and its making a cost anyone with a token could ask for)."""
    if abs(value.adjusted()) > 20:
        return f"{value:.3E}"
    return f"{value.normalize():f}"


def figure_ceiling(target: Target) -> Decimal:
    """The largest figure believed for the target: TARGET_MULTIPLE times it (its upper bound for
    a range), and FIGURE_CEILING at most; a target of 0 (零事故) has the ceiling alone."""
    reference = max(target.value, target.high or Decimal(0))
    if reference <= 0:
        return FIGURE_CEILING
    return min(FIGURE_CEILING, reference * TARGET_MULTIPLE)


def figure_problem(target: Target, actual: Decimal) -> str:
    """Why the figure cannot be filed for the target, in words naming it ("" when it can)."""
    field = f"“{target.name}”累计完成数"
    if not actual.is_finite():
        return f"{field}不是有效的数字"
    if actual < 0:
        return f"{field}不能为负数（填写的是 {_plain(actual)}）"
    ceiling = figure_ceiling(target)
    if actual > ceiling:
        unit = target.unit
        why = (
            f"不能超过目标值 {_plain(target.value)}{unit} 的{TARGET_MULTIPLE}倍（{_plain(ceiling)}{unit}）"
            if ceiling < FIGURE_CEILING
            else f"不能超过 {_plain(FIGURE_CEILING)}"
        )
        return f"{field} {_plain(actual)}{unit} 超出合理范围：{why}，请核对是否多输了数字或填错了单位"
    return ""


def check_figure(target: Target, actual: Decimal) -> None:
    problem = figure_problem(target, actual)
    if problem:
        raise FilingInvalid(problem, "figures", target.pk)


def narrative_problem(text: str, required: bool = True) -> str:
    """Why the narrative cannot be filed ("" when it can): it is required, and NARRATIVE_MAX long
    at most. The service, which also takes the office's entries and the demo's, checks the length
    only (`required=False`); every channel a unit files through requires the words."""
    text = text.strip()
    if not text and required:
        return f"请填写{NARRATIVE}（本期做了什么、进度如何）"
    if len(text) > NARRATIVE_MAX:
        return f"{NARRATIVE}不能超过{NARRATIVE_MAX}字（现有{len(text)}字），请精简后再提交"
    return ""


def check_narrative(text: str, required: bool = True) -> str:
    """The narrative as it is stored (stripped), or a FilingInvalid naming 进展情况."""
    problem = narrative_problem(text, required)
    if problem:
        raise FilingInvalid(problem, "narrative")
    return text.strip()
