"""Plans printed as numbered lists: the body of a 通知, a news article, a 政府工作报告.

Items are numbered in any of the usual ways (1. （1） 一、 （一） ① 第一 一是), one per line or run
together in one paragraph. Which numbering holds the projects is decided by what the items say
(targets, work verbs, unit labels), not by its style; a numbering above it whose lines are short
headings gives the categories. Units come on a line after an item or in a parenthesis at its end,
under the usual labels (牵头单位：… 配合单位：…). Lines around the list (headline, byline, 来源,
closing paragraphs) are left out.
"""

from __future__ import annotations

import re

from ...indicators.extract import extract
from ...text.normal import normal
from ..parsed import ParsedProject, ParsedTask
from .counts import stated_counts
from .furniture import until_furniture
from .labels import FIRST_LEADS, Labels, beside_lead, read_labels, split_labelled
from .leader_headings import heading_leaders
from .line_blocks import is_phrase_block, is_title_line, outer_items, titled_marks, without_note, without_running_lines
from .list_items import (
    Item,
    count_heading,
    first_paragraph,
    items_under,
    measured,
    one_paragraph,
    paragraph_breaks,
    titled_item,
    without_captions,
)
from .list_marks import Line, headlines, is_headline, split_lines
from .rules import COUNT, item_title, strip_count

WORK = re.compile(
    r"新建|改建|扩建|建设|建成|改造|新增|实施|推进|开展|完成|提升|打造|提供|免费|增加|开通|整治|创建|培训|"
    r"补助|救助|发放|覆盖|投入|惠及|解决|新开|更新|修缮|安装|配备|启动|优化|扩大|提高|落实|加快|保障|"
    r"提质|增效|扩容|治理|加固|改革|完善|增设|配置|普及|延长|清淤|疏浚|绿化|亮化|硬化"
)
ANNOUNCE = re.compile(r"民生|实事|项目|工程")
# Document sections whose items are never projects.
NOT_PROJECTS = re.compile(
    r"指导思想|基本原则|总体要求|保障措施|组织保障|组织领导|工作机制|督查|考核|实施步骤|工作步骤|征集|"
    r"(?:要求|措施|保障|机制|原则|办法|步骤)$"
)
_SECTION_MARK = "\x00"  # before a heading of the document's sections (保障措施): the items under it are not projects
# Sections that hold the projects but are not a category of them.
SECTION = re.compile(r"(?:任务|目标|要求|措施|安排|分工|清单|内容|项目|实事|情况|工作)$")
PROJECT_TITLE_END = ("工程", "项目", "行动", "计划")
# A report's section on one project: `一、…项目完成情况` (its text tells the progress, not the target)
PROGRESS_HEADING = re.compile(r"(?:的)?(?:完成|进展|推进|实施|落实|办理)情况$")


def _score(text: str) -> float:
    plain = normal(text)
    score = 0.0
    if extract(text):
        score += 1.0
    if WORK.search(plain):
        score += 0.6
    if len(plain) < 6:
        score -= 1.0
    return score


