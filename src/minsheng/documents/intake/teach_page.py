"""What the import preview and the columns page show for teaching a reading by one example
(documents/teach_views.py takes the example): the document's text to pick from, the example kept in the
session, the least sure projects first."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.http import HttpRequest

from ..errors import DocumentError
from ..parsed import Document, ParsedPlan
from ..shapes.best import NOT_FOUND, SAME
from ..shapes.sureness import least_sure
from ..shapes.teach import Reading
from .scan_review import staged_document

FIELDS = {
    "name": "名称",
    "category": "类别",  # the heading or clause a project sits under, when the document groups them
    "content": "内容",
    "lead_units": "牵头单位",
    "partner_units": "配合单位",
    "deadline": "完成时间",
}


def session_example(request: HttpRequest, token: str) -> dict[str, Any] | None:
    data = request.session.get(f"example-{token}")
    return data if isinstance(data, dict) else None


def session_remembered(request: HttpRequest, token: str) -> bool:
    """The office's remembered reading applies to this upload (not set aside with 不用上次的读法)."""
    return not request.session.get(f"unremembered-{token}")


def _text_lines(document: Document) -> list[str]:
    """The document as the clerk reads it: its paragraphs' lines, then each table row's cells."""
    lines = [line for p in document.paragraphs for line in p.split("\n") if line.strip()]
    for table in document.tables:
        rows: dict[int, list[str]] = {}
        for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
            rows.setdefault(cell.row, []).append(cell.text.replace("\n", ""))
        lines += [" | ".join(row) for _, row in sorted(rows.items())]
    return lines


def _shown(example: dict[str, Any]) -> dict[str, str]:
    """The form's fields as the example fills them: its tasks' content one a line, the first's units."""
    tasks = example.get("tasks") or [{}]
    return {
        "name": example.get("name", ""),
        "category": example.get("category") or "",
        "content": "\n".join(t.get("content", "") for t in tasks),
        "lead_units": "、".join(tasks[0].get("lead_units") or []),
        "partner_units": "、".join(tasks[0].get("partner_units") or []),
        "deadline": tasks[0].get("deadline") or "",
    }


def teach_context(request: HttpRequest, token: str, path: Path, parsed: ParsedPlan | None) -> dict[str, Any]:
    """The teaching part of the preview (and of the columns page, `parsed` None): the document's
    text to pick from, the example, the least sure projects."""
    example = session_example(request, token)
    shown = _shown(example or {})
    index = {id(p): n for n, p in enumerate(parsed.projects, start=1)} if parsed else {}
    doubtful = [(index[id(p)], p) for p in least_sure(parsed)] if parsed else []  # least sure first
    try:
        lines = _text_lines(staged_document(path))
    except DocumentError:
        lines = []
    return {
        "teach_lines": lines[:600],
        "teach_fields": [(key, label, shown[key]) for key, label in FIELDS.items()],
        "example": example,
        "taught_how": Reading.from_json(parsed.taught).describe() if parsed and parsed.taught else None,
        # the example taught nothing (found nowhere, or read as before): the reading shown is the one it had without it
        "example_unused": bool(parsed and {NOT_FOUND, SAME} & set(parsed.taught_doubts)),
        "least_sure": doubtful,
        # open when there is something to teach: a doubt, an example given, a table not placed
        "teach_open": bool(doubtful or example or parsed is None),
    }
