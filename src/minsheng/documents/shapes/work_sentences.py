"""The last reading of a text document: its sentences that read like work, one project each.

When no rule, no remembered reading and no blind cut (blind.py) finds a plan, a news story may still
state the work in sentences or clauses (`计划新建乡镇敬老院23所；继续实施中小学扩容建设项目，新增学位
2100个`), perhaps under inline labels (`医疗：…`) or category lines (`社会保障`), or numbered by bare
numbers inside a paragraph (` 1 提高…, 2 扩大…`). Each sentence or clause with a work verb
(listing.WORK) or a quantified target (indicators.extract) becomes a project of the category above
it: its name the clause that states the work, up to the first comma, its content the whole clause.
Three or more are needed; fewer, and the page is no plan. The caller marks every project of it a
guess (best.py), for the clerk to check or to teach.
"""

from __future__ import annotations

import re

from ...indicators.extract import extract
from ...text.normal import normal
from ..parsed import ParsedProject, ParsedTask
from .furniture import FURNITURE
from .listing import WORK

MIN_PIECES = 3
NAME_MAX = 30  # a name longer than this is cut at it: the rest stays in the content
_PIECE_END = re.compile(r"[。！？；;!?\n]")
# a piece's leading number or mark: `1 `, `2、`, `（三）`, `一是`, `第一，`
_MARK = re.compile(
    r"^\s*(?:\d{1,2}(?:\s+|[、.．)）])|[（(][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]+[是、]|第[一二三四五六七八九十]+[，、])"
)
# an inline section label opening a piece: `医疗：`, `【教育】`
_LABEL = re.compile(r"^\s*(?:([^，。；：:\s\d]{2,6})[：:]|【([^】]{2,8})】)")
# ` 1 提高…` after a stop, comma or colon: a bare item number (never `于 2025 年`, set off by a PDF)
_NUMBERED = re.compile(r"(?<=[。；;，,：:])\s*(?=\d{1,2}\s+\D)")
# a category's line: a few characters alone, no stop, no figure (`社会保障`, `城乡建设`)
_HEADING = re.compile(r"^[^\s\d，,。；;：:！？!?、]{2,8}$")
_CLAUSE_END = re.compile(r"[，,：:]")


def read_work_sentences(paragraphs: list[str], where: str) -> list[ParsedProject]:
    """One project per sentence or clause that reads like work; none when fewer than three do."""
    projects: list[ParsedProject] = []
    category: str | None = None
    for text in _pieces(paragraphs):
        if _HEADING.match(text):  # `社会保障` on its own line: the items under it are of that kind
            category = text
            continue
        label, body = _labelled(text)
        category = label or category
        if not _reads_like_work(body):
            continue
        seq = len(projects) + 1
        task = ParsedTask(content=body)
        task.indicators = extract(body)
        name = _name(body)
        projects.append(ParsedProject(seq=seq, category=category, name=name, tasks=[task], source=f"{where} 第{seq}句"))
    return projects if len(projects) >= MIN_PIECES else []


def _pieces(paragraphs: list[str]) -> list[str]:
    """The document's sentences and clauses, page furniture left out, leading marks stripped;
    bare numbers set off by spaces inside a paragraph (` 1 …; 2 …`) start a piece of their own."""
    out = []
    for paragraph in paragraphs:
        if FURNITURE.match(normal(paragraph.strip())):
            continue
        if _HEADING.match(paragraph.strip()):
            out.append(paragraph.strip())
            continue
        split = _NUMBERED.sub("\n", paragraph)
        for piece in _PIECE_END.split(split):
            piece = _MARK.sub("", piece).strip(" \t\u3000，,")
            if piece:
                out.append(piece)
    return out


def _labelled(piece: str) -> tuple[str | None, str]:
    """A piece's inline label (`医疗：`), if it opens it, and the piece without it."""
    match = _LABEL.match(piece)
    if match is None or len(piece) - match.end() < 4:
        return None, piece
    return match.group(1) or match.group(2), piece[match.end() :].strip()


def _reads_like_work(piece: str) -> bool:
    """A work verb or a quantified target, in a clause long enough to be a task."""
    return len(piece) >= 6 and _states_work(piece)


def _states_work(text: str) -> bool:
    return bool(WORK.search(normal(text)) or extract(text))


def _name(piece: str) -> str:
    """The clause that states the work: the first comma clause with a work verb or target, else the first."""
    clauses = [c.strip() for c in _CLAUSE_END.split(piece) if c.strip()]
    named = next((c for c in clauses if len(c) >= 4 and _states_work(c)), clauses[0])
    return named[:NAME_MAX]
