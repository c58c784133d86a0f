"""Changes a real copy of a progress bulletin applies to its page, for the progress metamorphic suite.

A bulletin published by one office is copied by the next: a news site re-types its punctuation
half-width, a repost prints it in traditional script, a CMS wraps it in breadcrumbs and share
bars, a narrow page breaks lines inside sentences, an editor runs a list into one paragraph. None
of that changes what the bulletin states, so each progress fixture is read again under each change
and must give the same statements (kind, value, unit, group, pair), compared in one normal form.
The page-level pieces (half-width marks, furniture lines, s2t, the normal form) are the plan
suite's (bench/metamorphic_page.py), so both suites apply the same copy.

Used by bench/progress_metamorphic_bench.py (the table) and tests/test_progress_metamorphic.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.metamorphic_page import FURNITURE_AFTER, FURNITURE_BEFORE, FURNITURE_BETWEEN, HALF_OF, canonical, s2t

from minsheng.indicators.progress_reader import read_progress

FIXTURES = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "progress"
TERMINAL = "。；！？;!?"
NUMBERED = re.compile(r"^\s*[*＊★]?\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[)）])")


def fixtures() -> list[Path]:
    return sorted(FIXTURES.glob("*.txt"))


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _halfwidth(text: str) -> str | None:
    changed = text.translate(str.maketrans(HALF_OF))
    return changed if changed != text else None


def _line_breaks(text: str) -> str | None:
    """Each long sentence line broken two thirds along, never inside a run of figures or letters."""
    out, changed = [], False
    for line in _lines(text):
        at = len(line) * 2 // 3
        while 0 < at < len(line) and (line[at - 1].isascii() or line[at].isascii()):
            at += 1
        if len(line) >= 20 and at < len(line) - 1 and re.search(r"[，,。；]", line):
            out += [line[:at], line[at:]]
            changed = True
        else:
            out.append(line)
    return "\n".join(out) if changed else None


def _furniture(text: str) -> str | None:
    """The site's lines before, between (at the middle blank line) and after the bulletin."""
    lines = _lines(text)
    blanks = [i for i, line in enumerate(lines) if not line.strip()]
    middle = blanks[len(blanks) // 2] if blanks else len(lines) // 2
    lines[middle:middle] = ["", *FURNITURE_BETWEEN, ""]
    return "\n".join([*FURNITURE_BEFORE, "", *lines, "", *FURNITURE_AFTER])


def _traditional(text: str) -> str | None:
    changed = s2t().convert(text)
    return changed if changed != text else None


def _one_paragraph(text: str) -> str | None:
    """A list printed one sentence per line, run together into one paragraph: consecutive lines
    that each end a sentence (and are not numbered items) become one line."""
    out: list[str] = []
    changed = False
    for line in _lines(text):
        ends = bool(line.strip()) and line.strip()[-1] in TERMINAL
        if out and ends and out[-1].strip()[-1:] and out[-1].strip()[-1] in TERMINAL and not NUMBERED.match(line):
            out[-1] = out[-1].rstrip() + line.strip()
            changed = True
        else:
            out.append(line)
    return "\n".join(out) if changed else None


CHANGES: dict[str, Callable[[str], str | None]] = {
    "halfwidth": _halfwidth,
    "line_breaks": _line_breaks,
    "furniture": _furniture,
    "traditional": _traditional,
    "one_paragraph": _one_paragraph,
}


def statements(text: str) -> list[tuple[Any, ...]]:
    """A reading in one normal form: group heading, kind, value, unit, and what it pairs with."""
    out = []
    for group in read_progress(text).groups:
        heading = canonical(group.heading)
        for s in group.statements:
            partner = group.statements[s.pairs_with] if s.pairs_with is not None else None
            pair = (partner.kind, partner.value, canonical(partner.unit)) if partner else None
            out.append((heading, s.kind, s.value, canonical(s.unit), pair))
    return out


def applies(path: Path, change: str) -> bool:
    return CHANGES[change](path.read_text(encoding="utf-8")) is not None


def difference(path: Path, change: str, read: Callable[[str], list[tuple[Any, ...]]] = statements) -> str | None:
    """None where the change does not apply, '' when the reading is the same, else the first
    difference. `read` may be a cached `statements` (the test reads each original once for its changes)."""
    text = path.read_text(encoding="utf-8")
    changed = CHANGES[change](text)
    if changed is None:
        return None
    before, after = read(text), read(changed)
    if before == after:
        return ""
    lost = [s for s in before if s not in after]
    extra = [s for s in after if s not in before]
    if not lost and not extra:
        return "same statements in another order or grouping"
    return f"lost {lost[:1]}, extra {extra[:1]} ({len(lost)} lost, {len(extra)} extra)"
