"""Progress reading: F1, kind accuracy and pairing on 001 and each fixture, beside a naive baseline; speed."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import progress_cases, progress_scores  # noqa: E402

from minsheng.indicators.extract import quantities  # noqa: E402
from minsheng.indicators.progress_reader import SENTENCE_BREAK, read_progress  # noqa: E402


def naive(text: str) -> list[dict[str, Any]]:
    """Every number with a unit after 已 or 完成 in its clause is an actual; nothing is paired."""
    found = []
    for clause in re.split(r"[，,。；;！？\n]", text):
        cue = re.search(r"已|完成", clause)
        for q in quantities(clause):
            if cue and q.start > cue.start():
                found.append({"text": clause, "kind": "actual", "value": float(q.value), "unit": q.unit, "op": "eq"})
    return found


def ours(text: str) -> dict[str, Any]:
    return read_progress(text).to_json()


def speed() -> tuple[float, int]:
    texts = [text.read_text(encoding="utf-8") for _, text, _ in progress_cases()]
    sentences = sum(len([s for s in re.split(f"[{SENTENCE_BREAK}]", t) if s.strip()]) for t in texts)
    rounds = max(1, 20000 // sentences)
    # CPU time of this process: the machine is shared, and wall time counts the other jobs too
    start = time.process_time()
    for _ in range(rounds):
        for text in texts:
            read_progress(text)
    return rounds * sentences / (time.process_time() - start), sentences


def main() -> None:
    print(f"{'document':28} {'reader':7} {'F1':>6} {'kind':>6} {'pairing':>8}")
    floors_ok = True
    for name, text, gold in progress_cases():
        for label, read in (("ours", ours), ("naive", naive)):
            r = progress_scores(read, text, gold)
            print(f"{name:28} {label:7} {r['f1']:6.3f} {r['kind_accuracy']:6.3f} {r['pairing_accuracy']:8.3f}")
            if label == "ours":
                f1, kind, pairing = (0.95, 0.95, 0.90) if name == "001" else (0.85, 0.0, 0.80)
                floors_ok &= r["f1"] >= f1 and r["kind_accuracy"] >= kind and r["pairing_accuracy"] >= pairing
    per_second, sentences = speed()
    print(f"speed: {per_second:,.0f} sentences per CPU second on one core ({sentences} sentences; goal ≥ 2,000)")
    floors = "001: F1 ≥ 0.95, kind ≥ 0.95, pairing ≥ 0.90; fixtures: F1 ≥ 0.85, pairing ≥ 0.80"
    print(f"floors ({floors}):", "met" if floors_ok else "NOT MET")


if __name__ == "__main__":
    main()
