"""Labelled fields in running text: `牵头单位：市教育局；配合单位：市财政局`.

List-style plans name an item's units, leaders and deadline in words after it,
on its own line or in a parenthesis at its end. The labels are the same words
the table headers use (headers.py), read here with a colon after them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ...plans.fields import FIELDS, SUMS
from ...text.normal import normal
from ...text.numbers import wan_yuan
from ..parsed import ParsedTask
from .headers import field_for
from .rules import JURISDICTION_START, lead_marked, split_leaders, split_units, whole_unit
from .said_deadlines import last_milestone

_LEAD = (
    "牵头责任单位|牵头负责单位|主要责任单位|牵头单位|牵头部门|责任单位|责任部门|主责单位|主责部门|负责单位|负责部门|实施单位|实施主体|承办单位|主办单位|"
    "责任主体|落实单位|责任处室|牵头"
)
_PARTNER = (
    "协同责任单位|配合责任单位|协同负责单位|配合单位|配合部门|协办单位|协办部门|参与单位|参与部门|"
    "协同单位|协作单位|协助单位|配合"
)
_LEADER = r"[\u4e00-\u9fff]{0,4}领导"
# 进度安排 gives the milestones (6月底前…；12月底前…): the last is the deadline (said_deadlines.last_milestone)
_DEADLINE = "完成时限|完成时间|完成期限|时间节点|时限要求|时限|进度安排"
# A sum's label is its field's header words (plans/fields.py), longest first; the group is its key.
_SUMS = "".join(
    f"|(?P<{f.key}>{'|'.join(sorted(f.words, key=len, reverse=True))})" for f in FIELDS if f.cell == "money"
)
# Labelled values that are not the plan's: a unit's own contact, progress so far, phone numbers,
# where the money comes from. They end the value before them and are left out.
_OTHER = (
    "主要责任人|项目责任人|具体责任人|责任人|资金筹措|资金来源|联系人|联系电话|电话|"
    "实际完成情况|完成情况|进展情况|工作进展|进度情况|备注"
)
LABEL = re.compile(
    rf"(?P<other>{_OTHER})|(?P<lead>{_LEAD})|(?P<partner>{_PARTNER})|(?P<leaders>{_LEADER})|(?P<deadline>{_DEADLINE})"
    + _SUMS
)
_LABEL_COLON = re.compile(rf"(?:{LABEL.pattern})\s*[：:]")
# A label printed alone before its value (at a line's start): the whole word is one label, a qualifier
# before it at most (主要责任人, 项目责任领导); a word that is no label here may be a field's header
# word (项目名称, 项目内容, 类别: plans/fields.py).
_WHOLE_LABEL = re.compile(rf"[\u4e00-\u9fff]{{0,2}}?(?:{LABEL.pattern})")
_FIELD_OF_GROUP = {"lead": "lead_units", "partner": "partner_units", "leaders": "leaders", "deadline": "deadline"}
OTHER = "other"


def label_field(word: str) -> str | None:
    """The field a label word names (a key of plans/fields.py), OTHER for a value that is not the
    plan's (主要责任人, 资金筹措), None for no label: the labels read in running text first, then the
    fields' header words."""
    match = _WHOLE_LABEL.fullmatch(normal(word.strip()))
    if match is not None:
        group = match.lastgroup or OTHER
        return _FIELD_OF_GROUP.get(group, group)
    return field_for(word)
_OPEN = "（([［【"  # 牵头单位 in square brackets too: [牵头单位:区卫健局;责任单位:…]
_CLOSE = "）)]］】"
# A note after a unit list: (列第一位者为牵头单位，下同)
_NOTE = re.compile(r"[（(][^（()）]*(?:者|下同|为牵头|为主)[^（()）]*[)）]")
# 列第一位者为牵头单位: of a unit list, the first leads and the others partner
FIRST_LEADS = re.compile(r"(?:列|排)(?:在)?第一(?:位|个)?(?:的|者)?(?:为|是)[^，,。)）]{0,6}牵头")
# 责任单位 after 牵头单位 in the same parenthesis names the partners
_RESPONSIBLE = ("责任单位", "责任部门", "责任主体")


