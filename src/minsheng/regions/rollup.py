"""The roll-up of a jurisdiction by the ones directly under it (a city by district, a province
by city): completion against 序时进度, lights, late units and coverage per area.

Like the plan board it reads a fixed number of queries whatever the number of areas,
plans and tasks, and counts approved reports only (metrics.Basis.APPROVED: TaskProgress's
approved standing), as the plan-progress API does by default and the allotted targets' sums
(regions.services) do: a figure no office has reviewed does not count above it. A task allotted
downward is counted in its allotments.
The tasks are counted by plan and light in the database (rollup_sql), not one by one here.
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db import models

from ..plans.models import Jurisdiction, Plan
from ..plans.tree import subtrees_of_children
from ..progress import metrics
from ..progress.board import Group
from .rollup_sql import PlanTotals, plan_totals

BASIS = metrics.Basis.APPROVED  # what every figure of the roll-up counts


def basis_text(as_of: datetime.date) -> str:
    """What the roll-up's figures stand on, said on the page and in the API alike."""
    return f"{BASIS.label}（截至{as_of.year}年{as_of.month}月{as_of.day}日）"


class PlanStatus(models.TextChoices):
    """Where an area's plan for the year stands, in the words the page and the API share. Only a
    published plan has figures; the others are said in words, never as zeros."""

    PUBLISHED = "published", "已发布"
    UNPUBLISHED = "unpublished", "未发布"  # imported, still a draft of its office
    NONE = "none", "未导入计划"


@dataclass
class Area:
    jurisdiction: Jurisdiction
    plans: list[Plan] = field(default_factory=list)
    group: Group = field(default_factory=lambda: Group(name="", basis=BASIS))
    late_units: set[str] = field(default_factory=set)
    has_draft: bool = False  # a plan for the year imported but not published

    @property
    def unplanned(self) -> bool:
        """No published plan for the year: the area owes nothing and has no figures."""
        return not self.plans

    @property
    def plan_status(self) -> PlanStatus:
        if self.plans:
            return PlanStatus.PUBLISHED
        return PlanStatus.UNPUBLISHED if self.has_draft else PlanStatus.NONE

    @property
    def gap(self) -> float | None:
        g = self.group
        return None if g.completion is None or g.expected is None else g.expected - g.completion


@dataclass
class Rollup:
    root: Jurisdiction
    year: int
    as_of: datetime.date
    areas: list[Area]
    years: list[int] = field(default_factory=list)  # the years the areas have plans for, newest first
    own_plans: list[Plan] = field(default_factory=list)  # the root's own published plans for the year
    own_draft: bool = False  # the root's own plan for the year is imported, still a draft

    @property
    def own_text(self) -> str:
        """The root's own plan, said beside its areas: its tasks are not the areas' (those it allotted
        down are counted in the areas' tasks), so it is named, not summed."""
        if not self.own_plans and self.own_draft:  # its office's own work: said as the areas' drafts are
            return f"{self.root.name}本级{self.year}年计划{PlanStatus.UNPUBLISHED.label}（草稿不计入）"
        if not self.own_plans:
            return f"{self.root.name}本级未导入{self.year}年计划"
        titles = "、".join(f"“{p.title}”" for p in self.own_plans)
        return f"{self.root.name}本级计划：{titles}（不计入下表；分解下达的任务按各下级任务计入）"

    @property
    def unplanned(self) -> list[str]:
        """The areas with no plan at all for the year, by name (未导入计划)."""
        return [a.jurisdiction.name for a in self.areas if a.plan_status == PlanStatus.NONE]

    @property
    def unpublished(self) -> list[str]:
        """The areas whose plan for the year is imported but not published, by name (未发布)."""
        return [a.jurisdiction.name for a in self.areas if a.plan_status == PlanStatus.UNPUBLISHED]

    @property
    def coverage_text(self) -> str:
        """8/10 个区县已报送: of the areas with a published plan this year, those with at least
        one counted report. An area with no plan owes nothing and is said apart, not counted
        as silent (the city clerk chases the eight, not the two without a plan)."""
        words = {str(Jurisdiction.Level.PROVINCE): "市", str(Jurisdiction.Level.CITY): "区县"}
        word = words.get(self.root.level, "地区")
        reporting = sum(1 for a in self.areas if a.plans and a.group.reported)
        text = f"{reporting}/{self.planned} 个{word}已报送"
        apart = [f"{len(self.unplanned)}个尚无{self.year}年计划"] if self.unplanned else []
        apart += [f"{len(self.unpublished)}个计划{PlanStatus.UNPUBLISHED.label}"] if self.unpublished else []
        return f"{text}（另有{'、'.join(apart)}）" if apart else text

    @property
    def total_status(self) -> str:
        """Why the 合计 row has no figures ("" when it has): no area has a published plan."""
        if self.planned:
            return ""
        return f"下级区划均无已发布的{self.year}年计划"

    @property
    def planned(self) -> int:
        """Areas with a published plan for the year."""
        return sum(1 for a in self.areas if a.plans)

    @property
    def total(self) -> Group:
        """The root's own line: every area's tasks, lights and units summed, and completion
        averaged over all measured tasks (as one board would), not over the areas' averages."""
        total = Group(name="合计", key=self.root.pk, basis=BASIS)
        done = due = 0.0
        for area in self.areas:
            g = area.group
            total.tasks += g.tasks
            total.reported += g.reported
            total.measured += g.measured
            total.missing += g.missing
            total.lights.update(g.lights)
            if g.completion is not None and g.expected is not None:
                done, due = done + g.completion * g.measured, due + g.expected * g.measured
        if total.measured:
            total.completion, total.expected = done / total.measured, due / total.measured
        return total

    @property
    def late_units(self) -> int:
        """Lead units owing this period's report, summed over the areas: a unit leading tasks in
        two districts' plans owes each district its report."""
        return sum(len(a.late_units) for a in self.areas)


