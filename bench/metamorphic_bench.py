"""The metamorphic suite's figure (issue #26): each text-like fixture whose plan is known, read
again under each change a real copy applies (bench/metamorphic.py), must give the same plan.

Prints per change how many fixtures survive (of those it applies to) and which do not, then the
share of fixture × change pairs read identically. `--list` prints each failing pair's first
difference.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.metamorphic import CHANGES, Fixture, differences, fixtures, variant  # noqa: E402

from minsheng.documents.errors import DocumentError  # noqa: E402
from minsheng.documents.parse import parse_file  # noqa: E402


def read(text: str, fixture: Fixture, folder: Path) -> dict | str:
    path = folder / ("variant" + fixture.path.suffix)
    path.write_text(text, encoding="utf-8")
    try:
        return parse_file(path).to_json()
    except DocumentError as error:
        return f"refused: {error}"


def outcome(fixture: Fixture, change: str, original: dict | str, folder: Path) -> str | None:
    """None where the change does not apply, '' when the plan is the same, else what differs."""
    text = variant(fixture, change)
    if text is None:
        return None
    after = read(text, fixture, folder)
    if isinstance(original, str) or isinstance(after, str):
        return "" if original == after else str(after if isinstance(after, str) else original)
    return differences(original, after)


def main() -> None:
    verbose = "--list" in sys.argv
    cases = fixtures()
    same = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        originals = {f.name: read(f.path.read_bytes().decode("utf-8-sig"), f, folder) for f in cases}
        print(f"{len(cases)} text-like fixtures with a known plan\n")
        print(f"{'change':20} {'survive':>9}  failing")
        for change in CHANGES:
            failing: list[tuple[str, str]] = []
            applied = 0
            for fixture in cases:
                result = outcome(fixture, change, originals[fixture.name], folder)
                if result is None:
                    continue
                applied += 1
                if result:
                    failing.append((fixture.name, result))
            same += applied - len(failing)
            total += applied
            names = ", ".join(n.split("_")[0] if n[0].isdigit() else n for n, _ in failing)
            print(f"{change:20} {applied - len(failing):>4}/{applied:<4}  {names}")
            if verbose:
                for name, why in failing:
                    print(f"    {name}: {why}")
    print(f"\nfixture × change pairs read identically: {same}/{total} = {same / max(1, total):.1%}")


if __name__ == "__main__":
    main()
