"""Lines a narrow page broke are one line again for every shape (shapes/wraps.py, issue #26).

A plan copied out of a PDF, a narrow column or a mirror that puts a <br> at each printed line
breaks an item anywhere: inside a word, inside a bracket, before a comma, inside a table's row.
Each page here is written in a shape the fixtures show (numbered lines, headings over items,
label lines, a table as bars or tabs, html with <br>), with new words, and its wraps must read
as the page without them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from minsheng.documents.parse import parse_file, read_document
from minsheng.documents.shapes.wraps import joined, wraps


def _read(tmp_path: Path, text: str, suffix: str = ".txt") -> list[dict]:
    path = tmp_path / ("page" + suffix)
    path.write_text(text, encoding="utf-8")
    projects: list[dict] = parse_file(path).to_json()["projects"]
    return projects


def _names(tmp_path: Path, text: str, suffix: str = ".txt") -> list[str]:
    return [p["name"] for p in _read(tmp_path, text, suffix)]


NUMBERED = """苇川省今年的十件民生实事发布
1扩大城乡居民技能培训
全年开展技能培训120万人次，新增取证人员40万人。
2开展中小学生课后托管服务进社
区(村)行动
全年在城乡社区设立课后托管点800个，服务学生12万人次。
3建设县域医疗次中心
新建县域医疗次中心30个，配齐CT、彩超等设备。
"""


def test_a_title_over_its_content_broken_before_its_end(tmp_path: Path) -> None:
    """Titles under bare numbers, each over its content line: a title broken in two is one title."""
    names = _names(tmp_path, NUMBERED)
    assert names == ["扩大城乡居民技能培训", "开展中小学生课后托管服务进社区(村)行动", "建设县域医疗次中心"]


HEADINGS = """云栖区2027年为民办实事项目
一、教育文化（2项）
1.新建云栖区图书馆北湖分馆1处，馆藏图书不少于
5万册
2.为全区中小学配备心理辅导教师40名
二、城乡建设（2项）
3.完成芦汀、瓦窑、
沙洲3个片区雨污分流改造
4.新增城市口袋公园6个
"""


def test_headings_over_items_broken_at_a_comma_or_mid_figure(tmp_path: Path) -> None:
    projects = _read(tmp_path, HEADINGS)
    assert [p["name"] for p in projects][0] == "新建云栖区图书馆北湖分馆1处，馆藏图书不少于5万册"
    assert [p["name"] for p in projects][2] == "完成芦汀、瓦窑、沙洲3个片区雨污分流改造"
    assert [p["category"] for p in projects] == ["教育文化", "教育文化", "城乡建设", "城乡建设"]


LABELS = """鹭川市2027年民生实事项目责任分工
1.新建社区嵌入式托育点20个，新增托位600个。
牵头单位：市卫健委；配合单位：市财政局、各区人民政
府
2.改造城区燃气老旧管网42公里。
牵头单位：市住建局；配合
单位：市城管局
3.新增公共充电桩1500个。
牵头单位：市发改委；配合单位：国网鹭川供电公司
"""


def test_label_lines_under_items_broken_inside(tmp_path: Path) -> None:
    projects = _read(tmp_path, LABELS)
    assert [p["name"] for p in projects] == [
        "新建社区嵌入式托育点20个，新增托位600个",
        "改造城区燃气老旧管网42公里",
        "新增公共充电桩1500个",
    ]
    tasks = [p["tasks"][0] for p in projects]
    assert [t["lead_units"] for t in tasks] == [["市卫健委"], ["市住建局"], ["市发改委"]]
    assert [t["partner_units"] for t in tasks] == [["市财政局", "各区人民政府"], ["市城管局"], ["国网鹭川供电公司"]]


BAR_TABLE = """桐溪县2027年民生实事项目表
序号 | 项目名称 | 建设内容 | 牵头单位 | 配合单位 | 完成时限 |
1 | 城北净水厂扩建 | 扩建城北净水厂，日供水能力提升至8万吨 | 县水
务局 | 县财政局 | 2027年12月 |
2 | 乡村卫生室标准化 | 标准化改造村卫生室45家 | 县卫健局 | 各乡镇 | 2027年10月 |
3 | 老年食堂建设 | 新建老年食堂12家，助餐点30个 | 县民政局 | 各
乡镇 | 2027年9月 |
"""

TAB_TABLE = (
    "序号\t民生实事\t牵头单位\t完成时限\n"
    "1\t新建桐溪县城南中学，新增学位1500个。\t县教\n"
    "体局\t2027年8月底\n"
    "2\t建成农村饮水提质工程12处。\t县水务局\t2027年10月底\n"
    "3\t新增城区公共停车泊位900个。\t县住建局\t2027年12月底\n"
)


@pytest.mark.parametrize("text", [BAR_TABLE, TAB_TABLE], ids=["bars", "tabs"])
def test_a_delimited_row_broken_in_two_is_one_row(tmp_path: Path, text: str) -> None:
    projects = _read(tmp_path, text)
    assert len(projects) == 3
    units = [p["tasks"][0]["lead_units"] for p in projects]
    assert units[0] in (["县水务局"], ["县教体局"])


FLATTENED = """<html><body>
<p>2027年石渠县民生实事项目</p>
<p>序号</p><p>项目名称</p><p>建设内容</p><p>责任单位</p>
<p>1</p><p>县城污水管网改造</p><p>改造县城污水管网26公里，新建提升泵站<br>2座</p><p>县住建局</p>
<p>2</p><p>乡镇敬老院提升</p><p>提升改造乡镇敬老院7所，新增护理型床位<br>280张</p><p>县民政局</p>
<p>3</p><p>中小学食堂改造</p><p>改造中小学食堂15个</p><p>县教体局</p>
</body></html>"""


def test_a_cell_broken_in_a_table_printed_one_cell_per_paragraph(tmp_path: Path) -> None:
    projects = _read(tmp_path, FLATTENED, ".html")
    assert [p["name"] for p in projects] == ["县城污水管网改造", "乡镇敬老院提升", "中小学食堂改造"]
    assert projects[0]["tasks"][0]["content"] == "改造县城污水管网26公里，新建提升泵站2座"


HTML = """<html><body>
<p>2027年青溪镇民生实事项目公布</p>
<p>1.提升青溪镇卫生院急诊能力，新增急救车2辆</p>
<p>2.建设镇区“一刻钟<br>便民生活圈”服务点6个</p>
<p>3.新建青溪镇文化礼堂<br>3座，配套篮球场</p>
<p>4.改造溪口至岭下农村公路<br>9公里</p>
</body></html>"""


def test_a_br_inside_an_item_block_is_no_new_line(tmp_path: Path) -> None:
    names = _names(tmp_path, HTML, ".html")
    assert names == [
        "提升青溪镇卫生院急诊能力，新增急救车2辆",
        "建设镇区“一刻钟便民生活圈”服务点6个",
        "新建青溪镇文化礼堂3座，配套篮球场",
        "改造溪口至岭下农村公路9公里",
    ]


BLOCKS = """2027年枫林区政府实事项目安排

