"""A progress page's structure, decided before any figure is read: title, groups, paragraphs.

Statements are grouped by what the page itself says is a section: a heading of any form (一、,
（一）, a short line with no sentence in it, a project's task printed as its heading with its
figures, a category with its count of indicators in brackets), the lines before the first
heading (a lead paragraph: the group with no heading), the tables after a list of attachments (each its
attachment's group; progress_page). Table rows flattened to lines lose the
cells before a heading (a county's name in its column); list items stay paragraphs of their
group. The page's furniture (metadata, share bars, page numbers) is left out first.

Lines are joined back into sentences only where the layout says they belong together: a line
ending mid-sentence runs on into the next, unless the next opens an item of its own (an item's
number never joins the figure before it) or a labelled field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text.furniture import is_cut, is_furniture
from ..text.normal import normal
from .extract import quantities
from .progress_flat import unflattened
from .progress_headings import (
    DASH_ITEM,
    block_lead,
    counted_heading,
    dash_section,
    heading_goes_on,
    is_couplet_heading,
    lists_by_dashes,
    names_over_dated,
    without_lead_unit,
    wrapped_heading,
)
from .progress_kinds import opens_with_label
from .progress_page import Attachments
from .progress_table import read_header
from .progress_tokens import BARE_NUMBER_LINE, fixed_figures, spaced_figures

TERMINAL = "。！？!?；;…”」』)）"
# A paragraph after a heading that goes on with the sentence a heading interrupted (page layout).
CONTINUES = re.compile(r"^(?:并且|并|且|和|及|以及|或|、|，|,|等)")
ORDINAL_HEAD = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])")
# 1.新增… / 2、… / （3）… / *4. / ①: a numbered item; the lines after it, up to the next one, are its own.
ITEM = re.compile(r"^\s*[*＊★]?\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[)）]|[①-⑳])")
# ☑ ■ ◆ ● ▶ …: a mark opening an item's title line (the line naming the work, its figures the targets).
MARK = re.compile(r"^\s*[☑☐☒✓✔√■□◆◇●○◉▶►▸▪•※➤➢]")
OPENS_OWN_LINE = re.compile(rf"{ITEM.pattern}|{ORDINAL_HEAD.pattern}|{MARK.pattern}")
# 目前已… / 该项目… / 3月…: the first line of an item's paragraph, never its title's tail.
PROGRESS_WORD = re.compile(r"已|目前|累计|截至|截止|正在|[%％]")
PROGRESS_OPENS = re.compile(r"^(?:目前|现已|现|已|截至|截止|该项目|本项目|项目|累计|正在|正|今年|\d{1,2}月|20\d\d年)")
# （4项指标）, (共3项), （6个子项）: a count of a heading's items, a note on the heading.
COUNT_NOTE = re.compile(r"[（(]\s*(?:共|含)?\s*\d{1,3}\s*(?:项|个|件|类)[\u4e00-\u9fff]{0,4}\s*[)）]\s*$")
# Sentence punctuation a heading never holds (a task heading may hold commas).
SENTENCE_MARK = re.compile(r"[。；;！？!?]")
# 已/累计/截至/完成率/%: a line reporting progress is an item, never a task's heading.
PROGRESS_MARK = re.compile(r"已|累计|累計|截至|截止|完成率|[%％]")
# A cell before a heading in a flattened table row: a place or a short label, no figures.
LEADING_CELL = re.compile(rf"^[^\d\s，,。；;：:]{{1,8}}\s+(?={ORDINAL_HEAD.pattern[4:]})")
# （一）省级民生实事项目。12项涉及…: an ordinal's short phrase closed by a full stop, its paragraph run on.
RUN_IN = re.compile(rf"({ORDINAL_HEAD.pattern}[^，,。；;：:\d%％]{{2,20}})[。.．]\s*(?=\S)")
# 棚户区改造工程。全年完成…: a paragraph opened by the name of its work (a phrase ending in what a
# programme's item is called, no figure, no verb of progress) closed by a full stop: its heading run in.
NAMED_RUN_IN = re.compile(
    r"^([^，,。；;：:！？!?\d%％]{2,18}?(?:工程|建设|创建|行动|项目|计划|改造|提升|整治|服务|实事|活动))[。.．]\s*(?=\S)"
)
STOP_EARLY = re.compile(r"[。.．]")
RUN_IN_PROGRESS = re.compile(r"已|完成|建成|推进|进展|开工|实现|达到|落实|顺利|全面|稳步|有序|加快")
# …的93.5%(图为…新老面貌对比), …（记者 陈立 摄）: a photo's caption glued to a sentence is the page's,
# not the sentence's (a caption on a line of its own is furniture already).
GLUED_CAPTION = re.compile(
    r"[（(]\s*(?:图为|上图|下图|图片[:：]|图[:：])[^（()）]{0,80}[)）]|[（(][^（()）]{0,30}摄\s*[)）]"
)
# A heading and its first item printed on one line: 二、老年助餐行动(2项指标) *1.新增…
ITEM_INSIDE = re.compile(r"\s+(?=[*＊★]?\s*\d{1,2}\s*[.．、](?!\d)[^\d])")


@dataclass
class Section:
    heading: str
    task: str = ""  # the heading's own figures (a project's task printed as its heading)
    paragraphs: list[str] = field(default_factory=list)


def page_lines(text: str) -> list[str]:
    """The page's lines, stripped, without furniture; a row's cells before a heading cut off and a
    heading printed on its first item's line put on a line of its own."""
    out: list[str] = []
    previous = ""
    in_item = False  # the previous line is the paragraph right under an item's title: never a heading
    for raw in unflattened(text):
        line = fixed_figures(GLUED_CAPTION.sub("", raw).strip())
        if not line or is_furniture(line):
            previous = _left_out(line, out, previous)
            continue
        if _runs_on(out, previous, line, in_item):
            # a sentence a narrow page broke: never a heading of its own (its figures set off by spaces
            # are told on the whole sentence: a piece may hold no punctuation)
            out[-1] = spaced_figures(out[-1] + line)
            previous = out[-1]
            continue
        in_item = bool(previous) and (opens_item(previous) or is_item_title(previous, line))
        line = without_lead_unit(line, bool(ORDINAL_HEAD.match(line)))
        previous = line
        out += _own_lines(LEADING_CELL.sub("", line, count=1))
    return out


