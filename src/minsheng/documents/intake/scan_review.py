"""The clerk's check of a scan before it is stored: the page beside the grid, unsure cells, corrections.

Recognition takes seconds a page, so the reading of an upload waiting for
confirmation is kept beside it (a folder `.read/` in the upload's own folder,
never served) and the preview, each correction and the confirmation re-read the
plan from that grid, with the clerk's corrections laid over it. Nothing is
written to the database before the confirmation.

A cell is unsure when the recognition engine's score for its text is below
MINSHENG_OCR_UNSURE (0.8 by default); a corrected cell is sure.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from django.conf import settings

from ..errors import DocumentError
from ..parse import read_document
from ..parsed import Cell, Document, ParsedPlan, ReadWarning, Table

SCAN_SUFFIXES = {".png", ".jpg", ".jpeg", ".tif", ".tiff"}
CACHE = ".read"
MAX_CELL_TEXT = 2000
PAGE_SIDE = 1400  # long side of the page image shown beside the grid
Corrections = dict[str, str]  # "table-row-col" → the clerk's text
KEY = re.compile(r"^(\d{1,3})-(\d{1,5})-(\d{1,3})$")


def unsure_below() -> float:
    return float(getattr(settings, "MINSHENG_OCR_UNSURE", 0.8))


def is_scan(document: Document) -> bool:
    return any(table.scores for table in document.tables) or Path(document.name).suffix.lower() in SCAN_SUFFIXES


def _pending(path: Path) -> bool:
    from .staging import staging_root

    return staging_root().resolve() in path.resolve().parents


def _cache(path: Path) -> Path:
    """Beside the upload's folder of files (staging.Staged), never among them."""
    return path.parent.parent / CACHE / "document.json"


def staged_document(path: Path) -> Document:
    """The document of an upload, read once: a scan waiting for confirmation keeps its reading."""
    kept = kept_document(path)
    if kept is not None:
        return kept
    cache = _cache(path)
    document = read_document(path)
    if _pending(path) and is_scan(document):
        cache.parent.mkdir(exist_ok=True)
        cache.write_text(json.dumps(_to_json(document), ensure_ascii=False), encoding="utf-8")
    return document


def kept_document(path: Path) -> Document | None:
    """The kept reading of a scan waiting for confirmation (None for any other upload)."""
    cache = _cache(path)
    if not (_pending(path) and cache.is_file()):
        return None
    return _from_json(json.loads(cache.read_text(encoding="utf-8")))


def _to_json(document: Document) -> dict[str, Any]:
    tables = []
    for table in document.tables:
        data = asdict(table)
        data["cell_where"] = [[r, c, w] for (r, c), w in table.cell_where.items()]
        data["scores"] = [[r, c, s] for (r, c), s in table.scores.items()]
        tables.append(data)
    return {"name": document.name, "paragraphs": document.paragraphs, "tables": tables}


def _from_json(data: dict[str, Any]) -> Document:
    tables = []
    for t in data["tables"]:
        tables.append(
            Table(
                cells=[Cell(**c) for c in t["cells"]],
                where=t["where"],
                caption=t["caption"],
                cell_where={(r, c): w for r, c, w in t["cell_where"]},
                sheet=t["sheet"],
                scores={(r, c): s for r, c, s in t["scores"]},
            )
        )
    return Document(name=data["name"], tables=tables, paragraphs=data["paragraphs"])


def corrected(document: Document, corrections: Corrections | None) -> Document:
    """The document with the clerk's text in the corrected cells (now sure)."""
    if not corrections:
        return document
    tables = []
    for t, table in enumerate(document.tables):
        cells, scores = [], dict(table.scores)
        for cell in table.cells:
            key = f"{t}-{cell.row}-{cell.col}"
            if key in corrections:
                cell = replace(cell, text=corrections[key])
                scores.pop((cell.row, cell.col), None)
            cells.append(cell)
        tables.append(replace(table, cells=cells, scores=scores))
    return replace(document, tables=tables)


