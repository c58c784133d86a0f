"""The text of a progress document (.txt .docx .html .pdf) for the progress reader."""

from __future__ import annotations

from pathlib import Path

from ..documents.errors import DocumentError
from ..documents.parse import read_document
from ..documents.parsed import Table
from ..documents.readers.text import decode


def progress_text(path: Path) -> str:
    """Paragraphs as printed, then each table as caption lines and tab-separated rows."""
    if path.suffix.lower() in {".txt", ".text"}:
        return decode(path.read_bytes(), path.name)
    if path.suffix.lower() not in {".docx", ".html", ".htm", ".pdf"}:
        raise DocumentError(f"不支持的文件格式“{path.suffix or '无扩展名'}”；支持 .txt .docx .html .pdf", path.name)
    document = read_document(path)
    lines = list(document.paragraphs)
    for table in document.tables:
        lines += ["", *table.caption, *_rows(table)]
    return "\n".join(lines)


def _rows(table: Table) -> list[str]:
    grid: dict[int, dict[int, str]] = {}
    for cell in table.cells:
        grid.setdefault(cell.row, {})[cell.col] = " ".join(cell.text.split())
    return ["\t".join(row[c] for c in sorted(row)) for _, row in sorted(grid.items())]
