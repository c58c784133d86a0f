"""Finishing a draft plan in the browser (issue 26, item 5): its title, jurisdiction and year, and
each task's lead and partner units, deadline and leaders, saved in one transaction, through the
gate, audited. A plan read from a numbered list arrives as 未命名计划 without units or deadlines;
this is where the office completes it before publishing (plans/services.publish_gaps says what
is still missing).

Unit names resolve as the import resolves them (plans/directory.NameLookup: a unit of the plan's
jurisdiction, made when new, a merged alias filed under its unit); lists split as the import
splits a cell (documents/shapes/rules.split_units); deadlines become due dates by the import's
rule (rules.due_date)."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from ..documents.shapes.rules import due_date, impossible_days, split_units
from ..plans import access, gate
from ..plans.directory import NameLookup
from ..plans.models import Jurisdiction, Leader, Plan, Task, TaskLeader, TaskUnit, Unit

FIELDS = ("lead_units", "partner_units", "deadline", "leaders")
LABELS = {"lead_units": "牵头单位", "partner_units": "配合单位", "deadline": "完成时间", "leaders": "分管领导"}
_LEADER_SPLIT = re.compile(r"[、，,；;\s]+")
_LIMITS = {"lead_units": 100, "partner_units": 100, "leaders": 50, "deadline": 100}  # the models' max_length


class DraftEditError(Exception):
    """Input the draft cannot take; the message names the row and the field."""


class NewUnitsPending(Exception):
    """The save would make units the directory does not have: held until the clerk confirms
    (a typo or a variant name would otherwise make a unit whose reporter never sees the task).
    `names` maps each new name to the closest existing names of the plan's place."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        super().__init__("将新建单位：" + "、".join(names))
        self.names = names


@dataclass(frozen=True)
class Saved:
    changed: int
    warnings: list[str]


@dataclass(frozen=True)
class Row:
    """One task as the editor shows and takes it: lists as names, the deadline as printed."""

    lead_units: tuple[str, ...]
    partner_units: tuple[str, ...]
    deadline: str
    leaders: tuple[str, ...]

    @classmethod
    def of(cls, task: Task) -> Row:
        """A task read with `editor_tasks()` (its units and leaders prefetched)."""
        lead = tuple(u.name for u in task.lead_units())
        return cls(lead, tuple(u.name for u in task.partner_units()), task.deadline, tuple(task.leader_names()))

    def text(self, key: str) -> str:
        value = getattr(self, key)
        return value if isinstance(value, str) else "、".join(value)


def editor_tasks(plan: Plan) -> list[Task]:
    """The plan's tasks in plan order with what the editor shows, in a fixed number of queries."""
    tasks = Task.objects.filter(project__plan=plan).select_related("project")
    return list(tasks.with_people().order_by("project__order", "order"))


def places_within_reach(user: Actor) -> list[Jurisdiction]:
    """Where the office may file a plan: its seat and the places below it (all, unseated)."""
    readable = access.jurisdictions_readable(user)
    places = Jurisdiction.objects.select_related("parent").order_by("level", "name")
    return list(places if readable is None else places.filter(pk__in=readable))


def row_label(number: int, task: Task) -> str:
    return f"第{number}行（{task.project.name}）"


def parse_row(number: int, task: Task, raw: dict[str, str], year: int | None) -> Row:
    """A row as the clerk typed it, checked; a deadline left as it was is kept even if unread."""
    where = row_label(number, task)
    values: dict[str, Any] = {}
    for key in ("lead_units", "partner_units", "leaders"):
        text = raw.get(key, "").strip()
        names = split_units(text) if key != "leaders" else [n for n in _LEADER_SPLIT.split(text) if n]
        for name in names:
            if len(name) > _LIMITS[key]:
                raise DraftEditError(f"{where}“{LABELS[key]}”：“{name[:20]}…”过长（最多{_LIMITS[key]}字）")
        values[key] = tuple(dict.fromkeys(names))
    deadline = raw.get("deadline", "").strip()
    if len(deadline) > _LIMITS["deadline"]:
        raise DraftEditError(f"{where}“完成时间”过长（最多{_LIMITS['deadline']}字）")
    if deadline and deadline != task.deadline and (wrong := impossible_days(deadline, year)):
        raise DraftEditError(f"{where}“完成时间”：“{wrong[0]}”不存在（该月没有这一天），请改正日期")
    if deadline and deadline != task.deadline and due_date(deadline, year) is None:
        raise DraftEditError(
            f"{where}“完成时间”：无法识别“{deadline}”，请写成“2026年6月底”或“2026-06-30”"
            + ("" if year else "（计划未设年度时须写明年份）")
        )
    return Row(values["lead_units"], values["partner_units"], deadline, values["leaders"])


