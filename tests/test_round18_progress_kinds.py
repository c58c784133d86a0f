"""Issue #28, the kinds blind round 18 failed on, each on small texts written for the test (never the
round's pages): a heading listing its works with 、 over a paragraph that opens by dating its progress
(截至…/目前…); a sentence holding several 分别 runs of percentages, each measuring the actuals since the
run before; the tables after a list of attachments (附件：1.… 2.…), each its attachment's group; a
headline over its dateline (时间/来源), its figure told again in the story; categories named in running
text on a page with no heading line (…中“X”项目…推进。其中… / 有N项属于X); a share of what the budget set
aside (占预算安排的N%) and the same share at an earlier time beside it (上月为N%)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from minsheng.indicators.progress_reader import read_progress

from .progress_said import found, pairs


def grouped(text: str) -> list[tuple[str, list[Decimal]]]:
    """Each group's heading with the values of its statements, in order."""
    return [(g.heading, [s.value for s in g.statements]) for g in read_progress(text).groups if g.statements]


# ---------------------------------------------------------------- a heading with 、 over a dated paragraph
DATED_UNDER_LISTING = [
    (
        "各地民生项目推进情况如下。\n推进托育机构、社区食堂建设\n截至9月底，已建成托育机构36家，完成年度目标的90%；\n"
        "已建成社区食堂58个，完成年度目标的72.5%。\n开展老旧小区、背街小巷整治\n目前已整治老旧小区41个，完成年度目标的82%。\n",
        [("推进托育机构、社区食堂建设", [36, 90, 58, Decimal("72.5")]), ("开展老旧小区、背街小巷整治", [41, 82])],
    ),
    (
        "上半年民生实事进展如下。\n关于加强养老、助残服务\n今年以来，新增养老床位420张，完成年度目标的70%。\n"
        "关于改善农村供水、供电条件\n截至2025年10月底，已改造供水管网38公里，完成年度目标的95%。\n",
        [("关于加强养老、助残服务", [420, 70]), ("关于改善农村供水、供电条件", [38, 95])],
    ),
]


@pytest.mark.parametrize(("text", "expected"), DATED_UNDER_LISTING)
def test_a_heading_listing_works_stands_over_a_paragraph_that_dates_its_progress(
    text: str, expected: list[tuple[str, list[int]]]
) -> None:
    assert grouped(text) == expected


def test_a_sentence_broken_after_a_listing_still_runs_on_when_no_date_opens_the_next_line() -> None:
    text = "全市新建托育机构、社区食堂\n共计94个，完成年度目标的80%。\n"
    assert grouped(text) == [("", [94, 80])]


# ---------------------------------------------------------------- several 分别 runs in one sentence
def test_each_respective_run_measures_the_actuals_since_the_run_before() -> None:
    text = (
        "已培训护理员860人，新增家庭医生120名，分别完成年度目标的86%、60%，新建口袋公园4个、"
        "健身步道12公里，已改造公厕35座和路灯300盏，分别完成年度目标的40%、48%、70%、75%。"
    )
    assert pairs(text) == [
        (860, 86), (120, 60), (86, None), (60, None),
        (4, 40), (12, 48), (35, 70), (300, 75), (40, None), (48, None), (70, None), (75, None),
    ]
    assert [k for k, _, _ in found(text)].count("share") == 6


def test_three_runs_in_one_sentence_each_take_their_own_actuals() -> None:
    text = (
        "发放助学金3200人次、助老补贴1500人，分别完成年度任务的64%、50%；"
        "新增停车位900个、充电桩260个，分别完成年度任务的45%、52%，"
        "改造雨污管网18公里、积水点9处，分别完成年度任务的36%、90%。"
    )
    assert [v for v, partner in pairs(text) if partner is not None] == [3200, 1500, 900, 260, 18, 9]
    assert [partner for _, partner in pairs(text) if partner is not None] == [64, 50, 45, 52, 36, 90]


def test_one_respective_run_still_measures_the_actuals_before_it() -> None:
    text = "已投放公共自行车1380辆，新增停车泊位66个，分别完成年度目标的55.2%、55%。"
    assert pairs(text) == [(1380, Decimal("55.2")), (66, 55), (Decimal("55.2"), None), (55, None)]


