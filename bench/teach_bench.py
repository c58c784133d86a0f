"""Taught by one example (issue #26, item 3): each fixture read with its first expected project as the
clerk's example (`minsheng parse FILE --example`), scored as before.

One line per document: rows with no help, rows with the example, the reading the example chose.
Then `teach fixtures N rows_mean X rows_ge_095 K/N worse W`: over tests/fixtures/unseen and the
shared documents, the mean rows with the example, how many read at 0.95 or more, and how many the
example made read worse than with no help (must be 0). Most read right with no help, so that line
mostly measures that the example does no harm; `teach-generic-only` leaves the rules' own reading
out and measures what the generic readings (shapes/teach.py) reach from the example alone.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import GOLDS, ROOT, SHARED, scorer  # noqa: E402

from minsheng.documents.errors import DocumentError  # noqa: E402
from minsheng.documents.parse import parse_file, read_document  # noqa: E402
from minsheng.documents.shapes.teach import teach  # noqa: E402

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"


def documents() -> list[tuple[Path, Path]]:
    """(document, expected plan) for every fixture and every shared document with a gold plan."""
    out = []
    for expected in sorted(UNSEEN.glob("[0-9][0-9]*_*.json")):
        out += [(p, expected) for p in UNSEEN.glob(expected.stem + ".*") if p.suffix != ".json"]
    for gold in GOLDS:
        out += [(p, gold) for p in sorted((SHARED / "corpus").glob(gold.stem + ".*")) if ".scan" not in p.name]
    return out


def rows(score: Any, gold: dict[str, Any], path: Path, example: dict[str, Any] | None) -> tuple[float, str]:
    try:
        plan = parse_file(path, example=example)
    except DocumentError:
        return 0.0, "refused"
    reading = (plan.taught or {}).get("items", "auto")
    return score.summary(score.score(gold, plan.to_json()))["rows"], reading


def generic(score: Any, gold: dict[str, Any], path: Path) -> tuple[float, str]:
    """Rows with the example and the generic readings only (the rules' own reading left out)."""
    try:
        found = teach(read_document(path), gold["projects"][0], rules=False)
    except DocumentError:
        return 0.0, "none"
    return score.summary(score.score(gold, found.plan.to_json()))["rows"], found.reading.items


def main() -> None:
    score = scorer()
    taught, alone_only, worse = [], [], 0
    print(f"{'document':56} {'alone':>6} {'taught':>7} {'generic':>8}  reading (generic)")
    for path, expected in documents():
        gold = json.loads(expected.read_text(encoding="utf-8"))
        alone, _ = rows(score, gold, path, None)
        with_example, reading = rows(score, gold, path, gold["projects"][0])
        without_rules, kind = generic(score, gold, path)
        taught.append(with_example)
        alone_only.append(without_rules)
        worse += with_example < alone - 1e-9
        print(f"{path.name[:56]:56} {alone:6.3f} {with_example:7.3f} {without_rules:8.3f}  {reading} ({kind})")
    good = sum(1 for r in taught if r >= 0.95)
    print(
        f"teach fixtures {len(taught)} rows_mean {statistics.mean(taught):.3f} "
        f"rows_ge_095 {good}/{len(taught)} worse {worse}"
    )
    good = sum(1 for r in alone_only if r >= 0.95)
    print(
        f"teach-generic-only fixtures {len(alone_only)} rows_mean {statistics.mean(alone_only):.3f} "
        f"rows_ge_095 {good}/{len(alone_only)}"
    )


if __name__ == "__main__":
    main()
