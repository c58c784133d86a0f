"""The one place that writes a parsed plan to the database, in one transaction."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction

from ...accounts.kinds import Actor, who
from ...accounts.models import AuditEntry, audit
from ...indicators.services import Correction, corrections_of, write_targets
from ...plans import access
from ...plans.directory import NameLookup
from ...plans.fields import SUMS
from ...plans.models import (
    Category,
    Jurisdiction,
    Leader,
    Plan,
    Project,
    SourceDocument,
    Task,
    TaskLeader,
    TaskUnit,
    Unit,
)
from ...plans.services import UNNAMED
from ..errors import DocumentError
from ..parsed import ParsedPlan, ParsedProject, ParsedTask, ReadWarning
from .keys import task_key
from .mapping import ColumnMap
from .place import map_owner, place_of
from .remember import plan_read
from .to_json import plan_to_json


@dataclass
class ImportResult:
    plan: Plan
    created: bool
    duplicate: bool = False
    warnings: list[ReadWarning] = field(default_factory=list)

    def summary(self) -> str:
        if self.duplicate:
            return f"此文件已导入过（计划 {self.plan.pk}：{self.plan.title}），未重复导入"
        projects = self.plan.projects.count()
        tasks = Task.objects.filter(project__plan=self.plan).count()
        verb = "已导入" if self.created else "已更新"
        return f"{verb}计划 {self.plan.pk}：{self.plan.title}（{projects} 个项目，{tasks} 条任务）"


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def check_upload(name: str, data: bytes) -> None:
    """Size and emptiness, before any reader sees the file."""
    if not data:
        raise DocumentError("文件是空的", name)
    limit = settings.MINSHENG_MAX_UPLOAD_BYTES
    if len(data) > limit:
        raise DocumentError(f"文件过大（{len(data) // 1024 // 1024} MB），上限为 {limit // 1024 // 1024} MB", name)


def find_existing(parsed: ParsedPlan, user: Actor | None, name: str = "") -> Plan | None:
    """The stored plan of the same title and year in the place this import would go (place.py)."""
    place = place_of(parsed.jurisdiction, user, name)
    return Plan.objects.filter(title=parsed.title or "", year=parsed.year, jurisdiction=place).first()


def has_reports(plan: Plan) -> bool:
    """A plan units have reported on: never replaced whole (replacing would delete the tasks the
    reports are on, and the reports are the record). The import and its preview ask this."""
    return plan.projects.filter(tasks__reports__isnull=False).exists()


def untaken_title(plan: Plan) -> str:
    """A title for importing a file as a new plan beside `plan` that no plan of its place and
    year has: the title plus （新）, （新2）… ."""
    taken = set(Plan.objects.filter(year=plan.year, jurisdiction=plan.jurisdiction).values_list("title", flat=True))
    return next(t for n in range(1, len(taken) + 2) if (t := f"{plan.title}（新{n if n > 1 else ''}）") not in taken)


def plan_import(
    *,
    path: Path,
    user: Actor | None,
    replace: bool = False,
    state: str = Plan.State.DRAFT,
    original_name: str | None = None,
    column_map: ColumnMap | None = None,
    parsed: ParsedPlan | None = None,
    cells: dict[str, str] | None = None,
    fields: dict[str, Any] | None = None,
) -> ImportResult:
    """Read the file (or take `parsed`, the preview's reading of it) and store its plan; the
    same file twice is stored once.

    A plan with the same title, year and jurisdiction is replaced only when
    asked (the web page shows the changes first); otherwise it is an error. `fields`: the
    title, year and jurisdiction the clerk set in the preview, instead of the document's.
    """
    name = original_name or path.name
    data = path.read_bytes()
    check_upload(name, data)
    digest = file_sha256(data)
    known = _stored_already(digest, user)
    if known is not None and not replace:  # asked to replace, a file read anew (taught) replaces its plan
        return ImportResult(plan=known, created=False, duplicate=True)
    if parsed is None:  # cells: the clerk's corrections of a scan's text
        parsed = plan_read(path, column_map, cells, map_owner(user))
    if fields:
        parsed = dataclasses.replace(parsed, **fields)
    with transaction.atomic():  # a place made for the plan goes if the plan is refused
        existing = _replaceable(parsed, replace, name, user)
        before = plan_to_json(existing) if existing else None
        place = existing.jurisdiction if existing else place_of(parsed.jurisdiction, user, name, create=True)
        plan = _write_plan(parsed, existing, state, place)
        _keep_source(plan, name, data, digest, user)
        after = plan_to_json(plan)
        audit(user=user, action=AuditEntry.Action.IMPORT, obj=plan, summary=f"导入 {name}", before=before, after=after)
    return ImportResult(plan=plan, created=existing is None, warnings=parsed.warnings)


def _stored_already(digest: str, user: Actor | None) -> Plan | None:
    """The plan of `user`'s own this very file was stored for. Each office's imports are its own:
    the same file stored by another office neither blocks this one nor is named to it."""
    for known in SourceDocument.objects.filter(sha256=digest).select_related("plan"):
        if user is None or access.can_supervise_plan(user, known.plan):
            return known.plan
    return None


def _write_plan(parsed: ParsedPlan, existing: Plan | None, state: str, place: Jurisdiction | None) -> Plan:
    """A new plan, or the existing one with its projects written anew; the office's target
    corrections are carried over to the same tasks."""
    if existing is None:
        title = parsed.title or UNNAMED
        plan = Plan.objects.create(jurisdiction=place, year=parsed.year, title=title, state=state)
        _write_projects(plan, parsed.projects, {})
        return plan
    corrections = _corrections_by_task(existing)
    existing.projects.all().delete()
    existing.categories.all().delete()
    _write_projects(existing, parsed.projects, corrections)
    return existing


def _replaceable(parsed: ParsedPlan, replace: bool, name: str, user: Actor | None) -> Plan | None:
    """The stored plan this reading would replace (same title, year and jurisdiction), if it
    may: only when asked, and never once units have reported on it."""
    existing = find_existing(parsed, user, name)
    if existing is not None and not replace:
        raise DocumentError(
            f"已有同名计划（编号 {existing.pk}）；如要按此文件更新，请确认替换（命令行加 --replace）", name
        )
    if existing is not None and has_reports(existing):
        raise DocumentError(
            f"计划（编号 {existing.pk}）已有单位报送的进度，不能整体替换；请在页面上逐项修改任务和指标", name
        )
    return existing


def _keep_source(plan: Plan, name: str, data: bytes, digest: str, user: Actor | None) -> None:
    """The file the plan was read from, under a random name (never the uploader's); once per plan
    (the same file read anew to replace its plan is kept once)."""
    if plan.documents.filter(sha256=digest).exists():
        return
    SourceDocument.objects.create(
        plan=plan,
        file=ContentFile(data, name=f"{uuid.uuid4().hex}{Path(name).suffix.lower()}"),
        original_name=name,
        sha256=digest,
        format=_format_of(name),
        uploaded_by=who(user),
    )


def _format_of(name: str) -> str:
    suffix = Path(name).suffix.lower().lstrip(".")
    suffix = {"htm": "html", "xlsm": "xlsx", "text": "txt"}.get(suffix, suffix)
    return suffix if suffix in SourceDocument.Format.values else SourceDocument.Format.OTHER


def _corrections_by_task(plan: Plan) -> dict[tuple[str, str, str], list[Correction]]:
    """The office's target corrections, keyed by task, so that a new version of the plan keeps them."""
    tasks = (
        Task.objects.filter(project__plan=plan).select_related("project").prefetch_related("indicators", "dismissed")
    )
    found = {task_key(t.project.status, t.project.name, t.content): corrections_of(t) for t in tasks}
    return {key: value for key, value in found.items() if value}


def _write_projects(
    plan: Plan, projects: list[ParsedProject], corrections: dict[tuple[str, str, str], list[Correction]]
) -> None:
    categories: dict[str, Category] = {}
    units, leaders = NameLookup(Unit, plan.jurisdiction), NameLookup(Leader)
    for order, parsed in enumerate(projects, start=1):
        category = None
        if parsed.category:
            if parsed.category not in categories:
                categories[parsed.category] = Category.objects.create(
                    plan=plan, name=parsed.category, order=len(categories)
                )
            category = categories[parsed.category]
        project = Project.objects.create(
            plan=plan, category=category, seq=parsed.seq, name=parsed.name, status=parsed.status, order=order
        )
        for position, task in enumerate(parsed.tasks, start=1):
            carried = corrections.get(task_key(parsed.status, parsed.name, task.content), [])
            _write_task(project, position, task, units, leaders, carried)


def _write_task(
    project: Project,
    order: int,
    parsed: ParsedTask,
    units: NameLookup,
    leaders: NameLookup,
    corrections: list[Correction],
) -> None:
    task = Task.objects.create(
        project=project,
        order=order,
        content=parsed.content,
        deadline=parsed.deadline or "",
        due=dt.date.fromisoformat(parsed.due) if parsed.due else None,
        **{key: parsed.sums.get(key) for key in SUMS},
    )
    TaskLeader.objects.bulk_create(
        TaskLeader(task=task, leader=leaders(name), order=i) for i, name in enumerate(dict.fromkeys(parsed.leaders))
    )
    TaskUnit.objects.bulk_create(
        [
            TaskUnit(task=task, unit=units(name), role=TaskUnit.Role.LEAD, order=i)
            for i, name in enumerate(dict.fromkeys(parsed.lead_units))
        ]
        + [
            TaskUnit(task=task, unit=units(name), role=TaskUnit.Role.PARTNER, order=i)
            for i, name in enumerate(dict.fromkeys(parsed.partner_units))
        ]
    )
    # the same extraction as `minsheng parse`, plus any corrections carried from the previous version
    write_targets(task, corrections, unsure=parsed.unsure)


@dataclass
class UnitsAhead:
    """What confirming an import will do to the unit directory of the place it goes to: names
    that become new units, and names filed under a unit the directory already has."""

    new: list[str] = field(default_factory=list)
    filed: list[tuple[str, str]] = field(default_factory=list)  # (name in the file, unit it files under)


def units_ahead(parsed: ParsedPlan, user: Actor | None, name: str = "") -> UnitsAhead:
    """Read through the very lookup the import writes with (NameLookup), so the preview says
    exactly what the confirm will do; nothing is created here."""
    lookup = NameLookup(Unit, place_of(parsed.jurisdiction, user, name))
    ahead = UnitsAhead()
    names = [u for p in parsed.projects for t in p.tasks for u in [*t.lead_units, *t.partner_units]]
    for unit_name in dict.fromkeys(names):
        found = lookup.find(unit_name)
        if found is None:
            if lookup.new_name(unit_name) not in ahead.new:
                ahead.new.append(lookup.new_name(unit_name))
        elif found.name != unit_name:
            ahead.filed.append((unit_name, found.name))
    return ahead
