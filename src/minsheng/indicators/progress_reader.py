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
from .extract import Quantity, quantities
from .progress_kinds import (
    Clause,
    carry_after,
    done_by_it,
    is_difference,
    is_starting_point,
    kind_of,
    label_mode,
    names_a_task,
    plan_sentences,
    respectively,
    share_of,
)
from .progress_names import core_of, name_of
from .progress_pairing import derived_checks, pair
from .progress_structure import is_row, item_title, items, join_lines, page_lines, sections
from .progress_table import TableHeader, join_cell_lines, read_header, read_row, row_cells

SENTENCE_BREAK = "。！？!?；;\n"
CLAUSE_BREAK = "，,：:。！？!?；;\n"
# 20件民生实事, 12项重点民生工程, 6个考核项目, 实事项目有8项, 已完成子项目7个: counts of projects.
PROJECT_AFTER = re.compile(r"^\s*(?:[\u4e00-\u9fff]{0,6}?(?:项目|实事|事项|指标|工程|候选)|[大小子]项|工作|任务)")
# 12项涉及我区省级民生实事, 10件2026年县自办民生实事项目: 项/件 before the programme's words count its items.
ITEMS_AFTER = re.compile(r"^\s*(?:20\d\d年度?)?[\u4e00-\u9fff]{0,12}?(?:项目|实事|事项)")
# 5个已完成全年任务: what completes a year's task is a project of the programme.
TASK_DONE_AFTER = re.compile(r"^\s*(?:已经|已|均|全部)?(?:提前|超额)?完成了?(?:全年|年度)(?:目标)?任务")
PROJECT_BEFORE = re.compile(r"(?:项目|实事|事项|指标|[大小子]项)[\u4e00-\u9fff]{0,4}$|[省市县区乡镇村]级[（(]?$")
# 2个（金沙湾、翠湖苑）住宅小区雨污分流改造工程、…: a count of projects named by what they build.
NAMED_PROJECTS = re.compile(r"^\s*[（(][^（()）]*[)）][^，,。；;、\d]{0,16}?(?:工程|项目)(?:[、，,。；;]|等|$)")
AREAS = re.compile(r"^\s*(?:个)?(?:方面|领域|大类|类别|板块|类)")
# 占项目总数的30%: a share of the programme's projects, not of a task.
PROJECT_SHARE = re.compile(r"(?:项目|实事|事项)(?:总)?数?的?$")
# A space between two cells of a row printed with single spaces (…标准 完成10个): a clause break.
CELL_SPACE = re.compile(r"(?<=[\u4e00-\u9fff%％)）])\s(?=[*＊★\u4e00-\u9fff（(\d])")
PROJECT_UNITS = {"个", "项", "件", "大项"}
AREA_UNITS = {"方面", "领域", "大类", "类别", "板块"}
# 其中3项提前完成: 项/件 counting nothing named are items of the programme.
BARE_ITEM = re.compile(r"^(?:提前|已|完成|正|按|超|达到|未|滞后|进度|推进|中|预计|全部|均|$)")
YEAR = re.compile(r"(20\d\d)年")
PROSE_CELL = re.compile(r"[，。；]")  # a table cell written as sentences
THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")  # 9萬2,386戶: a comma inside a number
# 一万人次以上, 两千户: an amount in characters with its magnitude is a figure even where digits are used
# (一季度, 十大类, 三个方面 are not).
CHARACTER_AMOUNT = re.compile(r"[一二两三四五六七八九十]+[千万亿]")
QUOTES = "“”‘’\"'「」『』"
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
    partner: Any = None
    item: int | None = None  # the item (a marked or numbered title and its paragraph) it was read in
    source: str = ""  # the whole sentence (or table row) as printed: what the 原文 column shows

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
    reading.title, found = sections(join_cell_lines(page_lines(text)))
    groups = [Group(s.heading, s.task, s.paragraphs) for s in found]
    arabic = bool(re.search(r"\d", text))
    sentence_base = 0
    for group in groups:
        sentence_base = _read_group(group, arabic, sentence_base)
        pair(group.statements)
        _measure_what_they_pair_with(group.statements)
        reading.derived += derived_checks(group.statements)
    reading.groups = groups
    reading.year, reading.as_of = _dates(text, as_of, year)
    return reading


