"""A stored target back in the JSON format (`shared/schema/plan.schema.json`)."""

from __future__ import annotations

from typing import Any

from .models import Indicator
from .parsed import ParsedIndicator


def parsed_indicator(indicator: Indicator) -> ParsedIndicator:
    return ParsedIndicator(
        indicator.text, indicator.name, indicator.value, indicator.unit, indicator.op, high=indicator.high
    )


def indicator_to_json(indicator: Indicator) -> dict[str, Any]:
    return parsed_indicator(indicator).to_json()
