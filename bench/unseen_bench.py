"""Rows and targets on the corpus of real layouts the reader was not tuned on (issue #13).

One line per layout in tests/fixtures/unseen/: its name, format, rows (share of expected
task rows with every field right), targets F1, and the median milliseconds to read it; a
refused document counts 0 for both. Then the mean over the layouts and how many were refused.
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import ROOT, median_ms, scorer  # noqa: E402

from minsheng.documents.errors import DocumentError  # noqa: E402
from minsheng.documents.parse import parse_file  # noqa: E402

UNSEEN = ROOT / "tests" / "fixtures" / "unseen"


def main() -> None:
    score = scorer()
    rows, f1s, refused = [], [], 0
    print(f"{'layout':48} {'format':6} {'rows':>6} {'targetsF1':>10} {'ms':>8}")
    for expected in sorted(UNSEEN.glob("[0-9][0-9]*_*.json")):
        (doc,) = [p for p in UNSEEN.glob(expected.stem + ".*") if p.suffix != ".json"]
        gold = json.loads(expected.read_text(encoding="utf-8"))
        try:
            plan = parse_file(doc).to_json()
        except DocumentError:
            refused += 1
            rows.append(0.0)
            f1s.append(0.0)
            print(f"{expected.stem:48} {doc.suffix[1:]:6} {'refused':>17}")
            continue
        result = score.summary(score.score(gold, plan))
        ms = median_ms(lambda doc=doc: parse_file(doc), repeat=5)
        rows.append(result["rows"])
        f1s.append(result["targets_f1"])
        print(f"{expected.stem:48} {doc.suffix[1:]:6} {result['rows']:6.3f} {result['targets_f1']:10.3f} {ms:8.1f}")
    print(
        f"{'mean over ' + str(len(rows)) + ' layouts':55} {statistics.mean(rows):6.3f} "
        f"{statistics.mean(f1s):10.3f}   refused {refused}"
    )


if __name__ == "__main__":
    main()
