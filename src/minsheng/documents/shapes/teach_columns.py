"""A table's columns taught by one row: the row most like the clerk's example names which column holds
each field (teach.py offers it as one candidate reading among the others)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..errors import DocumentError
from ..parsed import Document, ParsedPlan
from ..store.mapping import ColumnMap
from .grid import expand
from .layout import read_plan
from .matching import TASK_FIELDS, similarity


def column_candidates(
    document: Document, example: dict[str, Any] | None
) -> Iterator[tuple[int, tuple[tuple[str, str], ...], ParsedPlan]]:
    """A table's columns named by the row that best matches the example: each field's column is the
    cell most like the example's value (which column holds what, taught by one row)."""
    if not example:
        return
    shown = {**((example.get("tasks") or [{}])[0]), "name": example.get("name"), "category": example.get("category")}
    wanted = {k: v for k, v in shown.items() if v and k in ("name", "category", *TASK_FIELDS)}
    for index, table in enumerate(document.tables):
        columns = _row_columns(expand(table), wanted)
        if "content" not in columns.values():
            columns = {c: ("content" if f == "name" else f) for c, f in columns.items()}
        if "content" not in columns.values():
            continue
        column_map = ColumnMap(columns, None, index)
        try:
            plan = read_plan(document, column_map)
        except DocumentError:
            continue
        yield index, tuple(sorted((str(c), f) for c, f in columns.items())), plan


def _row_columns(grid: list[list[Any]], wanted: dict[str, Any]) -> dict[int, str]:
    """The columns of the row most like the example: per field, the cell most like its value (≥ 0.8)."""
    best: tuple[float, dict[int, str]] = (0.0, {})
    for row in (r for r in grid if r):
        picked: dict[int, tuple[float, str]] = {}
        for field, value in wanted.items():
            col, score = max(((c, similarity(s.text, value)) for c, s in enumerate(row)), key=lambda x: x[1])
            if score >= 0.8 and score > picked.get(col, (0.0, ""))[0]:
                picked[col] = (score, field)
        total = sum(score for score, _ in picked.values())
        if total > best[0]:
            best = (total, {col: field for col, (_, field) in picked.items()})
    return best[1]
