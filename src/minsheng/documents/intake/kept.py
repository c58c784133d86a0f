"""A plan as read by the preview, kept as JSON beside the upload and read back on confirmation,
so that what the clerk confirms is exactly what the preview showed (and the file is read once)."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any

from ...indicators.parsed import ParsedIndicator
from ..parsed import ParsedPlan, ParsedProject, ParsedTask, ReadWarning
from ..shapes.layout import TableReading


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def _decimal(value: Any) -> Decimal | None:
    return None if value is None else Decimal(value["decimal"])


def plan_to_kept(plan: ParsedPlan) -> dict[str, Any]:
    data: dict[str, Any] = _plain(asdict(plan))
    return data


def plan_from_kept(data: dict[str, Any]) -> ParsedPlan:
    return ParsedPlan(
        jurisdiction=data["jurisdiction"],
        year=data["year"],
        title=data["title"],
        projects=[_project(p) for p in data["projects"]],
        warnings=[ReadWarning(**w) for w in data["warnings"]],
        readings=[TableReading(**r) for r in data["readings"]],
        taught=data.get("taught"),
        shape=data.get("shape", ""),
        taught_doubts=list(data.get("taught_doubts", [])),
    )


def _project(data: dict[str, Any]) -> ParsedProject:
    return ParsedProject(**{**data, "tasks": [_task(t) for t in data["tasks"]]})


def _task(data: dict[str, Any]) -> ParsedTask:
    return ParsedTask(**{**data, "indicators": [_indicator(i) for i in data["indicators"]]})


def _indicator(data: dict[str, Any]) -> ParsedIndicator:
    value = _decimal(data["value"])
    assert value is not None
    return ParsedIndicator(**{**data, "value": value, "high": _decimal(data["high"])})
