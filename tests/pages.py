"""What the reading tests do first: a page of text, written as an office would save it, then read."""

from __future__ import annotations

from pathlib import Path

from minsheng.documents.parse import parse_file
from minsheng.documents.parsed import ParsedPlan


def read_page(tmp_path: Path, text: str, name: str = "page.txt") -> ParsedPlan:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_file(path)
