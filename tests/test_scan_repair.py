"""Recognition repairs: each rule on its own, on text it must change and on text it must leave alone."""

from __future__ import annotations

import pytest

from minsheng.documents.readers.scan_repair import (
    fix_dashes,
    fix_numbers,
    full_width_punctuation,
    pair_quotes,
    repair,
    repair_cell,
    sentence_stops,
)


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("各辖市丶区", "各辖市、区"),
        ("助老﹑助残", "助老、助残"),
        ("常政发【2023】12号", "常政发〔2023〕12号"),
        ("常政发[2023]12号", "常政发〔2023〕12号"),
        ("常政办发〔2023】5号", "常政办发〔2023〕5号"),
        ("处理规模3万吨／日", "处理规模3万吨/日"),
    ],
)
def test_it_repairs_lookalike_marks(read: str, meant: str) -> None:
    assert repair(read) == meant


def test_it_rejoins_numbers_the_engine_split() -> None:
    assert fix_numbers("新增托位数3 400个") == "新增托位数3400个"
    assert fix_numbers("增加学位2. 7万个") == "增加学位2.7万个"
    assert fix_numbers("覆盖率达1O0 %") == "覆盖率达100%"
    assert fix_numbers("建设１２个") == "建设12个"
    assert fix_numbers("第1批 2个项目") == "第1批 2个项目"  # a space not between digits stays


def test_it_reads_a_dash_mistaken_for_one() -> None:
    assert fix_dashes("引进高水平人才10一20人") == "引进高水平人才10—20人"
    assert fix_dashes("服务点一“德康驿站”7家") == "服务点—“德康驿站”7家"
    assert fix_dashes("打造3-4个实验室") == "打造3-4个实验室"  # a hyphen printed as such stays
    assert fix_dashes("新建一所学校") == "新建一所学校"


def test_it_makes_chinese_punctuation_full_width() -> None:
    read = "新建幼儿园3所,新增学位2000个;完成率:95%"
    assert full_width_punctuation(read) == "新建幼儿园3所，新增学位2000个；完成率：95%"
    assert full_width_punctuation("总额1,000万元") == "总额1,000万元"
    assert full_width_punctuation("各镇(街道）") == "各镇（街道）"
    assert full_width_punctuation("建设AI(artificial intelligence)课堂") == "建设AI(artificial intelligence)课堂"


def test_it_reads_a_full_stop_after_prose_only() -> None:
    assert sentence_stops("新增信号灯控路口联网81处·在206个路口") == "新增信号灯控路口联网81处。在206个路口"
    assert sentence_stops("控制率100%·在206个信号灯控路口") == "控制率100%。在206个信号灯控路口"
    assert sentence_stops("不低于12万人°") == "不低于12万人。"
    assert sentence_stops("买买提·艾力") == "买买提·艾力"  # a name keeps its middle dot
    assert sentence_stops("增加学位2.7万个，新增9所学校") == "增加学位2.7万个，新增9所学校"
    assert repair_cell("实施结对关爱帮扶·\n全市中小学") == "实施结对关爱帮扶。\n全市中小学"  # at a line's end


def test_it_pairs_quotes_over_a_whole_cell() -> None:
    assert pair_quotes("开展“清洁厨房“行动") == "开展“清洁厨房”行动"
    assert pair_quotes('开展"阳光餐饮"专区') == "开展“阳光餐饮”专区"
    assert repair_cell("开展“南医名医\n常州行”巡诊") == "开展“南医名医\n常州行”巡诊"
    assert pair_quotes("只有一个“引号") == "只有一个“引号"  # an odd count: no guess


def test_a_cell_cut_at_the_page_end_has_its_quotes_paired_whole() -> None:
    """Each page's half of the cell has an odd count of marks; joined, they pair up."""
    from minsheng.documents.readers.scan import Page, PageTable, assemble

    header = ["序号", "项目名称", "主要内容", "牵头单位"]
    first = PageTable(rows=[header, ["1", "食品安全", "实施“阳光餐饮”，设立“阳光餐", "市市场监管局"]], above=[])
    second = PageTable(rows=[header, ["", "", "饮“专区，开展”清洁厨房“行动。", ""]], above=[])
    document = assemble([Page([first], [], 1), Page([second], [], 1)], "scan.pdf")
    [table] = document.tables
    joined = next(cell.text for cell in table.cells if cell.row == 1 and cell.col == 2)
    assert joined == "实施“阳光餐饮”，设立“阳光餐\n饮”专区，开展“清洁厨房”行动。"


def test_brackets_over_two_lines_of_a_cell_are_the_full_width_pair() -> None:
    assert repair_cell("示范片区（村、\n社区)。") == "示范片区（村、\n社区）。"
    assert repair_cell("编号(A-\n12)") == "编号(A-\n12)"  # around ASCII only: left as read
