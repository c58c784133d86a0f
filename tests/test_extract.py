"""Quantified targets as INDICATORS.md defines them, and the gold floors."""

from __future__ import annotations

from decimal import Decimal

import pytest
from bench.common import target_scores

from minsheng.indicators.extract import extract


def readings(text: str) -> list[tuple[Decimal, Decimal | None, str, str]]:
    return [(i.value, i.high, i.unit, i.op) for i in extract(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("城镇新增就业2.2万人，组织青年参加就业见习1050人", [(22000, None, "人", "eq"), (1050, None, "人", "eq")]),
        ("打造3-4个区级人工智能教育实验室", [(3, 4, "个", "range")]),
        ("引进高水平人才10—20人", [(10, 20, "人", "range")]),
        ("培育30名左右的种子教师", [(30, None, "名", "approx")]),
        ("开展多样化关爱活动不少于238场，覆盖超5万人次", [(238, None, "场", "gte"), (50000, None, "人次", "gte")]),
        ("未成年人违法犯罪警情压降10%", [(10, None, "%", "eq")]),
        ("处理规模1.25万吨/日", [(12500, None, "吨/日", "eq")]),
        ("完成“瓶改管、瓶改电”1300户以上，减瓶率达80%以上", [(1300, None, "户", "gte"), (80, None, "%", "gte")]),
        ("为全区两万余名持证残疾人办理保险", [(20000, None, "名", "gte")]),
        ("投放住房低息贷款16.4亿元", [(Decimal("1640000000"), None, "元", "eq")]),
        ("新建或改造保障性租赁住房2.24万套（间）", [(22400, None, "套", "eq")]),
        ("送戏送综艺节目各200场", [(200, None, "场", "eq"), (200, None, "场", "eq")]),
        ("将新生儿疾病筛查病种从3种扩大到29种", [(29, None, "种", "eq")]),
        ("在437元/月的基础上预计提高至490元/月", [(490, None, "元/月", "eq")]),
        ("重点领域人员安全培训不超过12万人", [(120000, None, "人", "lte")]),
        ("为约2000名精神病患者提供药品救助", [(2000, None, "名", "approx")]),
        ("为15万老年人提供居家养老上门服务", [(150000, None, "人", "eq")]),
        ("新增家庭医生签约1.2万人", [(12000, None, "人", "eq")]),
    ],
)
def test_it_reads_targets_as_the_guide_defines(text: str, expected: list[tuple]) -> None:
    assert readings(text) == [(Decimal(v), None if h is None else Decimal(h), u, o) for v, h, u, o in expected]


@pytest.mark.parametrize(
    "text",
    [
        "建成并投用武进第二高中新校区",
        "实施地铁5号线武进区周边道路微改造",
        "实时汇聚12345热线工单",
        "“96111”心理热线24小时提供公益咨询服务",
        "培育发展4A级以上社会组织",
        "二、三级医院与基层医疗机构",
        "第四中学（二期）改扩建",
        "2026年6月底前完成",
        "为60周岁以上老年人",
        "65岁及以上老年人",
        "0-14周岁残疾儿童",
        "六大类特殊人群",
        "实施千企帮千户精准帮扶项目",
        "推进“一场所一方案”整治",
        "实现镇级便民服务中心全覆盖",
    ],
)
def test_it_leaves_out_what_is_not_a_target(text: str) -> None:
    assert extract(text) == []


def test_it_gives_character_offsets_of_each_span() -> None:
    text = "建设社区普惠托育点1家，开设各类公益爱心托班40场。为约2000名精神病患者提供药品救助"
    for target in extract(text):
        assert target.start is not None and target.end is not None
        assert text[target.start : target.end] == target.text
    assert [t.text for t in extract(text)][-1] == "约2000名精神病患者提供药品救助"