# ---------------------------------------------------------------- tables after a list of attachments
ATTACHED = (
    "全年民生实事总体完成良好，各项任务均按期推进。\n"
    "附件：1.{first}\n2.{second}\n"
    "序号 | 项目内容 | 年度完成情况 | 责任单位 |\n"
    "1 | 新建社区食堂20个 | 建成社区食堂23个。 | 民政局 |\n"
    "序号 | 项目内容 | 年度完成情况 | 责任单位 |\n"
    "1 | 改造农村公路80公里 | 完成改造农村公路86公里。 | 交通局 |\n"
)


@pytest.mark.parametrize(
    ("first", "second"),
    [("2024年度市级民生实事完成情况", "2024年度区级民生实事完成情况"), ("省定实事进展表", "县定实事进展表")],
)
def test_each_table_after_a_list_of_attachments_is_its_attachments_group(first: str, second: str) -> None:
    assert grouped(ATTACHED.format(first=first, second=second)) == [(first, [20, 23]), (second, [80, 86])]


def test_an_attachment_numbered_before_a_year_is_named_from_the_year_on() -> None:
    text = ATTACHED.format(first="", second="").replace("附件：1.\n2.\n", "附件: 1.2023年度民生实事完成情况\n")
    # one attachment named: a second table has no name of its own and stays under the first
    assert grouped(text) == [("2023年度民生实事完成情况", [20, 23, 80, 86])]


def test_a_table_after_prose_with_no_list_of_attachments_stays_in_its_group() -> None:
    text = ATTACHED.format(first="甲", second="乙").replace("附件：1.甲\n2.乙\n", "")
    assert grouped(text) == [("", [20, 23, 80, 86])]


# ---------------------------------------------------------------- a headline over its dateline
HEADLINED = [
    (
        "某某城市网\n首页 > 新闻 > 本地\n\n截至9月底全市民生资金到位58.3亿元\n\n"
        "时间：2023-10-12 08:30 | 来源：某某日报\n\n"
        "记者获悉，截至9月底，全市民生工程到位资金58.3亿元，已拨付41.2亿元。\n",
        [Decimal("58.3"), Decimal("41.2")],
    ),
    (
        "新区今年新增学位3600个\n发布日期：2024-09-02 来源：教育局\n"
        "今年新区新增公办学位3600个，完成年度目标的120%。\n",
        [3600, 120],
    ),
]


@pytest.mark.parametrize(("text", "values"), HEADLINED)
def test_a_headline_over_its_dateline_is_the_title_and_its_figure_is_told_once(
    text: str, values: list[Decimal]
) -> None:
    reading = read_progress(text)
    assert [s.value / (100_000_000 if s.unit == "元" else 1) for s in reading.statements()] == values


def test_the_headline_is_the_line_right_above_the_dateline() -> None:
    assert read_progress(HEADLINED[0][0]).title == "截至9月底全市民生资金到位58.3亿元"
    assert read_progress(HEADLINED[1][0]).title == "新区今年新增学位3600个"


def test_the_dateline_dates_a_story_that_prints_no_year() -> None:
    reading = read_progress(HEADLINED[0][0])
    assert (reading.year, reading.as_of) == (2023, "2023-09-30")
    assert read_progress(HEADLINED[0][0], year=2022).as_of == "2022-09-30"  # the plan's year first


def test_a_page_with_no_dateline_reads_its_first_line() -> None:
    assert [s.value for s in read_progress("老旧电梯更新改造已完成300台").statements()] == [300]


# ---------------------------------------------------------------- categories named in running text
def test_a_paragraph_led_by_a_category_lists_that_categorys_items() -> None:
    text = (
        "今年以来，全区20项民生实事推进有序。截至8月底，民生资金到位9.6亿元。\n\n"
        "1至8月，全区民生实事中“建设类”项目进展较快。其中，新建公厕45座，完成率90%；新建停车场6个，完成率100%。\n\n"
        "同期，全区民生实事中“服务类”项目稳步实施。其中，家庭医生签约服务完成率88%，助餐服务完成率76%。\n"
    )
    assert grouped(text) == [
        ("", [Decimal("960000000")]),
        ("“建设类”项目", [45, 90, 6, 100]),
        ("“服务类”项目", [88, 76]),
    ]


def test_a_count_belonging_to_a_category_opens_that_category() -> None:
    text = (
        "本月完成目标的小项又增5个，有4项属于教育文化工程。城区新增学位新增300个，达到2300个，占目标任务的92%；"
        "乡村图书室新增20个，达到180个，占目标任务的90%。另外1项属于交通出行工程，新增公交线路3条，达到45条，占目标任务的100%。"
    )
    assert grouped(text) == [("教育文化工程", [300, 2300, 92, 20, 180, 90]), ("交通出行工程", [3, 45, 100])]


