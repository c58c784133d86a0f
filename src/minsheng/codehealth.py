"""The code's measured health (issue #18), for bench/code_health.py and tests/test_code_health.py:
files over 400 lines, functions over 40, radon's complexity, and copied logic.

Copied logic is six or more lines of the same shape in two places.

A line's shape is its tokens with every name, string and number made alike, so
`total = sum(r.value for r in rows)` and `count = sum(t.share for t in items)` are the same
shape. Comments, docstrings, blank lines and imports do not count; nor do a class's own
fields and runs made of one or two shapes only (declarations, not logic), nor runs that end
one top-level function and begin the next (the layout of a module of views). Migrations and
URL lists are left out, as the issue says.

`python -m minsheng.copies [--root src/minsheng] [--lines 6]` prints each pair; bench/code_health.py
prints the count and tests/test_code_health.py keeps it at none.
"""

from __future__ import annotations

import argparse
import ast
import io
import keyword
import tokenize
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
MAX_FILE, MAX_FUNCTION = 400, 40
RUN = 6
MIN_SHAPES = 3  # a run of fewer distinct line shapes is a declaration list
SKIPPED = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.ENCODING}


def sources(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "migrations" not in p.parts)


def long_functions(path: Path) -> list[tuple[str, int]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (node.name, (node.end_lineno or node.lineno) - node.lineno + 1)
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (node.end_lineno or node.lineno) - node.lineno + 1 > MAX_FUNCTION
    ]


def complexity(path: Path) -> list[tuple[str, int, str]]:
    """radon's cyclomatic complexity and grade of each function (radon is a development tool,
    imported here only: the site never calls this)."""
    from radon.complexity import cc_rank, cc_visit

    return [(block.name, block.complexity, cc_rank(block.complexity)) for block in cc_visit(path.read_text("utf-8"))]


@dataclass(frozen=True)
class Place:
    path: str
    first: int
    last: int

    def __str__(self) -> str:
        return f"{self.path}:{self.first}-{self.last}"


def counted(path: Path) -> bool:
    return "migrations" not in path.parts and path.name != "urls.py"


def declarations(tree: ast.Module) -> set[int]:
    """The first lines of a class's own fields and settings (`name = models.CharField(…)`,
    `seats: int = 3`, `class Meta:`): declarations, never logic."""
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            lines.add(node.lineno)
            lines.update(s.lineno for s in node.body if isinstance(s, ast.Assign | ast.AnnAssign | ast.ClassDef))
    return lines


def blocks(tree: ast.Module) -> dict[int, int]:
    """Line → the top-level statement it belongs to (a function with its decorators, a
    class): a run that ends one function and starts the next is layout, not copied logic."""
    found: dict[int, int] = {}
    for index, node in enumerate(tree.body):
        first = min([node.lineno, *(d.lineno for d in getattr(node, "decorator_list", []))])
        found.update((line, index) for line in range(first, (node.end_lineno or node.lineno) + 1))
    return found


def shapes(text: str) -> list[tuple[int, str]]:
    """(line number, shape) of each line of code, in order; a statement over several lines
    is one shape at its first line, prefixed by its top-level block's number so that runs do
    not cross blocks. A declaration has no shape (""): no run crosses it."""
    tree = ast.parse(text)
    declared, block = declarations(tree), blocks(tree)
    lines: dict[int, list[str]] = defaultdict(list)
    start = None
    previous = None
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type in SKIPPED:
            if tok.type == tokenize.NEWLINE:
                start = None
            continue
        if start is None:
            start = tok.start[0]
            if tok.type == tokenize.STRING and previous in (None, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT):
                start = None  # a docstring (or a bare string statement)
                continue
        lines[start].append(_token_shape(tok))
        previous = tok.type
    out = [(n, "" if n in declared else " ".join(parts)) for n, parts in sorted(lines.items())]
    return [(n, f"{block.get(n, -1)}|{s}" if s else s) for n, s in out if not s.startswith(("import ", "from "))]


def _token_shape(tok: tokenize.TokenInfo) -> str:
    if tok.type == tokenize.NAME:
        return tok.string if keyword.iskeyword(tok.string) or keyword.issoftkeyword(tok.string) else "N"
    if tok.type in (tokenize.STRING, getattr(tokenize, "FSTRING_START", -1)):
        return "S"
    if tok.type == tokenize.NUMBER:
        return "0"
    return tok.string if tok.type == tokenize.OP else tok.type.__class__.__name__


def copies(files: list[Path], root: Path, run: int = RUN) -> list[tuple[Place, Place]]:
    """Pairs of places sharing `run` or more lines of the same shape, longest first; a pair of
    places is reported once, however many windows of it match."""
    seen: dict[tuple[str, ...], list[tuple[str, int, int]]] = defaultdict(list)
    for path in files:
        name = path.relative_to(root.parent).as_posix()
        rows = shapes(path.read_text(encoding="utf-8"))
        for i in range(len(rows) - run + 1):
            window = tuple(s for _, s in rows[i : i + run])
            if "" in window or len({s.split("|", 1)[0] for s in window}) > 1:
                continue  # a declaration, or two top-level blocks
            shape = tuple(s.split("|", 1)[1] for s in window)
            if len(set(shape)) >= MIN_SHAPES:
                seen[shape].append((name, rows[i][0], rows[i + run - 1][0]))
    pairs: dict[tuple[str, str], tuple[Place, Place]] = {}
    for places in seen.values():
        for a, b in zip(places, places[1:], strict=False):
            if a[0] == b[0] and a[2] >= b[1]:
                continue  # overlapping windows of one repeated block
            key = (f"{a[0]}:{a[1] // 50}", f"{b[0]}:{b[1] // 50}")
            first, second = Place(*a), Place(*b)
            if key in pairs:  # widen the pair already found near here
                old = pairs[key]
                first = Place(a[0], min(old[0].first, a[1]), max(old[0].last, a[2]))
                second = Place(b[0], min(old[1].first, b[1]), max(old[1].last, b[2]))
            pairs[key] = (first, second)
    return sorted(pairs.values(), key=lambda p: p[0].first - p[0].last)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    parser.add_argument("--lines", type=int, default=RUN)
    args = parser.parse_args()
    root = args.root.resolve()
    files = sorted(p for p in root.rglob("*.py") if counted(p))
    found = copies(files, root, args.lines)
    print(f"同形代码（连续 {args.lines} 行以上、两处相同形状）：{len(found)} 对")
    for a, b in found:
        print(f"  {a} ~ {b}")


if __name__ == "__main__":
    main()
