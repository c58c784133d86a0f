"""The progress bulletin (进度通报): the plan as of a date, by category and project,
each target's progress in plain sentences, the tasks behind 序时进度 and overdue,
and a summary at the top. Rendered as a web page, a .docx and (via LibreOffice) a .pdf."""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Iterable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from ..gongwen import document as gongwen
from ..gongwen.pdf import PdfUnavailable, docx_to_pdf  # noqa: F401  (re-exported)
from ..plans.models import Plan
from ..progress.board import Board, TaskRow, build_board
from ..progress.forecast import Forecast
from ..progress.forecast_board import at_risk, board_risks
from ..progress.metrics import Light
from ..progress.models import Report
from ..progress.rules import counting_reports
from ..progress.templatetags.progress_tags import num, pct
from ..text.clause import task_clause
from .models import DEFAULT_ISSUER

# Any figure, Arabic or Chinese (6万, 3-4, 十): a phrase holding one is no clean lead-in.
_FIGURE = re.compile(r"[0-9０-９]|[一二三四五六七八九十百千万亿两]+[个名户台所处座条家项万]")


def cn_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class ProjectNews:
    name: str
    sentences: list[str] = field(default_factory=list)
    narratives: list[str] = field(default_factory=list)


@dataclass
class CategoryNews:
    name: str
    projects: list[ProjectNews] = field(default_factory=list)


@dataclass
class Bulletin:
    plan: Plan
    as_of: datetime.date
    summary: str
    categories: list[CategoryNews]
    behind: list[TaskRow]
    overdue: list[TaskRow]
    unreported: list[str] = field(default_factory=list)
    # Tasks forecast 预计完不成 or 有风险 at the bulletin's date, each with its forecast.
    at_risk: list[tuple[TaskRow, Forecast]] = field(default_factory=list)
    # Projects with several tasks in the plan: a line about one of their tasks names the task.
    several: set[int] = field(default_factory=set)

    @property
    def risk_lines(self) -> list[str]:
        shared = self.several | _shared_projects(row for row, _ in self.at_risk)
        return [forecast_line(row, result, shared) for row, result in self.at_risk]

    @property
    def lagging(self) -> str:
        return default_lagging(self)

    @property
    def next_steps(self) -> str:
        return DEFAULT_NEXT_STEPS

    @property
    def title(self) -> str:
        """As offices title it: 2026年武进区民生实事项目进度通报 (the date is in the lead)."""
        return bulletin_title(self.plan)


def bulletin_title(plan: Plan) -> str:
    place = plan.jurisdiction.name if plan.jurisdiction else ""
    year = f"{plan.year}年" if plan.year else ""
    return f"{year}{place}民生实事项目进度通报"


# What makes an indicator's name a fragment rather than a countable thing (全区 of 实施全区454台,
# 各镇（街道）年内至少在 of …1所学校…, 走进城市邻里等 of …等五方面服务): it ends in a function word
# (在、与、为、至、到、等…), in a verb left without its object, or in a place or qualifier
# (全区、城区、总长); or it is two characters or fewer (双癌、聚湖); or it holds a figure itself.
_FRAGMENT_END = re.compile(
    r"(?:[在与为对至到从向将把其等超约达近逾]|全区|城区|总长|全长|长度|面积|规模"
    r"|提供|实施|打造|改造|更新|建设|服务|涉及|救助|推选|扶持|整治|筹资|开展|完成|新增|覆盖|惠及|提升)$"
)
_QUOTES = '“”""‘’《》（）()'


def is_fragment(words: str) -> bool:
    """True when the words before a figure do not name a countable thing."""
    core = words.strip(_QUOTES + " ")
    return len(core) <= 2 or bool(_FRAGMENT_END.search(core)) or bool(_FIGURE.search(core))


def target_words(target: Any) -> str:
    """The words before a target's figure: the text's own phrase (新增公共停车泊位) when it is a
    clean lead-in; else the indicator's name with 累计完成. A phrase holding a figure of its own
    (为6万名职工提供…, 打造3-4个…) would put two figures in one clause."""
    phrase = target.phrase
    if phrase and phrase.endswith(target.name) and not _FIGURE.search(phrase):
        return phrase
    return f"{target.name}累计完成"