@dataclass
class Labels:
    lead_units: list[str] = field(default_factory=list)
    partner_units: list[str] = field(default_factory=list)
    leaders: list[str] = field(default_factory=list)
    deadline: str | None = None
    sums: dict[str, Decimal] = field(default_factory=dict)

    def any(self) -> bool:
        return bool(self.lead_units or self.partner_units or self.leaders or self.deadline or self.sums)

    def merge(self, other: Labels) -> None:
        for name in ("lead_units", "partner_units", "leaders"):
            mine = getattr(self, name)
            mine.extend(x for x in getattr(other, name) if x not in mine)
        self.deadline = self.deadline or other.deadline
        self.sums = {**other.sums, **self.sums}

    def merged(self, fallback: Labels) -> Labels:
        """These labels, with the fallback's where these say nothing (a task inherits its item's units)."""
        out = Labels(
            list(self.lead_units), list(self.partner_units), list(self.leaders), self.deadline, dict(self.sums)
        )
        out.lead_units = out.lead_units or list(fallback.lead_units)
        out.partner_units = out.partner_units or list(fallback.partner_units)
        out.leaders = out.leaders or list(fallback.leaders)
        out.deadline = out.deadline or fallback.deadline
        out.sums = out.sums or dict(fallback.sums)
        return out

    def apply(self, task: ParsedTask) -> None:
        task.lead_units = list(self.lead_units)
        task.partner_units = list(self.partner_units)
        task.leaders = list(self.leaders)
        task.deadline = self.deadline
        task.sums = dict(self.sums)


# Units named without a label, in a parenthesis at the end: （市民政局牵头，市财政局、市住建局按职责分工负责）
_DUTY = re.compile(
    r"[（(]([^（）()]{2,60}?)牵头(?:[，,；;]([^（）()]{2,80}?)(?:按职责分工负责|按职责分工|配合|参与|协助|负责))?[)）]\s*$"
)


def read_labels(text: str, first_leads: bool = False) -> tuple[Labels, str]:
    """The labels in a text and the text without them: `新建…。（牵头单位：区教育局）` → (区教育局, `新建…。`)."""
    plain = normal(text)
    match = _LABEL_COLON.search(plain)
    if match is None:
        return _duty_division(text, plain, first_leads)
    start = match.start()
    before = plain[:start].rstrip()
    if before and before[-1] in _OPEN:
        start = len(before) - 1
        segment = text[start + 1 :]
        close = _closing(segment)
        rest = segment[close + 1 :] if close is not None else ""
        segment = segment[:close] if close is not None else segment
        body = text[:start] + rest
    else:
        segment, body = text[start:], text[:start]
    return _parse(segment, first_leads), body.strip()


# Units alone in a parenthesis at the end, without a label: 提高养老金待遇。…。（市人社局、市财政局）
_BARE_UNITS = re.compile(r"[（(]([^（）()\d]{2,80})[)）][。；;]?\s*$")
_NOT_UNITS = ("含", "包括", "如", "即", "其中", "涉及", "覆盖", "不含")
_STRONG_ENDINGS = ("局", "委", "办", "中心", "公司", "集团", "政府", "厅", "院", "街道")


def _bare_units(text: str, plain: str, first_leads: bool) -> tuple[Labels, str]:
    """`…。（市人社局、市财政局）` names the item's units as 责任单位 would: all lead, unless the
    document says the first listed leads. Every name must read as an organisation's."""
    match = _BARE_UNITS.search(plain)
    if match is None or match.group(1).startswith(_NOT_UNITS):
        return Labels(), text
    units = split_units(text[match.start(1) : match.end(1)])
    if not units or not all(whole_unit(u) for u in units):
        return Labels(), text
    if not (all(u.startswith(JURISDICTION_START) for u in units) or all(u.endswith(_STRONG_ENDINGS) for u in units)):
        return Labels(), text
    labels = Labels()
    _units(labels, "lead", text[match.start(1) : match.end(1)], first_leads)
    return labels, text[: match.start()].strip()


