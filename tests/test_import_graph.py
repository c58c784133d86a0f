"""Dependencies point one way and no files import each other (minsheng/importgraph.py reads
the source): a new cycle or an import from a lower layer to a higher one fails here."""

from __future__ import annotations

from pathlib import Path

import minsheng
from minsheng.importgraph import app_of, cycles, import_graph, is_page, layer_violations

ROOT = Path(minsheng.__file__).parent
GRAPH = import_graph(ROOT)


def test_no_two_files_import_each_other() -> None:
    assert cycles(GRAPH) == []


def test_plans_at_the_bottom_imports_none_of_the_apps_above_it() -> None:
    above = {"documents", "indicators", "progress", "reports", "voting", "api"}
    wrong = [
        (source, target)
        for source, targets in GRAPH.items()
        if app_of(source) == "plans" and not is_page(source)
        for target in targets
        if app_of(target) in above
    ]
    assert wrong == []


def test_no_model_service_or_rule_imports_upward() -> None:
    assert layer_violations(GRAPH) == []


def test_the_reader_sees_deferred_imports_and_cycles() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    # The demo imports its year inside a function: a deferred import is an edge all the same.
    assert "minsheng.demo_year" in GRAPH["minsheng.demo"]
    assert layer_violations({"minsheng.plans.models": {"minsheng.progress.board"}}) != []
    assert layer_violations({"minsheng.plans.views": {"minsheng.progress.board"}}) == []
