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
from .extract import Quantity, quantities, tidy_name
from .progress_kinds import (
    Clause,
    carry_after,
    is_difference,
    kind_of,
    label_mode,
    opens_with_label,
    plan_sentences,
    respectively,
    share_of,
)
from .progress_pairing import derived_checks, pair
from .progress_table import TableHeader, cells, join_cell_lines, read_header, read_row

TERMINAL = "。！？!?；;…”」』)）"
SENTENCE_BREAK = "。！？!?；;\n"
CLAUSE_BREAK = "，,：:。！？!?；;\n"
# A paragraph after a heading that goes on with the sentence a heading interrupted (page layout).
CONTINUES = re.compile(r"^(?:并且|并|且|和|及|以及|或|、|，|,|等)")
ORDINAL_HEAD = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])")
# 20件民生实事, 12项重点民生工程, 6个考核项目, 实事项目有8项, 已完成子项目7个: counts of projects.
PROJECT_AFTER = re.compile(r"^\s*(?:[\u4e00-\u9fff]{0,6}?(?:项目|实事|事项|指标|工程|候选)|[大小子]项|工作|任务)")
PROJECT_BEFORE = re.compile(r"(?:项目|实事|事项|指标)[\u4e00-\u9fff]{0,4}$|[省市县区乡镇村]级[（(]?$")
PROJECT_UNITS = {"个", "项", "件", "大项"}
# 其中3项提前完成: 项/件 counting nothing named are items of the programme.
BARE_ITEM = re.compile(r"^(?:提前|已|完成|正|按|超|达到|未|滞后|进度|推进|中|预计|全部|均|$)")
YEAR = re.compile(r"(20\d\d)年")
PROSE_CELL = re.compile(r"[，。；]")  # a table cell written as sentences
THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")  # 9萬2,386戶: a comma inside a number
# 1.新增… / 2、… / （3）…: a numbered item; the lines after it, up to the next one, are its own.
ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[)）])")
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


def read_progress(text: str, as_of: str | None = None) -> Reading:
    """Every quantified statement of a progress text, grouped, kinded and paired. Never raises on text."""
    if not isinstance(text, str):
        return Reading()
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ")
    lines = [line.strip() for line in text.split("\n")]
    reading = Reading()
    groups = _group_lines(join_cell_lines([line for line in lines if line]), reading)
    arabic = bool(re.search(r"\d", text))
    sentence_base = 0
    for group in groups:
        sentence_base = _read_group(group, arabic, sentence_base)
        pair(group.statements)
        _measure_what_they_pair_with(group.statements)
        reading.derived += derived_checks(group.statements)
    reading.groups = groups
    reading.year, reading.as_of = _dates(text, as_of)
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


