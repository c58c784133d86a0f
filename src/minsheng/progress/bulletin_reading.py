"""The office's upload of a bulletin or a unit's written report: figures read, placed, then accepted.

The way progress was reported before Minsheng: a 进度通报 or a unit's 情况报告 in Word, PDF or a web
page. read_bulletin() reads its text (documents readers), finds the actuals (progress reader) and
places each on the plan's task and indicator it measures (the --plan matching of read-progress).
Nothing is written here; accept() files the ticked proposals in one transaction through
services.enter_for_unit, each figure keeping the sentence it was read from.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from ..accounts.kinds import Actor
from ..documents.errors import DocumentError
from ..indicators.progress_match import MIN_SCORE, Alias, Candidate, best_match, target_of, worded, words_of
from ..indicators.progress_reader import core_of, read_progress
from ..indicators.services import plan_candidates
from ..plans.models import Plan, Task
from ..text.normal import normal
from . import services
from .document_text import progress_text
from .models import Figure, FigureAlias, Report

SUFFIXES = {".txt", ".docx", ".html", ".htm", ".pdf"}


class BulletinError(Exception):
    """A file that gives nothing to accept; the message names the file and why, and `keys` the
    proposals it is about (shown next to those rows)."""

    def __init__(self, message: str, keys: frozenset[str] = frozenset()) -> None:
        super().__init__(message)
        self.keys = keys


@dataclass(frozen=True)
class Entered:
    """What a confirmation filed, and how many ticked figures were already the period's."""

    reports: list[Report]
    same: int


@dataclass
class Proposal:
    key: str
    task_id: int
    indicator_id: int
    indicator_name: str
    target: Decimal
    unit: str
    value: Decimal
    sentence: str
    heading: str
    score: float
    words: str = ""  # what the figure is about: remembered when the office re-pairs it
    read_unit: str = ""  # the unit as printed (15座), never silently the indicator's
    note: str = ""  # 按记住的对应, and the pairing by name it overrides


@dataclass
class Unplaced:
    value: Decimal
    unit: str
    sentence: str
    heading: str
    reason: str
    key: str = ""
    words: str = ""


@dataclass
class BulletinReading:
    name: str
    as_of: str | None
    proposals: list[Proposal] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    tasks: dict[int, Task] = field(default_factory=dict)
    candidates: list[Candidate] = field(default_factory=list)  # what the preview offers to re-pair to

    def by_task(self) -> list[tuple[Task, list[tuple[Proposal, list[Candidate]]]]]:
        """Each task's proposals, each with the indicators it may be re-paired to."""
        order: dict[int, list[tuple[Proposal, list[Candidate]]]] = {}
        for p in self.proposals:
            order.setdefault(p.task_id, []).append((p, self.choices(p.unit)))
        return [(self.tasks[pk], props) for pk, props in order.items()]

    def unplaced_rows(self) -> list[tuple[Unplaced, list[Candidate]]]:
        return [(u, self.choices(u.unit)) for u in self.unplaced]

    def choices(self, unit: str) -> list[Candidate]:
        """The plan's indicators a figure in this unit may be put on: counted in the same unit (15座
        is never filed as 15个)."""
        return [c for c in self.candidates if same_unit(unit, c.unit)]


def same_unit(a: str, b: str) -> bool:
    return normal(a) == normal(b)


def read_bulletin(path: Path, name: str, plan: Plan) -> BulletinReading:
    """Proposals for the plan's tasks from one file; BulletinError when there is nothing to propose."""
    if path.suffix.lower() not in SUFFIXES:
        raise BulletinError(f"{name}：不支持的文件格式，请上传 .txt .docx .html .pdf")
    if path.stat().st_size == 0:
        raise BulletinError(f"{name}：文件是空的")
    try:
        text = progress_text(path)
    except DocumentError as exc:
        raise BulletinError(f"{name}：无法读取（{exc}）") from exc
    if not text.strip():
        raise BulletinError(f"{name}：文件中没有文字（扫描件请先转为文字）")
    reading = read_progress(text[:200_000], year=plan.year)  # 截至6月底 is the plan's year
    candidates = plan_candidates(plan)
    aliases = remembered(plan)
    result = BulletinReading(name, reading.as_of, candidates=candidates)
    for gi, group in enumerate(reading.groups):
        for si, statement in enumerate(group.statements):
            if statement.kind == "actual":
                _place(result, f"{gi}-{si}", statement, group, candidates, aliases)
            elif statement.kind == "share" and not _measured(group.statements, si):
                result.unplaced.append(_rate(f"{gi}-{si}", statement, group))
    if not result.proposals and not result.unplaced:
        raise BulletinError(f"{name}：文中没有读到任何完成数（如“已建成5家”“累计完成投资3.2亿元”）")
    tasks = Task.objects.filter(pk__in={p.task_id for p in result.proposals}).select_related("project")
    result.tasks = {t.pk: t for t in tasks}
    return result