def unsure_places(document: Document) -> set[str]:
    """Where each unsure cell is, as the plan's sources name it (Table.locate)."""
    below = unsure_below()
    return {
        table.locate(r, c)
        for table in document.tables
        for (r, c), score in table.scores.items()
        if score < below and any(cell.row == r and cell.col == c and cell.text.strip() for cell in table.cells)
    }


def mark_unsure_targets(plan: ParsedPlan, document: Document) -> None:
    """Tasks whose content comes from an unsure cell: their targets are to be checked."""
    places = unsure_places(document)
    if not places:
        return
    for project in plan.projects:
        for task in project.tasks:
            if task.source.get("content") in places and task.indicators:
                task.unsure = True
                targets = "；".join(i.text for i in task.indicators)
                message = f"量化指标读自识别把握不大的文字，导入后标为“识别待核”：{targets}"
                plan.warnings.append(ReadWarning(message, task.source["content"]))


def correction_key(document: Document, table: Any, row: Any, col: Any) -> str:
    """The key of a cell that exists in the document, else a clear error."""
    try:
        t, r, c = int(table), int(row), int(col)
    except (TypeError, ValueError):
        raise DocumentError("要改正的单元格不明确", document.name) from None
    if not 0 <= t < len(document.tables) or not any(
        cell.row == r and cell.col == c for cell in document.tables[t].cells
    ):
        raise DocumentError(f"表格 {t + 1} 没有第{r + 1}行第{c + 1}列的单元格", document.name)
    return f"{t}-{r}-{c}"


def clean_text(text: str, where: str) -> str:
    text = "\n".join(line.strip() for line in text.replace("\r\n", "\n").split("\n")).strip()
    if len(text) > MAX_CELL_TEXT:
        raise DocumentError(f"改正的文字过长（{len(text)} 字，上限 {MAX_CELL_TEXT} 字）", where)
    return text


def grids(document: Document, corrections: Corrections | None) -> list[dict[str, Any]]:
    """Per table, its rows of cells as printed, each with its text, spans and how sure it is."""
    fixed = corrections or {}
    below = unsure_below()
    out = []
    for t, table in enumerate(document.tables):
        rows: list[list[dict[str, Any]]] = [[] for _ in range(table.n_rows)]
        for cell in sorted(table.cells, key=lambda c: (c.row, c.col)):
            key = f"{t}-{cell.row}-{cell.col}"
            score = table.scores.get((cell.row, cell.col))
            rows[cell.row].append(
                {
                    "key": key,
                    "row": cell.row,
                    "col": cell.col,
                    "text": fixed.get(key, cell.text),
                    "rowspan": cell.rowspan,
                    "colspan": cell.colspan,
                    "score": score,
                    "unsure": key not in fixed and score is not None and score < below and bool(cell.text.strip()),
                    "fixed": key in fixed,
                    "where": table.locate(cell.row, cell.col),
                }
            )
        out.append({"index": t, "where": table.where, "rows": rows})
    return out


def page_count(path: Path) -> int:
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            return len(pdf)
        finally:
            pdf.close()
    from PIL import Image

    with Image.open(path) as image:
        return int(getattr(image, "n_frames", 1))


def page_png(path: Path, number: int) -> bytes:
    """Page `number` (from 1) of the upload as a PNG of at most PAGE_SIDE pixels, upright."""
    from PIL import ImageOps

    if not 1 <= number <= page_count(path):
        raise DocumentError(f"没有第 {number} 页", path.name)
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium

        pdf = pdfium.PdfDocument(str(path))
        try:
            page = pdf[number - 1]
            width, height = page.get_size()
            image = page.render(scale=PAGE_SIDE / max(width, height, 1), grayscale=True).to_pil()
        finally:
            pdf.close()
    else:
        from ..readers.scan_image import _open

        with _open(path) as opened:
            opened.seek(number - 1)
            image = ImageOps.exif_transpose(opened).convert("L")
            image.thumbnail((PAGE_SIDE, PAGE_SIDE))
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
