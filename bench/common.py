"""Helpers shared by the benchmarks: the shared documents and the scorer."""

from __future__ import annotations

import importlib.util
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLDS = sorted(p for p in (SHARED / "gold").glob("0*.json") if not p.name.endswith(".progress.json"))


def scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_plan", SHARED / "tools" / "score_plan.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def median_ms(func: Callable[[], Any], repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