def _measure_what_they_pair_with(statements: list[Statement]) -> None:
    """An actual that names nothing (已建成303个) is about what the target it measures names
    (新增公共停车泊位1500个): that is what matching it to an indicator compares. Its own
    printed name stays empty."""
    for statement in statements:
        if statement.kind == "actual" and not statement.core and statement.pairs_with is not None:
            measured = statements[statement.pairs_with]
            if measured.kind == "target":
                statement.core = measured.core


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
    for paragraph in items(body_lines):
        sentence = _read_item(paragraph, group.statements, arabic, sentence)
    return sentence + 1


# 新建口袋公园3个项目: an item's title ending in 项目 names the work; the figure counts what it builds.
TITLE_PROJECT = re.compile(r"(\d\s*[个個处處座所家条條])[项項]目(?=\s*$|[，,；;])")


def _read_item(paragraph: str, out: list[Statement], arabic: bool, sentence: int) -> int:
    """An item whose title line names the work: the title's figures are its targets, the lines under
    it tell its progress, and they pair within the item."""
    title, body = item_title(paragraph)
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
    for cell, kind in zip(row, header.kinds, strict=True):
        if kind is None:
            continue
        first = len(out)
        sentence = _read_paragraph(cell, out, arabic, sentence, kind if kind != "share" else None)
        for statement in out[first:]:
            statement.row = row_id
    return sentence


def _make_statement(text: str, name: str, kind: str, q: Quantity, sentence: int, row: int | None) -> Statement:
    return Statement(text, name, kind, q.value, q.unit, q.op, sentence, core_of(name), not core_of(name), False, row)


def _read_paragraph(printed: str, out: list[Statement], arabic: bool, sentence: int, mode: str | None = None) -> int:
    """Kinds are told on the simplified reading (計畫 as 计划); spans and units are cut as printed."""
    paragraph = CELL_SPACE.sub("，", normal(printed))
    sentences = _split_keep(paragraph, SENTENCE_BREAK)
    planned = plan_sentences(sentences)
    cursor = 0
    for index, sentence_text in enumerate(sentences):
        starts = paragraph.find(sentence_text, cursor)
        source = printed[starts : starts + len(sentence_text)].strip() if starts >= 0 else sentence_text
        sentence += 1
        carry: str | None = None
        inferred = index < planned and not mode  # a plan told by the paragraph's order, not by a label
        sentence_mode = "target" if inferred else mode
        about_projects = projects_named = False
        first = len(out)
        for clause in _clauses(sentence_text):
            at = paragraph.find(clause.text, cursor)
            cursor = at + len(clause.text) if at >= 0 else cursor
            label = label_mode(clause)
            if label:
                mode = sentence_mode = label
                continue
            dropped = False
            shown = Clause(printed[at : at + len(clause.text)] if at >= 0 else clause.text, clause.ends_with)
            for q in quantities(shown.text):
                if _dropped(clause.text, q, arabic, about_projects, projects_named) and not _counts_its_target(
                    clause.text, q, out[first:]
                ):
                    dropped = about_projects = projects_named = True
                    continue
                kind = share_of(clause.text, q, sentence_text)
                done = inferred and done_by_it(clause.text, q)
                kind = kind or kind_of(clause.text, q, carry, None if done else sentence_mode, sentence_text)
                out.append(_statement(shown, clause.text, q, kind, sentence))
                out[-1].source = source
                out[-1].respective = "分别" in clause.text
                about_projects = False
            about_projects = about_projects and dropped
            carry = carry_after(clause.text, carry)
        respectively(out[first:])
    return sentence


