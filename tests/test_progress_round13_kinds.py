"""Issue #28, the kinds a blind round (13) failed on, each on small texts written for the test (never the
round's pages): item numbers on their own lines, figures set off by spaces, people counted with no measure
word, a table copied one cell per line with no mark, progress cells as rates with lag notes, one level's
block of results, headings stating targets over numbered paragraphs, a share implying its target, quoted
project names, inclusion notes and pinyin glosses."""

from __future__ import annotations

from decimal import Decimal

import pytest

from minsheng.indicators.progress_reader import read_progress
from minsheng.indicators.progress_structure import block_lead, page_lines
from minsheng.indicators.progress_table import join_cell_lines
from minsheng.indicators.progress_tokens import numbered_lines, spaced_figures

from .progress_said import found


def grouped(text: str) -> list[tuple[str, list[tuple[str, Decimal, str]]]]:
    return [(g.heading, [(s.kind, s.value, s.unit) for s in g.statements]) for g in read_progress(text).groups]


# ---------------------------------------------------------------- item numbers on their own lines
@pytest.mark.parametrize("gap", ["\n", "\n\n", "\n\n\n"])
def test_an_items_number_on_its_own_line_never_joins_the_figure_on_the_next(gap: str) -> None:
    text = gap.join(["1", "新增托位200个,为计划的100%。", "2", "300家社区食堂建成,为计划的105%。"])
    assert [v for _, v, _ in found(text)] == [200, 100, 300, 105]


def test_item_numbers_open_their_lines_only_when_they_count_up() -> None:
    assert numbered_lines(["1", "新增托位", "2", "改造小区"]) == ["（1）新增托位", "（2）改造小区"]
    assert numbered_lines(["说明", "7", "新增托位"]) == ["说明", "7", "新增托位"]  # no item 1 before it
    assert numbered_lines(["1", "2", "3"]) == ["1", "2", "3"]  # a column of numbers, no items


# ---------------------------------------------------------------- figures set off by spaces
@pytest.mark.parametrize(
    ("line", "joined"),
    [
        ("新增 500张 护理床位,为计划的101%。", "新增500张护理床位,为计划的101%。"),
        ("120家 社区食堂完成改造,为计划的100%。", "120家社区食堂完成改造,为计划的100%。"),
        ("完成 12.5万 平方米 屋顶绿化,为计划的98%。", "完成12.5万平方米屋顶绿化,为计划的98%。"),
        ("建成 8公里 滨河步道;新增 30个 停车场。", "建成8公里滨河步道;新增30个停车场。"),
    ],
)
def test_a_figure_set_off_by_spaces_joins_its_words(line: str, joined: str) -> None:
    assert spaced_figures(line) == joined


@pytest.mark.parametrize(
    "line",
    [
        "1.力争8个社区达到标准 完成6个,完成率75%",  # a row's cells printed with one space
        "新增泊位 2600个 1450个",  # no sentence: cells of a row
        "推进 15件民生实事落地见效,累计投资3亿元。",  # the figure runs on into its words
    ],
)
def test_a_space_that_parts_cells_or_leads_into_a_figure_stays(line: str) -> None:
    assert spaced_figures(line) == line


def test_spaced_figures_are_read_whole_with_their_units() -> None:
    assert found("新增 3.2万 平方米 立体绿化,为计划的101%。") == [("actual", 32000, "平方米"), ("share", 101, "%")]


# ---------------------------------------------------------------- people counted with no measure word
@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("为12.6万符合条件的居民提供免费体检。", 126000),
        ("3.5万老年人接受上门服务。", 35000),
        ("已为800困难群众发放补贴。", 800),
    ],
)
def test_a_count_of_people_with_no_measure_word_counts_people(text: str, value: int) -> None:
    assert found(text) == [("actual", value, "人")]


def test_a_date_before_the_people_counts_nobody() -> None:
    assert found("2023年的居民满意度调查已完成。") == []


def test_a_number_in_characters_is_a_word_and_the_share_after_it_stays() -> None:
    assert found("完成300户二次供水设施改造,为计划的120%。") == [("actual", 300, "户"), ("share", 120, "%")]
    assert found("新建50个一站式服务点,为计划的100%。") == [("actual", 50, "个"), ("share", 100, "%")]


# ---------------------------------------------------------------- a table copied one cell per line, no mark
TABLE = """序号

工作内容

完成进度

责任单位

1

新建社区食堂6家,新增助餐床位200张。

75%(城北食堂进度滞后)

区民政局

2

改造老旧小区12个。

40%(二期未开工

区住建局

3

推进职业学校扩容。

90%

区教育局
"""