01

完成枫林区42台老旧住宅电梯更新、6家社区卫
生服务站改造

新建枫林区应急避难场所3处

02

开设社区长者食堂14家

实施苇塘河沿岸截污纳管工程
"""


def test_a_phrase_broken_inside_its_block_of_a_blank_line_page(tmp_path: Path) -> None:
    """A text whose blocks are parted by blank lines: one newline inside a block is the page's wrap."""
    projects = _read(tmp_path, BLOCKS)
    contents = [t["content"] for p in projects for t in p["tasks"]]
    assert "完成枫林区42台老旧住宅电梯更新、6家社区卫生服务站改造" in contents
    assert len(contents) == 4


def test_a_title_over_its_content_and_lines_of_their_own_stay_apart() -> None:
    """What is no wrap: a title over its content, a closed sentence, a label line, a heading under
    a line, a byline under a headline, lines parted by a blank line."""
    assert joined(["城东幼儿园新建工程", "新建幼儿园1所，建筑面积6200平方米。"]) == [
        "城东幼儿园新建工程",
        "新建幼儿园1所，建筑面积6200平方米。",
    ]
    assert not wraps("1.新建幼儿园1所。", "2.改造校舍3处。")
    assert not wraps("1.新建幼儿园1所，新增学位", "牵头单位：县教育局")
    assert not wraps("梅岭镇人民政府", "2027年1月26日", block=True)
    assert not wraps("新增学位300个，改造操场", "改造校舍3处", block=False)
    assert wraps("新增学位300个，改造操场", "2处。")


def test_the_joined_line_keeps_its_printed_characters(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    path.write_text("标题\n1.新建“智慧\n书房”5个（牵头\n单位：县文旅局）\n2.改造公厕9座。\n", encoding="utf-8")
    assert read_document(path).paragraphs == ["标题", "1.新建“智慧书房”5个（牵头单位：县文旅局）", "2.改造公厕9座。"]
