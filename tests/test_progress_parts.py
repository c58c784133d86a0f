"""Round 9's kinds of structure (issue #28): parts of a whole, projects named by their task, counts of
the programme's projects and areas, headings run into their paragraph, text a site cut out, and names
that keep the words their characters make."""

from __future__ import annotations

from decimal import Decimal

from minsheng.indicators.progress_names import core_of
from minsheng.indicators.progress_reader import read_progress


def _read(text: str) -> list[tuple[str, Decimal, str, int | None]]:
    return [(s.kind, s.value, s.unit, s.pairs_with) for s in read_progress(text).statements()]


def test_a_part_pairs_with_its_own_parts_target_when_the_target_is_broken_into_parts() -> None:
    text = "目标：新增公共停车泊位5000个，其中市区3000个。\n完成情况：新增公共停车泊位5620个，其中市区3380个。"
    assert [p for *_, p in _read(text)] == [None, None, 0, 1]


def test_a_part_the_target_has_no_part_for_pairs_with_nothing() -> None:
    text = "目标：新增公共停车泊位5000个，其中市区3000个。\n完成情况：新增公共停车泊位5620个，其中县城2240个。"
    assert [p for *_, p in _read(text)] == [None, None, 0, None]


def test_a_part_of_a_whole_whose_target_has_no_parts_measures_the_whole() -> None:
    text = "年度目标为新增公共停车泊位1500个。截至3月31日，已新增公共停车泊位303个，其中湖塘片区186个。"
    assert [p for *_, p in _read(text)] == [None, 0, 0]


def test_a_project_named_by_its_task_states_the_target() -> None:
    text = (
        "一是建设类项目4个。其中，支持既有住宅增设电梯60部项目，52部电梯完成社区备案，其中18部完工；"
        "新开工改造城镇老旧小区14个项目，已全部挂网招标；新（改）建25公里农村公路项目，完成9.6公里建设。"
    )
    assert _read(text) == [
        ("target", 60, "部", None),
        ("actual", 52, "部", 0),
        ("actual", 18, "部", 0),
        ("target", 14, "个", None),
        ("target", 25, "公里", None),
        ("actual", Decimal("9.6"), "公里", 4),
    ]


def test_a_project_count_with_no_object_is_not_a_task() -> None:
    assert _read("今年全区实施14个项目，建设12个项目。") == []


def test_counts_of_the_programmes_projects_and_areas_are_not_statements() -> None:
    text = (
        "12项涉及我区省级民生实事均按时序进度推进。其中，5个已完成全年任务。"
        "将继续紧盯票决出的10件2026年县自办民生实事项目建设。"
    )
    assert _read(text) == []


def test_a_count_of_areas_done_is_not_an_actual_of_the_services() -> None:
    assert _read("开展义诊、健康讲座等五方面服务50场次，已完成5方面，服务32场次。") == [
        ("target", 50, "场次", None),
        ("actual", 32, "场次", 0),
    ]


def test_a_heading_run_into_its_paragraph_is_a_heading() -> None:
    text = "一、总体情况\n（一）省级民生实事项目。新增托位300个，已建成120个。\n（二）市级民生实事项目。已改造小区8个。"
    headings = [g.heading for g in read_progress(text).groups if g.statements]
    assert headings == ["（一）省级民生实事项目", "（二）市级民生实事项目"]


def test_text_a_site_cut_out_joins_nothing() -> None:
    text = "督查报告\n\n一是其他项目。为2150名企业\n\n---此处隐藏4612字，下载后查看---\n\n台，该项目进展滞后。"
    (statement,) = read_progress(text).statements()
    assert (statement.value, statement.unit) == (2150, "名")
    assert "隐藏" not in statement.source and "台" not in statement.source


def test_a_core_keeps_one_character_words_inside_a_word() -> None:
    assert core_of("已建成公共停车泊位") == "公共停车泊位"
    assert core_of("支持既有住宅增设电梯") == "支持既有住宅增设电梯"
    assert core_of("截至3月底，为困难老年人家庭") == "困难老年人家庭"


def test_bare_actuals_take_as_many_targets_of_their_sentence_in_order() -> None:
    text = "计划新建口袋公园10个、街心花园20个，目前已完成6个，15个。"
    assert _read(text) == [("target", 10, "个", None), ("target", 20, "个", None)] + [
        ("actual", 6, "个", 0),
        ("actual", 15, "个", 1),
    ]


def test_tasks_listed_clause_after_clause_before_their_progress_are_targets() -> None:
    for text in (
        "新增停车泊位1500个，改造小区20个，已完成303个，8个。",
        "新增停车泊位1500个，改造小区20个，已完成停车泊位303个，改造小区8个。",
    ):
        assert _read(text) == [
            ("target", 1500, "个", None),
            ("target", 20, "个", None),
            ("actual", 303, "个", 0),
            ("actual", 8, "个", 1),
        ]


def test_a_later_figure_of_the_run_more_than_the_task_leaves_both_actuals() -> None:
    assert [k for k, *_ in _read("新改造老旧小区12个，已竣工20个，在建30个。")] == ["actual"] * 3


def test_an_actual_many_times_a_target_does_not_measure_it() -> None:
    assert [p for *_, p in _read("改造小区20个，其中老城区5个。已新增停车泊位303个。")] == [None, None, None]
    assert [p for *_, p in _read("新增就业岗位8000个。全年新增就业岗位18600个。")] == [None, 0]


def test_a_quoted_line_standing_alone_reads_by_its_words_a_quotation_inside_a_sentence_cites_a_task() -> None:
    alone = read_progress("“新建提灌站2座，改建灌溉管网3.5公里，对4座病险山塘除险加固”\n\n“新（改）建城乡公厕16座”")
    assert [(s.kind, s.name) for s in alone.statements()] == [
        ("actual", "新建提灌站"),
        ("actual", "改建灌溉管网"),
        ("actual", "病险山塘除险加固"),
        ("actual", "新（改）建城乡公厕"),
    ]
    cited = "截至目前，“新增公共停车泊位120个”“新建幼儿园2所，新增学位540个”等7小项已完成。"
    assert [k for k, *_ in _read(cited)] == ["target"] * 3


def test_a_line_after_a_semicolon_goes_on_with_the_run_of_clauses() -> None:
    text = (
        "12件区级民生实事进展良好。\n新实施老旧小区改造45个；\n实施农村公路生命安全防护工\n程176公里；\n"
        "优化调整公交线路11条。"
    )
    reading = read_progress(text)
    assert [g.heading for g in reading.groups] == [""]
    assert [s.value for s in reading.statements()] == [45, 176, 11]


def test_a_task_met_beyond_its_figure_reports_progress() -> None:
    text = (
        "一、超额完成任务的指标\n\n建设农家书屋18600个，超额完成年度8000个的目标任务；"
        "扩建乡镇敬老院168所，为任务的112%。"
    )
    assert [(k, v) for k, v, *_ in _read(text)][:2] == [("actual", 18600), ("target", 8000)]


def test_a_short_category_name_after_a_semicolon_is_still_a_heading() -> None:
    text = "一、教育\n新建学校3所；\n改造操场5个；\n卫生健康\n新建卫生院2所；"
    assert [g.heading for g in read_progress(text).groups] == ["一、教育", "卫生健康"]
