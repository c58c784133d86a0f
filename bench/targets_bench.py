"""Target extraction on the gold: precision, recall, F1 and ops, beside a naive baseline; throughput."""

from __future__ import annotations

import json
import re
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import GOLDS, scorer  # noqa: E402

from minsheng.indicators.extract import extract  # noqa: E402

NAIVE = re.compile(r"(\d+(?:\.\d+)?)([\u4e00-\u9fff%])")


def naive(text: str) -> list[dict[str, Any]]:
    """Every number followed by a unit character, taken at face value."""
    return [
        {"text": m.group(0), "name": "", "value": float(Decimal(m.group(1))), "unit": m.group(2), "op": "eq"}
        for m in NAIVE.finditer(text)
    ]


def evaluate(extractor: Any) -> dict[str, float]:
    score = scorer()
    totals = {"target_gold": 0, "target_pred": 0, "target_hit": 0, "op_ok": 0}
    for gold_path in GOLDS:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        predicted = json.loads(json.dumps(gold))
        for project in predicted["projects"]:
            for task in project["tasks"]:
                task["indicators"] = extractor(task["content"])
        counts = score.score(gold, predicted)
        for key in totals:
            totals[key] += counts[key]
    recall = totals["target_hit"] / totals["target_gold"]
    precision = totals["target_hit"] / max(1, totals["target_pred"])
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "ops": totals["op_ok"] / max(1, totals["target_hit"])}


def texts() -> list[str]:
    return [
        t["content"] for g in GOLDS for p in json.loads(g.read_text(encoding="utf-8"))["projects"] for t in p["tasks"]
    ]


def main() -> None:
    ours = evaluate(lambda text: [i.to_json() for i in extract(text)])
    base = evaluate(naive)
    print(f"{'extractor':10} {'precision':>9} {'recall':>7} {'F1':>6} {'ops':>6}")
    for label, result in (("minsheng", ours), ("naive", base)):
        print(f"{label:10} {result['precision']:9.3f} {result['recall']:7.3f} {result['f1']:6.3f} {result['ops']:6.3f}")
    corpus = texts()
    rounds = max(1, 20000 // len(corpus))
    start = time.perf_counter()
    for _ in range(rounds):
        for text in corpus:
            extract(text)
    elapsed = time.perf_counter() - start
    print(
        f"throughput: {rounds * len(corpus) / elapsed:,.0f} task texts per second on one core "
        f"({len(corpus)} texts x {rounds} rounds)"
    )


if __name__ == "__main__":
    main()