# 完成3项 after 推广…不少于3项: the verb of progress alone before the count, nothing else named.
DONE_COUNT = re.compile(r"^(?:已|已经|累计|共)?(?:完成|建成|实现|推广|落实)了?$")


def _counts_its_target(clause: str, q: Quantity, before: list[Statement]) -> bool:
    """A bare count of 项/件 done (完成3项) counts what the target before it in its sentence counts
    (推广智慧停车系统不少于3项), not the programme's items; so does a count of areas after a target
    counted in areas."""
    unit = normal(q.unit)
    if unit in AREA_UNITS:  # 服务类别5方面，已完成5方面: areas a task itself sets (a plan can count them)
        return any(t.kind == "target" and normal(t.unit) == unit for t in before)
    if unit not in {"项", "件"} or not DONE_COUNT.match(clause[: q.start].strip()):
        return False
    return any(t.kind == "target" and normal(t.unit) == unit for t in before)


def _dropped(clause: str, q: Quantity, arabic: bool, about_projects: bool, projects_named: bool) -> bool:
    """Not a statement, or a share or bare count following a count of projects in its sentence."""
    if not _is_statement(clause, q, arabic) or (q.unit == "%" and about_projects):
        return True
    return projects_named and normal(q.unit) in {"项", "件"} and bool(BARE_ITEM.match(clause[q.end :]))


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


def _is_statement(clause: str, q: Quantity, arabic: bool) -> bool:
    """Not: counts of projects, differences from the plan, numbers in characters where digits are used."""
    if arabic and not clause[q.start].isdigit() and not CHARACTER_AMOUNT.match(clause, q.start, q.end):
        return False
    if normal(q.unit) == "个" and clause[q.end :].startswith("月"):
        return False  # 6-18个月: a duration or an age, not a count
    if is_difference(clause, q) or is_starting_point(clause, q):
        return False
    return not _counts_projects(clause[: q.start], clause[q.end :], normal(q.unit))


def _counts_projects(lead: str, tail: str, unit: str) -> bool:
    """A figure counting the programme's projects, items or areas rather than what a task builds."""
    if unit in AREA_UNITS:
        return True  # 已完成5方面: a count of the programme's areas, whatever the verb
    if names_a_task(lead, tail):
        return False  # 改造城镇老旧小区14个项目: a project named by its task
    if unit in PROJECT_UNITS and TASK_DONE_AFTER.match(tail):
        return True
    if unit in {"项", "件"} and ITEMS_AFTER.match(tail):
        return True
    if unit in PROJECT_UNITS and (PROJECT_AFTER.match(tail) or NAMED_PROJECTS.match(tail)):
        return True
    if unit in PROJECT_UNITS and PROJECT_BEFORE.search(lead):
        return True
    if (unit == "项" and lead.endswith("工程")) or (unit == "%" and PROJECT_SHARE.search(lead)):
        return True
    if AREAS.match(tail):
        return True  # 等10个方面, 12类: a count of areas of the programme
    if unit in {"项", "件"} and (re.match(r"\s*[（(][\u4e00-\u9fff]", tail) or lead.endswith("等")):
        return True  # 1项（…工作）, …等3项: items listed by name
    # 已完成19项, 其中民生类的8项: items of the programme
    return unit in {"项", "件"} and bool(BARE_ITEM.match(tail)) and (not core_of(lead) or lead.endswith("的"))


def _statement(clause: Clause, plain: str, q: Quantity, kind: str, sentence: int) -> Statement:
    text = clause.text
    name, span, named = name_of(text, plain, q, kind)
    name, span = name.strip(QUOTES), span.strip(QUOTES)  # a quoted line's marks are not its words
    remainder = bool(re.match(r"^(?:另外|另有|另|其余|其他)", plain))
    core = core_of(plain[: q.start] + "|" + plain[q.end :]) if kind != "share" else ""
    statement = Statement(span, name, kind, q.value, q.unit, q.op, sentence, core, not core, remainder)
    statement.breakdown = plain.startswith("其中")
    return statement
