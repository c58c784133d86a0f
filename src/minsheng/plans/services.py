"""A plan's year: 草稿 → 已发布 → 已结束. Each step is atomic, checks who asks and what
state the plan is in, and leaves an audit entry, whoever calls it (page, CLI, admin)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from ..accounts.kinds import Actor
from ..accounts.models import AuditEntry, audit
from . import access
from .generation import touch
from .models import Plan, Task
from .states import UnitRole


class PlanStateError(Exception):
    """A state change that cannot be made; the message tells the user why."""


# What each step means for the people who use the plan, as the confirmation says it.
CONSEQUENCES = {
    Plan.State.PUBLISHED: (
        "发布后，各单位可在“我的任务”中看到并报送本计划的任务，"
        "人大代表和公众可在公开页面查看本计划及经审核的进展。"
    ),
    Plan.State.CLOSED: (
        "结束后，本计划停止报送：不再催报、不再列入未报送，单位不能再提交进展；"
        "已有的进展和数据保留不变，公开页面仍可查看。"
    ),
}

_ALLOWED = {Plan.State.PUBLISHED: Plan.State.DRAFT, Plan.State.CLOSED: Plan.State.PUBLISHED}
_VERBS = {Plan.State.PUBLISHED: "发布计划", Plan.State.CLOSED: "结束计划"}


def state_refusal(plan: Plan, to: str) -> str:
    """Why `plan` cannot move to state `to` now ("" when it can): the page says so before
    offering the button, and the service refuses with the same words."""
    needed = _ALLOWED[Plan.State(to)]
    if plan.state == needed:
        return ""
    verb = _VERBS[Plan.State(to)].removesuffix("计划")
    return f"该计划当前为“{plan.get_state_display()}”，只有“{Plan.State(needed).label}”的计划才能{verb}"


UNNAMED = "未命名计划"  # the import's title for a plan whose document names none


@dataclass(frozen=True)
class Gaps:
    """What a draft still lacks before units can work from it (the publish confirmation lists it)."""

    plan: list[str]  # 未命名计划, no jurisdiction, no year
    no_lead: list[str]  # tasks by name: 项目名称：内容…
    no_deadline: list[str]
    # due before the plan's year begins (2027年12月底 in a 2028 plan): a slip, and a task that
    # would be overdue from its first day
    early: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.plan or self.no_lead or self.no_deadline or self.early)


def publish_gaps(plan: Plan) -> Gaps:
    """The one rule of what a plan should have before it is published (two queries)."""
    missing = [
        text
        for text, lacking in (
            (f"标题仍为“{UNNAMED}”", plan.title.strip() in ("", UNNAMED)),
            ("未设置行政区划", plan.jurisdiction_id is None),
            ("未设置年度", plan.year is None),
        )
        if lacking
    ]
    leads = Count("task_units", filter=Q(task_units__role=UnitRole.LEAD))
    tasks = Task.objects.filter(project__plan=plan).select_related("project").annotate(leads=leads)
    no_lead, no_deadline, early = [], [], []
    for task in tasks.order_by("project__order", "order"):
        name = f"{task.project.name}：{task.content[:30]}{'…' if len(task.content) > 30 else ''}"
        if not task.leads:
            no_lead.append(name)
        if task.due is None:
            no_deadline.append(name)
        elif plan.year and task.due.year < plan.year:
            early.append(f"{name}（{task.due:%Y-%m-%d}）")
    return Gaps(missing, no_lead, no_deadline, early)


def _change(*, user: Actor, plan: Plan, to: str) -> Plan:
    if not access.can_supervise_plan(user, plan):
        raise PlanStateError("只有本级督查室可以发布或结束该计划")
    target = Plan.State(to)
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        refused = state_refusal(locked, target)
        if refused:
            raise PlanStateError(refused)
        before = locked.state
        locked.state = target
        fields = ["state"]
        if target == Plan.State.PUBLISHED and locked.published_on is None:
            # Units are asked for reports from this day's period on (progress/schedule.py).
            locked.published_on = timezone.localdate()
            fields.append("published_on")
        locked.save(update_fields=fields)
        audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=locked,
            summary=f"{_VERBS[target]}：{locked.title}",
            before={"state": before},
            after={"state": locked.state},
        )
    plan.state, plan.published_on = locked.state, locked.published_on
    return plan


def plan_publish(*, user: Actor, plan: Plan) -> Plan:
    """草稿 → 已发布: units see their tasks and report; the public reads the plan."""
    return _change(user=user, plan=plan, to=Plan.State.PUBLISHED)


def plan_close(*, user: Actor, plan: Plan) -> Plan:
    """已发布 → 已结束: reporting stops; the figures stay as they were."""
    return _change(user=user, plan=plan, to=Plan.State.CLOSED)


class PlanSettingsError(Exception):
    """Supervision settings that do not hold together; the message says which, `field` where."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


SETTINGS = (
    *("start", "cycle", "report_day", "yellow_margin", "red_margin", "blue_days", "escalate_after"),
    "coverage_floor",
)


def check_settings(values: dict[str, Any]) -> None:
    """The settings together: the forms show this error, the service enforces it."""
    if values["red_margin"] < values["yellow_margin"]:
        raise PlanSettingsError("红灯差距不能小于黄灯差距", "red_margin")
    if not 1 <= values["report_day"] <= 28:
        raise PlanSettingsError("报送日应在1至28日之间", "report_day")
    if not 0 <= values["coverage_floor"] <= 100:
        raise PlanSettingsError("总体完成率显示门槛应在0至100之间", "coverage_floor")


def plan_settings_save(*, user: Actor, plan: Plan, changes: dict[str, Any]) -> Plan:
    """The office's 督办设置 (cycle, report day, lights, escalation): checked, saved and audited."""
    if not access.can_supervise_plan(user, plan):
        raise PlanSettingsError("只有本级督查室可以修改督办设置")
    unknown = set(changes) - set(SETTINGS)
    if unknown:
        raise PlanSettingsError(f"不能在督办设置中修改：{'、'.join(sorted(unknown))}")
    with transaction.atomic():
        locked = Plan.objects.select_for_update().get(pk=plan.pk)
        before = {f: getattr(locked, f) for f in SETTINGS}
        after = before | changes
        check_settings(after)
        changed = [f for f in SETTINGS if after[f] != before[f]]
        for f in changed:
            setattr(locked, f, after[f])
        if changed:
            locked.save(update_fields=changed)
            touch(locked.pk)  # the cycle and start decide which reports a forecast reads
        audit(
            user=user,
            action=AuditEntry.Action.UPDATE,
            obj=locked,
            summary="督办设置",
            before={f: str(before[f]) for f in changed},
            after={f: str(after[f]) for f in changed},
        )
    return locked
