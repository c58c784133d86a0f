"""The example's shape, taught to the whole document when its own project already reads right.

A clerk shows the project they see first, and that one usually reads right: the reading
goes wrong further down (a caption taken in under the fifth name, a name cut at a dash
in the tenth). Judged on the example's project alone, every reading ties and the reader's
own wins, so the example teaches nothing. What the example also shows is how its name
and its content stand to each other (matching.shape_kept); a reading that matches the
example as well, cuts the document into as many projects with mostly the same names, and
keeps that shape on more of them is the example's reading of the whole document.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..parsed import ParsedPlan
from .matching import best_fit, shape_kept, standing, text_key

SAME_NAMES = 0.5  # a reshaped reading keeps most names: it reads the same items, each differently


def reshaped(
    own: ParsedPlan, example: dict[str, Any], readings: Iterable[tuple[Any, ParsedPlan]], sure: float
) -> tuple[Any, ParsedPlan] | None:
    """Of the other readings, the one keeping the example's shape on most projects (then the one keeping most
    of `own`'s names), when it keeps it
    on more than `own` does and matches the example (≥ `sure`) and the document as well; else None."""
    floor = shape_kept(own, example)
    if floor >= 1.0:
        return None
    names = [text_key(p.name) for p in own.projects]
    best: tuple[tuple[float, int], Any, ParsedPlan] | None = None
    for reading, plan in readings:
        if len(plan.projects) != len(names) or best_fit(plan, example) < sure:
            continue
        same = sum(text_key(p.name) == n for p, n in zip(plan.projects, names, strict=True))
        kept = shape_kept(plan, example)
        if same < SAME_NAMES * len(names) or kept <= floor or standing(plan, example) < standing(own, example):
            continue
        if best is None or (kept, same) > best[0]:  # of those keeping it alike, the one changing fewest names
            best = ((kept, same), reading, plan)
    return (best[1], best[2]) if best else None