def _left_out(line: str, out: list[str], previous: str) -> str:
    """A blank or furniture line is left out; the line a later one may run on from (returned) is
    forgotten at a blank line or a cut mark, kept across other furniture (a page number between)."""
    if line and is_cut(line) and out and out[-1][-1] not in TERMINAL:
        out[-1] += "……"  # the sentence was cut here: nothing after it goes on with it
    return "" if not line or is_cut(line) else previous


def _runs_on(out: list[str], previous: str, line: str, in_item: bool) -> bool:
    """The line goes on with the one before it; never with the page's title standing alone above it."""
    if not out or not previous or (len(out) == 1 and (is_title(out[0]) or is_deck(out[0], line))):
        return False
    if is_couplet_heading(previous, line):
        return False  # 民生为重，实事赢得高分 over its paragraph: a story's sub-heading, not a broken piece
    return _broken(previous, line, in_item)


def _own_lines(line: str) -> list[str]:
    """A heading gets a line of its own: one printed with its first item after it, or one run into
    its first paragraph, is cut in two (why: a heading's words would else be read as a statement's)."""
    if ORDINAL_HEAD.match(line) and not SENTENCE_MARK.search(line):
        parts = ITEM_INSIDE.split(line, maxsplit=1)
        return [p.strip() for p in parts if p.strip()]
    run_in = RUN_IN.match(line) or _named_run_in(line)
    if run_in:  # （一）省级民生实事项目。12项…: a heading run into its first paragraph
        return [line[: run_in.end(1)].strip(), line[run_in.end() :].strip()]
    # …场地。（二）全省新增41家…: a numbered paragraph run on after the one before it opens a line of its own
    return [p for p in SUB_ITEM_INSIDE.split(line) if p]


