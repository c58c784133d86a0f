"""What the progress reader says of a small text, as the kind tests of each blind round compare it."""

from __future__ import annotations

from decimal import Decimal

from minsheng.indicators.progress_reader import read_progress


def found(text: str) -> list[tuple[str, Decimal, str]]:
    """Each statement's kind, value and unit, in order."""
    return [(s.kind, s.value, s.unit) for s in read_progress(text).statements()]


def pairs(text: str) -> list[tuple[Decimal, Decimal | None]]:
    """Each statement's value with the value of the statement it pairs with (None: unpaired)."""
    statements = read_progress(text).statements()
    return [(s.value, None if s.pairs_with is None else statements[s.pairs_with].value) for s in statements]


def grouped_pairs(text: str) -> list[tuple[Decimal, Decimal | None]]:
    """Each statement's value with the value of the one it pairs with, in its own group."""
    return [
        (s.value, None if s.pairs_with is None else g.statements[s.pairs_with].value)
        for g in read_progress(text).groups
        for s in g.statements
    ]
