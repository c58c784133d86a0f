"""Progress written in words, read into figures (进展情况 → 完成数): pure functions, no database.

A bulletin or a unit's report says what was planned and what is done in prose:
"计划全年新建或改造2100套保障性租赁住房，已开工555套", "新增公共停车位303个，完成年度目标的20.2%".
read_progress() finds every quantified statement with the target extractor's number and unit
reading (extract.quantities), tells a year target from an actual done to date and from a share
of the target by the words around it, groups the statements under the text's headings and
pairs each actual and share with the target it measures (progress_pairing). The output is the
format of shared/gold/*.progress.json. Rules are about the language only, never one document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from ..text.normal import normal
from ..text.numbers import number_to_json
from ..text.pinyin import unglossed
from .extract import Quantity, quantities
from .progress_body import SUB_ORDINAL, items, join_lines, target_lines
from .progress_counts import counted_anyway, in_characters, is_dropped
from .progress_inline import inline_groups
from .progress_kinds import (
    Clause,
    carry_after,
    done_after_its_plan,
    done_by_it,
    is_bracketed_target,
    kind_of,
    label_mode,
    plan_sentences,
    scope_then_progress,
    share_of,
)
from .progress_names import core_of, listed_core, name_of, named_after_the_run
from .progress_page import headline
from .progress_pairing import derived_checks, pair, sub_items_report_tasks
from .progress_rates import bare_rate_name, earlier_share, own_rate, rate_after_an_actual, said_done
from .progress_respective import respectively
from .progress_structure import is_row, item_title, page_lines, sections
from .progress_table import TableHeader, join_cell_lines, rate_cell, read_header, read_row, row_cells
from .progress_tokens import numbered_lines, people_counts
from .progress_wholes import of_a_whole

SENTENCE_BREAK = "。！？!?；;\n"
CLAUSE_BREAK = "，,：:。！？!?；;\n"
# A space between two cells of a row printed with single spaces (…标准 完成10个): a clause break.
CELL_SPACE = re.compile(r"(?<=[\u4e00-\u9fff%％)）])\s(?=[*＊★\u4e00-\u9fff（(\d])")
YEAR = re.compile(r"(20\d\d)年")
PROSE_CELL = re.compile(r"[，。；]")  # a table cell written as sentences
THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")  # 9萬2,386戶: a comma inside a number
QUOTES = "“”‘’\"'「」『』"
# The words of a target that names nothing but the plan it is (年度目标任务, 占年度计划, 占).
PLAN_ONLY = re.compile(r"(?:占|超额|完成|年度|全年|本年|目标|任务|计划|的|\s)*")
AS_OF = re.compile(r"截至(?:(20\d\d)年)?(\d{1,2})月(底|末|\d{1,2}日)")


@dataclass
class Statement:
    text: str
    name: str
    kind: str
    value: Decimal
    unit: str
    op: str
    sentence: int = 0
    core: str = ""
    bare: bool = False
    remainder: bool = False
    row: int | None = None
    breakdown: bool = False
    pairs_with: int | None = None
    respective: bool = False
    said_done: bool = False  # 已启动11600户: its own words say it is done
    partner: Any = None
    item: int | None = None  # the item (a marked or numbered title and its paragraph) it was read in
    source: str = ""  # the whole sentence (or table row) as printed: what the 原文 column shows
    bracketed: bool = False  # a target in a bracket right after the actual it is the target of
    interim: bool = False  # a target for part of the year (a table's 8月份目标 column): no actual measures it

    def to_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "name": self.name,
            "kind": self.kind,
            "value": number_to_json(self.value),
            "unit": self.unit,
            "op": self.op,
            "pairs_with": self.pairs_with,
        }


@dataclass
class Group:
    heading: str
    task: str = ""  # a heading's own figures: the task of the statements under it
    paragraphs: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


@dataclass
class Reading:
    title: str = ""
    year: int | None = None
    as_of: str | None = None
    groups: list[Group] = field(default_factory=list)
    derived: list[dict[str, Any]] = field(default_factory=list)

    def statements(self) -> list[Statement]:
        return [s for g in self.groups for s in g.statements]

    def to_json(self) -> dict[str, Any]:
        return {
            "jurisdiction": None,
            "year": self.year,
            "as_of": self.as_of,
            "title": self.title,
            "stated_totals": {},
            "groups": [
                {"heading": g.heading, "statements": [s.to_json() for s in g.statements]}
                for g in self.groups
                if g.statements
            ],
            "derived_checks": self.derived,
        }


def read_progress(text: str, as_of: str | None = None, year: int | None = None) -> Reading:
    """Every quantified statement of a progress text, grouped, kinded and paired. Never raises on text.
    `year`: the plan's, for a date the text prints without one (截至6月底)."""
    if not isinstance(text, str):
        return Reading()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    reading = Reading()
    # a headline over its dateline is the page's title: a figure in it is told again in the story
    headline_text, body, dated = headline(unglossed(text)[0])
    reading.title, found = sections(numbered_lines(join_cell_lines(page_lines(body))))
    reading.title = headline_text or reading.title
    groups = [Group(s.heading, s.task, s.paragraphs) for s in inline_groups(found)]
    arabic = bool(re.search(r"\d", text))
    sentence_base = 0
    for group in groups:
        sentence_base = _read_group(group, arabic, sentence_base)
        named_after_the_run(group.statements)
        pair(group.statements)
        _measure_what_they_pair_with(group.statements)
        reading.derived += derived_checks(group.statements)
    reading.groups = groups
    reading.year, reading.as_of = _dates(text, as_of, year or dated)
    reading.year = reading.year or dated  # a story that prints no year is of its dateline's
    return reading


