"""Reading with the clerk's column maps: remembered per jurisdiction and header wording."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.db import transaction

from ...accounts.kinds import Actor
from ...accounts.models import AuditEntry, audit
from ..errors import DocumentError
from ..intake.guard import check_plan
from ..intake.scan_review import (
    Corrections,
    corrected,
    mark_unsure_targets,
    staged_document,
    unsure_below,
    unsure_places,
)
from ..models import ColumnMapping, TaughtReading
from ..parsed import Document, ParsedPlan, ReadWarning
from ..readers.scan import unsure_warnings
from ..shapes.best import read_best
from ..shapes.grid import Slot, expand, find_layout, header_at
from ..shapes.teach import Reading, shape_for, shapes_of
from ..shapes.titles import document_place
from .mapping import ColumnMap, MappingSource, check, header_key


def _place(document: Document) -> str:
    captions = [line for table in document.tables for line in table.caption]
    return document_place(captions, document.paragraphs) or ""


def remembered_maps(place: str) -> MappingSource:
    """Maps saved for this jurisdiction, then those saved without one; one query."""
    saved: dict[str, ColumnMap] = {}
    for row in ColumnMapping.objects.filter(jurisdiction__in=["", place]).order_by("-jurisdiction"):
        saved.setdefault(row.header_key, ColumnMap.from_json(row.columns))
    return saved.get


def plan_read(
    path: Path,
    column_map: ColumnMap | None = None,
    cells: Corrections | None = None,
    owner: str | None = None,
    example: dict[str, Any] | None = None,
    remembered: bool = True,
) -> ParsedPlan:
    """The plan in a file, with the clerk's map for one table and the maps remembered for its
    place: `owner`'s (a seated office's, place.map_owner), else those of the place it names.
    With the clerk's `example` project, read the way that yields it; without, a reading the same
    office taught for this shape of document is applied without asking (unless the clerk set it
    aside for this upload: `remembered` False).

    A scan is read once per upload and re-read with the clerk's corrected cells (scan_review)."""
    document = corrected(staged_document(path), cells)
    place = _place(document) if owner is None else owner
    shapes = shapes_of(document)
    # the reading this office taught for the shape; an example, given, reads first (best.read_best)
    taught = None if column_map is not None or not remembered else remembered_reading(place, shapes)
    unsure = unsure_places(document)  # a scan's unsure cells lower their projects' sureness
    plan = read_best(document, column_map, remembered_maps(place), example=example, taught=taught, unsure=unsure)
    plan.shape = "\n".join(shapes)
    check_plan(plan, path.name)  # targets per task
    plan.warnings.extend(unsure_warnings(document, unsure_below()))
    plan.warnings.extend(ReadWarning(message, path.name) for message in document.warnings)  # rows left out
    mark_unsure_targets(plan, document)
    return plan


def _taught_for(place: str, shape: str, lock: bool = False) -> list[TaughtReading]:
    """The readings `place`'s office taught that fit a document of this shape (ParsedPlan.shape);
    a learned cut's is remembered under its own mark too (teach.shape_for)."""
    rows = TaughtReading.objects.filter(jurisdiction=place).order_by("pk")
    return [row for row in (rows.select_for_update() if lock else rows) if shape_for(shape, row.reading) == row.shape]


def remembered_reading(place: str, shapes: tuple[str, ...]) -> dict[str, Any] | None:
    """The reading this office taught for documents of this shape (only its own: never another's)."""
    found = _taught_for(place, "\n".join(shapes))
    return found[0].reading if found else None


def reading_forget(*, user: Actor, path: Path, owner: str | None) -> int:
    """Forget the reading `owner`'s office taught for this document's shape (the place plan_read
    reads it under; never another office's): the rows deleted, each audited."""
    document = staged_document(path)
    place = _place(document) if owner is None else owner
    shape = "\n".join(shapes_of(document))
    gone = 0
    with transaction.atomic():
        for row in _taught_for(place, shape, lock=True):
            summary = f"不再使用示范读法：{Reading.from_json(row.reading).describe()}"
            audit(user=user, action=AuditEntry.Action.DELETE, obj=row, summary=summary, before=row.reading)
            row.delete()
            gone += 1
    return gone


def reading_remember(*, user: Actor, plan: ParsedPlan, place: str | None) -> TaughtReading | None:
    """Save the reading the clerk taught and confirmed, for the office and the document's shape."""
    if not plan.taught or not plan.shape:
        return None
    shape = shape_for(plan.shape, plan.taught)
    with transaction.atomic():
        # a new teaching for this shape replaces what the office taught before for it, under any key
        # (a learned cut's key holds its mark): the document is read the way it was taught last
        earlier = [row for row in _taught_for(place or "", plan.shape, lock=True) if row.shape != shape]
        for row in earlier:
            row.delete()
        row, _ = TaughtReading.objects.update_or_create(
            jurisdiction=place or "",
            shape=shape,
            defaults={"reading": plan.taught, "created_by": user if user.is_authenticated else None},
        )
        audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=row,
            summary=f"记住示范读法：{Reading.from_json(plan.taught).describe()}",
            before=[r.reading for r in earlier] or None,
            after=row.reading,
        )
    return row


def _slots(path: Path, index: int) -> list[list[Slot]]:
    document = staged_document(path)
    if not 0 <= index < len(document.tables):
        raise DocumentError(f"文件中没有第 {index + 1} 个表格", path.name)
    return expand(document.tables[index])


def table_grid(path: Path, index: int) -> tuple[list[list[str]], int]:
    """A table's printed text, row by row, for the clerk to name its columns, and its likely header row."""
    grid = _slots(path, index)
    return [[slot.text if slot.origin else "" for slot in row] for row in grid], header_at(grid)


def column_map_remember(*, user: Actor, path: Path, column_map: ColumnMap, place: str | None) -> ColumnMapping:
    """Save the clerk's map under its table's header wording, for the plan's jurisdiction."""
    grid = _slots(path, column_map.table)
    check(column_map.columns, len(grid[0]) if grid else None)
    row = column_map.header_row if column_map.header_row is not None else header_at(grid)
    header = [slot.text for slot in grid[row]] if grid else []
    with transaction.atomic():
        mapping, _ = ColumnMapping.objects.update_or_create(
            jurisdiction=place or "",
            header_key=header_key(header),
            defaults={"columns": column_map.to_json(), "created_by": user if user.is_authenticated else None},
        )
        audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=mapping,
            summary=f"设置表头对应：{'、'.join(h for h in header if h)}",
            after=mapping.columns,
        )
    return mapping


def has_tables(path: Path) -> bool:
    try:
        return bool(staged_document(path).tables)
    except DocumentError:
        return False


def unread_table(path: Path) -> int:
    """The first table whose header the reader could not place (0 when all were placed)."""
    document = staged_document(path)
    for index, table in enumerate(document.tables):
        grid = expand(table)
        if len(grid) > 1 and find_layout(grid) is None:
            return index
    return 0