@dataclass(frozen=True)
class Header:
    title: str
    place: Jurisdiction | None
    year: int | None


def parse_header(user: Actor, plan: Plan, raw: dict[str, str]) -> Header:
    title = raw.get("title", "").strip()
    if not title:
        raise DraftEditError("“计划标题”不能为空")
    if len(title) > 200:
        raise DraftEditError("“计划标题”过长（最多200字）")
    year_text = raw.get("year", "").strip()
    if year_text and not (year_text.isdigit() and 1990 <= int(year_text) <= 2100):
        raise DraftEditError(f"“年度”应为四位年份，如 2026（收到“{year_text[:10]}”）")
    year = int(year_text) if year_text else None
    place = _place(user, raw.get("jurisdiction", "").strip())
    clash = Plan.objects.filter(title=title, year=year, jurisdiction=place).exclude(pk=plan.pk).first()
    if clash is not None:
        raise DraftEditError(f"“计划标题”：本区划同一年度已有同名计划（编号 {clash.pk}），请改用其他标题")
    return Header(title, place, year)


def _place(user: Actor, value: str) -> Jurisdiction | None:
    readable = access.jurisdictions_readable(user)
    if not value:
        if readable is None:
            return None  # an installation of one jurisdiction may leave it unset
        raise DraftEditError("请选择“行政区划”：本级或下级区划")
    place = Jurisdiction.objects.filter(pk=int(value)).first() if value.isdigit() else None
    if place is None or (readable is not None and place.pk not in readable):
        raise DraftEditError("“行政区划”：所选区划不在本级及下级范围内，只能选择本级或下级区划")
    return place


def draft_save(
    *,
    user: Actor,
    plan: Plan,
    header: dict[str, str],
    rows: dict[int, dict[str, str]],
    new_units: frozenset[str] = frozenset(),
) -> Saved:
    """Save the editor's form: the header and every row sent (task id → fields). All or nothing;
    returns how many tasks changed and what the clerk should look at. Units not yet in the
    directory are made only when named in `new_units` (NewUnitsPending otherwise). Refused unless
    `user` supervises the plan and it is a draft."""
    gate.check_plan(user, plan, gate.SUPERVISE)
    with transaction.atomic():
        locked = Plan.objects.select_for_update(of=("self",)).select_related("jurisdiction").get(pk=plan.pk)
        if locked.state != Plan.State.DRAFT:
            raise DraftEditError("计划已发布，标题、区划和任务单位不能再在此修改")
        new = parse_header(user, locked, header)
        tasks = editor_tasks(locked)
        now = {t.pk: Row.of(t) for t in tasks}
        wanted = {
            t.pk: parse_row(n, t, rows[t.pk], new.year) if t.pk in rows else now[t.pk]
            for n, t in enumerate(tasks, start=1)
        }
        moved, new_year = new.place != locked.jurisdiction, new.year != locked.year
        changed = [t for t in tasks if wanted[t.pk] != now[t.pk] or moved or new_year]
        units = NameLookup(Unit, new.place)
        _hold_new_units(units, [wanted[t.pk] for t in changed], new_units)
        before = {"title": locked.title, "jurisdiction": str(locked.jurisdiction or ""), "year": locked.year}
        locked.title, locked.jurisdiction, locked.year = new.title, new.place, new.year
        locked.save(update_fields=["title", "jurisdiction", "year"])
        _write_rows(locked, changed, wanted, redate=new_year, units=units)
        edits = {str(t.pk): _diff(now[t.pk], wanted[t.pk]) for t in changed if wanted[t.pk] != now[t.pk]}
        _audit(user, locked, before, edits)
    plan.title, plan.jurisdiction, plan.year = locked.title, locked.jurisdiction, locked.year
    return Saved(len(edits), _outside_year(tasks, changed, now, wanted, locked.year))


