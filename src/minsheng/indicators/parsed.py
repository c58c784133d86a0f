"""A target as read from text (indicators/extract.py), before it is stored."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from ..text.numbers import number_to_json


@dataclass
class ParsedIndicator:
    text: str
    name: str
    value: Decimal
    unit: str
    op: str
    high: Decimal | None = None
    start: int | None = None
    end: int | None = None

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "text": self.text,
            "name": self.name,
            "value": number_to_json(self.value),
            "unit": self.unit,
            "op": self.op,
        }
        if self.high is not None:
            data["high"] = number_to_json(self.high)
        return data
