"""How sure the reader is of each project it read, from signals a clerk can check.

Each project's sureness (1.0 = nothing to doubt) rests first on evidence of its own: the
shape of its name (a sentence rather than a name, a bare number left at its end, a heading
or a count statement, a news or time word, a year gone by), whether it has content beyond
its name and targets in it, a field most of its siblings have and it lacks, a project the
next-best reading does not have, a scan's cell read with little confidence. A doubt about
the whole document (a reading that is the reader's best guess rather than a layout it
knows) weighs less: it is the same for every project and cannot tell the clerk where to
look. A count of projects the document states and the reading misses (counts.py) is no
project's evidence at all: the preview says it once, in its notice (best.py). The
preview lists the least sure projects first and opens on the least sure one.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable

from ...indicators.parsed import ParsedIndicator
from ...text.normal import normal
from ..parsed import ParsedPlan, ParsedProject

FIELDS = {"lead_units": "牵头单位", "deadline": "完成时间"}
GUESSED = "文件不是已知的排列，这是最可能的读法"
UNSURE_BELOW = 1.0  # any doubt puts a project on the preview's list to check first
OWN = 0.25  # a doubt from the project's own evidence
WHOLE = 0.1  # a doubt every project of the document shares
SENTENCE_NAME = 30  # a name this long reads as a sentence, not as a project's name
CUT_NAME = 16  # a short name followed by its figures (新建幼儿园 → 新建幼儿园3所) is a name, not a cut one

# Words of a report about a plan rather than of the plan: the time of the news, the reporter.
_NEWS = re.compile(r"昨天|今天|昨日|今日|日前|近日|近期|记者|获悉|报道|本报|讯[（(]|新闻网|据悉|日电|发布会")
# A count of the document's items printed where a name should be: 共8类41项, 十件民生实事.
_COUNT = re.compile(r"共\s*[\d一二三四五六七八九十百]+\s*[类项件个大]|^[\d一二三四五六七八九十]+\s*[件项]")
# A bare number left at either end of a name or inside it between spaces (an item's numbering
# run into the line): …救助 1, …方面 1 将实施…, 2 改造…; a name ending in a figure and a measure word is not one.
_BARE_NUMBER = re.compile(r"\s\d{1,3}$|\s\d{1,3}\s|^\d{1,3}\s")
# Words a category heading ends with: 教育基础设施方面, 民生保障领域, 医疗：…
_HEADING = re.compile(r"(?:方面|领域|板块|篇)(?:\s|$)|^[\u4e00-\u9fff]{2,4}：")
_YEAR = re.compile(r"(?<!\d)(20\d\d|19\d\d)(?:\s*年)")
# Words of spending: a sum the work costs (计划投入500万元, 项目预算, 安排经费), not what it delivers.
# A sum introduced by 投资/资金 is kept as the task's investment, never a target (indicators/extract.py).
_SPENDING = re.compile(r"投入|投资|资金|经费|预算|概算|造价|拨付|筹措")
_PER = re.compile(r"每|人均|户均|[月年]均|标准")


def assess(
    plan: ParsedPlan,
    others: set[str] | None = None,
    guessed: bool = False,
    unsure_places: set[str] | frozenset[str] = frozenset(),
) -> None:
    """Set each project's sureness and doubts. `others`: the runner-up reading's project names (keys
    from teach.text_key); `guessed`: no known layout read the document; `unsure_places`: a scan's
    unsure cells, as the tasks' sources name them."""
    from .teach import text_key  # teach reads plans with this module's caller; no cycle at import

    projects = plan.projects
    whole = [GUESSED] if guessed else []
    with_targets = sum(1 for p in projects if _has_targets(p))
    for project in projects:
        own = _missing(project, projects) + _own_doubts(project, projects, plan.year, with_targets)
        own += _money_doubts(project)
        if others is not None and text_key(project.name) not in others:
            own.append("另一种读法没有读出这个项目")
        if any(t.unsure or unsure_places.intersection(t.source.values()) for t in project.tasks):
            own.append("识别把握不大的单元格")
        project.doubts = own + whole
        project.sureness = round(max(0.0, 1.0 - OWN * len(own) - WHOLE * len(whole)), 2)


def _own_doubts(project: ParsedProject, projects: list[ParsedProject], year: int | None, targeted: int) -> list[str]:
    """What the project's own name and content make doubtful, each check once."""
    name = normal(project.name).strip()
    checks: list[tuple[Callable[[], bool], str]] = [
        (lambda: _NEWS.search(name + _opening(project)) is not None, "名称或开头像新闻报道的话（时间、记者、获悉等）"),
        (lambda: _COUNT.search(name) is not None, "名称像是统计句（共…项），不像项目名称"),
        (lambda: _BARE_NUMBER.search(name) is not None, "名称中有孤立的数字，像是标题和序号连在一起"),
        (lambda: _HEADING.search(name) is not None, "名称像类别标题（……方面、……领域）"),
        (lambda: _past_year(name + _opening(project), year), "提到往年的事，像是背景介绍而不是今年的任务"),
        (lambda: cut_short(project), f"名称在句子中间截断（{len(name)} 字），请核对名称到哪里为止"),
        (lambda: len(name) >= SENTENCE_NAME and "。" in name.rstrip("。"), "名称是几句话，不像项目名称"),
        (lambda: len(name) < 3, f"名称很短（{len(name)} 字）"),
        (lambda: _odd_length(name, projects), f"名称长度（{len(name)} 字）与其他项目相差很大"),
        (lambda: _bare_among_full(project, projects), "其他项目大多有内容，此项只有名称（像是标题）"),
        (lambda: targeted * 2 > len(projects) and _lacks_targets(project), "其他项目大多有指标，此项没有读出指标"),
    ]
    return [reason for check, reason in checks if check()]


