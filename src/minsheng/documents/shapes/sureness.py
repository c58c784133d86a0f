"""How sure the reader is of each project it read, from signals a clerk can check.

Each signal lowers a project's sureness (1.0 = nothing to doubt) and says why:
a field most of its siblings have and it lacks, a name or content of unusual
length, a project the next-best reading does not have (the candidate readings
disagree), a scan's cell read with little confidence, a reading that is the
reader's best guess rather than a layout it knows, a count of projects the document
never states (counts.py). The preview lists the least
sure projects first.
"""

from __future__ import annotations

import statistics

from ..parsed import ParsedPlan, ParsedProject

FIELDS = {"lead_units": "牵头单位", "deadline": "完成时间"}
GUESSED = "文件不是已知的排列，这是最可能的读法"
UNSURE_BELOW = 1.0  # any doubt puts a project on the preview's list to check first


def assess(
    plan: ParsedPlan,
    others: set[str] | None = None,
    guessed: bool = False,
    unsure_places: set[str] | frozenset[str] = frozenset(),
    stated: set[int] | frozenset[int] = frozenset(),
) -> None:
    """Set each project's sureness and doubts. `others`: the runner-up reading's project names (keys
    from teach.text_key); `guessed`: no known layout read the document; `unsure_places`: a scan's
    unsure cells, as the tasks' sources name them; `stated`: the project counts the document states
    (counts.py): a reading with none of them is in doubt everywhere."""
    from .teach import text_key  # teach reads plans with this module's caller; no cycle at import

    projects = plan.projects
    lengths = [len(p.name) for p in projects]
    middle = statistics.median(lengths) if lengths else 0
    for project in projects:
        doubts = _missing(project, projects)
        if middle and not middle / 3 <= len(project.name) <= middle * 3 + 10:
            doubts.append(f"名称长度（{len(project.name)} 字）与其他项目相差很大")
        if any(len(t.content.strip()) < 4 for t in project.tasks):
            doubts.append("内容过短")
        if others is not None and text_key(project.name) not in others:
            doubts.append("另一种读法没有读出这个项目")
        if any(t.unsure or unsure_places.intersection(t.source.values()) for t in project.tasks):
            doubts.append("识别把握不大的单元格")
        if guessed:
            doubts.append(GUESSED)
        if stated and len(projects) not in stated:
            told = "、".join(str(n) for n in sorted(stated))
            doubts.append(f"文件写明 {told} 项，读出 {len(projects)} 项")
        project.doubts = doubts
        project.sureness = round(max(0.0, 1.0 - 0.2 * len(doubts)), 2)


def _missing(project: ParsedProject, projects: list[ParsedProject]) -> list[str]:
    """Fields most other projects have and this one lacks."""
    out = []
    for name, label in FIELDS.items():
        having = sum(1 for p in projects if p is not project and any(getattr(t, name) for t in p.tasks))
        if having * 2 > len(projects) - 1 and not any(getattr(t, name) for t in project.tasks):
            out.append(f"其他项目大多有{label}，此项没有")
    return out


def least_sure(plan: ParsedPlan, limit: int = 5) -> list[ParsedProject]:
    """The projects to check first: those below the line, least sure first."""
    doubtful = [p for p in plan.projects if p.sureness < UNSURE_BELOW]
    return sorted(doubtful, key=lambda p: p.sureness)[:limit]