def test_a_table_copied_one_cell_per_line_reads_as_its_rows() -> None:
    lines = join_cell_lines(page_lines(TABLE))
    assert lines[0] == "序号 | 工作内容 | 完成进度 | 责任单位"
    assert lines[2] == "2 | 改造老旧小区12个。 | 40%(二期未开工 | 区住建局"
    assert len(lines) == 4


def test_its_content_cells_hold_the_targets_and_its_progress_cells_the_shares() -> None:
    assert found(TABLE) == [
        ("target", 6, "家"),
        ("target", 200, "张"),
        ("share", 75, "%"),
        ("target", 12, "个"),
        ("share", 40, "%"),
        ("share", 90, "%"),
    ]


def test_a_row_with_a_merged_cell_keeps_the_rows_after_it() -> None:
    cells = [
        "序号",
        "项目内容",
        "当前进度",
        "牵头单位",
        "1",
        "新增托位30个",
        "60%",
        "2",
        "建成公园2个",
        "95%",
        "区住建局",
    ]
    text = "\n\n".join(cells)  # row 1 has no unit: its cell was merged with the row's above
    assert found(text) == [("target", 30, "个"), ("share", 60, "%"), ("target", 2, "个"), ("share", 95, "%")]


def test_lines_that_only_look_like_a_header_are_no_table() -> None:
    lines = ["序号", "说明", "1", "新建公园2个。"]
    assert join_cell_lines(lines) == lines  # two header words are no table


# ---------------------------------------------------------------- one level's block of results
@pytest.mark.parametrize(
    ("line", "lead"),
    [
        ("6件市级重点民生实事有序推进, 累计完成投资2.1亿元。", "6件市级重点民生实事有序推进"),
        ("14件县级民生实事进展顺利,", "14件县级民生实事进展顺利"),
        ("市级8项民生实事全部开工，完成投资3亿元。", "市级8项民生实事全部开工"),
    ],
)
def test_a_count_of_one_levels_projects_opening_a_line_leads_its_block(line: str, lead: str) -> None:
    assert block_lead(line) == lead


def test_a_count_of_the_whole_programme_leads_no_block() -> None:
    assert block_lead("20件重点民生实事落地见效，累计完成投资11亿元。") == ""
    assert block_lead("今年以来，6件市级民生实事有序推进。") == ""


def test_each_levels_results_are_a_group_under_its_lead() -> None:
    text = (
        "全区推进 15件民生实事, 累计完成投资5亿元, 占全年计划的50%。 具体来看 ↓↓↓\n"
        "6件市级重点民生实事有序推进, 累计完成投资2亿元, 占全年计划的55%。\n新增就业岗位300个;\n"
        "9件区级民生实事进展良好,\n同样实现了过半目标。 累计完成投资3亿元, 占全年计划的48%。\n建成口袋公园4个;"
    )
    assert grouped(text) == [
        ("", [("actual", 500000000, "元"), ("share", 50, "%")]),
        ("6件市级重点民生实事有序推进", [("actual", 200000000, "元"), ("share", 55, "%"), ("actual", 300, "个")]),
        ("9件区级民生实事进展良好", [("actual", 300000000, "元"), ("share", 48, "%"), ("actual", 4, "个")]),
    ]


# ---------------------------------------------------------------- headings stating targets, numbered paragraphs
def test_a_long_heading_stating_targets_stands_on_its_own_line() -> None:
    text = (
        "一、新增城乡社区综合服务设施用房面积3万平方米,改造农村卫生室厕所4000座\n"
        "省级补助资金下达2.1亿元,完成年度计划的100%。"
    )
    ((heading, statements),) = grouped(text)
    assert heading.endswith("4000座")
    assert statements == [
        ("target", 30000, "平方米"),
        ("target", 4000, "座"),
        ("actual", 210000000, "元"),
        ("share", 100, "%"),
    ]


def test_each_numbered_paragraph_reports_on_its_headings_task_in_order() -> None:
    text = "二、新增体育公园20个,新增健身步道100公里\n(一)各地新建或改建的公园21个均已投用。\n(二)全省建成步道106公里。"
    statements = read_progress(text).groups[0].statements
    assert [(s.kind, s.value, s.pairs_with) for s in statements] == [
        ("target", 20, None),
        ("target", 100, None),
        ("actual", 21, 0),
        ("actual", 106, 1),
    ]


