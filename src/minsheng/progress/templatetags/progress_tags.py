"""Figures as the pages print them: 20.2%, 1500, a bar value capped at 100."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django import template

from ...plans.models import Task
from ...text.clause import task_clause

register = template.Library()


@register.filter
def pct(value: float | Decimal | None) -> str:
    if value is None:
        return "—"
    # via repr, so that 20.2 (float 20.199999…) prints as 20.2, not 20.1
    return f"{Decimal(str(value)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP)}%"


@register.filter
def num(value: float | Decimal | None) -> str:
    if value is None:
        return ""
    return f"{Decimal(str(value)).normalize():f}"


@register.filter
def bar(value: float | Decimal | None) -> str:
    if value is None:
        return "0"
    return f"{min(float(value), 100.0):.1f}"


@register.filter
def get(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key)


@register.filter
def lead_names(task: Task) -> str:
    """The task's lead units as one names them: 教育局、妇联、公安分局 (from the prefetched links)."""
    return "、".join(tu.unit.name for tu in task.task_units.all() if tu.role == "lead")


@register.filter
def first_clause(task: Task) -> str:
    """The task as the upload preview names it beside an indicator whose own name may be a fragment."""
    return task_clause(task.content)
