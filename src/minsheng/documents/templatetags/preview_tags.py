"""The import preview in the clerk's words: `project.sureness|sure_words`, `project|name_cut`,
`indicator|money` (a target that is a sum of money, marked for the clerk to check), `task|sums_read`."""

from __future__ import annotations

from decimal import Decimal

from django import template

from ...indicators.parsed import ParsedIndicator
from ...plans.fields import label
from ..parsed import ParsedProject, ParsedTask
from ..shapes.sureness import cut_short, in_words, is_money

register = template.Library()


@register.filter
def sure_words(sureness: float) -> str:
    return in_words(sureness)


@register.filter
def name_cut(project: ParsedProject) -> bool:
    """A name cut in the middle of a word: the preview marks it with … and shows the whole clause on hover."""
    return cut_short(project)


@register.filter
def money(indicator: ParsedIndicator) -> bool:
    return is_money(indicator)


@register.filter
def sums_read(task: ParsedTask) -> list[tuple[str, Decimal]]:
    """The task's investment figures as read (万元), kept as its sums and never as targets."""
    return [(label(key), value) for key, value in task.sums.items()]
