"""Plans printed as numbered lists, and tables whose one column holds the items.

Each case is a layout real governments used (see tests/fixtures/unseen/SOURCES.md
for the corpus); the texts here are new, the conventions theirs."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from minsheng.documents.errors import DocumentError
from minsheng.documents.parse import parse_file
from minsheng.documents.shapes.labels import read_labels
from minsheng.documents.shapes.rules import item_title, split_units, strip_count

NEWS = """位置导航：首页 >> 新闻中心 >> 正文
丹江市政府承诺今年再办5件实事
信息来源：丹江网 发布时间：2013年1月20日 编辑：张三
在昨日开幕的市人大会议上，市长在《政府工作报告》中承诺，今年市政府要为全市人民办好5件实事。

一、解决农村8万人安全饮水问题。

二、新建200个农村村级综合服务社、新建改造15个社区综合服务站。

三、完善20个乡镇卫生院医疗急救站。

四、改造社区公厕和设置生态移动公厕25个。

五、全程改造美化城区解放路。
今年的实事将于年底前全部完成，市政府将定期通报进展。
责任编辑：李四
"""

NOTICE = """附件2
2024年十方面民生实事责任分解
一、教育类（2项）
1.新建幼儿园。新建改扩建幼儿园12所，新增学位3600个。
责任单位：市教育局、市财政局、各区县政府(列第一位者为工作牵头单位，下同)
2.校园安全提升。为200所中小学配备专职保安。（责任单位：市教育局；配合单位：市公安局）
二、医疗类（1项）
3.基层医疗服务。建成15分钟医疗服务圈，改造村卫生室100个。
牵头单位：市卫健委 配合单位：各镇（街道、开发区）
完成时限：2024年10月底
三、保障措施
（一）加强组织领导。各单位要成立专班，定期调度。
（二）强化督查考核。市政府督查室按季度开展督查。
"""

RUN_TOGETHER = (
    "民生無小事。記者從市人大會議上獲悉，2025年市政府將辦好4件民生實事：一是系統治理停車難，新增公共停車位3000個；"
    "二是對南街等20條瓶頸路進行改造提升；三是為5萬名中小學生免費提供校服；四是建設微型消防站100個。"
)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _names(plan: dict) -> list[str]:
    return [p["name"] for p in plan["projects"]]


def test_it_reads_a_news_article_list_without_its_page_furniture(tmp_path: Path) -> None:
    plan = parse_file(_write(tmp_path, "news.txt", NEWS)).to_json()
    assert _names(plan) == [
        "解决农村8万人安全饮水问题",
        "新建200个农村村级综合服务社、新建改造15个社区综合服务站",
        "完善20个乡镇卫生院医疗急救站",
        "改造社区公厕和设置生态移动公厕25个",
        "全程改造美化城区解放路",
    ]
    last = plan["projects"][-1]["tasks"]
    assert [t["content"] for t in last] == ["全程改造美化城区解放路。"]  # the closing paragraph is not its
    assert plan["year"] == 2013
    first = plan["projects"][0]["tasks"][0]["indicators"]
    assert [(i["value"], i["unit"]) for i in first] == [(80000, "人")]


def test_it_reads_categories_labels_and_leaves_out_the_closing_sections(tmp_path: Path) -> None:
    plan = parse_file(_write(tmp_path, "notice.txt", NOTICE)).to_json()
    assert [(p["category"], p["name"]) for p in plan["projects"]] == [
        ("教育类", "新建幼儿园"),
        ("教育类", "校园安全提升"),
        ("医疗类", "基层医疗服务"),
    ]
    kindergarten, safety, clinics = (p["tasks"][0] for p in plan["projects"])
    assert kindergarten["content"] == "新建改扩建幼儿园12所，新增学位3600个。"
    # 列第一位者为牵头单位: the first is the lead, the rest partners; the note is not a unit
    assert kindergarten["lead_units"] == ["市教育局"]
    assert kindergarten["partner_units"] == ["市财政局", "各区县政府"]
    assert safety["content"] == "为200所中小学配备专职保安。"
    assert (safety["lead_units"], safety["partner_units"]) == (["市教育局"], ["市公安局"])
    assert clinics["partner_units"] == ["各镇（街道、开发区）"]
    assert (clinics["deadline"], clinics["due"]) == ("2024年10月底", "2024-10-31")
    assert plan["year"] == 2024


def test_it_splits_items_run_together_in_one_traditional_paragraph(tmp_path: Path) -> None:
    plan = parse_file(_write(tmp_path, "taiyuan.txt", RUN_TOGETHER)).to_json()
    assert len(plan["projects"]) == 4
    parking = plan["projects"][0]["tasks"][0]
    # characters kept as printed; the ； between items is not part of one
    assert parking["content"] == "系統治理停車難，新增公共停車位3000個"
    assert [(i["value"], i["unit"]) for i in parking["indicators"]] == [(3000, "個")]
    uniforms = plan["projects"][2]["tasks"][0]["indicators"]
    assert [(i["value"], i["unit"]) for i in uniforms] == [(50000, "名")]
    assert plan["year"] == 2025


def test_it_reads_a_list_from_a_word_document_and_a_web_page(tmp_path: Path) -> None:
    document = docx.Document()
    for line in NOTICE.splitlines():
        document.add_paragraph(line)
    document.save(str(tmp_path / "notice.docx"))
    html = (
        "<html><body><div class='nav'>首页 &gt; 通知公告</div><div class='content'>"
        + "".join(f"<p>{line}</p>" if i % 2 else f"{line}<br>" for i, line in enumerate(NOTICE.splitlines()))
        + "</div><div>打印本页 关闭窗口</div></body></html>"
    )
    (tmp_path / "notice.html").write_text(html, encoding="utf-8")
    expected = parse_file(_write(tmp_path, "notice.txt", NOTICE)).to_json()
    assert parse_file(tmp_path / "notice.docx").to_json()["projects"] == expected["projects"]
    assert parse_file(tmp_path / "notice.html").to_json()["projects"] == expected["projects"]


def test_it_still_refuses_a_document_with_nothing_plan_like(tmp_path: Path) -> None:
    text = "关于召开年度工作会议的通知\n一、会议时间：3月5日上午9时\n二、会议地点：政府第一会议室\n"
    text += "三、参会人员：各单位主要负责人"
    with pytest.raises(DocumentError, match="没有找到可识别的任务分解表"):
        parse_file(_write(tmp_path, "meeting.txt", text))


TABLE = """<html><body><p>某县人民政府办公室关于对2017年民生实事进行重点督办的通知</p>
<p>附件：2017年民生实事目标任务分解表</p>
<table border=1>
<tr><td>序号</td><td>民生实事</td><td>责任单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>启动建设西河城区段综合治理工程和湿地公园。</td><td>县水务局<br>县住建局</td><td>12月底前</td></tr>
<tr><td rowspan=2>2</td><td>开工建设县老年养护楼。</td><td rowspan=2>县民政局</td><td>5月底前动工</td></tr>
<tr><td>开工建设老年大学。</td><td>12月底前</td></tr>
<tr><td>3</td><td>完成棚户区改造2500户。</td><td>县住建局</td><td>12月底前</td></tr>
<tr><td colspan=4>注：各责任单位于每季度末报送进展。</td></tr>
</table></body></html>"""


def test_it_reads_a_table_whose_one_column_holds_the_items(tmp_path: Path) -> None:
    plan = parse_file(_write(tmp_path, "dazhu.html", TABLE)).to_json()
    assert [(p["seq"], p["name"], len(p["tasks"])) for p in plan["projects"]] == [
        (1, "启动建设西河城区段综合治理工程和湿地公园", 1),
        (2, "开工建设县老年养护楼", 2),  # a merged 序号: the second row is a task of the same project
        (3, "完成棚户区改造2500户", 1),
    ]
    elderly = plan["projects"][1]["tasks"]
    assert [(t["content"], t["due"], t["lead_units"]) for t in elderly] == [
        ("开工建设县老年养护楼。", "2017-05-31", ["县民政局"]),
        ("开工建设老年大学。", "2017-12-31", ["县民政局"]),
    ]
    assert (plan["jurisdiction"], plan["year"]) == ("某县", 2017)


def test_it_drops_sub_task_numbers_and_counts_in_a_table(tmp_path: Path) -> None:
    html = """<table><tr><th>项目名称</th><th>工作任务</th><th>计划完成时间</th><th>牵头单位</th><th>备注</th></tr>
    <tr><td colspan=5>一、城乡建设类（2项）</td></tr>
    <tr><td rowspan=2>1.城市人居环境提升项目</td><td>（1）对人民中路等3条城区道路进行综合提升改造；</td>
        <td>11月</td><td>建设局</td><td></td></tr>
    <tr><td>（2）新建城市口袋公园2处；</td><td>2022.12</td><td>城投集团</td><td>续建</td></tr>
    <tr><td>2.生态公墓建设项目</td><td>新建生态公益性墓地15处。</td><td>10月底</td><td>民政局</td><td></td></tr>
    </table>"""
    plan = parse_file(_write(tmp_path, "t.html", "<h2>2022年某县十方面民生实事登记表</h2>" + html)).to_json()
    first, second = plan["projects"]
    assert (first["seq"], first["category"], first["name"]) == (1, "城乡建设类", "城市人居环境提升项目")
    assert [t["content"] for t in first["tasks"]] == [
        "对人民中路等3条城区道路进行综合提升改造；",
        "新建城市口袋公园2处；",
    ]
    assert second["name"] == "生态公墓建设项目"


@pytest.mark.parametrize(
    ("text", "units"),
    [
        ("各镇（街道、开发区）、区教育局", ["各镇（街道、开发区）", "区教育局"]),
        ("各镇(街道,开发区)\n区教育局", ["各镇(街道,开发区)", "区教育局"]),
        ("各辖市、区，市财政局", ["各辖市、区", "市财政局"]),
    ],
)
def test_it_splits_units_only_outside_brackets(text: str, units: list[str]) -> None:
    assert split_units(text) == units


@pytest.mark.parametrize(
    ("text", "name", "content"),
    [
        ("城市更新工程：改造老旧小区30个。", "城市更新工程", "改造老旧小区30个。"),
        ("坚定不移支持企业发展。认真落实各项政策措施。", "坚定不移支持企业发展", "认真落实各项政策措施。"),
        ("解决农村8万人安全饮水问题。", "解决农村8万人安全饮水问题", "解决农村8万人安全饮水问题。"),
        ("新建公园3个。改造绿道20公里。", "新建公园3个。改造绿道20公里", "新建公园3个。改造绿道20公里。"),
        # a title pairing two names with 、 is still a title; one with a clause (，) is a sentence
        (
            "建设胸痛中心、卒中中心。完成两个中心的场地改造。",
            "建设胸痛中心、卒中中心",
            "完成两个中心的场地改造。",
        ),
        ("推进改造，提升环境。完成两个中心的场地改造。", "推进改造，提升环境。完成两个中心的场地改造", None),
    ],
)
def test_it_names_an_item_by_its_title(text: str, name: str, content: str | None) -> None:
    assert item_title(text) == (name, content or text)


def test_a_note_after_a_name_ends_it_when_the_content_runs_on() -> None:
    text = "滨江路北延线建设项目（票决项目）工程起于滨江路与兴隆街交叉口，全长约2.3公里。"
    assert item_title(text) == ("滨江路北延线建设项目", "工程起于滨江路与兴隆街交叉口，全长约2.3公里。")
    assert item_title("新建城东学校（含幼儿园）。新增学位900个，年底前完工。")[0] == "新建城东学校（含幼儿园）"


def test_it_reads_labels_in_a_parenthesis_or_after_the_text() -> None:
    labels, body = read_labels("新建幼儿园2所。（牵头单位：区教育局；配合单位：区财政局、各镇（街道））")
    assert body == "新建幼儿园2所。"
    assert (labels.lead_units, labels.partner_units) == (["区教育局"], ["区财政局", "各镇（街道）"])
    labels, body = read_labels("建成卫生服务站5个。[牵头单位:区卫健局;责任单位:各街办(新区)]")
    assert (body, labels.lead_units, labels.partner_units) == ("建成卫生服务站5个。", ["区卫健局"], ["各街办(新区)"])
    labels, body = read_labels("新建幼儿园2所。牽頭單位：區教育局 完成時限：2024年6月")
    assert (body, labels.lead_units, labels.deadline) == ("新建幼儿园2所。", ["區教育局"], "2024年6月")


def test_it_strips_counts_from_headings() -> None:
    assert strip_count("教育类（3项）") == "教育类"
    assert strip_count("幼有所育(共2件)：") == "幼有所育"


def test_it_reads_a_word_list_numbered_automatically(tmp_path: Path) -> None:
    """Word's 'List Number' keeps its numbers in numbering.xml, not in the paragraphs' text."""
    document = docx.Document()
    document.add_paragraph("2024年某县十件民生实事")
    for text in ("新建幼儿园3所，新增学位900个。", "改造老旧小区12个。", "新建公共停车泊位800个。"):
        document.add_paragraph(text, style="List Number")
    document.add_paragraph("责任单位：县住建局")
    document.save(str(tmp_path / "auto.docx"))
    plan = parse_file(tmp_path / "auto.docx").to_json()
    assert [(p["seq"], p["name"]) for p in plan["projects"]] == [
        (1, "新建幼儿园3所，新增学位900个"),
        (2, "改造老旧小区12个"),
        (3, "新建公共停车泊位800个"),
    ]
    assert plan["projects"][2]["tasks"][0]["lead_units"] == ["县住建局"]
    assert plan["year"] == 2024


THREE_LEVELS = """2025年某市民生实事项目任务分解
一、教育优先（2项）
（一）学前教育扩容工程
1.新建幼儿园5所，新增学位1500个。牵头单位：市教育局
2.改造提升乡镇中心幼儿园10所。牵头单位：市教育局；配合单位：各县（市、区）政府
（二）校园安全守护工程
为全市中小学配备一键报警装置300套。（牵头单位：市公安局）
二、健康惠民（1项）
（三）基层医疗提升工程
1.建设社区卫生服务中心4个。牵头单位：市卫健委
2.新增家庭医生签约2万人。牵头单位：市卫健委
三、工作要求
（一）加强领导。各单位要高度重视，按月调度。
"""


def test_it_reads_three_levels_categories_projects_and_their_tasks(tmp_path: Path) -> None:
    plan = parse_file(_write(tmp_path, "three.txt", THREE_LEVELS)).to_json()
    assert [(p["category"], p["name"], len(p["tasks"])) for p in plan["projects"]] == [
        ("教育优先", "学前教育扩容工程", 2),
        ("教育优先", "校园安全守护工程", 1),
        ("健康惠民", "基层医疗提升工程", 2),
    ]
    second = plan["projects"][0]["tasks"][1]
    assert (second["content"], second["partner_units"]) == ("改造提升乡镇中心幼儿园10所。", ["各县（市、区）政府"])
    assert plan["projects"][1]["tasks"][0]["lead_units"] == ["市公安局"]


def test_it_reads_a_list_from_a_pdf_whose_lines_wrap_mid_item(tmp_path: Path) -> None:
    """PDF text comes out line by line: `七` / `是新建…` is one item again once wrapped lines are joined."""
    from minsheng.gongwen.pdf import docx_to_pdf

    report = "今年我们将集中财力办好十件民生实事：" + "".join(
        f"{n}是新建改扩建城乡公共设施{k}处，惠及群众{k}万人；"
        for n, k in zip("一二三四五六七八九十", range(11, 21), strict=True)
    )
    document = docx.Document()
    document.add_paragraph("2025年某县政府工作报告")
    document.add_paragraph(report.rstrip("；") + "。我们将以钉钉子精神抓好落实。")
    source = io.BytesIO()
    document.save(source)
    (tmp_path / "report.pdf").write_bytes(docx_to_pdf(source.getvalue()))
    plan = parse_file(tmp_path / "report.pdf").to_json()
    assert [p["seq"] for p in plan["projects"]] == list(range(1, 11))
    assert plan["projects"][6]["name"] == "新建改扩建城乡公共设施17处，惠及群众17万人"
    assert plan["projects"][9]["tasks"][0]["content"] == "新建改扩建城乡公共设施20处，惠及群众20万人。"


def test_a_workbook_with_a_sheet_per_category_names_the_categories(tmp_path: Path) -> None:
    import openpyxl

    workbook = openpyxl.Workbook()
    first = workbook.active
    first.title = "教育类"
    first.append(["2024年某区民生实事项目清单"])
    first.merge_cells("A1:D1")
    first.append(["序号", "项目名称", "建设内容", "责任单位"])
    first.append([1, "幼儿园扩容", "新建幼儿园2所，新增学位540个。", "区教育局"])
    second = workbook.create_sheet("卫生类")
    second.append(["序号", "项目名称", "建设内容", "责任单位"])
    second.append([2, "社区医院", "建成社区医院3家。", "区卫健局"])
    workbook.save(tmp_path / "sheets.xlsx")
    plan = parse_file(tmp_path / "sheets.xlsx").to_json()
    assert [(p["category"], p["name"]) for p in plan["projects"]] == [("教育类", "幼儿园扩容"), ("卫生类", "社区医院")]
    # sheets named 附件1 / 附件2 (formal and candidates) name no category
    workbook["教育类"].title, workbook["卫生类"].title = "附件1", "附件2"
    workbook.save(tmp_path / "annexes.xlsx")
    assert {p["category"] for p in parse_file(tmp_path / "annexes.xlsx").to_json()["projects"]} == {None}


def test_a_unit_marked_as_lead_leads_and_the_others_partner(tmp_path: Path) -> None:
    html = """<p>2024年某市民生实事责任分解表</p><table>
    <tr><td>序号</td><td>项目名称</td><td>主要内容</td><td>责任单位</td></tr>
    <tr><td>1</td><td>城市供热</td><td>新建改造供热管网60公里。</td><td>市住建局（牵头）、市发改委、市财政局</td></tr>
    </table>"""
    task = parse_file(_write(tmp_path, "marked.html", html)).to_json()["projects"][0]["tasks"][0]
    assert (task["lead_units"], task["partner_units"]) == (["市住建局"], ["市发改委", "市财政局"])


def test_it_reads_projects_named_in_one_sentence_only_when_the_count_agrees(tmp_path: Path) -> None:
    story = (
        "2025年某县民生实事项目出炉\n记者从县人大会议上获悉，这4项民生实事项目分别是社区食堂建设工程、"
        "口袋公园建设工程、老旧小区改造工程、农贸市场提升工程。"
    )
    plan = parse_file(_write(tmp_path, "story.txt", story)).to_json()
    assert [p["name"] for p in plan["projects"]] == [
        "社区食堂建设工程",
        "口袋公园建设工程",
        "老旧小区改造工程",
        "农贸市场提升工程",
    ]
    # five names where four are announced: no list the rules read; the blind reading offers the five
    # as a guess (a plan-like page is never refused), the count the page states said once in its notice
    wrong = story.replace("农贸市场提升工程。", "农贸市场提升工程、公厕改造工程。")
    guess = parse_file(_write(tmp_path, "wrong.txt", wrong))
    assert guess.warnings[0].message.startswith("未按已知格式读出") and len(guess.projects) == 5
    assert [w.message for w in guess.warnings if w.message.startswith("文件称共4项，读出5项")]
    assert all(p.sureness < 1.0 and not any("4项" in d for d in p.doubts) for p in guess.projects)


def test_it_reads_bullets_under_plain_headings(tmp_path: Path) -> None:
    summary = """2026年某市民生实事项目概览
