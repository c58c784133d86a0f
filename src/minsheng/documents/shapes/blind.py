"""Reading a document no known layout reads, with no example: the cuts teaching knows, tried blind.

Teaching (teach.py, learned.py) finds a reading from where the clerk's example sits. With no
example the same kinds of cut are enumerated from the text itself — a learned mark for every mark
two or more lines start with (learned.marks_of), a run of names in a sentence for every clause of
three or more names split by 、 after a listing word (`包括`, `票决出`, a colon) — and each reading
is judged by properties any plan has, none of one layout's words:

- the document states how many projects it holds (counts.py) and the reading has that many;
- its names are of like length, neither person names (two or three characters) nor paragraphs;
- its items read like work (a work verb or a target in them).

`rank` orders readings by these; best.read_best uses the best when the rules find nothing, or when
the rules' reading has a count the document never states and a blind one has a stated count.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterator

from ...indicators.extract import extract
from ...text.normal import normal
from .counted_runs import closes_run
from .learned import _RANK, MARK_MAX, marks_of
from .list_marks import _CLOSED, _starts_item
from .listing import WORK
from .matching import text_key
from .teach_items import _unbracketed

# Words a sentence lists names after (`包括A、B`, `票决出A、B`, `分别是A、B`); the last one found wins.
LIST_WORDS = ("包括", "包含", "涵盖", "分别是", "分别为", "主要有", "主要是", "即", "有", "是", "为", "出")
_NOT_FIRST = set("。，、；：,.;:)）")
_VERB_WITHIN = 4  # a verb opening a counted run starts its clause: 全面推进, 加快实施, 办好
NAME_MIN, NAME_MAX = 4, 60  # a project's name: longer than a person's, shorter than a paragraph


def blind_kinds(paragraphs: list[str]) -> Iterator[str]:
    """The learned cuts the text itself suggests: `learn:MARK` per mark, `run:、|OPENER` per listing."""
    for mark in marks_of(paragraphs):
        yield "learn:" + mark
    seen: set[str] = set()
    for paragraph in paragraphs:
        for opener in _openers(_unbracketed(paragraph)):
            if opener not in seen:
                seen.add(opener)
                yield "run:、|" + opener


def _openers(plain: str) -> Iterator[str]:
    """For each clause of three or more pieces split by 、, the words that open its first piece."""
    clauses = re.split(r"[，：；。！？\n]", plain)
    at = 0
    for clause in clauses:
        start, at = at, at + len(clause) + 1
        pieces = clause.split("、")
        if len(pieces) < 3:
            continue
        first = pieces[0]
        ends = [first.rfind(w) + len(w) for w in LIST_WORDS if 0 <= first.rfind(w) <= len(first) - len(w) - 2]
        if ends:
            end = max(ends)
            opener = first[:end][-(MARK_MAX - 1) :].strip()
        elif start > 0 and plain[start - 1] == "：" and not first.strip()[:1].isdigit():
            opener = plain[max(start - 4, 0) : start].strip()
        elif closes_run(pieces) and _opening_verb(first):  # 推进A、B、C等三项…项目
            opener = _opening_verb(first)
        else:
            continue
        if opener and _RANK.get(opener[-1], 0) <= _RANK["："]:
            yield opener


def _opening_verb(first: str) -> str:
    """The work verb opening a run's first piece (全面推进 in `全面推进A`), with a name left after it."""
    verb = WORK.search(first)
    if verb is None or verb.start() > _VERB_WITHIN:
        return ""
    end = verb.end()
    while (more := WORK.match(first, end)) is not None:  # 加快实施: verbs in a row open it together
        end = more.end()
    return first[:end].strip() if len(first) - end >= 2 else ""


def unwrapped_prose(paragraphs: list[str]) -> list[str]:
    """Paragraphs with a prose line's wrap joined back: a long line left unclosed, continued by a
    line that is no item of its own and closes the sentence (a narrow page or a <br> broke it)."""
    out: list[str] = []
    for paragraph in paragraphs:
        above, plain = normal(out[-1]).strip() if out else "", normal(paragraph).strip()
        closes = plain.endswith(_CLOSED) or "。" in plain[:-1]
        if len(above) >= 20 and not above.endswith(_CLOSED) and closes and not _starts_item(plain):
            out[-1] = out[-1].rstrip() + paragraph.strip()
        else:
            out.append(paragraph)
    return out


def score(names: list[str], contents: list[str], totals: set[int]) -> float:
    """How plan-like a reading is, from general properties (0 = not a plan): a stated count it has
    counts most, then the share of names of like length and of items that read like work."""
    keys = [text_key(n) for n in names]
    if len(keys) < 2 or any(k[:1] in _NOT_FIRST for k in keys):
        return 0.0  # a name opening with a stop or comma kept part of its mark (`。 新建…` under `{数}`)
    middle = statistics.median(len(k) for k in keys)
    if not NAME_MIN <= middle <= NAME_MAX:
        return 0.0
    alike = sum(middle / 2 <= len(k) <= middle * 2 for k in keys) / len(keys)
    work = sum(bool(WORK.search(normal(c)) or extract(c)) for c in contents) / len(contents)
    counted = len(keys) in totals
    if not counted and (work < 0.6 or len(keys) < 3):
        return 0.0
    return 2.0 * counted + alike + work