def test_a_paragraph_after_a_category_belongs_to_the_page_again() -> None:
    text = (
        "其中2项属于住房保障工程，新开工保障房1200套，占目标任务的60%。\n\n"
        "截至月底，民生资金已拨付12.5亿元，占预算安排的40%。\n"
    )
    assert [h for h, _ in grouped(text)] == ["住房保障工程", ""]


def test_printed_headings_are_not_split_by_a_category_in_their_text() -> None:
    text = "一、住房保障\n有2项属于住房保障工程，新开工保障房1200套，占目标任务的60%。\n"
    assert [h for h, _ in grouped(text)] == ["一、住房保障"]


@pytest.mark.parametrize(
    "text",
    [
        "全市民生工程进展顺利。其中，新建公厕45座，完成率90%。\n",
        "今年全市的“十件实事”全面推进。其中，已建成公厕45座，完成年度目标的90%。\n",  # the programme's name
    ],
)
def test_a_breakdown_after_qizhong_with_no_category_named_stays_in_its_group(text: str) -> None:
    assert [h for h, _ in grouped(text)] == [""]


# ---------------------------------------------------------------- shares of a budget, and at an earlier time
BUDGETED = [
    "截至5月底，各级财政下达资金86.4亿元，占预算安排的61%，上月为52.3%。",
    "截至9月底，民生资金实际拨付23亿元，占年度预算安排的74.5%，二季度为60.1%。",
    "1-10月，下达补助资金4.2亿元，占计划安排资金的88%，去年同期为79%。",
]


@pytest.mark.parametrize("text", BUDGETED)
def test_a_share_of_the_budget_set_aside_measures_the_amount_before_it(text: str) -> None:
    assert [k for k, _, _ in found(text)] == ["actual", "share", "share"]
    amount, share, earlier = pairs(text)
    assert amount[1] == share[0] and share[1] is None and earlier[1] is None


def test_a_share_of_a_regions_total_is_not_a_share_of_a_plan() -> None:
    assert [k for k, _, _ in found("全市民生支出186亿元，占全市一般公共预算支出的78%。")][1] != "share"


# ---------------------------------------------------------------- earlier rounds' misses, as kinds
# (16's 计划投资… then 完成项目投资…, dated progress after both; 17's 七个村 after the seven names)
DONE_AFTER_PLAN = [
    "该工程计划投资2400万元，建设内容包括管网改造和泵站新建。完成工程投资1800万元。该工程已于5月底完工。",
    "该项目计划投资600万元，主要建设社区食堂。共完成投资520万元。目前已投入运营。",
    "计划改造老旧小区12个，涉及居民3000户。完成改造老旧小区10个。该项目已于9月通过验收。",
]


@pytest.mark.parametrize("text", DONE_AFTER_PLAN)
def test_completion_said_after_a_plan_in_so_many_words_is_done_whatever_follows(text: str) -> None:
    kinds = [k for k, _, _ in found(text)]
    assert kinds[0] == "target" and kinds[-1] == "actual"
    assert pairs(text)[-1][1] == pairs(text)[0][0]


def test_a_plan_sentence_opening_on_completion_with_no_plan_word_before_is_still_the_plan() -> None:
    assert pairs("完成改造农村户厕500户。截至6月底，已完成改造320户。") == [(500, None), (320, 500)]


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("示范区建设涉及东湾、西岭、南塘三个社区，受益群众5600人。", 3),
        ("项目涉及北关、南关、东关、西关四个街道，计划新增停车位800个。目前已新增停车位650个。", 4),
        ("改造范围为河东、河西两个片区，共改造管网12公里。", 2),
    ],
)
def test_a_count_in_characters_of_the_names_listed_before_it_is_read(text: str, count: int) -> None:
    assert (count, "个") in [(value, unit) for _, value, unit in found(text)]  # its kind is the sentence's


@pytest.mark.parametrize(
    "text",
    [
        "改造涉及甲村、乙村五个村，受益群众800人。",
        "落实两个责任，完成二次供水改造60户。",
        "打造一个示范区，新建绿道3公里。",
    ],
)
def test_a_number_in_characters_that_tallies_no_list_stays_a_word(text: str) -> None:
    assert all(unit != "个" for _, _, unit in found(text))