def is_money(indicator: ParsedIndicator) -> bool:
    """A sum of money (500万元, 每人每月200元): the preview marks it for the clerk to check."""
    return indicator.unit.split("/")[0].endswith("元")


def _money_total(indicator: ParsedIndicator) -> bool:
    """A total, not a rate or standard (每人每月200元, 人均补助500元): a standard raised is a deliverable."""
    return is_money(indicator) and "/" not in indicator.unit and not _PER.search(indicator.name)


def _money_doubts(project: ParsedProject) -> list[str]:
    """A money total read as a target is the clerk's to check when it reads like spending (a budget
    is no deliverable) or when it is all the project will be measured by."""
    targets = [i for t in project.tasks for i in t.indicators]
    money = [i for i in targets if _money_total(i)]
    spent = [i for i in money if _SPENDING.search(i.name)]
    if spent:
        return [f"指标“{spent[0].text}”是金额，像是经费投入而不是交付的成果，请核对是否应作为指标"]
    if money and len(money) == len(targets):
        return [f"指标只有金额（{money[0].text}），请核对是交付的成果还是经费"]
    return []


def cut_short(project: ParsedProject) -> bool:
    """The name was cut out of a longer clause in the middle of a word (a reader keeps a name to a
    length it may not pass): the content goes on where the name stops, with no stop between."""
    if not project.tasks:
        return False
    name, content = normal(project.name).strip(), normal(project.tasks[0].content).strip()
    if not (len(content) > len(name) >= CUT_NAME and content.startswith(name)):
        return False
    return "\u4e00" <= content[len(name)] <= "\u9fff" and "\u4e00" <= name[-1] <= "\u9fff"  # mid-word


def _opening(project: ParsedProject) -> str:
    """The first words of the project's content: where a news story's time and byline stand."""
    return " " + normal(project.tasks[0].content[:12]) if project.tasks else ""


def _past_year(text: str, year: int | None) -> bool:
    return year is not None and any(int(y) < year for y in _YEAR.findall(text))


def _odd_length(name: str, projects: list[ParsedProject]) -> bool:
    middle = statistics.median(len(p.name) for p in projects) if projects else 0
    return bool(middle) and not middle / 3 <= len(name) <= middle * 3 + 10


def _bare_among_full(project: ParsedProject, projects: list[ParsedProject]) -> bool:
    """A name with nothing else (no content, no target) where most others have content: a heading
    read as a project. In a list of bare names every project is alike and none is doubted."""
    if _has_content(project) or _has_targets(project):
        return False
    full = sum(1 for p in projects if p is not project and _has_content(p))
    return full * 2 > len(projects) - 1


def _has_content(project: ParsedProject) -> bool:
    """Content that says more than the name (a heading read as a project has none)."""
    name = normal(project.name).strip(" 。")
    return any(len(normal(t.content).strip(" 。").replace(name, "", 1)) >= 4 for t in project.tasks)


def _lacks_targets(project: ParsedProject) -> bool:
    """Content with no target read in it (a project with nothing but its name is doubted for that)."""
    return _has_content(project) and not _has_targets(project)


def _has_targets(project: ParsedProject) -> bool:
    return any(t.indicators for t in project.tasks)


def _missing(project: ParsedProject, projects: list[ParsedProject]) -> list[str]:
    """Fields most other projects have and this one lacks."""
    out = []
    for name, label in FIELDS.items():
        having = sum(1 for p in projects if p is not project and any(getattr(t, name) for t in p.tasks))
        if having * 2 > len(projects) - 1 and not any(getattr(t, name) for t in project.tasks):
            out.append(f"其他项目大多有{label}，此项没有")
    return out


def least_sure(plan: ParsedPlan, limit: int = 5) -> list[ParsedProject]:
    """The projects to check first: those below the line, least sure first (a stable sort: of
    equally sure ones, the document's order)."""
    doubtful = [p for p in plan.projects if p.sureness < UNSURE_BELOW]
    return sorted(doubtful, key=lambda p: p.sureness)[:limit]


def in_words(sureness: float) -> str:
    """Sureness as the clerk reads it."""
    if sureness < 0.6:
        return "把握较低"
    return "把握一般" if sureness < 1.0 else "把握较高"