def reading_to_kept(reading: BulletinReading, plan: Plan) -> dict[str, Any]:
    """The preview's reading as JSON, kept beside the upload (documents/intake/staging.py) for the confirmation."""
    proposals = [{**vars(p), "target": str(p.target), "value": str(p.value)} for p in reading.proposals]
    unplaced = [{**vars(u), "value": str(u.value)} for u in reading.unplaced]
    return {"plan": plan.pk, "name": reading.name, "as_of": reading.as_of, "proposals": proposals, "unplaced": unplaced}


def reading_from_kept(data: dict[str, Any], plan: Plan) -> BulletinReading:
    """The reading the preview showed (the file is not read again), its tasks still the plan's."""
    if data["plan"] != plan.pk:
        raise BulletinError(f"{data['name']}：这份材料是为另一个计划上传的，请重新上传")
    proposals = [
        Proposal(**{**p, "target": Decimal(p["target"]), "value": Decimal(p["value"])}) for p in data["proposals"]
    ]
    unplaced = [Unplaced(**{**u, "value": Decimal(u["value"])}) for u in data["unplaced"]]
    ids = {p.task_id for p in proposals}
    tasks = {t.pk: t for t in Task.objects.filter(pk__in=ids, project__plan=plan).select_related("project")}
    if len(tasks) != len(ids):
        raise BulletinError(f"{data['name']}：预览后计划的任务已有变动，请重新上传")
    # the plan's indicators again: a preview shown once more (a refused confirmation) keeps its pickers
    return BulletinReading(data["name"], data["as_of"], proposals, unplaced, tasks, plan_candidates(plan))


def remembered(plan: Plan) -> tuple[Alias, ...]:
    """The office's remembered wordings for the plan's jurisdiction (one query)."""
    rows = FigureAlias.objects.filter(jurisdiction=plan.jurisdiction_id).order_by("-pk")
    return tuple(Alias(a.words, a.project_name, a.indicator_name) for a in rows)


def _place(
    result: BulletinReading,
    key: str,
    statement: Any,
    group: Any,
    candidates: list[Candidate],
    aliases: tuple[Alias, ...],
) -> None:
    target = target_of(group.statements, statement)
    sentence = statement.source or statement.text
    words = words_of(statement, group.heading) or line_words(sentence)
    match = best_match(worded(group.statements, statement), group.heading, target, candidates, aliases, words)
    if match is None or not same_unit(statement.unit, match["unit"]):
        reason = _why_unplaced(statement, candidates, match)
        result.unplaced.append(Unplaced(statement.value, statement.unit, sentence, group.heading, reason, key, words))
        return
    result.proposals.append(
        Proposal(
            key=key,
            task_id=match["task"],
            indicator_id=match["indicator"],
            indicator_name=match["indicator_name"],
            target=Decimal(match["target"]),
            unit=match["unit"],
            value=statement.value,
            sentence=sentence,
            heading=group.heading,
            score=match["score"] if match["score"] >= MIN_SCORE else 0.0,
            words=words,
            read_unit=statement.unit,
            note=_note(match),
        )
    )


def _why_unplaced(statement: Any, candidates: list[Candidate], match: dict[str, Any] | None) -> str:
    if match is not None:  # 15座 beside an indicator in 个: shown, never filed as 15个
        return f"最接近的指标“{match['indicator_name']}”以“{match['unit']}”计量，与原文的“{statement.unit}”不同"
    if not any(same_unit(statement.unit, c.unit) for c in candidates):
        return f"计划中没有以“{statement.unit}”计量的指标"
    return "没有足够相近的指标"


def _note(match: dict[str, Any]) -> str:
    if not match.get("remembered"):
        return ""
    overridden = match.get("by_name")
    return f"按记住的对应（按名称更接近：{overridden}）" if overridden else "按记住的对应"


