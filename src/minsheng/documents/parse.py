"""Read any supported file into a ParsedPlan: pick the reader, then the layout."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import DocumentError
from .formats import FORMATS, formats_text
from .intake.guard import check_document, check_file, check_plan
from .parsed import Document, ParsedPlan, ReadWarning
from .readers.docx import read_docx
from .readers.glosses import without_glosses
from .readers.html import read_html
from .readers.legacy import read_legacy
from .readers.pdf import read_pdf
from .readers.scan import read_image, unsure_warnings
from .readers.text import read_text
from .readers.xlsx import read_xlsx
from .shapes.best import read_best
from .shapes.cell_lines import tabulate
from .shapes.wraps import without_wraps
from .store.mapping import ColumnMap, MappingSource


def _read_doc(path: Path) -> Document:
    return read_legacy(path, read_docx)


def _read_xls(path: Path) -> Document:
    return read_legacy(path, read_xlsx)


_BY_KIND = {
    "docx": read_docx,
    "xlsx": read_xlsx,
    "html": read_html,
    "pdf": read_pdf,
    "text": read_text,
    "doc": _read_doc,
    "xls": _read_xls,
    "image": read_image,
}
READERS = {suffix: _BY_KIND[kind] for suffix, kind in FORMATS.items()}


def read_document(path: Path | str) -> Document:
    path = Path(path)  # a caller may hand a plain string, as scripts do
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise DocumentError(f"不支持的文件格式“{path.suffix or '无扩展名'}”；支持 {formats_text()}", path.name)
    check_file(path)
    try:
        document = reader(path)
    except DocumentError:
        raise
    except MemoryError as exc:  # the server's limit, not the file's fault
        raise DocumentError("服务器内存不足，无法读取该文件；请稍后重试", path.name) from exc
    except Exception as exc:  # each library fails in its own way on a damaged file
        raise DocumentError(f"文件已损坏或格式不对，无法读取（{type(exc).__name__}）", path.name) from exc
    document = without_glosses(document)  # a mirror's pinyin after each character (鎮(zhèn))
    document = without_wraps(document)  # lines a narrow page broke are one line again, for every shape
    document = tabulate(document)  # a table printed one cell per line, as copied out of a web page
    check_document(document)
    return document


def parse_file(
    path: Path | str,
    column_map: ColumnMap | None = None,
    remembered: MappingSource | None = None,
    example: dict[str, Any] | None = None,
) -> ParsedPlan:
    """The plan in a file; `example`: one project as the clerk would type it, to read the file the
    way that yields it (shapes/teach.py, `minsheng parse --example`)."""
    path = Path(path)
    document = read_document(path)
    unsure = unsure_warnings(document)  # scans: cells the recognition was unsure of
    plan = read_best(document, column_map, remembered, example=example, unsure={w.where for w in unsure})
    check_plan(plan, path.name)
    plan.warnings.extend(unsure)
    plan.warnings.extend(ReadWarning(message, path.name) for message in document.warnings)
    return plan
