"""Parser speed and accuracy on the shared documents, beside a generic baseline.

Prints, per format: median milliseconds per file, rows accuracy (share of gold
task rows with every field right), for Minsheng's readers and for the baseline
(python-docx `cell.text` rows / pdfplumber `extract_tables()` defaults, first
column as 序号, the rest by header position). Also the peak memory of the run.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import GOLDS, SHARED, median_ms, scorer  # noqa: E402

from minsheng.documents.parse import parse_file  # noqa: E402
from minsheng.documents.shapes.headers import field_for  # noqa: E402
from minsheng.documents.shapes.rules import parse_seq, split_leaders, split_units  # noqa: E402


def baseline_rows(path: Path) -> list[list[str]]:
    if path.suffix == ".docx":
        import docx

        document = docx.Document(str(path))
        return [[cell.text for cell in row.cells] for table in document.tables for row in table.rows]
    if path.suffix == ".pdf":
        import pdfplumber

        with pdfplumber.open(str(path)) as pdf:
            return [[c or "" for c in row] for page in pdf.pages for t in page.extract_tables() for row in t]
    return []


def baseline_plan(path: Path) -> dict[str, Any]:
    """Rows as the libraries give them: header by position, one task per row, no inheritance rules."""
    projects: list[dict[str, Any]] = []
    columns: dict[str, int] = {}
    for row in baseline_rows(path):
        fields = {field_for(text): i for i, text in enumerate(row) if field_for(text)}
        if len(fields) >= 2:
            columns = {k: v for k, v in fields.items() if k}
            continue
        if "content" not in columns or not row[columns["content"]].strip():
            continue

        def get(name: str, row: list[str] = row, columns: dict[str, int] = columns) -> str:
            return row[columns[name]] if name in columns and columns[name] < len(row) else ""

        name = "".join(get("name").split()) or get("content")[:8]
        if not projects or projects[-1]["name"] != name:
            projects.append(
                {
                    "seq": parse_seq(get("seq")),
                    "category": get("category").replace("\n", "") or None,
                    "name": name,
                    "status": "formal",
                    "tasks": [],
                }
            )
        projects[-1]["tasks"].append(
            {
                "content": get("content"),
                "deadline": get("deadline") or None,
                "due": None,
                "leaders": split_leaders(get("leaders")),
                "lead_units": split_units(get("lead_units")),
                "partner_units": split_units(get("partner_units")),
                "indicators": [],
            }
        )
    return {"projects": projects}


def main() -> None:
    score = scorer()
    results: dict[str, dict[str, list[float]]] = {}
    for gold_path in GOLDS:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        docs = sorted((SHARED / "corpus").glob(gold_path.stem + ".*")) + [SHARED / "seeds" / f"{gold_path.stem}.txt"]
        for doc in docs:
            if not doc.exists():
                continue
            fmt = doc.suffix.lstrip(".")
            entry = results.setdefault(fmt, {"ms": [], "rows": [], "base_ms": [], "base_rows": [], "pages": []})
            try:
                plan = parse_file(doc).to_json()
            except Exception as exc:  # report, don't stop the benchmark
                print(f"  {doc.name}: {exc}")
                continue
            entry["ms"].append(median_ms(lambda d=doc: parse_file(d), repeat=5))
            entry["rows"].append(score.summary(score.score(gold, plan))["rows"])
            if fmt == "pdf":
                import pdfplumber

                with pdfplumber.open(str(doc)) as pdf:
                    entry["pages"].append(len(pdf.pages))
            if fmt in ("docx", "pdf"):
                entry["base_ms"].append(median_ms(lambda d=doc: baseline_plan(d), repeat=3))
                entry["base_rows"].append(score.summary(score.score(gold, baseline_plan(doc)))["rows"])

    def med(values: list[float]) -> str:
        return f"{sorted(values)[len(values) // 2]:8.1f}" if values else "       -"

    def mean(values: list[float]) -> str:
        return f"{sum(values) / len(values):.3f}" if values else "  -  "

    print(f"{'format':6} {'files':>5} {'median ms':>9} {'rows':>6} | {'baseline ms':>11} {'baseline rows':>13}")
    for fmt, entry in sorted(results.items()):
        extra = ""
        if entry["pages"]:
            per_page = [ms / pages for ms, pages in zip(entry["ms"], entry["pages"], strict=True)]
            extra = f"  ({sorted(per_page)[len(per_page) // 2] * 10:.0f} ms per 10 pages)"
        print(
            f"{fmt:6} {len(entry['ms']):5} {med(entry['ms'])} {mean(entry['rows']):>6} | "
            f"{med(entry['base_ms']):>11} {mean(entry['base_rows']):>13}{extra}"
        )
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
