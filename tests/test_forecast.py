"""The forecast per target (progress/forecast.py) and its reference curves (forecast_shapes.py)."""

from __future__ import annotations

import datetime
import itertools

import pytest

from minsheng.progress.forecast import Observation, Risk, Setting, Target, forecast
from minsheng.progress.forecast_shapes import Kind, kind_curve, kind_of, milestone_curve

YEAR_START, YEAR_END = datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)
ENDS = {
    m: (datetime.date(2026, m % 12 + 1, 1) if m < 12 else datetime.date(2027, 1, 1)) - datetime.timedelta(days=1)
    for m in range(1, 13)
}


def _obs(*pairs: tuple[int, float]) -> list[Observation]:
    return [Observation(ENDS[month], share) for month, share in pairs]


def _setting(kind: Kind, target: Target | None = None) -> Setting:
    return Setting(YEAR_START, YEAR_END, kind, target=target)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("新建公办幼儿园3所，新增学位1080个", Kind.CONSTRUCTION),
        ("改造城镇老旧小区53个", Kind.CONSTRUCTION),
        ("开展职业技能培训1000人次", Kind.SERVICE),
        ("为65岁以上老年人免费体检", Kind.SERVICE),
        ("出台托育服务补贴政策", Kind.POLICY),
        ("发放消费券500万元", Kind.POLICY),
        ("优化营商环境", Kind.STEADY),
    ],
)
def test_it_reads_the_kind_of_work_from_the_text(text: str, kind: Kind) -> None:
    assert kind_of(text) == kind


@pytest.mark.parametrize("kind", list(Kind))
def test_it_draws_rising_curves_that_invert(kind: Kind) -> None:
    curve = kind_curve(kind)
    shares = [curve.share_at(i / 48) for i in range(49)]
    assert shares[0] == 0 and shares[-1] == 100
    assert all(a < b for a, b in itertools.pairwise(shares))
    for share in (1, 10, 33.3, 50, 80, 99):
        assert curve.share_at(curve.time_at(share)) == pytest.approx(share)


def test_it_draws_builds_late_services_steady_and_policies_early() -> None:
    half = {kind: kind_curve(kind).share_at(0.5) for kind in Kind}
    assert half[Kind.CONSTRUCTION] < 40 < half[Kind.SERVICE] < 55 < half[Kind.POLICY]
    assert half[Kind.STEADY] == pytest.approx(50)


def test_it_follows_the_offices_milestones() -> None:
    curve = milestone_curve(YEAR_START, YEAR_END, [(ENDS[6], 20.0), (ENDS[9], 60.0)])
    assert curve is not None and curve.from_milestones
    assert curve.share_at((ENDS[6] - YEAR_START).days / 365 + 1 / 365) == pytest.approx(20)
    assert milestone_curve(YEAR_START, YEAR_END, []) is None


@pytest.mark.parametrize("kind", list(Kind))
@pytest.mark.parametrize("month", [2, 5, 8, 11])
def test_it_rises_with_the_evidence_and_keeps_its_range_and_probability_sane(kind: Kind, month: int) -> None:
    results = [forecast(_obs((month, share)), ENDS[month], _setting(kind)) for share in range(0, 100, 5)]
    for earlier, later in itertools.pairwise(results):
        assert earlier.share is not None and later.share is not None
        assert later.share >= earlier.share - 1e-9
        assert later.p_reach is not None and earlier.p_reach is not None
        assert later.p_reach >= earlier.p_reach - 1e-9
    for result in results:
        assert result.low is not None and result.high is not None and result.p_reach is not None
        assert result.low <= result.share <= result.high < 150  # past the target only slowly
        assert 0 <= result.p_reach <= 1


def test_it_flags_a_stalled_service_that_is_still_on_pace() -> None:
    # 49 % at the end of June is within 5 points of 序时进度 (49.6 %): green by the schedule.
    obs = _obs((1, 9), (2, 17), (3, 25), (4, 48), (5, 49), (6, 49))
    result = forecast(obs, datetime.date(2026, 7, 10), _setting(Kind.SERVICE, Target(1000, "人次")))
    assert result.risk in (Risk.AT_RISK, Risk.WILL_MISS)
    assert "停滞" in result.reason and "人次" in result.reason