SUB_ITEM_INSIDE = re.compile(r"(?<=[。；;])\s*(?=[（(][一二三四五六七八九十]{1,2}[)）])")


def _named_run_in(line: str) -> re.Match[str] | None:
    """棚户区改造工程。全年完成…: the work's name run into its paragraph; never a sentence that says how
    the work stands (民生实事项目全面推进。) nor one about the programme as a whole."""
    if not STOP_EARLY.search(line, 0, 22) or DASH_ITEM.match(line):
        return None  # (cheap first: this runs on every line; --文化下乡。…: a listed item's own words)
    found = NAMED_RUN_IN.match(normal(line))  # 創建, 項目 as 创建, 项目 (the same places as printed)
    if found is None or RUN_IN_PROGRESS.search(found.group(1)):
        return None
    return found


def _broken(previous: str, line: str, in_item: bool = False) -> bool:
    """A line right under a line that stopped mid-sentence goes on with it when that line is a
    sentence's part (long, or holding a figure, a comma or a quotation, and no heading's ordinal),
    unless the line opens an item, a heading or a labelled field of its own, or either is a row."""
    if previous[-1] in TERMINAL or previous[-1] in "：:|｜" or line[-1] in "|｜":
        return False
    if counted_heading(previous) or counted_heading(line):
        return False  # ●实事6 卫生 over its result line: a section's heading, whatever the line after it
    if wrapped_heading(previous, line):
        return True
    if is_item_title(previous, line) or BARE_NUMBER_LINE.match(previous) or BARE_NUMBER_LINE.match(line):
        return False  # an item's number on its own line never joins the figure next to it
    if is_task_heading(previous, line) or block_lead(line):
        return False  # a heading stating its tasks, or a level's block opening, stands on its own line
    part = bool(re.search(r"\d|[，,、“”\"]", previous))
    if len(previous) <= 30 and (not part or names_over_dated(previous, line)) and not in_item:
        return False
    if is_row(previous) or is_row(line) or read_header(previous) is not None:
        return False
    return not (OPENS_OWN_LINE.match(line) or opens_with_label(line))


def is_item_title(previous: str, line: str) -> bool:
    """The line under an item's title opens the item's paragraph. A marked line is a title; a
    numbered line is one when it states no sentence and no progress and the next line tells progress
    (1.更新公交车辆40辆 / 一季度已购置…), else it is a numbered sentence a narrow page broke."""
    if MARK.match(previous):
        return not title_runs_on(previous, line)
    if previous[-1] in "，,、" or SENTENCE_MARK.search(previous) or not line:
        return False
    plain = normal(line)
    opens = bool(PROGRESS_OPENS.match(plain))
    if not (opens or ITEM.match(previous)):
        return False  # (cheap tests first: this runs on every pair of lines)
    title = normal(previous)
    if PROGRESS_WORD.search(title) or "完成" in title:
        return False
    if ITEM.match(previous):
        return opens or bool(PROGRESS_WORD.search(plain))
    return _plain_title(previous)


def _plain_title(line: str) -> bool:
    """新建口袋公园3个 over 目前已完成…: a short line with no mark that ends on its figure (or on the
    项目 after it) names an item's work when its paragraph opens with progress."""
    if len(line) > 40 or is_row(line) or ORDINAL_HEAD.match(line):
        return False
    found = quantities(line)
    return bool(found) and not re.sub(r"[项項]目$", "", line[found[-1].end :].strip())


def title_runs_on(title: str, line: str) -> bool:
    """A marked item's title goes on into the next line only where a narrow page broke it: after a
    comma, or into a piece that ends no sentence and tells no progress (the item's paragraph does)."""
    if title[-1] in "，,、":
        return True
    plain = normal(line)
    return not (SENTENCE_MARK.search(plain) or PROGRESS_OPENS.match(plain) or PROGRESS_WORD.search(plain))


