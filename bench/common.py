"""Helpers shared by the benchmarks: the shared documents and the scorer."""

from __future__ import annotations

import importlib.util
import json
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLDS = sorted(p for p in (SHARED / "gold").glob("0*.json") if not p.name.endswith(".progress.json"))


def shared_tool(name: str) -> ModuleType:
    """A module of the shared tools (score_plan, score_progress), loaded from its file."""
    spec = importlib.util.spec_from_file_location(name, SHARED / "tools" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scorer() -> ModuleType:
    return shared_tool("score_plan")


def target_scores(extract_json: Callable[[str], list[dict[str, Any]]]) -> dict[str, float]:
    """Precision, recall, F1 and ops of a target extractor on every gold task, by the shared scorer.

    The gold plans are scored with only their targets replaced, so nothing but
    target extraction is measured (used by bench/targets_bench.py and the test floors)."""
    score = scorer()
    totals = {"target_gold": 0, "target_pred": 0, "target_hit": 0, "op_ok": 0}
    for gold_path in GOLDS:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        predicted = json.loads(json.dumps(gold))
        for project in predicted["projects"]:
            for task in project["tasks"]:
                task["indicators"] = extract_json(task["content"])
        counts = score.score(gold, predicted)
        for key in totals:
            totals[key] += counts[key]
    recall = totals["target_hit"] / totals["target_gold"]
    precision = totals["target_hit"] / max(1, totals["target_pred"])
    f1 = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "ops": totals["op_ok"] / max(1, totals["target_hit"])}


def median_ms(func: Callable[[], Any], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


PROGRESS_SEED = next((SHARED / "seeds").glob("001_*.txt"), SHARED / "seeds" / "001.txt")
PROGRESS_GOLD = next((SHARED / "gold").glob("001_*.progress.json"), SHARED / "gold" / "001.progress.json")
PROGRESS_FIXTURES = ROOT / "tests" / "fixtures" / "progress"


def progress_scorer() -> ModuleType:
    return shared_tool("score_progress")


def progress_cases() -> list[tuple[str, Path, Path]]:
    """(name, text, expected reading): the shared bulletin 001 first, then every fixture."""
    cases = [("001", PROGRESS_SEED, PROGRESS_GOLD)]
    for text in sorted(PROGRESS_FIXTURES.glob("*.txt")):
        cases.append((text.stem, text, text.with_suffix(".progress.json")))
    return cases


def progress_scores(read: Callable[[str], Any], text: Path, gold: Path) -> dict[str, Any]:
    """The shared scorer's result for one reading (read: text → progress JSON)."""
    expected = json.loads(gold.read_text(encoding="utf-8"))
    result: dict[str, Any] = progress_scorer().score(expected, read(text.read_text(encoding="utf-8")))
    return result


def django_on_postgres(refusal: str) -> None:
    """Django set up for a PostgreSQL benchmark (test settings, a throwaway data directory, an API
    rate no bench reaches); exits with `refusal` on any other database."""
    import os
    import sys
    import tempfile

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "minsheng.config.settings_test")
    os.environ.setdefault("MINSHENG_DATA_DIR", tempfile.mkdtemp(prefix="minsheng-bench-"))
    os.environ.setdefault("MINSHENG_API_RATE", "6000/m")
    import django

    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit(refusal)


def on_test_database(run: Callable[[], None]) -> None:
    """`run` on a fresh test database (test_ + DATABASE_URL's name), dropped afterwards."""
    from django.conf import settings
    from django.db import connection

    connection.creation.create_test_db(verbosity=0, autoclobber=True)
    try:
        run()
    finally:
        connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)


def published_example_plan() -> Any:
    """The first example plan imported and published, in a county (the filing and voting benches)."""
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Jurisdiction, Plan

    plan = plan_import(path=ROOT / "examples/000_1f7f5f0c3bb78009.docx", user=None, state=Plan.State.PUBLISHED).plan
    if plan.jurisdiction is None:
        plan.jurisdiction = Jurisdiction.objects.create(name="负载测试区", level="county")
        plan.save(update_fields=["jurisdiction"])
    return plan
