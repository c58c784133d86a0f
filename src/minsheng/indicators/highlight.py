"""Task content as HTML with each target's span marked."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .models import Indicator


def highlight(content: str, indicators: Iterable[Indicator]) -> SafeString:
    spans = sorted(
        (i for i in indicators if i.start is not None and i.end is not None and content[i.start : i.end] == i.text),
        key=lambda i: i.start or 0,
    )
    parts: list[SafeString] = []
    cursor = 0
    for ind in spans:
        start, end = ind.start or 0, ind.end or 0
        if start < cursor:
            continue  # overlapping spans: keep the first
        parts.append(format_html("{}", content[cursor:start]))
        parts.append(format_html('<mark class="target" title="{}">{}</mark>', _reading(ind), content[start:end]))
        cursor = end
    parts.append(format_html("{}", content[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped by format_html


def _reading(ind: Indicator) -> str:
    value = format(ind.value.normalize(), "f")
    if ind.high is not None:
        value += "–" + format(ind.high.normalize(), "f")
    return f"{ind.name}：{ind.get_op_display()} {value} {ind.unit}"