class ListReader:
    """Finds the projects in the lines of a document with no readable table."""

    def __init__(self, paragraphs: list[str], where: str) -> None:
        self.lines = without_running_lines(split_lines(paragraphs))
        self.where = where
        self.head: list[str] = []  # the lines above the first item: headline, 通知, byline
        # 列第一位者为牵头单位（下同）: in every unit list the first leads, the others partner
        self.first_leads = any(FIRST_LEADS.search(normal(p)) for p in paragraphs)
        self.paragraphs = paragraphs
        self.headings = False

    def projects(self) -> list[ParsedProject]:
        style = self._item_style()
        if style is None:
            return []
        style = self._outer_items(self._project_level(style))
        at = self._in_sequence(style)
        for i, line in enumerate(self.lines):
            if line.style == style and i not in at:
                self.lines[i] = Line(line.raw, raw=line.raw)  # a stray number: plain text
        items = self._items(style)
        above = headlines(self.lines, at[0])  # the page's, above its lead paragraph: a category is inside the list
        for item in (i for i in items if is_headline(i.heading, above)):
            item.heading = None
        first = at[0]
        self.head = [line.raw for line in self.lines[:first]]
        # items of which some head sub-items are headings: one over a plain line is its title, no task
        self.headings = any(item.children for item in items)
        projects = [p for p in (self._project(i, item) for i, item in enumerate(items)) if p is not None]
        if any(b.seq == 1 for b in projects[1:]):  # numbered afresh per category: count through the list
            for number, project in enumerate(projects, start=1):
                project.seq = number
        return projects

    def _item_style(self) -> str | None:
        """The numbering whose items read most like projects."""
        best: tuple[float, str] | None = None
        # in the order the numberings first appear: of two that read alike, the outer one (the first
        # printed) holds the projects, and the choice never hangs on a set's order (a run to run hash)
        for style in dict.fromkeys(line.style for line in self.lines if line.style):
            items = self._in_sequence(style)
            if len(items) < 2:
                continue
            mean = sum(_score(self._unit_text(i)) for i in items) / len(items)
            weight = mean * min(len(items), 12) ** 0.5
            if mean > self._floor(items[0]) and (best is None or weight > best[0]):
                best = (weight, style)
        return best[1] if best else None

    def _project_level(self, style: str) -> str:
        """The numbering above the best one when its lines are project titles (…工程, …项目):
        then the items below are the tasks of each project."""
        above = [s for s in self._ancestor_styles(style) if s != "plain"]
        if not above:
            return style
        titles = [self.lines[i].text for i in self._in_sequence(above[-1])]
        named = [t for t in titles if without_note(t).rstrip("。").endswith(PROJECT_TITLE_END) and not count_heading(t)]
        items = self._in_sequence(style)
        # tasks name their units; a list of bare names under 工程 headings is a list of projects
        labelled = [i for i in items if self._has_labels(i)]
        titled = len(titles) >= 2 and len(named) >= 0.6 * len(titles)
        if titled and len(labelled) >= 0.5 * len(items) or self._counted_headings(above[-1], style):
            return above[-1]
        under = items_under(self._in_sequence(above[-1]), items, len(self.lines))
        if style == "shi" and titles and len(named) == len(titles) and min(under) >= 2:
            return above[-1]  # `（一）…工程。` over its 一是…二是… points: the points are the project's work
        return style

    def _outer_items(self, style: str) -> str:
        """A numbering above this one whose items read as work, one heading all of these (line_blocks)."""

        def reads_as_work(heads: list[int]) -> bool:
            return sum(_score(self._unit_text(i)) for i in heads) / len(heads) > self._floor(heads[0])

        def section(text: str) -> bool:
            return bool(NOT_PROJECTS.search(normal(text)))

        return outer_items(self.lines, style, self._in_sequence, reads_as_work, section)

    def _counted_headings(self, above: str, style: str) -> bool:
        """Whether the page's stated count (请从以下12项备选项目中…) is the number of headings: then
        the headings are the projects, the items under them their tasks. When the items below
        number the same, they are the projects only if every heading has items under it (a
        heading over one paragraph is a project of its own, never a category)."""
        headings, items = self._in_sequence(above), self._in_sequence(style)
        stated = stated_counts(self.paragraphs) if len(headings) >= 2 else set()  # what the page says it holds
        if len(headings) not in stated:
            return False
        if len(items) not in stated:
            return True
        return 0 in items_under(headings, items, len(self.lines))

    def _has_labels(self, at: int) -> bool:
        """Whether the item at this line names units, leaders or a deadline on its line or the next."""
        nearby = [self.lines[at].raw] + [line.raw for line in self.lines[at + 1 : at + 3] if line.style is None]
        return any(read_labels(text)[0].any() for text in nearby)

    def _floor(self, first: int) -> float:
        """How much like work items must read: less after a line announcing them
        (…民生实事项目如下：), which says what the list is."""
        before = next((line.raw for line in reversed(self.lines[:first]) if line.raw.strip()), "")
        announced = before.rstrip().endswith(("：", ":")) and bool(ANNOUNCE.search(normal(before)))
        return 0.2 if announced else 0.5

    def _in_sequence(self, style: str) -> list[int]:
        """Indexes of the lines that number items 1, 2, 3 … in this style (restarting at 1 per
        category); a stray number before or between them (附件：1.… 2.…) is not an item."""
        at: list[int] = []
        previous = 0
        for i, line in enumerate(self.lines):
            if line.style != style:
                continue
            if line.number == previous + 1 or (line.number == 1 and previous > 0):
                at.append(i)
                previous = line.number
        return at

    def _unit_text(self, at: int) -> str:
        """An item's own line with its plain continuation lines."""
        parts = [self.lines[at].text]
        for line in self.lines[at + 1 :]:
            if line.style is not None:
                break
            parts.append(line.text)
            if len(parts) > 3:
                break
        return "".join(parts)

    def _items(self, style: str) -> list[Item]:
        ancestors = self._ancestor_styles(style)
        first = next(i for i, line in enumerate(self.lines) if line.style == style)
        # a numbering the document used before the list (its own 一、二、三、) ends an item: never its child
        outer = {line.style for line in self.lines[:first] if line.style} - {style}
        headings: dict[str, str] = {}
        items: list[Item] = []
        current: Item | None = None
        for at, line in enumerate(self.lines):
            if line.style == style:
                current = Item(line, self._heading(headings, ancestors))
                items.append(current)
            elif line.style in outer and line.style not in ancestors:
                current = None
            elif line.style in ancestors:
                current = self._heading_line(at, style, headings, ancestors)
                items.extend([current] if current else [])
            elif line.style is None and _COUNT_ONLY.match(normal(line.text)):
                continue  # （3件） under its heading
            elif line.style is None and (
                count_heading(line.text) or self._bullet_heading(style, at) or self._restart_heading(style, at)
            ):
                headings["plain"] = line.text
                current = None
            elif current is not None:
                self._attach(current, line)
        return self._trim(items)

    def _heading_line(self, at: int, style: str, headings: dict[str, str], ancestors: list[str]) -> Item | None:
        """A heading's line: its title heads the items below it; a category whose one item follows
        its name after a colon (1、省级工程：新建…。), unnumbered, while no item of its own follows,
        holds that item."""
        line = self.lines[at]
        title, rest = titled_item(line.text, lambda text: not _COUNT_ONLY.match(text) and _score(text) > 0)
        headings[str(line.style)] = title
        for deeper in ancestors[ancestors.index(str(line.style)) + 1 :]:
            headings.pop(deeper, None)
        if not rest or (at + 1 < len(self.lines) and self.lines[at + 1].style == style):
            return None
        return Item(Line(rest, style, 1, rest), self._heading(headings, ancestors))

    def _bullet_heading(self, style: str, at: int) -> bool:
        """Bullets grouped under plain headings (基础设施与防洪工程 / - 实施…): a short title line
        right before a bullet heads the bullets below it."""
        if style != "bullet" or not is_title_line(self.lines[at].text):
            return False
        return at + 1 < len(self.lines) and self.lines[at + 1].style == "bullet"

    def _restart_heading(self, style: str, at: int) -> bool:
        """A list numbered afresh under each category (教育类 / 1 … 2 … / 医疗类 / 1 …): the short title
        line right before each item 1 names the category of the items below it."""
        following = self.lines[at + 1] if at + 1 < len(self.lines) else None
        if following is None or following.style != style or following.number != 1 or not self._restarts(style):
            return False
        return is_title_line(self.lines[at].text)

    def _restarts(self, style: str) -> bool:
        return sum(1 for i in self._in_sequence(style) if self.lines[i].number == 1) >= 2

    def _ancestor_styles(self, style: str) -> list[str]:
        """Numberings printed before the first item and between items: headings above it, outermost first."""
        before, between = self._styles_around(style)
        order = list(dict.fromkeys(before))
        # a numbering seen only before the items heads them when it is one line (一、重点任务);
        # several lines are a list of their own (the promises a news story opens with)
        lone = order[-1] if order and before.count(order[-1]) == 1 else None
        return [s for s in order if s in between or s == lone] + (["plain"] if self._plain_heads(style) else [])

    def _styles_around(self, style: str) -> tuple[list[str], set[str]]:
        """Other numberings on short lines before the first item, and those between the items."""
        at = [i for i, line in enumerate(self.lines) if line.style == style]
        other = [(i, line) for i, line in enumerate(self.lines) if line.style and line.style != style]
        before = [str(line.style) for i, line in other if i < at[0] and len(line.text) <= 40]
        return before, {str(line.style) for i, line in other if at[0] <= i < at[-1]}

    def _plain_heads(self, style: str) -> bool:
        """Unnumbered lines head bullets, and any list when one of them states a count (十大类)."""
        if style == "bullet" or self._restarts(style):
            return True
        return any(count_heading(line.text) for line in self.lines if not line.style)

    @staticmethod
    def _heading(headings: dict[str, str], ancestors: list[str]) -> str | None:
        """The nearest heading above, as a category; none when it is a section of the document."""
        for style in reversed(ancestors):
            text = headings.get(style)
            if text is None:
                continue
            if NOT_PROJECTS.search(normal(text)):
                return _SECTION_MARK + strip_count(text)  # items under it are not projects, as a rule
            name = strip_count(text)
            if heading_leaders(name):  # 一、陈立新市长主抓民生实事: the items' leader, and their category
                return name
            return None if SECTION.search(normal(name)) and not count_heading(text) else name
        return None

    def _attach(self, item: Item, line: Line) -> None:
        if line.style is not None and not item.children and line.number != 1:
            line = Line(line.raw, raw=line.raw)  # sub-items count from 1: a stray number is text
        labels, rest = split_labelled(line.raw if line.style else line.text, self.first_leads)
        if labels is not None and not rest:
            item.labels.merge(beside_lead(item.labels, line.text, labels))
        elif line.style is not None:
            item.children.append(Item(line, None))
            if labels is not None:
                item.children[-1].labels.merge(labels)
        elif item.children:
            item.children[-1].parts.append(line.text)
        else:
            item.parts.append(line.text)
            if labels is not None:
                item.labels.merge(labels)

    def _trim(self, items: list[Item]) -> list[Item]:
        """Lines after the last item are its own only as far as its siblings run on; furniture never is.

        The closing paragraphs of a 通知 or an article follow the last item with nothing to mark them:
        siblings that are one line say the last is one line too; siblings that are one paragraph
        (wrapped lines, in a PDF) say the last ends with its first sentence-ending line."""
        for item in items:
            item.parts = until_furniture(item.parts)
        without_captions(items)
        if items:
            siblings = items[:-1]
            last = items[-1]
            if not any(item.parts for item in siblings):
                last.parts = []
            elif not any(paragraph_breaks(item) for item in siblings):
                last.parts = first_paragraph(last)
        counted = measured(items, _SECTION_MARK)
        kept = []
        for item in items:
            if item.heading and item.heading.startswith(_SECTION_MARK):
                if not counted:
                    continue
                item.heading = item.heading[1:]
            kept.append(item)
        return kept

    def _project(self, index: int, item: Item) -> ParsedProject | None:
        text = "".join([item.line.text, *item.parts])
        labels, body = read_labels(text, self.first_leads)
        labels.merge(item.labels)
        labels.leaders = labels.leaders or heading_leaders(item.heading)
        body = body.strip().rstrip("；;，,、")  # the separator between items is not the item's
        if not body:
            return None
        name, content = item_title(body)
        block = self._block(index, item, labels)
        if block is not None:
            return block
        if item.parts and is_title_line(item.line.text):
            # a title on its own line, the content on the lines below it
            name, content = without_note(item.line.text), read_labels("".join(item.parts), self.first_leads)[1]
            progress = PROGRESS_HEADING.search(normal(name))
            if progress:  # 一、…项目完成情况 over what was done: the text under it is progress, no content
                name = content = name[: progress.start()].strip()
        project = ParsedProject(
            seq=item.line.number, category=item.heading, name=name, source=f"{self.where} 第{index + 1}项"
        )
        tasked = [c for c in item.children if c.labels.any()]
        if one_paragraph(item) and not tasked:
            # parts numbered inside the one paragraph under a title ((1)…;(2)…) are that paragraph's
            # clauses: the office wrote one task; parts on lines of their own are tasks each
            tail = "".join("".join([c.line.raw, *c.parts]) for c in item.children)
            content = tail if content == name else content + tail
            project.tasks.append(_task(content, labels, self.first_leads))
        elif len(item.children) >= 2 and (tasked or len(content) <= 30 and not extract(content)):
            project.name = body.strip().rstrip("。；;：:")
            for child in item.children:
                text = "".join([child.line.text, *child.parts])
                project.tasks.append(_task(text, child.labels.merged(labels), self.first_leads))
        else:
            tail = "".join("".join([c.line.raw, *c.parts]) for c in item.children)
            project.tasks.append(_task(content + tail, labels, self.first_leads))
        return project

    def _block(self, index: int, item: Item, labels: Labels) -> ParsedProject | None:
        """A block of task lines under its number (line_blocks): the first line names the project."""
        lines, marked = [item.line.text, *item.parts], titled_marks(item.line.text, item.parts)
        if item.children or self.headings or not (marked or is_phrase_block(lines, WORK)):
            return None
        name = without_note(lines[0]) if marked else lines[0]  # a title over its marked lines (▶…)
        project = ParsedProject(item.line.number, item.heading, name, source=f"{self.where} 第{index + 1}项")
        project.tasks = [_task(line, labels, self.first_leads) for line in (marked or lines)]
        return project


def _task(text: str, labels: Labels, first_leads: bool) -> ParsedTask:
    extra, body = read_labels(text, first_leads)
    labels = extra.merged(labels)
    task = ParsedTask(content=body.strip())
    task.indicators = extract(task.content)
    labels.apply(task)
    return task


_COUNT_ONLY = re.compile(r"^\s*" + COUNT)