def _measure_what_they_pair_with(statements: list[Statement]) -> None:
    """An actual that names nothing (已建成303个) is about what the target it measures names
    (新增公共停车泊位1500个): that is what matching it to an indicator compares. Its own
    printed name stays empty."""
    for statement in statements:
        if statement.kind != "actual" or statement.pairs_with is None:
            continue
        measured = statements[statement.pairs_with]
        if measured.kind == "target" and not statement.core:
            statement.core = measured.core
        if measured.kind == "target" and PLAN_ONLY.fullmatch(measured.name):
            # 占年度计划1500公里: words naming the plan only; it targets what the actual names
            measured.core, measured.name = measured.core or statement.core, statement.name
        elif measured.bracketed:
            measured.core = measured.core or statement.core


def _dates(text: str, as_of: str | None, known: int | None = None) -> tuple[int | None, str | None]:
    years = YEAR.findall(text)
    year = int(years[0]) if years else None
    if as_of:
        return year, as_of
    found = AS_OF.search(text)
    if found and (found.group(1) or year or known):
        y = int(found.group(1) or year or known or 0)
        month = int(found.group(2))
        if not 1 <= month <= 12:
            return year, None
        day = found.group(3)
        if day.endswith("日"):
            return year, f"{y:04d}-{month:02d}-{int(day[:-1]):02d}"
        last = [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return year, f"{y:04d}-{month:02d}-{last:02d}"
    return year, None


def _read_group(group: Group, arabic: bool, sentence_base: int) -> int:
    header: TableHeader | None = None
    body_lines: list[str] = []
    sentence = sentence_base
    if group.task:
        sentence = _read_paragraph(group.task, group.statements, arabic, sentence, "target")
    for line in join_lines(group.paragraphs).split("\n"):
        found = read_header(line)
        if found is not None:
            header = found
            continue
        if header is not None and is_row(line):
            sentence += 1
            first = len(group.statements)
            if PROSE_CELL.search(line):
                sentence = _read_prose_row(line, header, group.statements, arabic, sentence)
            else:
                group.statements += read_row(line, header, sentence, _make_statement)
            for statement in group.statements[first:]:
                statement.source = line  # a row's figures stand on the whole row
            continue
        body_lines.append(line)
    subs: list[tuple[str, int, int]] = []  # (ordinal, first statement, end) of each （一）… paragraph
    titled = target_lines(body_lines)  # the numbered lines are the tasks, each over its result
    for paragraph in items(body_lines):
        first = len(group.statements)
        sentence = _read_item(paragraph, group.statements, arabic, sentence, titled)
        ordinal = SUB_ORDINAL.match(paragraph)
        subs += [(ordinal.group(1), first, len(group.statements))] if ordinal else []
    if group.task:  # the heading's own tasks were read first, in its first sentence
        sub_items_report_tasks(group.statements, subs)
    return sentence + 1


# 新建口袋公园3个项目: an item's title ending in 项目 names the work; the figure counts what it builds.
TITLE_PROJECT = re.compile(r"(\d\s*[个個处處座所家条條])[项項]目(?=\s*$|[，,；;])")


def _read_item(paragraph: str, out: list[Statement], arabic: bool, sentence: int, titled: bool = False) -> int:
    """An item whose title line names the work: the title's figures are its targets, the lines under
    it tell its progress, and they pair within the item."""
    title, body = item_title(paragraph, titled)
    first = len(out)
    if title:
        sentence = _read_paragraph(TITLE_PROJECT.sub(r"\1", title), out, arabic, sentence, "target")
        sentence = _read_paragraph(body, out, arabic, sentence)
    else:
        sentence = _read_paragraph(paragraph, out, arabic, sentence)
    for statement in out[first:]:
        statement.item = first if title else None
    return sentence


def _read_prose_row(line: str, header: TableHeader, out: list[Statement], arabic: bool, sentence: int) -> int:
    """A row whose cells are prose (进展情况：已完成…，完成年度任务的26.5%): each cell read as a paragraph
    in its column's kind, its statements paired within the row."""
    row = row_cells(line, header)
    if len(row) != len(header.kinds):
        return sentence
    row_id = sentence
    for column, (cell, kind) in enumerate(zip(row, header.kinds, strict=True)):
        if column == header.name_column and ("target" not in header.kinds or header.interim is not None):
            kind = "target"  # 序号 | 项目内容 | 当前进度 (or | 8月份目标 |): the year's task in the name column
        if kind is None:
            continue
        first = len(out)
        if kind != "target" and rate_cell(cell):  # 80%（…进度滞后）: the part done, its note no figure
            rate = quantities(cell)[0]
            out.append(_make_statement(cell[: rate.end], row[header.name_column], "share", rate, sentence, None))
        else:
            sentence = _read_paragraph(cell, out, arabic, sentence, kind if kind != "share" else None)
        for statement in out[first:]:
            statement.row = row_id
            statement.interim = column == header.interim
            if column in header.planned and statement.kind == "actual":
                statement.kind = "target"  # 4月:完成筛查1480人: a plan column's figures are planned, whatever the verb
    return sentence


def _make_statement(text: str, name: str, kind: str, q: Quantity, sentence: int, row: int | None) -> Statement:
    return Statement(text, name, kind, q.value, q.unit, q.op, sentence, core_of(name), not core_of(name), False, row)


@dataclass
class _Paragraph:
    """A paragraph being read: as printed (spans and units are cut from it) and its simplified reading
    (kinds are told on it); `cursor`: where the next clause is looked for in both; `mode`: the kind a
    label (计划：, 进展：) set, which holds for the sentences after it too."""

    printed: str
    plain: str
    arabic: bool
    out: list[Statement]
    mode: str | None
    cursor: int = 0


@dataclass
class _Sentence:
    """A sentence being read: what its clauses so far said, which the next clause's figures go by."""

    text: str
    number: int
    source: str  # the sentence as printed
    inferred: bool  # a plan told by the paragraph's order, not by a label
    mode: str | None
    first: int  # its first statement in the paragraph's output
    carry: str | None = None
    # a count of projects was dropped in the last clause with nothing read after it: a share next is of them
    about_projects: bool = False
    projects_named: bool = False  # a count of projects was dropped: a bare 项/件 after it counts them too


def _read_paragraph(printed: str, out: list[Statement], arabic: bool, sentence: int, mode: str | None = None) -> int:
    """Kinds are told on the simplified reading (計畫 as 计划); spans and units are cut as printed."""
    paragraph = _Paragraph(printed, CELL_SPACE.sub("，", normal(printed)), arabic, out, mode)
    sentences = _split_keep(paragraph.plain, SENTENCE_BREAK)
    planned = plan_sentences(sentences)
    for index, sentence_text in enumerate(sentences):
        sentence += 1
        inferred = index < planned and not paragraph.mode
        for piece, scope in scope_then_progress(sentence_text, inferred or bool(paragraph.mode)):
            _read_sentence(paragraph, piece, sentence, inferred or scope)
    return sentence


def _read_sentence(paragraph: _Paragraph, text: str, number: int, inferred: bool) -> None:
    starts = paragraph.plain.find(text, paragraph.cursor)
    source = paragraph.printed[starts : starts + len(text)].strip() if starts >= 0 else text
    mode = "target" if inferred else paragraph.mode
    sentence = _Sentence(text, number, source, inferred, mode, len(paragraph.out))
    for clause in _clauses(text):
        at = paragraph.plain.find(clause.text, paragraph.cursor)
        paragraph.cursor = at + len(clause.text) if at >= 0 else paragraph.cursor
        label = label_mode(clause)
        if label:  # 计划：…: the kind of what follows, in this sentence and the next
            paragraph.mode = sentence.mode = label
            continue
        shown = Clause(paragraph.printed[at : at + len(clause.text)] if at >= 0 else clause.text, clause.ends_with)
        _read_clause(paragraph, sentence, clause.text, shown)
        sentence.carry = carry_after(clause.text, sentence.carry)
    respectively(paragraph.out[sentence.first :])


def _read_clause(paragraph: _Paragraph, sentence: _Sentence, plain: str, shown: Clause) -> None:
    """The statements of one clause: its figures cut as printed (`shown`), kinded on its plain words."""
    dropped = False
    found = people_counts(shown.text, quantities(shown.text))
    for q in found:
        if in_characters(plain, q, paragraph.arabic):
            continue  # 二次供水: a word; a share after it is no share of projects (nothing was counted)
        about_projects = sentence.about_projects and not own_rate(plain, q)
        if is_dropped(plain, q, paragraph.arabic, about_projects, sentence.projects_named) and not (
            counted_anyway(plain, q, found, paragraph.out, sentence.first)
        ):
            dropped = sentence.about_projects = sentence.projects_named = True
            continue
        before = paragraph.out[sentence.first :]
        kind = of_a_whole(plain, q, found, before) or share_of(plain, q, sentence.text)
        kind = kind or rate_after_an_actual(plain, q, before) or earlier_share(plain, q, before)
        done = sentence.inferred and (done_by_it(plain, q) or done_after_its_plan(plain, q, paragraph.out))
        kind = kind or kind_of(plain, q, sentence.carry, None if done else sentence.mode, sentence.text)
        statement = _statement(shown, plain, q, kind, sentence.number)
        statement.name = bare_rate_name(plain, q, paragraph.out[sentence.first :]) or statement.name
        statement.source = sentence.source
        statement.respective = "分别" in plain
        statement.bracketed = kind == "target" and is_bracketed_target(plain, q)
        paragraph.out.append(statement)
        sentence.about_projects = False
    # a share right after a dropped count of projects is of the projects (占项目总数的30%), only then
    sentence.about_projects = sentence.about_projects and dropped


def _split_keep(text: str, breaks: str) -> list[str]:
    parts, start = [], 0
    for i, ch in enumerate(text):
        if ch in breaks and not (ch == "," and THOUSANDS.match(text, i - 1)):
            if text[start:i].strip():
                parts.append(text[start : i + 1])
            start = i + 1
    if text[start:].strip():
        parts.append(text[start:])
    return parts


def _clauses(sentence: str) -> list[Clause]:
    clauses = []
    for part in _split_keep(sentence, CLAUSE_BREAK):
        last = part.strip()[-1]
        clauses.append(Clause(part.rstrip(CLAUSE_BREAK).strip(), last if last in CLAUSE_BREAK else ""))
    return clauses


def _statement(clause: Clause, plain: str, q: Quantity, kind: str, sentence: int) -> Statement:
    text = clause.text
    name, span, named = name_of(text, plain, q, kind)
    name, span = name.strip(QUOTES), span.strip(QUOTES)  # a quoted line's marks are not its words
    if span.endswith(("）", ")")) and span.count("（") + span.count("(") < span.count("）") + span.count(")"):
        span = span[:-1]  # a bracket's figure (年度目标任务为150户）) ends before the bracket closes
    remainder = bool(re.match(r"^(?:另外|另有|另|其余|其他)", plain))
    core = listed_core(plain, q) if kind != "share" else ""
    statement = Statement(span, name, kind, q.value, q.unit, q.op, sentence, core, not core, remainder)
    statement.breakdown = plain.startswith("其中")
    statement.said_done = kind == "actual" and said_done(plain[: q.start])
    return statement
