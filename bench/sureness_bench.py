"""Is the reader's sureness honest? Every project read from the unseen fixtures (tests/fixtures/unseen)
is checked against the expected plan (its name and every task's content, units, leaders and deadline
the same, by matching.text_key) and counted by its sureness. Prints one line per sureness band (how
many projects, how many right), then the figure that matters: projects read sure (1.0) but wrong,
and refused documents.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT  # noqa: E402

from minsheng.documents.errors import DocumentError  # noqa: E402
from minsheng.documents.parse import parse_file  # noqa: E402
from minsheng.documents.shapes.matching import text_key  # noqa: E402

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"
FIELDS = ("content", "lead_units", "partner_units", "leaders", "deadline")


def _key(project: dict) -> tuple:
    tasks = tuple(tuple(text_key(t.get(f)) for f in FIELDS) for t in project.get("tasks") or [])
    return text_key(project.get("name")), tasks


def main() -> None:
    bands: Counter[tuple[float, bool]] = Counter()
    refused = 0
    sure_wrong: list[str] = []
    for expected in sorted(UNSEEN.glob("[0-9][0-9]*_*.json")):
        (doc,) = [p for p in UNSEEN.glob(expected.stem + ".*") if p.suffix != ".json"]
        gold = {_key(p) for p in json.loads(expected.read_text(encoding="utf-8"))["projects"]}
        try:
            plan = parse_file(doc)
        except DocumentError:
            refused += 1
            continue
        for read, project in zip(plan.to_json()["projects"], plan.projects, strict=True):
            right = _key(read) in gold
            bands[(project.sureness, right)] += 1
            if project.sureness >= 1.0 and not right:
                sure_wrong.append(expected.stem[:2])
    print(f"{'sureness':>8} {'projects':>8} {'right':>6}")
    for level in sorted({s for s, _ in bands}, reverse=True):
        total = bands[(level, True)] + bands[(level, False)]
        print(f"{level:8.2f} {total:8d} {bands[(level, True)]:6d}")
    fixtures = ",".join(sorted(set(sure_wrong)))
    print(f"sure-but-wrong {len(sure_wrong)} projects (fixtures {fixtures or '-'}) refused {refused}")


if __name__ == "__main__":
    main()
