"""The import graph of the minsheng package, read from the source (ast), for the test that
keeps dependencies one way and for bench/code_health.py.

Every import counts, a deferred one inside a function too: only `if TYPE_CHECKING:` blocks are
left out (they never run). Layers, from the bottom: plans and accounts; the readers (documents,
indicators); voting; progress; reports; then the API, the CLI, the demo and the settings. A module
may import its own layer and those below. Pages (views, admin, urls, template tags) compose what
they need and are exempt from the layer rule, not from the rule against cycles.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "minsheng"
LAYERS: dict[str, int] = {
    "plans": 0,
    "accounts": 0,
    "documents": 1,
    "indicators": 1,
    "voting": 2,
    "progress": 3,
    "reports": 4,
}
TOP = 9  # api, cli, demo, config, backup and anything new at the top of the package
PAGE_PARTS = ("views", "admin", "urls", "templatetags", "context_processors")
# The 公文 layout kit lives in reports but is used below it (催办单, the report template's
# print set-up, and xlsx_bytes, the one way a workbook is saved so that no cell is a formula):
# known, listed here, and no others may join without changing this list.
KNOWN_UPWARD = {
    ("minsheng.progress.notice_doc", "minsheng.reports.gongwen"),
    ("minsheng.progress.notice_doc", "minsheng.reports.gongwen_table"),
    ("minsheng.progress.notice_doc", "minsheng.reports.models"),
    ("minsheng.progress.workbook", "minsheng.reports.sheets"),
    ("minsheng.voting.roster", "minsheng.reports.sheets"),
}


def _modules(root: Path) -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in root.rglob("*.py"):
        rel = path.relative_to(root.parent).with_suffix("")
        if "migrations" in rel.parts:
            continue
        parts = list(rel.parts)
        package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if package else parts)] = (path, package)
    return found


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST) -> Iterator[ast.Import | ast.ImportFrom]:
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            for other in node.orelse:
                yield from _imports(other)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _imports(node)


def _targets(node: ast.Import | ast.ImportFrom, package: str) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = node.module or ""
    if node.level:
        parts = package.split(".")
        parts = parts[: len(parts) - (node.level - 1)]
        base = ".".join(parts) + (f".{node.module}" if node.module else "")
    return [base] + [f"{base}.{alias.name}" for alias in node.names]


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the package's modules it imports (a `from x import y` counts x, and x.y when a module)."""
    modules = _modules(root)
    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found = {t for node in _imports(tree) for t in _targets(node, package)}
        graph[name] = {t for t in found if t in modules and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Groups of modules that import each other, directly or round a loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in graph.get(node, ()):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def app_of(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def is_page(module: str) -> bool:
    return any(part.startswith(PAGE_PARTS) or part.endswith("_views") for part in module.split(".")[2:])


def layer_violations(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """Imports from a lower layer to a higher one, outside pages and the known list."""
    return sorted(
        (source, target)
        for source, targets in graph.items()
        if not is_page(source)
        for target in targets
        if LAYERS.get(app_of(target), TOP) > LAYERS.get(app_of(source), TOP)
        and (source, target) not in KNOWN_UPWARD
    )
