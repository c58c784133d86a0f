"""Parameters that say `Any` where the code knows the type, read from the source (ast), for the
test that keeps them out and for bench/code_health.py (issue #18: "no `Any` on a service's
`user`, `plan` or `task` parameter").

A parameter counts when it bears one of the watched names and its annotation is `Any`, alone or
with None (`Any | None`, `Optional[Any]`, the same in quotes). Who acts is an `Actor`
(accounts/kinds.py); a plan, a task, a project are their models. Migrations are left out.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

# The three names, and those of the same kind that a service takes beside them.
ACTOR_NAMES = frozenset({"user", "plan", "task"})
NEAR_NAMES = frozenset({"session", "unit", "report", "project", "office"})


@dataclass(frozen=True, order=True)
class Loose:
    """One parameter annotated Any: where it is (file relative to the package's parent), in which function."""

    path: str
    line: int
    function: str
    name: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.function}({self.name}: Any)"


def _is_any(node: ast.expr | None) -> bool:
    """`Any`, `typing.Any`, `Any | None`, `None | Any`, `Optional[Any]`, or any of them quoted."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        try:
            node = ast.parse(node.value, mode="eval").body
        except SyntaxError:
            return False
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.BitOr):
        sides = {_name(node.left), _name(node.right)}
        return sides == {"Any", "None"}
    if isinstance(node, ast.Subscript) and _name(node.value) == "Optional":
        return _name(node.slice) == "Any"
    return _name(node) == "Any"


def _name(node: ast.expr | None) -> str | None:
    """The last part of a plain name (`Any`, `typing.Any`), or "None"; None for anything else."""
    if isinstance(node, ast.Constant) and node.value is None:
        return "None"
    if isinstance(node, ast.Name):
        return node.id
    return node.attr if isinstance(node, ast.Attribute) else None


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> Iterator[ast.arg]:
    args = function.args
    yield from args.posonlyargs
    yield from args.args
    yield from args.kwonlyargs


def loose_in_source(source: str, path: str, names: Iterable[str] = ACTOR_NAMES) -> list[Loose]:
    """The parameters named in `names` and annotated Any in one module's source."""
    watched = frozenset(names)
    return sorted(
        Loose(path, arg.lineno, node.name, arg.arg)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        for arg in _parameters(node)
        if arg.arg in watched and _is_any(arg.annotation)
    )


def loose_parameters(root: Path, names: Iterable[str] = ACTOR_NAMES) -> list[Loose]:
    """Every such parameter in the package at `root` (migrations left out)."""
    found: list[Loose] = []
    for path in sorted(root.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        rel = path.relative_to(root.parent).as_posix()
        found.extend(loose_in_source(path.read_text(encoding="utf-8"), rel, names))
    return found