def test_it_does_not_flag_a_back_loaded_build_on_its_usual_curve() -> None:
    # 33 % at the end of June is 16 points behind 序时进度 (red by the schedule), as builds usually are.
    obs = _obs((3, 12), (4, 18), (5, 25), (6, 33))
    result = forecast(obs, datetime.date(2026, 7, 10), _setting(Kind.CONSTRUCTION, Target(100, "个")))
    assert result.risk == Risk.ON_TRACK, result
    assert result.reason.startswith("按1月至6月的进度和同类项目（建设类）的常见节奏")


def test_it_says_why_in_a_sentence() -> None:
    result = forecast(_obs((3, 10), (5, 22)), ENDS[5], _setting(Kind.CONSTRUCTION, Target(1500, "个")))
    assert result.reason.startswith("按1月至5月的进度和同类项目（建设类）的常见节奏，预计年底完成约")
    assert "个（" in result.reason
    single = forecast(_obs((5, 22)), ENDS[5], _setting(Kind.STEADY))
    assert single.reason.startswith("按5月31日的1期报告和按序时匀速推进的一般节奏")


def test_it_uses_only_reports_up_to_the_date_and_says_when_there_are_none() -> None:
    obs = _obs((3, 10), (9, 95))
    assert forecast(obs, ENDS[4], _setting(Kind.SERVICE)) == forecast(obs[:1], ENDS[4], _setting(Kind.SERVICE))
    none = forecast(obs, ENDS[2], _setting(Kind.SERVICE))
    assert (none.share, none.risk) == (None, Risk.UNKNOWN) and "尚无进度报告" in none.reason


def test_a_target_already_met_is_done() -> None:
    result = forecast(_obs((4, 104)), ENDS[4], _setting(Kind.SERVICE))
    assert (result.share, result.p_reach, result.risk) == (104, 1.0, Risk.ON_TRACK)


def test_a_task_due_next_year_says_which_year_end() -> None:
    """年底 alone is this year's: a forecast to 31 December of the next year names it."""
    setting = Setting(YEAR_START, datetime.date(YEAR_END.year + 1, 12, 31), Kind.CONSTRUCTION, target=Target(100, "个"))
    result = forecast(_obs((3, 5), (6, 12)), datetime.date(2026, 7, 10), setting)
    assert f"预计{YEAR_END.year + 1}年底完成" in result.reason


def test_a_december_figure_read_in_december_names_the_months_it_stands_on() -> None:
    """December's report, filed on 6 December and dated the forecast's day (7 December), is
    December's: the reason says 1月至12月, not 前11个月 (counted from its moved date)."""
    from minsheng.progress.board import TargetRow, TaskRow
    from minsheng.progress.forecast_board import row_observations

    row = TaskRow(1, 1, "职业技能培训", "", "开展职业技能培训1000人次", YEAR_END)
    row.targets = [TargetRow(7, "职业技能培训", 1000.0, "人次", "eq", 1.0)]
    row.period_end, row.completion = ENDS[12], 91.0
    as_of = datetime.date(2026, 12, 7)
    obs = row_observations(row, {ENDS[10]: {7: 700.0}, ENDS[11]: {7: 820.0}}, as_of)
    assert [o.day for o in obs] == [ENDS[10], ENDS[11], as_of] and obs[-1].period == ENDS[12]
    reason = forecast(obs, as_of, _setting(Kind.SERVICE, Target(1000, "人次"))).reason
    assert reason.startswith("按1月至12月的进度"), reason
    single = forecast(obs[-1:], as_of, _setting(Kind.SERVICE, Target(1000, "人次"))).reason
    assert single.startswith("按12月的1期报告"), single


def test_a_mid_year_task_names_its_own_months() -> None:
    setting = Setting(datetime.date(2026, 7, 1), YEAR_END, Kind.SERVICE, target=Target(100, "人次"))
    result = forecast(_obs((8, 20), (9, 35)), datetime.date(2026, 10, 10), setting)
    assert result.reason.startswith("按7月至9月的进度"), result.reason


def test_a_task_due_mid_next_year_names_the_year_of_its_deadline() -> None:
    setting = Setting(YEAR_START, datetime.date(2027, 6, 30), Kind.CONSTRUCTION, target=Target(100, "个"))
    result = forecast(_obs((3, 5), (6, 12)), datetime.date(2026, 7, 10), setting)
    assert "预计2027年6月30日完成" in result.reason, result.reason
    this_year = Setting(YEAR_START, datetime.date(2026, 10, 31), Kind.CONSTRUCTION, target=Target(100, "个"))
    assert "预计10月31日完成" in forecast(_obs((3, 5), (6, 12)), datetime.date(2026, 7, 10), this_year).reason
