"""A group heading that names who leads its items (`一、县教育局牵头工作（3项）`, `区民政局负责`): the
lead unit of every item under it that names none of its own. The heading still groups the items (it
stays their category); the unit is read by its shape (rules.whole_unit), not from a list of names."""

from __future__ import annotations

import re

from ...text.normal import normal
from ..parsed import ParsedProject
from .rules import whole_unit

# a unit's name, then the word for its role over the group
_LEADS = re.compile(r"^(\S{2,16}?)(?:牵头|负责|主责|承办)")


def read_heading_leads(projects: list[ParsedProject]) -> None:
    """Items with no lead unit under a heading that names one take it; when no item names its own."""
    if any(t.lead_units for p in projects for t in p.tasks):
        return
    for project in projects:
        heading = (project.category or "").strip()
        found = _LEADS.match(normal(heading))
        if found and whole_unit(found.group(1)):
            for task in project.tasks:
                task.lead_units = [heading[: found.end(1)]]  # as printed (normal keeps positions)
