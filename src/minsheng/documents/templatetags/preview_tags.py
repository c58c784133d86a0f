"""The import preview in the clerk's words: `project.sureness|sure_words`, `project|name_cut`."""

from __future__ import annotations

from django import template

from ..parsed import ParsedProject
from ..shapes.sureness import cut_short, in_words

register = template.Library()


@register.filter
def sure_words(sureness: float) -> str:
    return in_words(sureness)


@register.filter
def name_cut(project: ParsedProject) -> bool:
    """A name cut in the middle of a word: the preview marks it with … and shows the whole clause on hover."""
    return cut_short(project)