def item_title(paragraph: str, titled: bool = False) -> tuple[str, str]:
    """(title, body) of an item whose first line names the work (☑新增便民停车泊位60个, 1.新建…)
    and whose next lines tell its progress; ("", paragraph) for any other paragraph. `titled`: the
    page's numbered lines are its tasks (progress_body.target_lines), each the title of its item."""
    title, _, body = paragraph.partition("\n")
    if titled and ITEM.match(title):
        return title, body
    if not body.strip() or title.rstrip()[-1] in TERMINAL:
        return "", paragraph
    if MARK.match(title) or ITEM.match(title) or is_item_title(title, body.split("\n", 1)[0]):
        return title, body
    return "", paragraph


def is_heading(line: str) -> bool:
    """A short line with no sentence punctuation and no figure: a heading or a title."""
    if len(line) > 30 or re.search(r"[，,。；;！？!?]", line) or re.search(r"[:：]\S", line):
        return False
    if line.endswith(("：", ":")) and not ORDINAL_HEAD.match(line):
        return False  # 现将进展情况通报如下：: a lead-in to what follows, not a heading
    if quantities(line) and not ORDINAL_HEAD.match(line):
        return False
    if read_header(line) is not None or is_row(line):
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", line)) >= 2


def is_task_heading(line: str, following: str) -> bool:
    """一、新增普惠托位1.2万个，改造托育点300个: a numbered heading holding its task's figures and
    commas, no sentence, and the next line does not go on with it."""
    if not ORDINAL_HEAD.match(line) or len(line) > 50 or SENTENCE_MARK.search(line) or PROGRESS_MARK.search(line):
        return False  # (the marks are matched in both widths: no normal form needed)
    if line.rstrip().endswith(("：", ":", "，", ",")) or CONTINUES.match(following):
        return False
    return len(re.findall(r"[\u4e00-\u9fff]", line)) >= 2


def sections(lines: list[str]) -> tuple[str, list[Section]]:
    """The title and the sections of a page's lines."""
    title = ""
    dashed = lists_by_dashes(lines)
    found = [Section("")]
    above_items = False  # the current heading stands over marked items (已完工项目 over ☑…)
    attached = Attachments()
    for i, line in enumerate(lines):
        if i == 0 and _headline(lines):
            title = line
            continue
        if _notes_its_heading(found[-1], line):
            continue  # （4项指标） on the line under its heading
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if _attached(found, line, attached):
            continue  # 附件：1.…: a list of what follows, never a heading
        if _led(found, line, dashed):
            above_items = False
            continue
        # under a heading over items, an item is the heading's, never a heading of its own
        if not _opens(lines[i - 1] if i else "", line, following, above_items):
            found[-1].paragraphs.append(line)
            continue
        empty = not (found[-1].paragraphs or found[-1].task)
        if not opens_item(line) and heading_goes_on(found[-1].heading, empty, line):
            found[-1].heading += line.strip()  # a sub-heading set over two lines
            continue
        found.append(_section(line))
        above_items = opens_item(following) and not opens_item(line)
        _take_back_opening(found[-2], found[-1], following)
    return title, [s for s in found if s.paragraphs or s.task]


def _headline(lines: list[str]) -> bool:
    """The first line is the page's headline: a headline may carry a figure (上半年完成投资24.36亿元)
    that its body repeats; a text of one line has no body: it is the statement (老旧电梯更新改造已完成300台)."""
    first = lines[0]
    return len(lines) > 1 and (is_title(first) or is_deck(first, lines[1])) and not counted_heading(first)


def _led(found: list[Section], line: str, dashed: bool) -> bool:
    """A line that opens its section with its own words (True: opened): a counted heading (●實事1 就業保障,
    关键观点2: …, its counter no figure) or a lead (9件市级重点民生实事有序推进，累计完成投资… /
    4.村村通工程。--…), the lead's rest the section's first paragraph."""
    counted = counted_heading(line)
    lead = "" if counted else block_lead(line) or dash_section(line, dashed)
    if not (counted or lead):
        return False
    found.append(Section(counted or lead.rstrip("。.． ")))
    rest = "" if counted else line[len(lead) :].lstrip("，, ")
    found[-1].paragraphs += [rest] if rest else []
    return True


