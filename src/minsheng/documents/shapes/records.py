"""Plans printed as labelled records, one per project: a heading, then its fields one label a line.

    01 项目名称：提升县域生态环境              三、实施农村寄宿制学校建设工程
    项目内容：                                 （一）责任领导：高勤
    连通城区河道水系，新开引水河道1.6公里。     （二）责任单位：市教育局
    责任单位：                                 （四）项目内容及任务分解：
    水务局、城管局                             1、新建…  2、将…
                                               （六）完成时限：2008年内

A line is a label when its word (after the label's own number, （一）) names a field or a value
that is not the plan's (labels.label_field: the labels read in running text, then the fields'
header words). A record opens at a 名称 label; on a page with none, at the line right above a
label that starts a record (the first, numbered 1 or not at all, or one the record already has):
that line is the project's heading. A value runs on below its label until the next label; a label
of none of the plan's fields (主要责任人, 资金筹措) ends the value before it and is left out. A
category label (关键词 教育) is the category of the records that open after it. Lines above the
first record are the page's head: a field there (a page starting mid-record) is no project's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...text.normal import normal
from ..parsed import ParsedProject
from .labels import FIRST_LEADS, OTHER, label_field
from .list_marks import numbered_line
from .record_fields import Record, record_project

# A label (numbered `01 ` too, a number no list style reads before 项目), its colon, its value; a
# category may stand before its value with a space (关键词 教育).
_LABELLED = re.compile(
    r"^(?:(?P<seq>\d{1,3})\s*[、.．]?\s*)?(?P<label>[^\s：:，。；]{2,10})"
    r"\s*(?:[：:]\s*(?P<value>.*)|\s+(?P<short>[^\s，。；：]{1,12}))$"
)


@dataclass
class _Label:
    field: str  # a field's key (plans/fields.py) or labels.OTHER
    word: str  # the label as normalised: 主要责任人
    value: str
    number: int | None  # the label's own number: （一）责任领导 → 1
    seq: str = ""  # the number printed before a 名称 label: the project's


def _label_of(raw: str) -> _Label | None:
    line = numbered_line(raw.strip())
    match = _LABELLED.match(normal(line.text))
    if match is None:
        return None
    key = label_field(match["label"])
    if key is None or (match["short"] is not None and key != "category"):
        return None
    value = line.text[match.start("value") if match["value"] is not None else match.start("short") :]
    number = line.number if line.style else int(match["seq"]) if match["seq"] else None
    return _Label(key, match["label"], value.strip(), number, str(number or "") if key == "name" else "")


def read_records(paragraphs: list[str], where: str) -> tuple[list[ParsedProject], list[str]]:
    """The projects of a document printed as labelled records (none when it is not one), and the
    lines above the first record."""
    raws = [raw.rstrip() for p in paragraphs for raw in p.split("\n")]
    labels = [_label_of(raw) if raw.strip() else None for raw in raws]
    records = _Records(named=any(label and label.field == "name" for label in labels))
    for raw, label in zip(raws, labels, strict=True):
        records.feed(raw.strip(), label)
    records.finish()
    if not records.read_whole():
        return [], []
    first_leads = any(FIRST_LEADS.search(normal(p)) for p in paragraphs)  # 列第一位者为牵头单位
    projects = [record_project(r, f"{where} 第{i + 1}项", first_leads) for i, r in enumerate(records.records)]
    return projects, records.head


@dataclass
class _Records:
    """Records line by line. Lines below a label wait (`waiting`) until the next label tells whether
    they run on in its value or the last of them is the next record's heading."""

    named: bool  # the page labels its names (项目名称：…): only such a label opens a record
    records: list[Record] = field(default_factory=list)
    head: list[str] = field(default_factory=list)
    waiting: list[str] = field(default_factory=list)
    field: str | None = None  # the label whose value the lines below continue
    category: str | None = None  # the category label last printed above a heading
    lost: int = 0  # lines inside the records that belong to no value: then it is no page of records

    def feed(self, line: str, label: _Label | None) -> None:
        if label is None:
            self.waiting.append(line)
        elif label.field == "category" and not self.named:
            self._flush(count=True)  # what stands above a category line is no heading
            self.category = label.value
        elif self._opens(label):
            self._open(label)
        else:
            self._flush(count=True)
            self._fill(label, line)

    def _opens(self, label: _Label) -> bool:
        if self.named:
            return label.field == "name"
        if not any(self.waiting):
            return False
        current = self.records[-1] if self.records else None
        if current is None:
            return label.number in (None, 1)
        return label.number == 1 or _key(label) in current.labels

    def _open(self, label: _Label) -> None:
        heading = ""
        if not self.named:  # the heading is the last line above the label, with the lines it wraps from
            end = max(i for i, line in enumerate(self.waiting) if line)
            at = _heading_start(self.waiting, end)
            heading, self.waiting = "".join(self.waiting[at : end + 1]), self.waiting[:at]
        self._flush(count=True)
        self.records.append(Record(heading=heading, seq=label.seq, category=self.category))
        self._fill(label, "")

    def _fill(self, label: _Label, line: str) -> None:
        if not self.records:
            self.head.append(line)  # a page starting mid-record: the field is no project's
            return
        record = self.records[-1]
        record.labels.add(_key(label))
        self.field = label.field if label.field != OTHER else None
        if self.field is not None:
            record.fields[self.field], record.words[self.field] = label.value, label.word

    def _flush(self, count: bool) -> None:
        """The waiting lines run on in the value above them, or are the head above the first record."""
        lines, self.waiting = self.waiting, []
        if not self.records:
            self.head.extend(line for line in lines if line)
            return
        for line in lines:
            if not line:
                if self.field and self.records[-1].fields.get(self.field):
                    self.field = None  # a blank line ends a value that has begun
            elif self.field is not None and self.records[-1].continues(self.field):
                self.records[-1].extend(self.field, line)
            elif count:
                self.lost += 1

    def finish(self) -> None:
        self._flush(count=False)  # what follows the last record's values is the signature

    def read_whole(self) -> bool:
        """Two records or more, each with a field of the plan's; on a page of headings, every line
        between them is some record's."""
        if len(self.records) < 2 or not all(r.fields.keys() - {"name", "category"} for r in self.records):
            return False
        if self.named:
            return all(r.fields.get("content") for r in self.records)
        # fields, not a line of units under a list's item (listing.py): each record but a cut last prints two
        return self.lost == 0 and all(len(r.labels) >= 2 for r in self.records[:-1])


_CLOSED = ("。", "；", "！", "？", "：")


def _heading_start(lines: list[str], end: int) -> int:
    """Where the heading ending at `end` starts: a page narrower than the heading broke it, so lines
    run up into it while the one above is not closed (by 。 or a blank line); a numbered line starts it."""
    at = end
    while at > 0 and lines[at - 1] and not numbered_line(lines[at]).style:
        if normal(lines[at - 1]).endswith(_CLOSED):
            break
        at -= 1
    return at


def _key(label: _Label) -> str:
    """What a record holds once: a field, or a label of a value not the plan's by its word."""
    return label.field if label.field != OTHER else f"{OTHER}:{label.word}"
