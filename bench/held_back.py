"""A blind round's reading (issues #26, #28): the figure that counts is this, run once on a new round.

    python bench/held_back.py tests/fixtures/held_back/round20

Plans (ROUND/plans/*.json beside their documents): rows and targets F1 with no help, then rows with
the expected plan's first project as the clerk's example. Bulletins (ROUND/progress/*.progress.json
beside their .txt): F1 and pairing, at goal when F1 ≥ 0.85 and pairing ≥ 0.80. Each part ends with one
line a script can read (`blind plans …`, `blind bulletins …`).
"""

from __future__ import annotations

import json
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import progress_scorer, scorer  # noqa: E402

from minsheng.documents.errors import DocumentError  # noqa: E402
from minsheng.documents.parse import parse_file  # noqa: E402
from minsheng.indicators.progress_reader import read_progress  # noqa: E402


def plan_scores(doc: Path, gold: dict, example: dict | None) -> tuple[float, float]:
    score = scorer()
    try:
        plan = parse_file(doc, example=example).to_json()
    except DocumentError:
        return 0.0, 0.0
    result = score.summary(score.score(gold, plan))
    return result["rows"], result["targets_f1"]


def plans(folder: Path) -> None:
    alone, taught = [], []
    print(f"{'plan':60} {'rows':>6} {'tgtF1':>6} {'taught':>7}")
    for expected in sorted(folder.glob("[0-9]*_*.json")):
        (doc,) = [p for p in folder.glob(expected.stem + ".*") if p.suffix != ".json"]
        gold = json.loads(expected.read_text(encoding="utf-8"))
        rows, f1 = plan_scores(doc, gold, None)
        with_example, _ = plan_scores(doc, gold, gold["projects"][0] if gold["projects"] else None)
        alone.append(rows)
        taught.append(with_example)
        print(f"{expected.stem[:60]:60} {rows:6.3f} {f1:6.3f} {with_example:7.3f}")
    if alone:
        exact = sum(r >= 1 - 1e-9 for r in alone)
        exact_taught = sum(r >= 1 - 1e-9 for r in taught)
        print(
            f"blind plans {len(alone)} exact {exact} rows_mean {statistics.mean(alone):.3f} "
            f"taught_exact {exact_taught} taught_rows_mean {statistics.mean(taught):.3f}"
        )


def bulletins(folder: Path) -> None:
    score = progress_scorer()
    f1s, pairings, at_goal = [], [], 0
    print(f"{'bulletin':60} {'F1':>6} {'pairing':>8}")
    for gold_path in sorted(folder.glob("*.progress.json")):
        text = gold_path.with_name(gold_path.name.replace(".progress.json", ".txt"))
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        result = score.score(gold, read_progress(text.read_text(encoding="utf-8")).to_json())
        f1s.append(result["f1"])
        pairings.append(result["pairing_accuracy"])
        at_goal += result["f1"] >= 0.85 and result["pairing_accuracy"] >= 0.80
        print(f"{text.stem[:60]:60} {result['f1']:6.3f} {result['pairing_accuracy']:8.3f}")
    if f1s:
        print(
            f"blind bulletins {len(f1s)} at_goal {at_goal} f1_mean {statistics.mean(f1s):.3f} "
            f"pairing_mean {statistics.mean(pairings):.3f}"
        )


def main() -> None:
    if len(sys.argv) != 2 or not Path(sys.argv[1]).is_dir():
        sys.exit("用法：python bench/held_back.py 轮次目录（内含 plans/ 与 progress/）")
    folder = Path(sys.argv[1])
    plans(folder / "plans")
    bulletins(folder / "progress")


if __name__ == "__main__":
    main()