def _measured(statements: list[Any], index: int) -> bool:
    """A share an actual points to (占计划的53% beside 800个) is shown with that actual's row."""
    share = statements[index]
    return any(s.kind == "actual" and (s.pairs_with == index or s.partner is share) for s in statements)


def _rate(key: str, statement: Any, group: Any) -> Unplaced:
    """A progress rate with no count beside it (推进停车便利化 80%): listed, never dropped from the page."""
    sentence = statement.source or statement.text
    reason = "进度百分比，不是完成数（可对应到以“%”计量的指标）"
    words = words_of(statement, group.heading) or line_words(sentence)
    return Unplaced(statement.value, statement.unit, sentence, group.heading, reason, key, words)


_FIGURE = re.compile(r"\d[\d.,，]*\s*[万萬亿億千]?[^\s\d，,。；;：:、（()）]?")


def line_words(sentence: str) -> str:
    """What a line is about when its figure has no words of its own: the first clause's words with its
    figures and progress words taken out (新增公共停车泊位 800个 → 新增公共停车泊位), or "" (已完成800个)."""
    for clause in re.split(r"[，,。；;：:！？!?（()）|\s]+", sentence):
        words = "".join(_FIGURE.split(core_of(clause)))
        if len(words) >= 2:
            return words[:200]
    return ""


def accept(reading: BulletinReading, keys: set[str], period_end: datetime.date, user: Actor) -> Entered:
    """File the ticked proposals, one new report version per task, all or nothing; a task whose
    ticked figures are all what its current report for the period already says gets no copy
    (the same file confirmed twice files nothing the second time)."""
    chosen = [p for p in reading.proposals if p.key in keys]
    unpaired = frozenset(u.key for u in reading.unplaced if u.key in keys)
    if unpaired:
        raise BulletinError("勾选的数字还没有选择对应的指标：请在“对应到”中选择，或取消勾选", unpaired)
    if not chosen:
        raise BulletinError("请至少勾选一个要采用的完成数")
    per_task: dict[int, dict[int, Proposal]] = {}
    for p in chosen:
        figures = per_task.setdefault(p.task_id, {})
        if p.indicator_id in figures:
            both = frozenset({figures[p.indicator_id].key, p.key})
            raise BulletinError(f"“{p.indicator_name}”勾选了两个完成数，请只保留一个", both)
        figures[p.indicator_id] = p
    current = _current_figures(set(per_task), period_end)
    fresh = {pk: f for pk, f in per_task.items() if {i: p.value for i, p in f.items()}.items() - current[pk].items()}
    same = sum(len(f) for pk, f in per_task.items() if pk not in fresh)
    with transaction.atomic():
        reports = [_enter(reading, reading.tasks[pk], figures, period_end, user) for pk, figures in fresh.items()]
    return Entered(reports, same)


def _current_figures(task_ids: set[int], period_end: datetime.date) -> dict[int, dict[int, Decimal]]:
    """Each task's figures in its newest version for the period (empty when none), in one query."""
    rows = Figure.objects.filter(report__task_id__in=task_ids, report__period_end=period_end)
    newest: dict[int, int] = {}
    found: dict[int, dict[int, Decimal]] = {pk: {} for pk in task_ids}
    for task_id, version, indicator_id, actual in rows.order_by("-report__version").values_list(
        "report__task_id", "report__version", "indicator_id", "actual"
    ):
        if newest.setdefault(task_id, version) == version:
            found[task_id][indicator_id] = actual
    return found


def _enter(
    reading: BulletinReading, task: Task, figures: dict[int, Proposal], period_end: datetime.date, user: Actor
) -> Report:
    last = Report.objects.filter(task=task).order_by("-period_end", "-version").values_list("status", flat=True)
    status = last.first() or Report.Status.IN_PROGRESS
    # a sentence that gives two figures is quoted once
    sentences = dict.fromkeys(p.sentence.strip() for p in figures.values())
    narrative = f"据《{reading.name}》：" + "".join(s if s.endswith(_STOPS) else s + "；" for s in sentences)
    return services.enter_for_unit(
        user=user,
        task=task,
        filing=services.Filing(
            period_end=period_end,
            status=status,
            narrative=narrative,
            figures={pk: p.value for pk, p in figures.items()},
            base_version=services.latest_version(task, period_end),
        ),
        sources={pk: p.sentence for pk, p in figures.items()},
    )


_STOPS = ("。", "；", "！", "？", ";")