def test_numbered_paragraphs_not_matching_the_tasks_in_number_are_left_to_their_names() -> None:
    text = "二、新增体育公园20个,新增驿站10个\n(一)建成体育公园18个。"
    statements = read_progress(text).groups[0].statements
    assert [(s.value, s.pairs_with) for s in statements] == [(20, None), (10, None), (18, 0)]


# ---------------------------------------------------------------- a share implying its target
def test_an_actual_whose_share_implies_a_target_before_it_measures_that_target() -> None:
    text = "一、改造教室照明3万间,新建食堂200所\n全省完成改造31500间,完成年度计划的105%。"
    statements = read_progress(text).groups[0].statements
    assert statements[2].value == 31500 and statements[2].pairs_with == 0


def test_a_forecast_with_its_share_of_the_plan_is_what_was_done() -> None:
    text = "一、新增学位4万个\n全省开工校舍全部完成,投用后预计新增学位6万个,完成年度计划的150%。"
    statements = read_progress(text).groups[0].statements
    assert [(s.kind, s.value, s.pairs_with) for s in statements] == [
        ("target", 40000, None),
        ("actual", 60000, 0),
        ("share", 150, 0),
    ]


def test_a_rate_of_its_own_verb_implies_no_target() -> None:
    text = "计划总投资20亿元。累计拨付资金16亿元,资金拨付率达80%。"
    statements = read_progress(text).statements()
    assert statements[1].kind == "actual" and statements[1].pairs_with == 2


def test_a_forecast_whose_share_implies_nothing_stated_stays_the_plan() -> None:
    assert found("预计新增学位6万个,完成年度计划的150%。")[0] == ("target", 60000, "个")


# ---------------------------------------------------------------- figures that state nothing
@pytest.mark.parametrize(
    "text",
    [
        "其中,“新增护理床位”、“新建12个急救分站”等项目评价较高。",
        "“建成3个口袋公园”和“新增500个泊位”等实事群众满意。",
    ],
)
def test_a_figure_in_a_quoted_project_name_listed_as_projects_is_no_statement(text: str) -> None:
    assert found(text) == []


def test_a_quoted_task_standing_alone_is_still_read() -> None:
    assert found("“新建12个急救分站”已完成。")[0][1:] == (12, "个")


@pytest.mark.parametrize(
    ("text", "read"),
    [
        ("全市80家开放场馆(含去年30家已开放场馆)接待群众12万人次。", [80, 120000]),
        ("建成驿站25个（含续建5个）。", [25]),
    ],
)
def test_a_part_a_bracket_says_is_included_is_counted_in_the_figure_before(text: str, read: list[int]) -> None:
    assert [v for _, v, _ in found(text)] == read


def test_counts_of_projects_listed_with_a_mark_are_no_statements() -> None:
    assert found("年初安排的8件、21项实事项目已全部完成,新增泊位300个。") == [("actual", 300, "个")]


# ---------------------------------------------------------------- pinyin glosses
def test_a_heading_with_pinyin_glosses_is_read_as_without_them() -> None:
    glossed = "一、新增公辦幼兒園學(xué)位5萬個,改造城區(qū)教室照明2萬間\n省級補助下達(dá)1億元,完成年度計劃的100%。"
    plain = "一、新增公辦幼兒園學位5萬個,改造城區教室照明2萬間\n省級補助下達1億元,完成年度計劃的100%。"
    assert grouped(glossed) == grouped(plain)
    assert [k for k, _, _ in grouped(plain)[0][1]] == ["target", "target", "actual", "share"]


# ---------------------------------------------------------------- the same read when a page breaks or runs lines
def test_a_sentence_broken_inside_its_spaced_figures_reads_as_the_whole() -> None:
    title = "2024年实事完成情况\n"  # (a page's first short line is its title, never run on)
    whole = title + "12.6万 符合条件的居民接受免费筛查,为计划的150%。"
    broken = title + "12.6万 符合条件的居民接受\n免费筛查,为计划的150%。"
    assert found(broken) == found(whole) == [("actual", 126000, "人"), ("share", 150, "%")]


def test_numbered_paragraphs_run_into_one_line_still_report_on_their_tasks() -> None:
    listed = "二、新增体育公园20个,新增健身步道100公里\n(一)建成公园21个。\n(二)建成步道106公里。"
    run_on = "二、新增体育公园20个,新增健身步道100公里\n(一)建成公园21个。(二)建成步道106公里。"
    pairs = [[(s.value, s.pairs_with) for s in read_progress(t).statements()] for t in (listed, run_on)]
    assert pairs[0] == pairs[1] == [(20, None), (100, None), (21, 0), (106, 1)]
