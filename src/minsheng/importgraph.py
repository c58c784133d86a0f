"""The import graph of the minsheng package, read from the source (ast), for the tests that
keep dependencies one way and for bench/code_health.py.

Two graphs. Between files (`import_graph`), every import counts, a deferred one inside a function
too; only `if TYPE_CHECKING:` blocks are left out, since they never run. Between apps (`app_graph`),
everything counts, `TYPE_CHECKING` blocks and `apps.get_model` look-ups by label included: it says
which app needs which, and must have no loop at all.

Floors, from the bottom (`FLOORS`): the shared text and helpers (text: normal form and numbers;
flash; loose_types); accounts (identity only: users, audit, rate limits); plans (plans, tasks,
units and who may read them: plans/access.py, plans/gate.py); the 公文 kit (gongwen) and the
targets (indicators); documents (reading a plan); voting; progress; reports; regions; then the API,
the CLI, the demo and the settings. A module may import its own floor and those below. Pages
(views, admin, urls, template tags) compose what they need and are exempt from the floor rule
between files, not from the app graph or the rule against cycles.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

PACKAGE = "minsheng"
FLOORS: tuple[tuple[str, ...], ...] = (
    ("text", "flash", "loose_types", "codehealth", "importgraph"),
    ("accounts",),
    ("plans",),
    ("gongwen", "indicators"),
    ("documents",),
    ("voting",),
    ("progress",),
    ("reports",),
    ("regions",),
)
LAYERS: dict[str, int] = {app: floor for floor, apps in enumerate(FLOORS) for app in apps}
TOP = len(FLOORS)  # api, cli, demo, config, backup and anything new at the top of the package
PAGE_PARTS = ("views", "admin", "urls", "templatetags", "context_processors")
# apps.get_model(label, name): a look-up by app label is a dependency all the same.
GET_MODEL = re.compile(r"""get_model\(\s*["'](\w+)[."']""")


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


def _imports(tree: ast.AST, every: bool = False) -> Iterator[ast.Import | ast.ImportFrom]:
    """The imports that run (`every`: those under `if TYPE_CHECKING:` too)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node) and not every:
            for other in node.orelse:
                yield from _imports(other, every)
            continue
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        yield from _imports(node, every)


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


def app_graph(root: Path) -> dict[str, set[str]]:
    """App → the other apps it needs: every import (TYPE_CHECKING, deferred) and every
    `get_model("app", …)` of the package's own apps. A top-level module is an app of its own."""
    modules = _modules(root)
    apps = {app_of(name) for name in modules}
    graph: dict[str, set[str]] = {app: set() for app in apps}
    for name, (path, is_package) in modules.items():
        package = name if is_package else name.rpartition(".")[0]
        source = path.read_text(encoding="utf-8")
        targets = {t for node in _imports(ast.parse(source), every=True) for t in _targets(node, package)}
        found = {app_of(t) for t in targets if t in modules}
        found |= {label for label in GET_MODEL.findall(source) if label in apps}
        graph[app_of(name)] |= found - {app_of(name)}
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
    """Imports from a lower floor to a higher one, outside pages."""
    return sorted(
        (source, target)
        for source, targets in graph.items()
        if not is_page(source)
        for target in targets
        if LAYERS.get(app_of(target), TOP) > LAYERS.get(app_of(source), TOP)
    )
