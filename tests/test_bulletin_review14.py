"""Review 14 of the office's bulletin upload (issue #28): a figure set off by a space keeps its words,
a correction is remembered or the page says why not, only ticked rows are filed and never in another
unit, a remembered pairing says so, every figure read is on the page, and a target named only by its
scope (全区) takes the thing counted after its number."""

from __future__ import annotations

import pytest

from minsheng.indicators.extract import extract
from minsheng.indicators.progress_reader import read_progress
from minsheng.indicators.progress_tokens import spaced_figures


# ---------------------------------------------------------------- 1. a space before the figure
@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("新增公共停车泊位 800个，占计划的53%。", "公共停车泊位"),
        ("新建社区食堂 5家。", "社区食堂"),
        ("截至3月底，改造老旧小区 35个；加装电梯 12部。", "老旧小区"),
    ],
)
def test_the_words_before_a_figure_set_off_by_one_space_name_it(line: str, name: str) -> None:
    first = next(s for s in read_progress(line).statements() if s.kind == "actual")
    assert first.name == name


@pytest.mark.parametrize(
    "line",
    [
        "推进停车便利化 80%",  # a one-line table row: no sentence, cells apart
        "新增泊位 2600个 1450个，完成率56%。",  # the words before hold a figure: a row's cells
        "1.力争8个社区达到标准 完成6个,完成率75%",  # no figure after the space
        "推进停车便利化 80%(因征地滞后)",  # the figure does not close a clause
    ],
)
def test_cells_of_a_row_parted_by_spaces_stay_apart(line: str) -> None:
    assert spaced_figures(line) == line


# ---------------------------------------------------------------- 5. a target named only by its scope
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("实施全区454台老旧电梯更新改造", "老旧电梯更新改造"),
        ("完成全市120个老旧小区改造", "老旧小区改造"),
        ("在全县新建30个村级养老服务站", "村级养老服务站"),
        ("实施全区范围内20座农村公厕改造", "农村公厕改造"),
    ],
)
def test_a_target_named_only_by_its_scope_takes_what_it_counts(text: str, name: str) -> None:
    assert [i.name for i in extract(text)] == [name]


def test_a_scope_inside_a_name_stays() -> None:
    assert [i.name for i in extract("新增全区公共停车泊位1500个")] == ["全区公共停车泊位"]
