"""The rules of the documents, one cell at a time: deadlines and lists of units and leaders."""

from __future__ import annotations

import pytest

from minsheng.documents.shapes.rules import due_date, split_leaders, split_units, title_parts


@pytest.mark.parametrize(
    ("deadline", "due"),
    [
        ("2026年", "2026-12-31"),
        ("2026年度", "2026-12-31"),
        ("2026年6月底前", "2026-06-30"),
        ("2025年10月", "2025-10-31"),
        ("2026年6月30日", "2026-06-30"),
        ("年底", "2026-12-31"),
        ("2026年底前", "2026-12-31"),
        ("全年", "2026-12-31"),
        ("年内", "2026-12-31"),
        ("6月底前", "2026-06-30"),
        ("2026年上半年", "2026-06-30"),
        ("2026年第三季度", "2026-09-30"),
        ("2026.12", "2026-12-31"),
        ("2026-06", "2026-06-30"),
        ("2026.6.15", "2026-06-15"),
        ("2026年6月、12月", "2026-12-31"),  # staged: the last stage
        ("2026年6月底前完成主体，2027年投用", "2027-12-31"),
        ("2025-2026年", "2026-12-31"),
        ("2023-2025", "2025-12-31"),
        ("2027年2月", "2027-02-28"),
        ("持续推进", None),
        ("", None),
    ],
)
def test_a_deadline_gives_the_last_day_it_allows(deadline: str, due: str | None) -> None:
    assert due_date(deadline, 2026) == due


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("区教育局\n区财政局", ["区教育局", "区财政局"]),
        ("区教育局、区财政局", ["区教育局", "区财政局"]),
        ("各辖市、区\n常州经开区", ["各辖市、区", "常州经开区"]),
        ("各镇、街道", ["各镇、街道"]),
        ("市发改委、市\n资规局、市住建局", ["市发改委", "市资规局", "市住建局"]),  # a narrow cell wrapped
        ("区教育局、区财政局\n区卫健局", ["区教育局", "区财政局", "区卫健局"]),
        (
            "各辖市、区，常州\n经开区，市发改\n委，市资规局，市\n住建局",
            ["各辖市、区", "常州经开区", "市发改委", "市资规局", "市住建局"],
        ),
        ("南医大常州\n医学中心", ["南医大常州医学中心"]),
        ("市卫健委\n南医大常州医学中\n心", ["市卫健委", "南医大常州医学中心"]),
    ],
)
def test_a_units_cell_splits_into_units(text: str, units: list[str]) -> None:
    assert split_units(text) == units


@pytest.mark.parametrize(
    ("text", "leaders"),
    [
        ("张小虎\n王  斐", ["张小虎", "王斐"]),
        ("张小虎、王\n斐、叶青", ["张小虎", "王斐", "叶青"]),
        ("张小虎 王斐", ["张小虎", "王斐"]),
        ("张小虎，王\n斐，叶青", ["张小虎", "王斐", "叶青"]),
    ],
)
def test_a_leaders_cell_splits_into_names(text: str, leaders: list[str]) -> None:
    assert split_leaders(text) == leaders


@pytest.mark.parametrize(
    ("title", "parts"),
    [
        ("黄岭镇2025年为民办实事项目责任清单", (2025, "黄岭镇")),
        ("青石街道2025年六件民生实事项目出炉", (2025, "青石街道")),
        ("平川县2023年民生实事项目", (2023, "平川县")),
        ("2025年全市8大重点民生实事项目", (2025, None)),
        ("2025年柳溪乡人民政府民生实事项目实施情况的报告", (2025, "柳溪乡")),
        ("2025年美丽乡村建设民生实事", (2025, None)),
    ],
)
def test_a_town_or_street_printed_before_the_year_is_the_place(title: str, parts: tuple[int, str | None]) -> None:
    assert title_parts(title) == parts
