"""A task's own cell (not its content) read into the task, by the kind of cell its field
declares (plans/fields.py): units and leaders split into names, a deadline re-joined where it
wrapped, a sum of money read in 万元. Tables, labelled records and cells continued on the next
row all read their cells here."""

from __future__ import annotations

from decimal import Decimal

from ...plans.fields import BY_KEY
from ...text.numbers import wan_yuan
from ..parsed import ParsedTask
from .rules import join_wrapped, split_leaders, split_units


def cell_value(key: str, text: str, known_units: set[str] | frozenset[str] = frozenset()) -> object:
    """The value of `key`'s cell as the task holds it (a list for a list field)."""
    kind = BY_KEY[key].cell
    if kind == "units":
        return split_units(text, known_units)
    if kind == "leaders":
        return split_leaders(text)
    if kind == "money":
        return wan_yuan(join_wrapped(text))
    return join_wrapped(text)


def read_cell(task: ParsedTask, key: str, text: str, known_units: set[str] | frozenset[str] = frozenset()) -> None:
    value = cell_value(key, text, known_units)
    if BY_KEY[key].cell != "money":
        setattr(task, key, value)
    elif isinstance(value, Decimal):
        task.sums[key] = value
    else:
        task.sums.pop(key, None)  # no single sum: none


def continue_cell(task: ParsedTask, key: str, text: str) -> None:
    """A row without content of its own adds its names to the task above (list fields only)."""
    if BY_KEY[key].many:
        getattr(task, key).extend(cell_value(key, text))