def _plans(
    root: Jurisdiction, areas: dict[int, Area], owner: dict[int, int], year: int
) -> tuple[dict[int, Plan], list[Plan], bool]:
    """The areas' published plans for the year by pk, the root's own, and whether the root has a
    draft (one query for all); an area with only a draft is marked so (未发布), its draft neither
    shown nor counted."""
    places = [root.pk, *owner]
    plans = Plan.objects.filter(jurisdiction_id__in=places, year=year)
    found, own, own_draft = {}, [], False
    for plan in plans.order_by("pk"):
        if plan.jurisdiction_id == root.pk:
            if plan.state != Plan.State.DRAFT:
                own.append(plan)
            own_draft |= plan.state == Plan.State.DRAFT
            continue
        area = areas[owner[plan.jurisdiction_id or 0]]
        if plan.state == Plan.State.DRAFT:
            area.has_draft = True
            continue
        area.plans.append(plan)
        found[plan.pk] = plan
    return found, own, own_draft


def _years(root: Jurisdiction, owner: dict[int, int], year: int) -> list[int]:
    """The years a clerk may choose: every year the place or the areas under it published a plan
    for, and the one shown."""
    places = [root.pk, *owner]
    published = Plan.objects.filter(jurisdiction_id__in=places, year__isnull=False).exclude(state=Plan.State.DRAFT)
    years = {y for y in published.values_list("year", flat=True).distinct() if y is not None}
    return sorted(years | {year}, reverse=True)


def _group(group: Group, totals: list[PlanTotals]) -> None:
    """The area's figures from its plans' totals, as Group.add_all counts them task by task."""
    done = due = 0.0
    for plan in totals:
        group.tasks += plan.tasks
        group.reported += plan.reported
        group.measured += plan.measured
        group.missing += plan.missing
        done, due = done + plan.done, due + plan.due
        for light, count in plan.lights.items():
            group.lights[light] += count
    group.lights = Counter({light.value: group.lights[light] for light in metrics.Light if group.lights[light]})
    if group.measured:
        group.completion, group.expected = done / group.measured, due / group.measured


def build_rollup(root: Jurisdiction, year: int, as_of: datetime.date) -> Rollup:
    """`root` by the jurisdictions directly under it; each area counts its own plans and
    those of every level under it for `year`."""
    subtrees = subtrees_of_children(root.pk)
    owner = {pk: child for child, members in subtrees.items() for pk in members}
    children = Jurisdiction.objects.filter(pk__in=list(subtrees)).order_by("name")
    areas = {j.pk: Area(jurisdiction=j, group=Group(name=j.name, key=j.pk, basis=BASIS)) for j in children}
    plans, own, own_draft = _plans(root, areas, owner, year)
    totals, late = plan_totals(plans, as_of)
    by_area: dict[int, list[PlanTotals]] = defaultdict(list)
    for plan_id, plan in plans.items():
        area_id = owner[plan.jurisdiction_id or 0]
        if plan_id in totals:
            by_area[area_id].append(totals[plan_id])
        areas[area_id].late_units |= late.get(plan_id, set())
    for pk, area in areas.items():
        _group(area.group, by_area.get(pk, []))
    years = _years(root, owner, year)
    return Rollup(
        root=root, year=year, as_of=as_of, areas=list(areas.values()), years=years, own_plans=own, own_draft=own_draft
    )