基础设施
- 实施堤防应急治理工程 包括挡墙12.6千米 [1]
- 开展易涝点整治项目 [2]
公共健康
- 开展免费筛查项目 覆盖群众7.5万人 [2]
"""
    plan = parse_file(_write(tmp_path, "bullets.txt", summary)).to_json()
    assert [(p["category"], p["name"]) for p in plan["projects"]] == [
        ("基础设施", "实施堤防应急治理工程 包括挡墙12.6千米"),
        ("基础设施", "开展易涝点整治项目"),
        ("公共健康", "开展免费筛查项目 覆盖群众7.5万人"),
    ]
    targets = plan["projects"][0]["tasks"][0]["indicators"]
    assert [(t["value"], t["unit"]) for t in targets] == [(12.6, "千米")]


def test_it_reads_full_role_labels_and_units_named_without_a_label() -> None:
    labels, body = read_labels("新增城镇就业2.6万人。牵头责任单位：市人社局。协同责任单位：市财政局等，各县政府。")
    assert body == "新增城镇就业2.6万人。"
    assert (labels.lead_units, labels.partner_units) == (["市人社局"], ["市财政局", "各县政府"])
    labels, body = read_labels("建设养老服务站20个。（市民政局牵头，市财政局、市住建局按职责分工负责）")
    assert body == "建设养老服务站20个。"
    assert (labels.lead_units, labels.partner_units) == (["市民政局"], ["市财政局", "市住建局"])


@pytest.mark.parametrize(
    ("content", "kept"),
    [
        ("（1）新建城市口袋公园2处；", "新建城市口袋公园2处；"),
        ("1.改造运动场12处。2.为乡村学校配备教师40名。", "1.改造运动场12处。2.为乡村学校配备教师40名。"),
    ],
)
def test_a_sub_task_number_goes_but_numbered_sub_targets_keep_theirs(content: str, kept: str) -> None:
    from minsheng.documents.shapes.rules import strip_sub_number

    assert strip_sub_number(content) == kept


@pytest.mark.parametrize(
    ("text", "lead", "content"),
    [
        ("新增学位8000个。（市教育局、市住建局）", ["市教育局", "市住建局"], "新增学位8000个。"),
        ("新增学位8000个（市教育局）。", ["市教育局"], "新增学位8000个"),
        ("改造老旧小区90个（含3个社区）", [], "改造老旧小区90个（含3个社区）"),
        ("建成口袋公园（2个）", [], "建成口袋公园（2个）"),
        ("提升城区道路（北环路、南环路）", [], "提升城区道路（北环路、南环路）"),
    ],
)
def test_units_alone_in_a_closing_parenthesis_lead(text: str, lead: list[str], content: str) -> None:
    labels, body = read_labels(text)
    assert labels.lead_units == lead
    assert body == content


def test_a_numbered_heading_is_not_the_title(tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(
        "2024年为民办实事实施方案\n二、主要任务\n（一）提高民生保障水平\n"
        "1.提高低保标准。城市低保标准提高到820元。（市民政局）\n"
        "2.新增停车泊位。新增公共停车泊位3000个。（市城管局）\n",
        encoding="utf-8",
    )
    assert parse_file(path).title == "2024年为民办实事实施方案"


def test_a_table_printed_one_cell_per_line_is_read_as_a_table(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    lines = ["2024年民生实事分解表", "序号", "主要内容", "牵头单位", "配合单位", "完成时限"]
    lines += ["1", "新建幼儿园2所。", "区教育局", "区财政局", "各街道办事处", "2024年8月"]
    lines += ["2", "改造老旧小区12个。", "区住建局", "区城管局", "2024年11月", "加装电梯30部。", "2024年12月"]
    lines += ["分享到："]
    path.write_text("\n\n".join(lines), encoding="utf-8")
    projects = parse_file(path).projects
    assert [p.seq for p in projects] == [1, 2]
    first, (second, third) = projects[0].tasks[0], projects[1].tasks
    assert (second.partner_units, second.deadline) == (["区城管局"], "2024年11月")
    assert (first.lead_units, first.partner_units) == (["区教育局"], ["区财政局", "各街道办事处"])
    assert (third.content, third.deadline, third.lead_units) == ("加装电梯30部。", "2024年12月", ["区住建局"])


def test_header_words_one_per_line_without_rows_are_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "notice.txt"
    path.write_text("序号\n项目名称\n牵头单位\n请各单位按表填报。\n", encoding="utf-8")
    with pytest.raises(DocumentError):
        parse_file(path)


def test_rows_written_with_bars_are_a_table(tmp_path: Path) -> None:
    path = tmp_path / "bars.txt"
    path.write_text(
        "2022年民生实事分解表 |\n| 序号 | 项目名称 | 牵头单位 |\n|---|---|---|\n"
        "| 1 | 新增停车泊位1200个 | 区城管局 |\n| 2 | 新建老年食堂8家 | 区民政局 |\n",
        encoding="utf-8",
    )
    plan = parse_file(path)
    assert plan.title == "2022年民生实事分解表"
    assert [(p.seq, p.tasks[0].lead_units) for p in plan.projects] == [(1, ["区城管局"]), (2, ["区民政局"])]


def test_items_numbered_as_the_nth_matter_are_a_list(tmp_path: Path) -> None:
    path = tmp_path / "town.txt"
    path.write_text(
        "2024年十件民生实事\n实事一：饮水提升。改造农村供水管网18公里。\n实事二：道路提档。新建村组道路12公里。\n"
        "第三件：养老提质。新建村级养老服务站4个。\n",
        encoding="utf-8",
    )
    projects = parse_file(path).projects
    assert [(p.seq, p.name) for p in projects] == [(1, "饮水提升"), (2, "道路提档"), (3, "养老提质")]


def test_a_path_given_as_a_plain_string_reads_as_a_path_does(tmp_path: Path) -> None:
    """Scripts hand the reader a string; it must read the file, not fail on `.suffix`."""
    path = tmp_path / "news.txt"
    path.write_text(NEWS, encoding="utf-8")
    assert parse_file(str(path)).to_json() == parse_file(path).to_json()
