"""A scan's preview: the page image beside the grid, and the clerk's corrections of unsure cells.

Both views serve only the upload of the clerk's own session (staff, and the
upload's token in the session): the page image is never a /media URL, and a
correction is kept in the session until the import is confirmed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ..plans.access import office_required
from .errors import DocumentError
from .intake.scan_review import (
    Corrections,
    clean_text,
    correction_key,
    grids,
    kept_document,
    page_count,
    page_png,
    staged_document,
)
from .intake.staging import staged
from .parsed import Document


def own_upload(request: HttpRequest, token: str) -> Path:
    """The file of an upload made in this session; another's token is not found."""
    path = staged("plan", token, request.user).path
    if f"import-{token}" not in request.session:
        raise Http404
    return path


def session_cells(request: HttpRequest, token: str) -> Corrections:
    data = request.session.get(f"cells-{token}")
    return dict(data) if isinstance(data, dict) else {}


def scan_context(request: HttpRequest, token: str, path: Path) -> dict[str, Any]:
    """What the preview shows of a scan (nothing for other formats); the reading is already kept."""
    document = kept_document(path)
    if document is None:
        return {}
    cells = session_cells(request, token)
    tables = grids(document, cells)
    return {
        "scan": {
            "pages": range(1, page_count(path) + 1),
            "grids": tables,
            "fixed": len(cells),
            "unsure": sum(cell["unsure"] for grid in tables for row in grid["rows"] for cell in row),
        }
    }


@office_required
@require_GET
def page(request: HttpRequest, token: str, number: int) -> HttpResponse:
    path = own_upload(request, token)
    try:
        data = page_png(path, number)
    except DocumentError:
        raise Http404 from None
    response = HttpResponse(data, content_type="image/png")
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@office_required
@require_POST
def cell(request: HttpRequest, token: str) -> HttpResponse:
    """Keep the clerk's text for one cell; the preview re-reads the plan with it (nothing is stored)."""
    path = own_upload(request, token)
    preview = reverse("documents:preview", args=[token])
    try:
        document = staged_document(path)
        key = correction_key(document, request.POST.get("table"), request.POST.get("row"), request.POST.get("col"))
        text = clean_text(request.POST.get("text", ""), document.tables[int(key.split("-")[0])].where)
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect(preview)
    cells = session_cells(request, token)
    cells[key] = text
    request.session[f"cells-{token}"] = cells
    where = _where(document, key)
    messages.success(request, f"已改正单元格（{where}），计划已按改正后的表格重新读取；确认导入前不会保存")
    return redirect(f"{preview}#cell-{key}")


def _where(document: Document, key: str) -> str:
    t, r, c = (int(x) for x in key.split("-"))
    return document.tables[t].locate(r, c)
