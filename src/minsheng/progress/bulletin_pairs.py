"""The office re-pairs a figure of an uploaded bulletin to the task it measures, and it is remembered.

On the preview each figure read has a choice of the plan's indicators in a compatible unit: a figure
placed on the wrong task, or on none, is put on the right one before confirming. The correction is
kept per office as that indicator's other name (FigureAlias: the figure's words → project and
indicator), so the next bulletin from the same office is read right without asking.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from ..accounts.kinds import Actor
from ..indicators.models import Indicator
from ..plans.models import Plan
from .bulletin_reading import BulletinError, BulletinReading, Proposal, same_unit
from .models import FigureAlias


def repair(reading: BulletinReading, plan: Plan, chosen: dict[str, str], user: Actor) -> list[str]:
    """Put each figure the clerk re-paired (key → indicator id) on that indicator and remember its
    words; it is filed only when its 采用 box is ticked too. Returns the figures whose correction
    could not be remembered (nothing to recognise them by next time), for the page to say so. One
    query for the indicators, one write per correction; BulletinError names a choice that is not
    the plan's, or one in another unit (15座 is never filed as 15个)."""
    wanted = {key: pk for key, pk in chosen.items() if pk.isdigit() and _current(reading, key) != int(pk)}
    if not wanted:
        return []
    unremembered = []
    rows = Indicator.objects.filter(pk__in={int(v) for v in wanted.values()}, task__project__plan=plan)
    indicators = {i.pk: i for i in rows.select_related("task__project")}
    for key, pk in wanted.items():
        indicator = indicators.get(int(pk))
        figure = _figure(reading, key)
        if indicator is None or figure is None:
            raise BulletinError("所选指标不属于本计划，请重新上传")
        if not same_unit(figure["unit"], indicator.unit):
            printed = f"{figure['value'].normalize():f}{figure['unit']}"
            raise BulletinError(
                f"“{figure['sentence'][:30]}”读到的是{printed}，“{indicator.name}”以“{indicator.unit}”计量，单位不同，不能对应",
                frozenset({key}),
            )
        _place(reading, key, figure, indicator)
        if not _remember(plan, figure["words"], indicator, user):
            unremembered.append(f"{figure['value'].normalize():f}{figure['unit']}")
    return unremembered


def _current(reading: BulletinReading, key: str) -> int | None:
    return next((p.indicator_id for p in reading.proposals if p.key == key), None)


def _figure(reading: BulletinReading, key: str) -> dict[str, Any] | None:
    for p in reading.proposals:
        if p.key == key:
            unit = p.read_unit or p.unit
            return {"value": p.value, "unit": unit, "sentence": p.sentence, "heading": p.heading, "words": p.words}
    for u in reading.unplaced:
        if u.key == key:
            return {"value": u.value, "unit": u.unit, "sentence": u.sentence, "heading": u.heading, "words": u.words}
    return None


def _place(reading: BulletinReading, key: str, figure: dict[str, Any], indicator: Indicator) -> None:
    reading.proposals = [p for p in reading.proposals if p.key != key]
    reading.unplaced = [u for u in reading.unplaced if u.key != key]
    reading.tasks[indicator.task_id] = indicator.task
    reading.proposals.append(
        Proposal(
            key=key,
            task_id=indicator.task_id,
            indicator_id=indicator.pk,
            indicator_name=indicator.name,
            target=Decimal(indicator.value),
            unit=indicator.unit,
            value=figure["value"],
            sentence=figure["sentence"],
            heading=figure["heading"],
            score=1.0,
            words=figure["words"],
            read_unit=figure["unit"],
            note="按所选改正",
        )
    )


def _remember(plan: Plan, words: str, indicator: Indicator, user: Actor) -> bool:
    if not words:  # a bare figure (已完成800个 under no heading): nothing to know it by next time
        return False
    alias = FigureAlias.objects.filter(jurisdiction=plan.jurisdiction, words=words).first() or FigureAlias(
        jurisdiction=plan.jurisdiction, words=words
    )
    alias.project_name, alias.indicator_name = indicator.task.project.name, indicator.name
    alias.created_by = user if isinstance(user, User) else None
    alias.save()
    return True
