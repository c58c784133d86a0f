"""The title, jurisdiction and year of the plan an import makes, set by the clerk in the preview.

They default to what the reader found; the clerk may change them before confirming, and what
the clerk set is what the draft gets. A seated office imports for its own level only (it
supervises no other: access.jurisdictions_supervised), so a document naming another place is
shown with that said on the preview, the reading kept, and imported only once the clerk has
chosen the office's own place. An unseated office (one jurisdiction's installation) types the
place, as the command line names it from the title. What the clerk typed is kept in the
session, so a refused confirmation loses nothing."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from django.http import HttpRequest

from ...accounts.kinds import Actor
from ...plans import access
from ..errors import DocumentError
from ..parsed import ParsedPlan
from ..shapes.titles import document_place
from ..store.place import mismatch_message, same_place, seat_of
from .scan_review import staged_document

FIRST_YEAR, LAST_YEAR = 2000, 2100
TITLE_MAX = 200
PLACE_MAX = 64


def _key(token: str) -> str:
    return f"plan-fields-{token}"


def kept_fields(request: HttpRequest, token: str) -> dict[str, str]:
    data = request.session.get(_key(token))
    return data if isinstance(data, dict) else {}


def keep_fields(request: HttpRequest, token: str, post: Any) -> None:
    request.session[_key(token)] = {k: str(post.get(k, "")).strip() for k in ("title", "place", "year")}


def with_named_place(parsed: ParsedPlan, path: Path) -> ParsedPlan:
    """The reading with the place its document names when the reading found none: a reading the
    clerk taught and the reader's own then name the same place, and are checked alike."""
    if parsed.jurisdiction:
        return parsed
    try:
        document = staged_document(path)
    except DocumentError:
        return parsed
    captions = [line for table in document.tables for line in table.caption]
    return applied(parsed, {"jurisdiction": document_place(captions, document.paragraphs)})


def mismatch(parsed: ParsedPlan, user: Actor | None) -> str | None:
    """Why the read place is not the office's own, when it is not (None: it is, or none is read)."""
    seat = seat_of(user)
    if seat is None or not parsed.jurisdiction or same_place(parsed.jurisdiction, seat.name):
        return None
    return mismatch_message(parsed.jurisdiction, seat.name)


def form_fields(request: HttpRequest, token: str, parsed: ParsedPlan, title: str = "") -> dict[str, Any]:
    """The preview's fields: what the clerk set for this upload, else what was read (`title`: a
    title to offer instead of the read one, as when the plan must be imported beside another)."""
    kept = kept_fields(request, token)
    seat = seat_of(request.user)
    read_place = "" if seat is None else ("" if mismatch(parsed, request.user) else str(seat.pk))
    return {
        "title": kept.get("title", title or parsed.title or ""),
        "year": kept.get("year", str(parsed.year or "")),
        "place": kept.get("place", read_place if seat else parsed.jurisdiction or ""),
        "places": [(str(seat.pk), seat.name)] if seat else None,  # None: typed, not chosen
        "place_mismatch": mismatch(parsed, request.user),
    }


def clean_fields(post: Any, user: Actor) -> dict[str, Any]:
    """The title, year and jurisdiction the clerk set, checked; a clear message when one is wrong."""
    title = str(post.get("title", "")).strip()
    if not 0 < len(title) <= TITLE_MAX:
        raise DocumentError(f"请填写计划标题（最多{TITLE_MAX}字）")
    year_text = str(post.get("year", "")).strip()
    if not year_text.isdigit() or not FIRST_YEAR <= int(year_text) <= LAST_YEAR:
        raise DocumentError(f"年度应为 {FIRST_YEAR} 至 {LAST_YEAR} 之间的年份，如 2026")
    return {"title": title, "year": int(year_text), "jurisdiction": _place(str(post.get("place", "")).strip(), user)}


def _place(chosen: str, user: Actor) -> str | None:
    seat = seat_of(user)
    if seat is None:  # an unseated office names the place; the import finds or makes it by name
        if len(chosen) > PLACE_MAX:
            raise DocumentError(f"行政区划名称最多{PLACE_MAX}字")
        return chosen or None
    allowed = access.jurisdictions_supervised(user) or frozenset()
    if not chosen.isdigit() or int(chosen) not in allowed:
        raise DocumentError(f"请在“行政区划”中选择本级（{seat.name}）：督查室只能导入本级的计划")
    return seat.name


def applied(parsed: ParsedPlan, fields: dict[str, Any] | None) -> ParsedPlan:
    """The reading with the clerk's title, year and jurisdiction (a copy: the kept reading is unchanged)."""
    return dataclasses.replace(parsed, **fields) if fields else parsed
