"""The demo's 催报 and 催办单 are sent through the real rule on the day they would have been
sent: none dated after today, none for a period its tasks had already filed by then, and each
催办单's 连续N期 is what progress/remind.missed_streaks counts on its day."""

from __future__ import annotations

import datetime
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from minsheng.demo import ensure_demo
from minsheng.plans.models import Plan
from minsheng.progress import schedule
from minsheng.progress.models import Notice, Report
from minsheng.progress.remind import missed_streaks

pytestmark = [pytest.mark.django_db, pytest.mark.one_engine]
TODAY = datetime.date(2026, 12, 6)


def test_demo_notices_are_sent_when_due_and_tell_the_truth(time_machine: Any) -> None:
    time_machine.move_to(datetime.datetime(2026, 12, 6, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)
    ensure_demo()
    plan = Plan.objects.get(year=2026)
    calendar = schedule.calendar_of(plan)
    notices = list(Notice.objects.filter(plan=plan).prefetch_related("tasks"))
    assert any(n.kind == Notice.Kind.ESCALATION for n in notices)
    for notice in notices:
        day = timezone.localdate(notice.created_at)
        assert day <= TODAY, notice
        assert calendar.chase_period(day) == notice.period_end, notice
        assert day > calendar.due(notice.period_end), notice
        filed_before = Report.objects.filter(
            task__in=notice.tasks.all(), period_end=notice.period_end, filed_at__lt=notice.created_at
        ).exclude(review=Report.Review.RETURNED)
        assert not filed_before.exists(), f"{notice} chases a period filed before it was sent"
        if notice.kind == Notice.Kind.ESCALATION:
            streak = int(re.search(r"已连续(\d+)期", notice.text).group(1))  # type: ignore[union-attr]
            assert streak == missed_streaks(plan, [notice.unit_id], day)[notice.unit_id], notice
