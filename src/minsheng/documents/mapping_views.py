"""The mapping step of an import: the clerk names the columns the reader could not place."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ..plans.access import office_required
from ..plans.fields import BY_KEY
from .errors import DocumentError
from .intake.jobs import kept_reading, read_inline, read_staged
from .intake.staging import staged
from .intake.teach_page import teach_context
from .parsed import ParsedPlan
from .scan_views import session_cells
from .shapes.headers import field_for
from .store.mapping import FIELD_LABELS, ColumnMap, check, recognised
from .store.remember import table_grid

PREVIEW_ROWS = 12
SOURCE_LABELS = {
    "header": "按表头文字",
    "shape": "按表头文字和各列内容推断",
    "remembered": "按上次保存的对应关系",
    "manual": "按您指定的对应关系",
    "none": "未识别",
}


def session_map(request: HttpRequest, token: str) -> ColumnMap | None:
    data = request.session.get(f"columns-{token}")
    if not data:
        return None
    return ColumnMap.from_json(data["columns"], data.get("header_row"), data.get("table", 0))


def readings(parsed: ParsedPlan) -> list[dict[str, Any]]:
    """Per table, how each header cell was read and how sure that is, for the preview."""
    out = []
    for index, reading in enumerate(parsed.readings):
        by_col = {col: name for name, col in reading.columns.items()}
        sure = {text: how for text, _, how in recognised(reading.header)}
        cells = [
            {
                "header": text or "（空）",
                "field": _label(by_col.get(col)),
                "how": sure.get(text, "") if reading.source == "header" else SOURCE_LABELS[reading.source],
            }
            for col, text in enumerate(reading.header)
        ]
        out.append({"index": index, "where": reading.where, "source": SOURCE_LABELS[reading.source], "cells": cells})
    return out


def _label(name: str | None) -> str:
    """A field as the clerk knows it: 备注, never the code's `notes`."""
    if name is None:
        return "—"
    return FIELD_LABELS.get(name) or (BY_KEY[name].label if name in BY_KEY else name)


@office_required
@require_http_methods(["GET", "POST"])
def columns(request: HttpRequest, token: str) -> HttpResponse:
    path = staged("plan", token, request.user).path
    index = _int(request.GET.get("table") or request.POST.get("table"), 0)
    try:
        grid, header_row = table_grid(path, index)
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("documents:upload")
    n_cols = max((len(row) for row in grid), default=0)
    chosen = session_map(request, token)
    if request.method == "GET" and (chosen is None or chosen.table != index):
        # the form starts from the reading the preview showed, two-level headers and all
        chosen = _preview_reading(request, token, index) or chosen
    if chosen and chosen.table == index and chosen.header_row is not None:
        header_row = chosen.header_row
    error = None
    if request.method == "POST":
        picked = {c: request.POST.get(f"col_{c}", "ignore") for c in range(n_cols)}
        header_row = _int(request.POST.get("header_row"), header_row)
        try:
            check(picked, n_cols)
        except DocumentError as exc:
            error = str(exc)
        else:
            request.session[f"columns-{token}"] = {"columns": picked, "header_row": header_row, "table": index}
            return redirect("documents:preview", token=token)
        chosen = ColumnMap(picked, header_row, index)
    # the clerk's last choice or the preview's reading, else (a table it could not place) the header's words
    current = chosen.columns if chosen and chosen.table == index else _suggested(grid, header_row)
    context = {
        "token": token,
        "table": index,
        "rows": list(enumerate(grid[:PREVIEW_ROWS])),
        "header_row": header_row,
        "columns": [(c, current.get(c, "ignore")) for c in range(n_cols)],
        "choices": list(FIELD_LABELS.items()),
        "error": error,
        **teach_context(request, token, path, None),  # or show one row and let the reader find the columns
    }
    return render(request, "documents/columns.html", context, status=422 if error else 200)


def _preview_reading(request: HttpRequest, token: str, index: int) -> ColumnMap | None:
    """How the preview read table `index` (its kept reading, the same the preview rendered), as a
    map; None when the preview has not read the file yet or could not place that table."""
    uploaded = staged("plan", token, request.user)
    column_map, cells = session_map(request, token), session_cells(request, token)
    parsed = kept_reading(uploaded, column_map, cells)
    if parsed is None and read_inline(uploaded):
        try:
            parsed = read_staged(uploaded, column_map, cells, request.user)
        except DocumentError:
            return None
    shown = next((r for r in parsed.readings if r.table == index), None) if parsed else None
    return shown.column_map() if shown is not None and shown.columns else None


def _suggested(grid: list[list[str]], header_row: int) -> dict[int, str]:
    header = grid[header_row] if header_row < len(grid) else []
    return {c: name for c, text in enumerate(header) if (name := field_for(text)) in FIELD_LABELS}


def _int(value: Any, default: int) -> int:
    try:
        return max(0, int(value))
    except (TypeError, ValueError):
        return default
