"""Numbers shared by the plan reader and the progress reader: as the JSON format prints them,
and sums of money as plans print them."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation


def number_to_json(value: Decimal) -> int | float:
    """Integral Decimals print as ints (22000), others as the shortest float."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# A sum of money as an investment column prints it: 1200, 1,200.5, 约3000, 1.2亿元, 800万元.
_MONEY = re.compile(r"^(?:约|计|共|总计)?\s*(\d[\d,]*(?:\.\d+)?)\s*(亿元|亿|万元|万)?\s*$")


def wan_yuan(text: str, in_yi: bool = False) -> Decimal | None:
    """The sum in 万元 (a figure in 亿元, or under a header in 亿元 (`in_yi`), times 10000); None
    when the text is no single sum (a range, a note, 待定)."""
    match = _MONEY.match(text.strip().replace("，", ","))
    if match is None:
        return None
    try:
        value = Decimal(match[1].replace(",", ""))
    except InvalidOperation:
        return None
    unit = match[2] or ("亿元" if in_yi else "")
    return value * 10000 if unit.startswith("亿") else value