def source_clause(target: Any, content: str) -> str:
    """The clause of the task's text that holds the target (实施全区454台老旧住宅小区电梯更新改造工程):
    the whole phrase a fragment of a name was cut from; when that clause names nothing either
    (总长约7公里, 2024年实施3个), the clause before it too. The target's own text when none holds it."""
    text = target.text.strip()
    clauses = [c.strip() for c in re.split(r"[，,。；;：:\n]", content) if c.strip()]
    at = next((i for i, clause in enumerate(clauses) if text and text in clause), None)
    if at is None:
        return text or target.name
    start = at
    if start > 0 and _names_nothing(clauses[start], target.unit):
        start -= 1
    return "，".join(clauses[start : at + 1])


def _names_nothing(clause: str, unit: str) -> bool:
    """总长约7公里: a fragment before the figure and nothing named after its unit."""
    figure = _FIGURE.search(clause)
    lead = clause[: figure.start()] if figure else clause
    ends_at_unit = bool(unit) and re.search(re.escape(unit) + r"(?:左右|以上|以下|余|多)?$", clause) is not None
    return is_fragment(lead) and ends_at_unit


def target_lead(target: Any, content: str) -> str:
    """The words before the figure a unit reported. When the indicator's name is a fragment, the
    sentence quotes the task's own clause as the target (目标是…，已完成420台), so a reader always
    sees a whole phrase, never 实施全区420台 or 双癌累计完成70户."""
    if not is_fragment(target.name) and not is_fragment(target_words(target).removesuffix("累计完成")):
        return target_words(target)
    return f"目标是{source_clause(target, content)}，已完成"


def target_sentence(row: TaskRow) -> list[str]:
    """新增公共停车泊位303个，完成年度目标的20.2%。"""
    sentences = []
    for target in row.targets:
        if target.actual is None:
            continue
        text = f"{target_lead(target, row.content)}{num(target.actual)}{target.unit}"
        if target.share is not None:
            text += f"，完成年度目标的{pct(target.share)}"
        sentences.append(text + "。")
    if not sentences and row.status:
        sentences.append(f"{row.content.rstrip('。')}：{row.status_label}。")
    return sentences


def _month_end(day: datetime.date) -> bool:
    return (day + datetime.timedelta(days=1)).day == 1


def _summary(plan: Plan, board: Board) -> str:
    """今年确定十大类31大项（79子项）为民生实事项目。截至3月底，…"""
    rows = board.rows
    categories = len({r.category for r in rows if r.category})
    projects = len({r.project_id for r in rows})
    done = sum(1 for r in rows if r.status == Report.Status.DONE)
    on_track = sum(1 for r in rows if r.light in (Light.GREEN, Light.BLUE) and r.status != Report.Status.DONE)
    behind = sum(1 for r in rows if r.light in (Light.YELLOW, Light.RED))
    missing = sum(1 for r in rows if r.light == Light.NONE)
    when = f"{board.as_of.month}月底" if _month_end(board.as_of) else f"{board.as_of.month}月{board.as_of.day}日"
    year = f"{plan.year}年" if plan.year else "今年"
    kinds = f"{gongwen.chinese_numeral(categories)}大类" if 0 < categories < 100 else ""
    overall = board.overall
    return (
        f"{year}确定{kinds}{projects}大项（{len(rows)}子项）为民生实事项目。截至{when}，"
        f"已完成{done}项，按序时推进{on_track}项，滞后{behind}项，未报送{missing}项；"
        f"{overall.coverage_text.replace(' ', '')}，序时进度{pct(overall.expected)}。"
    )


def _units(row: TaskRow) -> str:
    return "、".join(name for _, name in row.units)


def _shared_projects(rows: Iterable[TaskRow]) -> set[int]:
    """Projects with more than one task in a list: each of their lines names its task too."""
    seen = Counter(row.project_id for row in rows)
    return {project for project, count in seen.items() if count > 1}


def task_words(row: TaskRow, shared: AbstractSet[int]) -> str:
    """管网焕新工程（水利局）, or 管网焕新工程中“新建漕桥污水厂进水管2公里”（水利局） when the list
    names several of that project's tasks: five lines of one project name read as one task
    repeated with five figures."""
    units = f"（{_units(row)}）" if row.units else ""
    if row.project_id not in shared:
        return f"{row.project}{units}"
    return f"{row.project}中“{task_clause(row.content)}”{units}"


def forecast_line(row: TaskRow, result: Forecast, shared: AbstractSet[int] = frozenset()) -> str:
    """职业技能培训（人社局）有风险：按1月至6月的进度和…，预计年底完成约620人次（62%），有完不成目标的风险。"""
    return f"{task_words(row, shared)}{result.risk.label}：{result.reason.rstrip('。')}。"