def test_it_meets_the_accuracy_floors_on_the_gold() -> None:
    result = target_scores(lambda text: [i.to_json() for i in extract(text)])
    assert result["f1"] >= 0.97, result
    assert result["ops"] >= 0.95, result


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("新建48个班小学一所。", [(1, "所")]),
        ("新建公园一处，改造道路一条", [(1, "处"), (1, "条")]),
        ("打造一站式服务中心，建设一个中心", []),  # 一 going on into a word is no quantity
    ],
)
def test_it_counts_a_bare_one_only_where_its_clause_ends(text: str, targets: list[tuple[int, str]]) -> None:
    found = [(int(t.value), t.unit) for t in extract(text) if t.value == 1]
    assert found == targets


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("开展技能培训12期，培训农村劳动力600人次。", [(12, "期"), (600, "人次")]),
        ("举办家长学校培训班8期", [(8, "期")]),
        ("完成2期工程建设，实施一期项目", []),  # a phase of a project, not sessions
        ("推进二期建设12期。", [(12, "期")]),
    ],
)
def test_sessions_count_only_in_figures_ending_their_clause(text: str, targets: list[tuple[int, str]]) -> None:
    assert [(int(t.value), t.unit) for t in extract(text)] == targets


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        ("城镇新增就业（人） 24000", [("24000", 24000, "人", "eq")]),
        ("城镇登记失业率低于（%） 4.5", [("4.5", Decimal("4.5"), "%", "lte")]),
        ("提供贴息贷款（万元） 1200", [("1200", 12000000, "元", "eq")]),
        ("新建学校3所（含幼儿园） 2", [("新建学校3所", 3, "所", "eq")]),  # no unit in the brackets
        ("城镇新增就业（人）", []),
    ],
)
def test_a_figure_printed_apart_counts_in_the_unit_its_measure_names(text: str, targets: list[tuple]) -> None:
    found = extract(text)
    assert [(t.text, t.value, t.unit, t.op) for t in found] == targets
    assert all(text[t.start : t.end] == t.text for t in found if t.start is not None and t.end is not None)


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        # 、 between two verbs joins them on one object: the span keeps the whole verb phrase.
        ("新建、提升改造城市书房9家", "新建、提升改造城市书房9家", "城市书房"),
        ("新增、更新公共充电桩500个", "新增、更新公共充电桩500个", "公共充电桩"),
        ("建成口袋公园6个，新建、改造篮球场20片", "新建、改造篮球场20片", "篮球场"),
        # verbs joined by 或/和/及 or a bracketed alternative verb are stripped as one verb phrase
        ("新建或提升残疾人之家14家", "新建或提升残疾人之家14家", "残疾人之家"),
        ("提升和改造农贸市场7个", "提升和改造农贸市场7个", "农贸市场"),
        ("新建（改造）社区食堂26个", "新建（改造）社区食堂26个", "社区食堂"),
        ("改造（提升）背街小巷40条", "改造（提升）背街小巷40条", "背街小巷"),
    ],
)
def test_a_verb_phrase_is_kept_whole_and_the_name_starts_at_a_phrase_boundary(
    text: str, span: str, name: str
) -> None:
    target = extract(text)[-1]
    assert (target.text, target.name) == (span, name)


@pytest.mark.parametrize(
    "text",
    [
        "新建城市书房9家、社区食堂26个",  # 、 between items stays an item boundary
        "为困难家庭改造住房或提供租赁补贴300户",
        "提升和完善农贸市场7个",  # a verb the list does not know after the conjunction
        "新建或扩容停车场5个",
        "新建（扩建）社区食堂26个",
        "（省级）示范托育点12家",  # a pair the name holds stays whole
    ],
)
def test_a_name_never_starts_with_a_conjunction_or_a_closing_bracket(text: str) -> None:
    for target in extract(text):
        assert target.name and target.name[0] not in "或和及与并、）)", target
        assert target.name.count("（") == target.name.count("）"), target


@pytest.mark.parametrize(
    ("text", "span", "name"),
    [
        # 其 is the person served: what is counted follows the number, and the span starts at the
        # phrase the number belongs to, not at the one joined before it by 或
        (
            "为实施辅助生殖技术对象免费提供胚胎冷冻2管服务或减免其1次取卵-胚胎移植医疗费用，分类提供远程胎心监护",
            "减免其1次取卵-胚胎移植医疗费用",
            "取卵-胚胎移植医疗费用",
        ),
        ("为困难老人提供助浴服务或减免其2次上门护理费用", "减免其2次上门护理费用", "上门护理费用"),
        ("帮助群众解决其1000件急难愁盼问题", "帮助群众解决其1000件急难愁盼问题", "急难愁盼问题"),
        ("对贫困学生免除其3000元学费和书本费", "对贫困学生免除其3000元学费和书本费", "学费和书本费"),
        # nothing after the number: the dangling word goes from the name
        ("建设口袋公园和3个", "建设口袋公园和3个", "口袋公园"),
        ("新建社区的3个", "新建社区的3个", "社区"),
    ],
)
def test_a_name_never_ends_on_a_pronoun_conjunction_or_particle(text: str, span: str, name: str) -> None:
    target = extract(text)[-1]
    assert (target.text, target.name) == (span, name)
    assert text[target.start : target.end] == target.text
    assert target.name[-1] not in "其之的地和或及与并且、", target


@pytest.mark.parametrize(
    ("text", "targets"),
    [
        # an amount of money introduced by 投资 / 资金 is what the project costs, not what it delivers
        ("该项目总投资3.2亿元，新建停车泊位800个", [(800, "个")]),
        ("计划总投资约1.6亿元，改造供水管网45公里", [(45, "公里")]),
        ("年度计划投资达5200万元，建成健身步道12公里", [(12, "公里")]),
        ("投资额为950万元，完成屋顶光伏30兆瓦", [(30, "兆瓦")]),
        ("安排财政资金2400万元，资助困难学生3000名", [(3000, "名")]),
        ("落实省级补助资金860万元", []),
        # money the unit delivers stays a target
        ("发放助学金1200万元", [(12000000, "元")]),
        ("筹资4500万元用于大病救助", [(45000000, "元")]),
        ("募集慈善基金不少于600万元", [(6000000, "元")]),
        # 投资 naming something else than the amount is left alone
        ("引进投资项目15个", [(15, "个")]),
    ],
)
def test_an_amount_introduced_by_investment_or_funds_is_not_a_target(
    text: str, targets: list[tuple[int, str]]
) -> None:
    assert [(int(t.value), t.unit) for t in extract(text)] == targets
