"""Items whose title line names the work (issue #28): the title's figures are the targets, the
paragraph under it tells the actuals, a status heading above the items is their group."""

from __future__ import annotations

from decimal import Decimal

from minsheng.indicators.progress_reader import read_progress


def read(text: str) -> list[tuple[str, list[tuple[str, Decimal, str, int | None]]]]:
    return [
        (g.heading, [(s.kind, s.value, s.unit, s.pairs_with) for s in g.statements])
        for g in read_progress(text).groups
        if g.statements
    ]


STATUS_PAGE = (
    "某区2025年为民办实事一季度进展\n\n推进中\n\n"
    "■新建社区食堂4家\n"
    "已有2家完成装修并试营业。\n\n"
    "■更换老旧燃气管道30公里\n"
    "目前已更换12公里。\n\n"
    "尚未开工\n\n"
    "■农贸市场提档升级\n"
    "计划改造农贸市场2个，正在办理规划手续。\n"
)


def test_a_status_heading_over_marked_items_is_their_group() -> None:
    assert [heading for heading, _ in read(STATUS_PAGE)] == ["推进中", "尚未开工"]


def test_the_titles_figure_is_the_target_and_the_paragraphs_the_actual() -> None:
    first, second = read(STATUS_PAGE)
    assert first[1] == [
        ("target", 4, "家", None),
        ("actual", 2, "家", 0),
        ("target", 30, "公里", None),
        ("actual", 12, "公里", 2),
    ]
    assert second[1] == [("target", 2, "个", None)]


def test_an_items_progress_never_pairs_with_another_items_target() -> None:
    text = "标题\n已开工\n◆新建口袋公园5个\n已完成选址。\n◆改造老旧小区\n目前已完工3个。\n"
    assert read(text) == [("已开工", [("target", 5, "个", None), ("actual", 3, "个", None)])]


def test_a_title_broken_by_a_narrow_page_is_one_title_and_its_paragraph_stays_its_own() -> None:
    text = "建设中\n●提升改造城市公园，新增健身步道\n8公里\n目前已完成步道铺设3公里。\n●新建驿站2处\n已选址。\n"
    assert read(text)[0][1][:2] == [("target", 8, "公里", None), ("actual", 3, "公里", 0)]


def test_an_item_title_ending_in_project_counts_what_it_builds() -> None:
    assert read("已启动\n◆新建城市书房6个项目\n目前已建成4个。\n")[0][1] == [
        ("target", 6, "个", None),
        ("actual", 4, "个", 0),
    ]


def test_an_amount_in_characters_with_its_magnitude_is_a_figure_where_digits_are_used() -> None:
    found = read("■为居民提供上门服务两万人次以上\n一季度累计服务6120人次。\n")[0][1]
    assert found == [("target", 20000, "人次", None), ("actual", 6120, "人次", 0)]


def test_an_age_in_months_is_not_a_count() -> None:
    assert read("托育服务延伸至6-36个月的婴幼儿，新增托位120个。") == [("", [("actual", 120, "个", None)])]


def test_the_part_of_the_works_done_is_a_share() -> None:
    assert read("该项目于去年开工，目前土建完成约65%。")[0][1] == [("share", 65, "%", None)]


def test_a_floor_is_a_target_and_a_count_done_of_the_same_items_is_its_actual() -> None:
    found = read("2.推动老旧电梯加装不少于5项 完成4项,完成率80%")[0][1]
    assert found == [("target", 5, "项", None), ("actual", 4, "项", 0), ("share", 80, "%", 0)]


def test_an_items_paragraph_counting_in_another_word_measures_its_one_target() -> None:
    assert read("尚未开工\n3.建设城市书房3家\n已完成选址2处，正在开展装修设计。\n")[0][1] == [
        ("target", 3, "家", None),
        ("actual", 2, "处", 0),
    ]


def test_in_an_item_the_target_in_the_actuals_own_unit_comes_first() -> None:
    text = "在建\n1.新建和改扩建幼儿园5所，新增学位1350个\n已开工4所。\n"
    assert read(text)[0][1][-1] == ("actual", 4, "所", 0)


def test_a_plain_short_line_ending_on_its_figure_over_progress_is_an_items_title() -> None:
    text = (
        "某街道2026年民生实事进展\n\n推进中\n\n新建口袋公园3个项目\n目前已完成2个口袋公园的主体施工。\n\n"
        "新增养老助餐点6家\n3月已开业2家，其余正在装修。\n"
    )
    assert read(text) == [
        (
            "推进中",
            [("target", 3, "个", None), ("actual", 2, "个", 0), ("target", 6, "家", None), ("actual", 2, "家", 2)],
        )
    ]


def test_a_sentence_broken_after_its_figure_is_not_a_title_when_the_next_piece_goes_on() -> None:
    text = "标题\n计划新增公共停车泊位1500个\n并配套建设充电桩200个，目前已建成泊位303个。"
    assert [k for k, *_ in read(text)[0][1]] == ["target", "target", "actual"]


def test_what_a_floor_target_measures_leaves_its_op_word_out() -> None:
    target = read_progress("标题\n推动老旧电梯加装不少于5项。").statements()[0]
    assert target.core == "推动老旧电梯加装"
