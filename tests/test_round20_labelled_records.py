"""The labelled record from blind round 20, on pages of its own words: a project's heading (numbered
or not, maybe a sentence), then its fields one label a line (leaders, lead and partner units, a
person in charge who is no leader, content whose tasks are numbered inside it, funding that is no
content, a deadline or milestones), labels numbered （一）… or not, full- or half-width colons, blank
lines between or none, a category line (关键词 …) above a heading, a page starting mid-record, and
in traditional script. Teaching reaches the same reading from such a record."""

from __future__ import annotations

from pathlib import Path

import pytest

from minsheng.documents.parse import parse_file, read_document
from minsheng.documents.parsed import ParsedPlan
from minsheng.documents.shapes.labels import OTHER, label_field, read_labels
from minsheng.documents.shapes.teach import teach


def _page(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "page.txt"
    path.write_text(text, encoding="utf-8")
    return path


def _read(tmp_path: Path, text: str) -> ParsedPlan:
    return parse_file(_page(tmp_path, text))


# A notice's page that starts inside item 一 (its last field, no heading), labels numbered （一）…
# with half-width brackets and colons, blank lines between, the tasks numbered inside the content.
NOTICE = """青岩县人民政府办公室关于印发2023年十项民生实事任务分解方案的通知


  (五)完成时限:2023年10月底前

  二、改善城区停车条件,新建改造公共停车场4处

  (一)牵头单位:县住建局

  (二)主管领导:周明

  (三)配合单位:县公安局、县财政局,各乡镇人民政府

  (四)项目内容及任务分解:
  1、新建城东、城西公共停车场2处,新增车位600个。
  2、改造城北、城南停车场2处,新增车位300个。

  (五)资金筹措:县财政安排资金800万元,不足部分由各乡镇自筹。

  (六)完成时限:2023年12月底前

  三、实施校园饮水提升工程

  (一)牵头单位:县教育局

  (二)主管领导:吴芳

  (三)配合单位:县卫健局

  (四)项目内容及任务分解:为全县30所中小学安装直饮水设备。

  (五)资金筹措:省级补助200万元

  (六)完成时限:2023年9月底前
"""


def test_numbered_fields_under_numbered_headings_with_tasks_inside_the_content(tmp_path: Path) -> None:
    plan = _read(tmp_path, NOTICE)
    assert plan.title == "青岩县人民政府办公室关于印发2023年十项民生实事任务分解方案的通知"
    assert [(p.seq, p.name) for p in plan.projects] == [
        (2, "改善城区停车条件,新建改造公共停车场4处"),
        (3, "实施校园饮水提升工程"),
    ]
    parking, water = plan.projects
    assert [t.content for t in parking.tasks] == [
        "新建城东、城西公共停车场2处,新增车位600个。",
        "改造城北、城南停车场2处,新增车位300个。",
    ]
    for task in parking.tasks:  # every task numbered inside the content has the record's fields
        assert task.lead_units == ["县住建局"]
        assert task.leaders == ["周明"]
        assert task.partner_units == ["县公安局", "县财政局", "各乡镇人民政府"]
        assert (task.deadline, task.due) == ("2023年12月底前", "2023-12-31")
    assert [t.content for t in water.tasks] == ["为全县30所中小学安装直饮水设备。"]
    assert (water.tasks[0].deadline, water.tasks[0].due) == ("2023年9月底前", "2023-09-30")
    # the funding is no content: its sums are no targets
    values = [i.value for p in plan.projects for t in p.tasks for i in t.indicators]
    assert sorted(values) == [2, 2, 30, 300, 600]


def test_the_same_record_with_full_width_labels_no_numbers_and_no_blank_lines(tmp_path: Path) -> None:
    lines = [line.strip() for line in NOTICE.splitlines() if line.strip()]
    full = [line.replace(":", "：").replace(",", "，") for line in lines]
    plain = [line.split(")", 1)[-1] if line.startswith("(") else line for line in full]  # labels unnumbered
    plan = _read(tmp_path, "\n".join(plain[:1] + plain[2:]) + "\n")  # no dangling field this time
    assert [p.seq for p in plan.projects] == [2, 3]
    assert [len(p.tasks) for p in plan.projects] == [2, 1]
    assert plan.projects[0].tasks[1].partner_units == ["县公安局", "县财政局", "各乡镇人民政府"]
    assert plan.projects[1].tasks[0].leaders == ["吴芳"]


def test_a_heading_broken_over_two_lines_is_one_heading(tmp_path: Path) -> None:
    broken = NOTICE.replace("新建改造公共停车场4处", "新建改造公\n共停车场4处").replace(
        "实施校园饮水提升工程", "实施校园饮\n水提升工程"
    )
    plan = _read(tmp_path, broken)
    assert [p.name for p in plan.projects] == ["改善城区停车条件,新建改造公共停车场4处", "实施校园饮水提升工程"]


# A newspaper's piece: unnumbered sentence headings, a category line above some, the person in
# charge after the leader, milestones for a deadline; the last item is cut before its fields.
NEWS = """市政府昨日公布了2024年八件实事的任务分解表，首次列出主管领导和进度安排。 记者 李想
关键词 医疗
新建社区卫生服务站15个。
责任单位：市卫健委
主管领导：郑华
主要责任人：钱进
进度安排：5月底前完成选址；9月底前开工；11月底前全部投用。
为65岁以上老人免费体检8万人次。
主管领导：郑华
责任单位：市卫健委
主要责任人：钱进
进度安排：6月底前完成一半；12月底前全部完成。
关键词 养老
新增养老床位1200张。
主要责任人：孙立
责任单位：市民政局
主管领导：冯雪
进度安排：10月底前全部完成。
新建老年食堂
"""


def test_sentence_headings_with_categories_leaders_and_milestones(tmp_path: Path) -> None:
    plan = _read(tmp_path, NEWS)
    assert [(p.category, p.name) for p in plan.projects] == [
        ("医疗", "新建社区卫生服务站15个"),
        ("医疗", "为65岁以上老人免费体检8万人次"),
        ("养老", "新增养老床位1200张"),
    ]
    tasks = [p.tasks[0] for p in plan.projects]
    assert [t.leaders for t in tasks] == [["郑华"], ["郑华"], ["冯雪"]]  # 主要责任人 is no leader
    assert [t.lead_units for t in tasks] == [["市卫健委"], ["市卫健委"], ["市民政局"]]
    assert [t.deadline for t in tasks] == ["11月底前", "12月底前", "10月底前全部完成"]  # the last milestone
    assert [t.due for t in tasks] == ["2024-11-30", "2024-12-31", "2024-10-31"]
    assert [i.value for i in tasks[2].indicators] == [1200]


TRADITIONAL = """市政府公佈2025年十件實事分解表
關鍵詞 交通
新開公交線路6條。
責任單位:市交通局
主管領導:何平
進度安排:6月底前開通3條;12月底前全部開通。

改造公交站臺120個。
責任單位:市交通局
主管領導:何平
進度安排:8月底前完成。
"""


def test_traditional_script_records(tmp_path: Path) -> None:
    plan = _read(tmp_path, TRADITIONAL)
    assert [(p.category, p.name) for p in plan.projects] == [("交通", "新開公交線路6條"), ("交通", "改造公交站臺120個")]
    assert [p.tasks[0].lead_units for p in plan.projects] == [["市交通局"], ["市交通局"]]
    assert [p.tasks[0].leaders for p in plan.projects] == [["何平"], ["何平"]]
    assert [p.tasks[0].due for p in plan.projects] == ["2025-12-31", "2025-08-31"]


@pytest.mark.parametrize(
    ("word", "field"),
    [
        ("主管领导", "leaders"),
        ("主管領導", "leaders"),
        ("协办单位", "partner_units"),
        ("项目内容及任务分解", "content"),
        ("項目內容", "content"),
        ("进度安排", "deadline"),
        ("主要责任人", OTHER),
        ("资金筹措", OTHER),
        ("关键词", "category"),
    ],
)
def test_the_labels_one_vocabulary(word: str, field: str) -> None:
    assert label_field(word) == field


def test_funding_ends_a_unit_label_in_running_text() -> None:
    labels, body = read_labels("新建学校2所。（牵头单位：区教育局；资金筹措：区财政）")
    assert (labels.lead_units, body) == (["区教育局"], "新建学校2所。")


def test_teaching_reaches_the_records_from_one_of_them(tmp_path: Path) -> None:
    path = _page(tmp_path, NEWS)
    example = {
        "name": "新增养老床位1200张",
        "category": "养老",
        "tasks": [{"content": "新增养老床位1200张。", "leaders": ["冯雪"], "lead_units": ["市民政局"]}],
    }
    found = teach(read_document(path), example, rules=False)  # the generic readings alone
    assert found.reading.items == "records"
    assert [p.name for p in found.plan.projects][2] == "新增养老床位1200张"
    assert found.plan.projects[0].tasks[0].leaders == ["郑华"]
    taught = parse_file(path, example=example)
    assert [p.category for p in taught.projects] == ["医疗", "医疗", "养老"]
