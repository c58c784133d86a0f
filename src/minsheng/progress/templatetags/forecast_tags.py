"""The risk light in templates: `risks|risk_for:row.id` and `forecast|risk_colour`."""

from __future__ import annotations

from typing import Any

from django import template

from ..forecast import Forecast, Risk

register = template.Library()

# The risk light wears the schedule light's colours, so the page needs no new style.
COLOURS = {Risk.ON_TRACK: "green", Risk.AT_RISK: "yellow", Risk.WILL_MISS: "red", Risk.UNKNOWN: "none"}


@register.filter
def risk_for(risks: dict[int, Forecast] | None, task_id: int) -> Forecast | None:
    return risks.get(task_id) if risks else None


@register.filter
def risk_colour(result: Any) -> str:
    return COLOURS.get(getattr(result, "risk", Risk.UNKNOWN), "none")