def default_lagging(bulletin: Bulletin) -> str:
    """The 滞后 section the office starts from: the tasks behind 序时进度 and overdue, then
    those forecast to miss the year's target (one line each, with the forecast's reason)."""
    shared = bulletin.several | _shared_projects(bulletin.behind)
    behind = "；".join(
        f"{task_words(r, shared)}完成{pct(r.completion)}，序时进度{pct(r.expected)}" for r in bulletin.behind
    )
    late = [r for r in bulletin.overdue if r.due]
    shared = bulletin.several | _shared_projects(late)
    overdue = "；".join(f"{task_words(r, shared)}截止{cn_date(r.due)}，{r.status_label}" for r in late if r.due)
    text = f"滞后于序时进度的任务：{behind or '无'}。逾期未完成的任务：{overdue or '无'}。"
    if bulletin.at_risk:
        text += f"\n按目前进度预计年底完不成或有完不成风险的任务{len(bulletin.at_risk)}项：\n"
        text += "\n".join(bulletin.risk_lines)
    return text


DEFAULT_NEXT_STEPS = (
    "各牵头单位要对照年度目标和序时进度，倒排工期、挂图作战，确保滞后任务尽快赶上序时进度；"
    "尚未报送进度的单位要于下一报送期前补报。督查室将持续跟踪督办。"
)


def build_bulletin(plan: Plan, as_of: datetime.date) -> Bulletin:
    board = build_board(plan, as_of)
    narratives = dict(counting_reports(plan, as_of).values_list("task_id", "narrative"))
    categories: dict[str, CategoryNews] = {}
    projects: dict[int, ProjectNews] = {}
    for row in board.rows:
        category = categories.setdefault(row.category, CategoryNews(row.category))
        if row.project_id not in projects:
            projects[row.project_id] = ProjectNews(row.project)
            category.projects.append(projects[row.project_id])
        news = projects[row.project_id]
        news.sentences += target_sentence(row)
        if narratives.get(row.id):
            news.narratives.append(narratives[row.id])
    unreported = [p.name for c in categories.values() for p in c.projects if not (p.sentences or p.narratives)]
    for category in categories.values():
        category.projects = [p for p in category.projects if p.sentences or p.narratives]
    reported = [c for c in categories.values() if c.projects]
    risks = at_risk(board.rows, board_risks(board))
    several = _shared_projects(board.rows)
    summary = _summary(plan, board)
    return Bulletin(plan, as_of, summary, reported, board.behind, board.overdue, unreported, risks, several)


@dataclass
class Issue:
    """What the office sets before downloading: the 发文字号 and its own words."""

    head: gongwen.Masthead
    lagging: str = ""
    next_steps: str = ""


def bulletin_docx(bulletin: Bulletin, issue: Issue | None = None) -> bytes:
    """The bulletin as offices write it: a lead paragraph, per category what is done and its
    share, the projects not yet reported named once, then 滞后 and 下一步 in the office's words."""
    issue = issue or Issue(gongwen.Masthead(DEFAULT_ISSUER))
    doc = gongwen.Gongwen(issue.head)
    # The office is the document's author (the PDF made from it says so), not the library.
    doc.doc.core_properties.author = issue.head.issuer
    doc.doc.core_properties.title = bulletin.title
    doc.title(bulletin.title)
    doc.recipients(issue.head.recipients)
    doc.body(bulletin.summary)
    for category in bulletin.categories:
        doc.heading(1, category.name)
        for project in category.projects:
            text = "".join(project.sentences) + "".join(n.rstrip("。") + "。" for n in project.narratives)
            doc.body(f"{project.name}：{text}")
    if bulletin.unreported:
        doc.heading(1, "尚未报送进度的项目")
        doc.body(f"{'、'.join(bulletin.unreported)}，共{len(bulletin.unreported)}个项目尚未报送进度。")
    doc.heading(1, "存在的问题")
    for text in (issue.lagging or bulletin.lagging).splitlines():
        if text.strip():
            doc.body(text.strip())
    doc.heading(1, "下一步工作")
    for text in (issue.next_steps or bulletin.next_steps).splitlines():
        if text.strip():
            doc.body(text.strip())
    today = cn_date(timezone.localdate())
    doc.signature(issue.head.issuer, today)
    doc.record(issue.head.copy_to, issue.head.printer, today)
    return doc.save()
