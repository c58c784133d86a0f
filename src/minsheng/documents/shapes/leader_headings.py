"""Headings that name the official answerable for the items under them: `一、陈立新市长主抓民生实事`,
`二、分管副市长周敏牵头`. A 责任分解 often groups its items by the leader who owns them; the
heading is then both the items' category and their `leaders`."""

from __future__ import annotations

import re

from ...text.normal import normal

_TITLE = r"(?:常务)?副?(?:省长|市长|区长|县长|州长|旗长|镇长|乡长|书记|主任|秘书长)"
_VERB = r"(?:主抓|分管|牵头|负责|领衔|督办|包抓|联系)"
# 陈立新市长、周敏副市长主抓…: each name (two to three characters) right before its title
_NAMED = re.compile(rf"([\u4e00-\u9fff]{{2,3}}?){_TITLE}")
_HEADING = re.compile(rf"^(?P<by>由)?(?:[\u4e00-\u9fff]{{2,3}}?{_TITLE}[、，和及与]?)+{_VERB}")


def heading_leaders(heading: str | None) -> list[str]:
    """The officials a heading names as answerable for its items; [] for any other heading."""
    if not heading:
        return []
    plain = normal(heading).strip()
    found = _HEADING.match(plain)
    if found is None:
        return []
    start = found.end("by") if found.group("by") else 0
    return [heading[m.start(1) : m.end(1)] for m in _NAMED.finditer(plain, start, found.end())]
