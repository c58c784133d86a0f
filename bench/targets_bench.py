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

from common import GOLDS, target_scores  # noqa: E402

from minsheng.indicators.extract import extract  # noqa: E402

NAIVE = re.compile(r"(\d+(?:\.\d+)?)([\u4e00-\u9fff%])")


def naive(text: str) -> list[dict[str, Any]]:
    """Every number followed by a unit character, taken at face value."""
    return [
        {"text": m.group(0), "name": "", "value": float(Decimal(m.group(1))), "unit": m.group(2), "op": "eq"}
        for m in NAIVE.finditer(text)
    ]


def texts() -> list[str]:
    return [
        t["content"] for g in GOLDS for p in json.loads(g.read_text(encoding="utf-8"))["projects"] for t in p["tasks"]
    ]


def main() -> None:
    ours = target_scores(lambda text: [i.to_json() for i in extract(text)])
    base = target_scores(naive)
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
