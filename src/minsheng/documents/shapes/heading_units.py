"""Units named once for a group of items. A group heading that names who leads its items
(`一、县教育局牵头工作（3项）`, `区民政局负责`): the
lead unit of every item under it that names none of its own. The heading still groups the items (it
stays their category); the unit is read by its shape (rules.whole_unit), not from a list of names.
And an office's list of its own projects (its name heads the title and signs the page): that office
leads them all."""

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


# A department's name heading a title, before the year or 关于 (某市教育局2024年…公示); never a government's
_OFFICE = re.compile(r"^([\u4e00-\u9fff]{2,20}?(?:局|委员会|办公室|中心))(?=\s*(?:\d{4}\s*年|关于))")


def read_issuer_leads(projects: list[ParsedProject], title: str | None, paragraphs: list[str]) -> None:
    """Items with no unit of their own in a list an office publishes of its own work, its name heading
    the title and signing the page's end: the office leads every one of them."""
    if not title or any(t.lead_units for p in projects for t in p.tasks):
        return
    found = _OFFICE.match(normal(title))
    if found is None or "政府" in found.group(1) or not whole_unit(found.group(1)):
        return
    office = found.group(1)
    lines = [normal(line).strip() for paragraph in paragraphs for line in paragraph.split("\n") if line.strip()]
    if office not in lines[-4:]:  # the signature under the page, as printed over its date
        return
    for project in projects:
        for task in project.tasks:
            task.lead_units = [title[: found.end(1)]]