def _attached(found: list[Section], line: str, attached: Attachments) -> bool:
    """A line of a list of attachments is kept as a paragraph (True: nothing more to do with it); a table's
    header after such a list opens the group of the next attachment named."""
    if attached.lists(line):
        found[-1].paragraphs.append(line)
        return True
    if found[-1].paragraphs and attached.names and read_header(line) is not None:
        found.append(Section(attached.names.pop(0)))
    return False


def _notes_its_heading(section: Section, line: str) -> bool:
    """A count of the heading's items on the line right under it (（4项指标）): a note, no paragraph."""
    return bool(section.heading) and not section.paragraphs and bool(COUNT_NOTE.fullmatch(normal(line)))


def _opens(previous: str, line: str, following: str, above_items: bool) -> bool:
    """Under a heading over items, an item is the heading's, never a heading of its own."""
    return not (above_items and opens_item(line)) and _opens_section(previous, line, following)


def _opens_section(previous: str, line: str, following: str) -> bool:
    """A heading (or a task printed as one) opens a section, unless it is a piece of a run of clauses."""
    if _inside_a_run(previous, line):
        return False
    return is_heading(line) or is_task_heading(line, following) or is_couplet_heading(line, following)


def _take_back_opening(before: Section, heading: Section, following: str) -> None:
    """The heading was set inside its own first paragraph (a page's layout put it mid-sentence): the
    paragraph above it, unfinished, goes with the line after it under the heading."""
    last = before.paragraphs
    if last and last[-1][-1] not in TERMINAL and CONTINUES.match(following):
        heading.paragraphs.append(last.pop())


RUN_PIECE = 10  # a page's line broken mid-clause is most of a line; a category's name is a few words


def _inside_a_run(previous: str, line: str) -> bool:
    """A short line with no ordinal after a line closed by a semicolon goes on with the run
    of clauses (…45个、118万平方米；/ 实施农村公路生命安全防护工 / 程176公里；): a list's clauses
    close with semicolons up to its last, and no heading comes before that. (After a comma a heading
    can still stand: the shared bulletin's follow paragraphs a page cut mid-sentence.)"""
    if len(line) < RUN_PIECE or OPENS_OWN_LINE.match(line):
        return False  # 卫生健康 after 改造操场5个；: a category's short name is still a heading
    return bool(previous) and previous.rstrip()[-1] in "；;"


def opens_item(line: str) -> bool:
    """☑…, ■…, 1.…, （2）…: a line opening an item (a heading right above one stands over items)."""
    return bool(MARK.match(line) or ITEM.match(line))


def _section(line: str) -> Section:
    note = COUNT_NOTE.search(normal(line)) if re.search(r"[)）]\s*$", line) else None
    heading = (line[: note.start()] if note else line).strip()
    task = ORDINAL_HEAD.sub("", heading, count=1) if quantities(heading) else ""
    return Section(heading, task)


def is_title(line: str, longest: int = 40) -> bool:
    if len(line) > longest or re.search(r"[，,。；;！？!?：:]", line) or ORDINAL_HEAD.match(line) or MARK.match(line):
        return False
    return read_header(line) is None and not is_row(line)


def is_deck(line: str, following: str) -> bool:
    """A first line longer than a title (“甲”和“乙”因故没完成), title-shaped, over a paragraph of sentences
    twice as long: the page's deck (a sentence a narrow page broke goes on into a shorter piece)."""
    long_enough = len(following) >= 2 * len(line) and bool(re.search(r"[，,。；;]", following))
    return 40 < len(line) <= 60 and long_enough and is_title(line, longest=60)


def is_row(line: str) -> bool:
    return len(re.split(r"\t|\s{2,}|\s*[|｜]\s*", line.strip())) >= 3
