"""A labelled record's fields as a project (records.py): its heading or 名称 label names it, its
content label says what it delivers, and tasks numbered inside that content (1、… 2、…, each on
its line) are its tasks, every one with the record's leaders, units and deadline."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...indicators.extract import extract
from ...plans.fields import BY_KEY, TASK_CELLS
from ..parsed import ParsedProject, ParsedTask
from .labels import Labels, beside_lead, field_labels
from .list_marks import numbered_line
from .rules import item_title, join_wrapped, parse_seq


@dataclass
class Record:
    heading: str = ""  # the line above its first label; "" where a 名称 label names it
    seq: str = ""  # the number printed before its 名称 label
    category: str | None = None  # the category label printed above its heading
    fields: dict[str, str] = field(default_factory=dict)  # by the key of plans/fields.py
    words: dict[str, str] = field(default_factory=dict)  # each field's label as printed (normal form)
    labels: set[str] = field(default_factory=set)  # every label it printed, the plan's or not

    def continues(self, key: str) -> bool:
        """Text runs on below its label; a list of units or leaders only while it ends mid-list
        (what follows the last record's units is the signature, not a unit)."""
        value = self.fields.get(key, "")
        return BY_KEY[key].cell == "text" or not value or value.endswith(("、", "，", ",", "；"))

    def extend(self, key: str, line: str) -> None:
        self.fields[key] = (self.fields.get(key, "") + "\n" + line).strip()


def record_project(record: Record, where: str, first_leads: bool = False) -> ParsedProject:
    """`first_leads`: the document says the first unit listed leads (labels.FIRST_LEADS)."""
    seq, name, content = _named(record)
    labels = Labels()
    for key in (f.key for f in TASK_CELLS if record.fields.get(f.key)):
        found = field_labels(key, record.words[key], record.fields[key], first_leads)
        labels.merge(beside_lead(labels, record.words[key], found))  # 责任单位 after 牵头单位: partners
    category = record.fields.get("category") or record.category
    return ParsedProject(
        seq=seq,
        category=join_wrapped(category) if category else None,
        name=name,
        tasks=[_task(text, labels) for text in task_texts(content)],
        source=where,
    )


def _named(record: Record) -> tuple[int | None, str, str]:
    """The project's number, name and content: a 名称 label's, or the heading's (its own content
    when no label gives one: `名称：内容`, or the heading alone)."""
    if not record.heading:
        return parse_seq(record.seq), join_wrapped(record.fields.get("name", "")), record.fields.get("content", "")
    line = numbered_line(record.heading)
    seq = line.number if line.style else None
    if record.fields.get("content"):
        return seq, line.text.strip().rstrip("。；;，,"), record.fields["content"]
    name, content = item_title(line.text)
    return seq, name, content


def task_texts(content: str) -> list[str]:
    """A content whose lines number items 1, 2, … in one style: each item (with the lines under it)
    is a task, a lead-in ending in a colon before them none; any other content is one task."""
    lines = [line for line in content.split("\n") if line.strip()]
    numbered = [numbered_line(line.strip()) for line in lines]
    starts = [i for i, line in enumerate(numbered) if line.style]
    styles = {numbered[i].style for i in starts}
    if len(starts) < 2 or len(styles) > 1 or [numbered[i].number for i in starts] != list(range(1, len(starts) + 1)):
        return [join_wrapped(content)]
    lead = join_wrapped("\n".join(lines[: starts[0]]))
    texts = [lead] if lead and not lead.endswith(("：", ":")) else []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        texts.append(join_wrapped("\n".join([numbered[start].text, *lines[start + 1 : end]])))
    return texts


def _task(text: str, labels: Labels) -> ParsedTask:
    task = ParsedTask(content=text)
    task.indicators = extract(task.content)
    labels.apply(task)
    return task