def _duty_division(text: str, plain: str, first_leads: bool = False) -> tuple[Labels, str]:
    duty = _DUTY.search(plain)
    if duty is None:
        return _bare_units(text, plain, first_leads)
    labels = Labels()
    labels.lead_units = split_units(text[duty.start(1) : duty.end(1)])
    if duty.group(2):
        labels.partner_units = split_units(text[duty.start(2) : duty.end(2)])
    return labels, text[: duty.start()].strip()


def split_labelled(line: str, first_leads: bool = False) -> tuple[Labels | None, str]:
    """A line that is only labels (`责任单位：市经信局、市财政局`) → (labels, ''); else (labels or None, rest)."""
    labels, body = read_labels(line, first_leads)
    if not labels.any():
        return None, line
    return labels, body.strip(" \u3000。；;，,（()）")


def beside_lead(held: Labels, line: str, labels: Labels) -> Labels:
    """A `责任单位：A、B` line after the item's `牵头单位：X` line names the partners, as the two labels
    do in one parenthesis (_parse): with a lead named, the units answerable beside it are the others."""
    if not held.lead_units or held.partner_units or labels.partner_units or not labels.lead_units:
        return labels
    if not normal(line).lstrip().startswith(_RESPONSIBLE):
        return labels
    return Labels([], labels.lead_units, labels.leaders, labels.deadline, labels.sums)


def field_labels(key: str, word: str, value: str, first_leads: bool = False) -> Labels:
    """A task's field printed under its label at a line's start (labelled records, records.py): read
    as the same label in running text is (a unit marked 牵头, a second label inside the value, the
    last of its milestones); under a header word running text does not use (承办, 年限), by its kind."""
    if _WHOLE_LABEL.fullmatch(normal(word)):
        return _parse(f"{word}：{value}", first_leads)
    labels = Labels()
    if key in ("lead_units", "partner_units"):
        _units(labels, "lead" if key == "lead_units" else "partner", value, first_leads)
    elif key == "leaders":
        labels.leaders = split_leaders(value)
    elif key == "deadline":
        labels.deadline = last_milestone("".join(line.strip() for line in value.split("\n")))
    elif key in SUMS:
        _sum(labels, key, value)
    return labels


def _closing(segment: str) -> int | None:
    depth = 0
    for i, ch in enumerate(segment):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            if depth == 0:
                return i
            depth -= 1
    return None


def _parse(segment: str, first_leads: bool) -> Labels:
    labels = Labels()
    plain = normal(segment)
    found = list(_LABEL_COLON.finditer(plain))
    for match, after in zip(found, [*found[1:], None], strict=False):
        value = segment[match.end() : after.start() if after else len(segment)]
        value = value.strip(" \u3000\n。；;，,")
        kind = match.lastgroup or "lead"
        if kind == "lead" and labels.lead_units and match.group(0).startswith(_RESPONSIBLE):
            kind = "partner"
        if kind == "other":
            continue
        if kind == "deadline":
            labels.deadline = labels.deadline or last_milestone(value)
        elif kind in SUMS:
            _sum(labels, kind, value)
        elif kind == "leaders":
            labels.leaders.extend(split_leaders(value))
        else:
            _units(labels, kind, value, first_leads and len(found) == 1)
    return labels


def _sum(labels: Labels, key: str, value: str) -> None:
    """The first sum a label gives stands (总投资：2.2亿元), if it is one."""
    amount = wan_yuan(value)
    if amount is not None:
        labels.sums.setdefault(key, amount)


def _units(labels: Labels, kind: str, value: str, first_leads: bool) -> None:
    note = _NOTE.search(value)
    if note:
        value = (value[: note.start()] + value[note.end() :]).strip()
        first_leads = first_leads or bool(FIRST_LEADS.search(normal(note.group(0))))
    units = split_units(value)
    marked = lead_marked(units)
    if marked is not None:
        labels.lead_units.extend(marked[0])
        labels.partner_units.extend(marked[1])
    elif kind == "lead" and first_leads and len(units) > 1:
        labels.lead_units.extend(units[:1])
        labels.partner_units.extend(units[1:])
    elif kind == "lead":
        labels.lead_units.extend(units)
    else:
        labels.partner_units.extend(units)
