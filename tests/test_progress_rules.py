"""The rules of 序时进度, completion and lights, on plain dates and numbers."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from minsheng.progress import metrics, schedule
from minsheng.progress.metrics import Light, Thresholds
from minsheng.progress.templatetags.progress_tags import pct

D = datetime.date
JAN1, DEC31 = D(2026, 1, 1), D(2026, 12, 31)


def test_linear_share_counts_whole_days() -> None:
    assert schedule.expected_share(D(2026, 3, 31), JAN1, DEC31) == Decimal(90) / Decimal(365) * 100
    assert pct(schedule.expected_share(D(2026, 3, 31), JAN1, DEC31)) == "24.7%"
    assert schedule.expected_share(D(2025, 12, 1), JAN1, DEC31) == 0
    assert schedule.expected_share(DEC31, JAN1, DEC31) == 100
    assert schedule.expected_share(D(2027, 2, 1), JAN1, DEC31) == 100
    # a task due at the end of June is half done by 1 April
    assert pct(schedule.expected_share(D(2026, 3, 31), JAN1, D(2026, 6, 30))) == "49.7%"


def test_milestones_are_followed_and_interpolated() -> None:
    marks = [(D(2026, 3, 31), Decimal(10)), (D(2026, 6, 30), Decimal(60))]
    assert schedule.expected_share(D(2026, 3, 31), JAN1, DEC31, marks) == 10
    assert schedule.expected_share(D(2026, 6, 30), JAN1, DEC31, marks) == 60
    assert 10 < schedule.expected_share(D(2026, 5, 15), JAN1, DEC31, marks) < 60
    assert schedule.expected_share(D(2026, 12, 31), JAN1, DEC31, marks) == 100


def test_periods_and_the_period_being_reported() -> None:
    assert schedule.periods(JAN1, D(2026, 3, 15), "monthly") == [D(2026, 1, 31), D(2026, 2, 28), D(2026, 3, 31)]
    assert schedule.periods(JAN1, D(2026, 8, 1), "quarterly") == [D(2026, 3, 31), D(2026, 6, 30), D(2026, 9, 30)]
    # until the 5th of April a monthly plan still reports March
    assert schedule.reporting_period(D(2026, 3, 31), "monthly", 5) == D(2026, 3, 31)
    assert schedule.reporting_period(D(2026, 4, 5), "monthly", 5) == D(2026, 3, 31)
    assert schedule.reporting_period(D(2026, 4, 6), "monthly", 5) == D(2026, 4, 30)
    assert schedule.reporting_period(D(2026, 4, 3), "quarterly", 5) == D(2026, 3, 31)
    assert schedule.reporting_period(D(2026, 1, 3), "monthly", 5) == D(2025, 12, 31)
    assert schedule.report_due(D(2026, 3, 31), 5) == D(2026, 4, 5)
    assert schedule.period_label(D(2026, 6, 30), "quarterly") == "2026年第2季度"


def test_completion_shows_over_achievement_and_caps_it_in_the_mean() -> None:
    assert pct(metrics.indicator_share(1500, "gte", 303)) == "20.2%"
    assert metrics.indicator_share(100, "eq", 120) == 120
    assert metrics.indicator_share(10, "lte", 8) == 100  # a ceiling kept
    assert metrics.indicator_share(10, "lte", 20) == 50  # a ceiling overrun
    assert metrics.indicator_share(0, "eq", 8) is None
    assert metrics.task_completion("in_progress", [(120, 1), (40, 1)]) == 70  # 100 and 40, not 120 and 40
    assert metrics.task_completion("in_progress", [(100, 3), (0, 1)]) == 75


def test_tasks_without_numbers_go_by_status() -> None:
    assert metrics.task_completion("done", []) == 100
    assert metrics.task_completion("not_started", []) == 0
    assert metrics.task_completion("in_progress", []) is None
    assert metrics.task_completion("in_progress", [(None, 1)]) is None


STRICT = Thresholds(yellow_margin=3, red_margin=15, blue_days=30)


def _light(completion: str | None, expected: str, due: datetime.date = DEC31, **kw: object) -> str:
    args: dict = {
        "reported": True,
        "status": "in_progress",
        "completion": None if completion is None else float(completion),
        "expected": float(expected),
        "due": due,
        "as_of": D(2026, 3, 31),
        "thresholds": STRICT,
    }
    args.update(kw)
    return metrics.light(**args)


@pytest.mark.parametrize(
    ("completion", "expected", "due", "light"),
    [
        ("20.2", "24.7", DEC31, Light.YELLOW),  # 4.5 points behind, margin 3
        ("22.0", "24.7", DEC31, Light.GREEN),  # 2.7 points behind: within the margin
        ("5", "24.7", DEC31, Light.RED),  # far behind
        ("60", "50", D(2026, 3, 1), Light.RED),  # overdue and not finished
        ("90", "92", D(2026, 4, 20), Light.BLUE),  # due within 30 days
        ("100", "100", D(2026, 3, 1), Light.GREEN),  # finished
    ],
)
def test_lights(completion: str, expected: str, due: datetime.date, light: str) -> None:
    assert _light(completion, expected, due) == light


def test_lights_of_unreported_and_paused_tasks() -> None:
    assert _light(None, "24.7", reported=False, status=None) == Light.NONE
    assert _light(None, "24.7", due=D(2026, 3, 1), reported=False, status=None) == Light.RED
    assert _light(None, "24.7", status="paused") == Light.YELLOW
    assert _light(None, "24.7", status="done") == Light.GREEN