def _audit(
    user: Actor, plan: Plan, before: dict[str, Any], edits: dict[str, tuple[dict[str, str], dict[str, str]]]
) -> None:
    after = {"title": plan.title, "jurisdiction": str(plan.jurisdiction or ""), "year": plan.year}
    audit(
        user=user,
        action=AuditEntry.Action.UPDATE,
        obj=plan,
        summary=f"完善草稿计划：{plan.title}（{len(edits)} 条任务）",
        before={k: v for k, v in before.items() if after[k] != v} | {"tasks": {k: e[0] for k, e in edits.items()}},
        after={k: v for k, v in after.items() if before[k] != v} | {"tasks": {k: e[1] for k, e in edits.items()}},
    )


def _hold_new_units(units: NameLookup, rows: list[Row], confirmed: frozenset[str]) -> None:
    """Raise NewUnitsPending when the rows name units the directory lacks and the clerk has not
    confirmed them all (a name added since the question is asked about again)."""
    names = dict.fromkeys(n for row in rows for n in row.lead_units + row.partner_units if units.find(n) is None)
    if names and not set(names) <= confirmed:
        known = sorted({u.name for u in units.cache.values()})
        raise NewUnitsPending({n: difflib.get_close_matches(n, known, n=3, cutoff=0.5) for n in names})


def _outside_year(
    tasks: list[Task], changed: list[Task], now: dict[int, Row], wanted: dict[int, Row], year: int | None
) -> list[str]:
    """Deadlines set in this save that fall outside the plan's year: taken, but said (2025年12月底
    on a 2026 plan is more often a slip of the year than a task already due)."""
    numbers = {t.pk: n for n, t in enumerate(tasks, start=1)}
    said = []
    for task in changed:
        text = wanted[task.pk].deadline
        due = due_date(text, year) if text and text != now[task.pk].deadline else None
        if year and due and int(due[:4]) != year:
            said.append(f"{row_label(numbers[task.pk], task)}“完成时间”“{text}”在{due[:4]}年，不在计划年度{year}年内")
    return said


def _diff(old: Row, new: Row) -> tuple[dict[str, str], dict[str, str]]:
    keys = [k for k in FIELDS if getattr(old, k) != getattr(new, k)]
    return {k: old.text(k) for k in keys}, {k: new.text(k) for k in keys}


def _write_rows(plan: Plan, tasks: list[Task], wanted: dict[int, Row], redate: bool, units: NameLookup) -> None:
    """Each changed task's units and leaders written anew (units of the plan's jurisdiction: a
    plan moved to another place names that place's bodies) and its due date read again."""
    leaders = NameLookup(Leader)
    ids = [t.pk for t in tasks]
    TaskUnit.objects.filter(task_id__in=ids).delete()
    TaskLeader.objects.filter(task_id__in=ids).delete()
    links, heads = [], []
    for task in tasks:
        row = wanted[task.pk]
        for role, names in ((TaskUnit.Role.LEAD, row.lead_units), (TaskUnit.Role.PARTNER, row.partner_units)):
            links += [TaskUnit(task=task, unit=units(n), role=role, order=i) for i, n in enumerate(names)]
        heads += [TaskLeader(task=task, leader=leaders(n), order=i) for i, n in enumerate(row.leaders)]
        due = due_date(row.deadline, plan.year) if row.deadline else None
        if row.deadline != task.deadline or (redate and due):  # a new year moves 6月底; an unread text keeps its date
            task.deadline, task.due = row.deadline, dt.date.fromisoformat(due) if due else None
            task.save(update_fields=["deadline", "due"])
    TaskUnit.objects.bulk_create(links)
    TaskLeader.objects.bulk_create(heads)
