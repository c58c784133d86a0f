"""Code health of the minsheng package (issue #18), printed as figures:

- files over 400 lines (goal: none), functions over 40 lines (goal: none);
- radon's cyclomatic complexity: the worst grade (goal: no worse than C) and what is worse;
- import cycles between files, and imports from a lower layer to a higher one (goal: none);
- copied logic: six or more lines of the same shape in two places (minsheng/codehealth.py; goal: none);
- parameters named user, plan or task annotated `Any` (goal: none), and of the names beside
  them (session, unit, report, project, office).

`python bench/code_health.py [--root src/minsheng]`; migrations are left out.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from minsheng.codehealth import MAX_FILE, MAX_FUNCTION, complexity, copies, counted, long_functions, sources
from minsheng.importgraph import cycles, import_graph, layer_violations
from minsheng.loose_types import NEAR_NAMES, loose_parameters

ROOT = Path(__file__).resolve().parent.parent / "src" / "minsheng"


def _graph_figures(root: Path) -> tuple[int, int]:
    graph = import_graph(root)
    return len(cycles(graph)), len(layer_violations(graph))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=ROOT)
    root = parser.parse_args().root.resolve()
    files = sources(root)
    name = lambda p: p.relative_to(root.parent).as_posix()  # noqa: E731
    big = [(name(p), n) for p in files if (n := len(p.read_text("utf-8").splitlines())) > MAX_FILE]
    long = [(f"{name(p)}:{f}", n) for p in files for f, n in long_functions(p)]
    blocks = [(f"{name(p)}:{b}", c, r) for p in files for b, c, r in complexity(p)]
    worst = max(blocks, key=lambda b: b[1])
    over_c = [b for b in blocks if b[2] > "C"]
    print(f"代码健康（{root}，{len(files)} 个文件）")
    print(f"  超过 {MAX_FILE} 行的文件：{len(big)}" + "".join(f"\n    {f}（{n} 行）" for f, n in big))
    print(f"  超过 {MAX_FUNCTION} 行的函数：{len(long)}" + "".join(f"\n    {f}（{n} 行）" for f, n in long))
    print(f"  圈复杂度最差：{worst[2]}（{worst[0]}，{worst[1]}）；劣于 C 的：{len(over_c)}")
    for block, value, rank in sorted(over_c, key=lambda b: -b[1]):
        print(f"    {block}：{rank} {value}")
    cycle_count, upward = _graph_figures(root)
    print(f"  文件间循环导入：{cycle_count}；自下而上的导入（页面除外）：{upward}")
    pairs = copies([p for p in files if counted(p)], root)
    listed = "".join(f"\n    {a} ~ {b}" for a, b in pairs)
    print(f"  同形代码（6 行以上两处相同，迁移和 URL 表除外）：{len(pairs)} 对{listed}")
    loose, near = loose_parameters(root), loose_parameters(root, NEAR_NAMES)
    print(f"  标注为 Any 的 user/plan/task 参数：{len(loose)}" + "".join(f"\n    {p}" for p in loose))
    print(f"  标注为 Any 的 session/unit/report/project/office 参数：{len(near)}" + "".join(f"\n    {p}" for p in near))


if __name__ == "__main__":
    main()
