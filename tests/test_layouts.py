"""The shared plans printed in layouts the shared documents do not use, read back exactly.

See tests/layouts.py: other header wording and column order, categories as
separator rows, a two-level 责任单位 header, lists joined by 、, in every format.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from bench.common import scorer as load_scorer

from minsheng.documents.parse import parse_file

from .conftest import SHARED
from .layouts import LAYOUTS, WRITERS, Layout, tables, write_xlsx

GOLDS = sorted(p for p in (SHARED / "gold").glob("0*.json") if not p.name.endswith(".progress.json"))
scorer = load_scorer()


def _read_back(gold_path: Path, layout: Layout, fmt: str, tmp_path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    path = tmp_path / f"plan.{fmt}"
    if fmt == "xlsx":
        write_xlsx(tables(layout, gold), path, one_sheet=layout.one_sheet)
    else:
        WRITERS[fmt](tables(layout, gold), path)
    plan = parse_file(path).to_json()
    return gold, scorer.summary(scorer.score(gold, plan)) | {"plan": plan}


@pytest.mark.parametrize("fmt", ["docx", "xlsx", "html", "txt"])
@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.stem[:3])
def test_a_plan_in_another_layout_reads_back_exactly(gold_path: Path, layout: Layout, fmt: str, tmp_path: Path) -> None:
    gold, result = _read_back(gold_path, layout, fmt, tmp_path)
    assert result["projects_recall"] == result["projects_precision"] == 1.0
    assert result["tasks_recall"] == result["tasks_precision"] == 1.0
    assert result["rows"] == 1.0, result["fields"]
    statuses = [p["status"] for p in result["plan"]["projects"]]
    assert statuses == [p["status"] for p in gold["projects"]]


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: layout.name)
@pytest.mark.parametrize("gold_path", GOLDS, ids=lambda p: p.stem[:3])
def test_a_plan_printed_to_pdf_in_another_layout_reads_back_exactly(
    gold_path: Path, layout: Layout, tmp_path: Path
) -> None:
    """Rows split at page ends (often between sentences), narrow cells wrapping 、-lists mid-name."""
    _, result = _read_back(gold_path, layout, "pdf", tmp_path)
    assert result["tasks_recall"] == result["tasks_precision"] == 1.0
    assert result["rows"] == 1.0, result["fields"]