def _dates(text: str, as_of: str | None) -> tuple[int | None, str | None]:
    years = YEAR.findall(text)
    year = int(years[0]) if years else None
    if as_of:
        return year, as_of
    found = AS_OF.search(text)
    if found and (found.group(1) or year):
        y = int(found.group(1) or year or 0)
        month = int(found.group(2))
        if not 1 <= month <= 12:
            return year, None
        day = found.group(3)
        if day.endswith("日"):
            return year, f"{y:04d}-{month:02d}-{int(day[:-1]):02d}"
        last = [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return year, f"{y:04d}-{month:02d}-{last:02d}"
    return year, None


def is_heading(line: str) -> bool:
    """A short line with no sentence punctuation and no figure: a heading or a title."""
    if len(line) > 30 or re.search(r"[，,。；;！？!?]", line) or re.search(r"[:：]\S", line):
        return False
    if quantities(line) and not ORDINAL_HEAD.match(line):
        return False
    if read_header(line) is not None or _is_row(line):
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", line)) >= 2


def _group_lines(lines: list[str], reading: Reading) -> list[Group]:
    groups = [Group("")]
    for i, line in enumerate(lines):
        if i == 0 and _is_title(line):
            reading.title = line  # a headline may carry a figure (上半年完成投资24.36亿元)
            continue
        if not is_heading(line):
            groups[-1].paragraphs.append(line)
            continue
        new = Group(line)
        last = groups[-1].paragraphs
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if last and last[-1][-1] not in TERMINAL and CONTINUES.match(following):
            new.paragraphs.append(last.pop())  # the heading was set inside its own first paragraph
        groups.append(new)
    return [g for g in groups if g.paragraphs]


def _is_title(line: str) -> bool:
    if len(line) > 40 or re.search(r"[，,。；;！？!?：:]", line) or ORDINAL_HEAD.match(line):
        return False
    return read_header(line) is None and not _is_row(line)


def _join(paragraphs: list[str]) -> str:
    """One body text: a paragraph ending mid-sentence runs on into the next."""
    body = ""
    for paragraph in paragraphs:
        if (
            body
            and body[-1] not in TERMINAL
            and read_header(paragraph) is None
            and not _is_row(paragraph)
            and not opens_with_label(paragraph)
        ):
            body += paragraph
        else:
            body += ("\n" if body else "") + paragraph
    return body


def _is_row(line: str) -> bool:
    return len(re.split(r"\t|\s{2,}|\s*[|｜]\s*", line.strip())) >= 3


def _read_group(group: Group, arabic: bool, sentence_base: int) -> int:
    header: TableHeader | None = None
    body_lines: list[str] = []
    sentence = sentence_base
    for line in _join(group.paragraphs).split("\n"):
        found = read_header(line)
        if found is not None:
            header = found
            continue
        if header is not None and _is_row(line):
            sentence += 1
            if PROSE_CELL.search(line):
                sentence = _read_prose_row(line, header, group.statements, arabic, sentence)
            else:
                group.statements += read_row(line, header, sentence, _make_statement)
            continue
        body_lines.append(line)
    for paragraph in _items(body_lines):
        sentence = _read_paragraph(paragraph, group.statements, arabic, sentence)
    return sentence + 1


def _items(lines: list[str]) -> list[str]:
    """A numbered item's lines read as one paragraph (its task, then its fields and progress), when
    the lines after it are not numbered themselves; other lines stay paragraphs of their own."""
    out: list[str] = []
    in_item = False
    for line in lines:
        if ITEM.match(line):
            out.append(line)
            in_item = True
        elif in_item and not ITEM.match(line):
            out[-1] += "\n" + line
        else:
            out.append(line)
    return out


def _read_prose_row(line: str, header: TableHeader, out: list[Statement], arabic: bool, sentence: int) -> int:
    """A row whose cells are prose (进展情况：已完成…，完成年度任务的26.5%): each cell read as a paragraph
    in its column's kind, its statements paired within the row."""
    row = cells(line)
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
    paragraph = normal(printed)
    sentences = _split_keep(paragraph, SENTENCE_BREAK)
    planned = plan_sentences(sentences)
    cursor = 0
    for index, sentence_text in enumerate(sentences):
        sentence += 1
        carry: str | None = None
        sentence_mode = "target" if index < planned and not mode else mode
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
                if (
                    not _is_statement(clause.text, q, arabic)
                    or (q.unit == "%" and about_projects)
                    or (projects_named and q.unit in {"项", "件"} and BARE_ITEM.match(clause.text[q.end :]))
                ):
                    dropped = about_projects = projects_named = True
                    continue
                kind = share_of(clause.text, q) or kind_of(clause.text, q, carry, sentence_mode, sentence_text)
                out.append(_statement(shown, q, kind, sentence))
                out[-1].respective = "分别" in clause.text
                about_projects = False
            about_projects = about_projects and dropped
            carry = carry_after(clause.text, carry)
        respectively(out[first:])
    return sentence


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
    if arabic and not clause[q.start].isdigit():
        return False
    if is_difference(clause, q):
        return False
    lead, tail = clause[: q.start], clause[q.end :]
    if q.unit in PROJECT_UNITS and (PROJECT_AFTER.match(tail) or PROJECT_BEFORE.search(lead)):
        return False
    if q.unit == "项" and lead.endswith("工程"):
        return False
    return not (q.unit in {"项", "件"} and not core_of(lead) and BARE_ITEM.match(tail))


PROGRESS_WORDS = re.compile(
    r"截至\S{0,8}?(?:月底|月末|年底|底|日)|(?:视察|督查|检查|调研|验收)时|\d{4}年|\d+[—\-－~～至到]\d+月|\d+月(?:份)?|目前|当前|已经|已|累计|共计|"
    r"其中|均|正在施工|正在|实际|施工|完工|竣工|封顶|动工|启动|年末|年底|上半年|下半年|[一二三四]季度|前三季度|正施工|正|准备中|进行中|施工中|也在|在建|完成|建成|开工|完工|实现|达到|今年|全年|年度|计划|目标|"
    r"任务|预计|将|拟|力争|另外|另有|其余|剩余|这|该|此|上述|超额|超过|超|约|近|余|共|为|有|的|于|对|给|在|与|并|和|及|以上|以下"
)


def _without_progress_edges(lead: str) -> str:
    """The words before a figure without the progress and plan words that open or close them
    (已建成…, 截至3月底…, …和): only at the edges, so 公共停车泊位 keeps its 共 and 既有住宅 its 有."""
    edge = rf"(?:\s*(?:{PROGRESS_WORDS.pattern}))+"
    return re.sub(rf"{edge}$", "", re.sub(rf"^{edge}", "", lead))


def core_of(name: str) -> str:
    """The thing a statement is about, without the words of progress and plan: for pairing."""
    stripped = PROGRESS_WORDS.sub("", name)
    return re.sub(r"[^\u4e00-\u9fffA-Za-z]", "", stripped)


def _statement(clause: Clause, q: Quantity, kind: str, sentence: int) -> Statement:
    text = clause.text
    lead, tail = text[: q.start], text[q.end :]
    named = bool(tidy_name(PROGRESS_WORDS.sub("", lead))) if core_of(lead) else False
    lead_name = tidy_name(_without_progress_edges(lead)) if named else ""
    tail_name = tail
    name = lead_name or tidy_name(tail_name)
    span = text[: q.end] if lead_name else text
    remainder = bool(re.match(r"^(?:另外|另有|另|其余|其他)", text))
    core = core_of(lead + "|" + tail_name) if kind != "share" else ""
    statement = Statement(span.strip(), name, kind, q.value, q.unit, q.op, sentence, core, not core, remainder)
    statement.breakdown = text.startswith("其中")
    return statement
