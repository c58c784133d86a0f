"""The progress metamorphic table (issue #28): each progress fixture read again under each change a
real copy applies (bench/progress_metamorphic.py) must give the same statements. Prints per change
how many fixtures survive of those it applies to, and which do not (`--list`: the first difference)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.progress_metamorphic import CHANGES, difference, fixtures  # noqa: E402


def main() -> None:
    show = "--list" in sys.argv
    total = same = 0
    print(f"{'change':15} {'same':>5} {'of':>4}  failing")
    for change in CHANGES:
        outcomes = {path.stem: difference(path, change) for path in fixtures()}
        applied = {name: o for name, o in outcomes.items() if o is not None}
        failing = {name: o for name, o in applied.items() if o}
        total += len(applied)
        same += len(applied) - len(failing)
        print(f"{change:15} {len(applied) - len(failing):5} {len(applied):4}  {', '.join(n[:2] for n in failing)}")
        if show:
            for name, what in failing.items():
                print(f"    {name}: {what}")
    print(f"all: {same} of {total} fixture × change pairs read the same ({same / max(total, 1):.1%})")


if __name__ == "__main__":
    main()
