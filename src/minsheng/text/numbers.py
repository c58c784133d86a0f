"""Numbers as the JSON format prints them, shared by the plan reader and the progress reader."""

from __future__ import annotations

from decimal import Decimal


def number_to_json(value: Decimal) -> int | float:
    """Integral Decimals print as ints (22000), others as the shortest float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)
