"""Kinds of plan page from blind round 21, each on small pages of its own (not the fixtures' words):

- a news sentence whose count introduces names joined by commas (`4个项目包括A工程,B项目,…,估算总投资…`):
  each piece that ends as a project's name is one name, a 、 inside a piece stays in its name, and the
  clauses after the names close the sentence;
- names run with 、 inside ONE pair of quotes, the count after the closing quote
  (`实施“A、B、…、F”6类民生实事项目`): each piece one project;
- a `(一)…工程。` heading with its 一是…二是… points (on its line or below): the heading is the project,
  each point a task; a number in words inside a short quoted name (“两项补助”) is no target;
- a paragraph of counted category runs (`教育提升类2项,主要是A、B等工程;…`): each run's names with its
  category, the shared `等工程` belonging to no name, a run cut by the copy keeping only whole names."""

from __future__ import annotations

from pathlib import Path

import pytest

from minsheng.documents.errors import DocumentError

from .pages import read_page

# --- names joined by commas after a stated count --------------------------------------------------

COMMA_NAMES = [
    "城东小学扩建工程",
    "东湖、西湖片区污水管网改造工程(一期)",
    "乡镇卫生院“两室”提质项目",
    "老旧小区加装电梯项目",
]
COMMA_HEAD = "2026年平川县民生实事项目公布\n\n3月2日,平川县人大常委会会议票决出县政府民生实事项目。\n\n"


@pytest.mark.parametrize("comma", [",", "，"])
def test_names_joined_by_commas_after_their_count(tmp_path: Path, comma: str):
    text = COMMA_HEAD + f"4个项目包括{comma.join(COMMA_NAMES)}{comma}估算总投资2.35亿元。代表们将跟踪监督。\n"
    plan = read_page(tmp_path, text)
    assert [p.name for p in plan.projects] == COMMA_NAMES
    assert [p.tasks[0].content for p in plan.projects] == COMMA_NAMES
    assert not [i for p in plan.projects for t in p.tasks for i in t.indicators]  # 2.35亿元 is the total


def test_comma_pieces_that_do_not_end_as_names_are_no_list(tmp_path: Path):
    """Control: clauses of a sentence (no piece ends as a project's name) are not read as four names."""
    clauses = ["城东小学扩建完成", "东湖片区管网改造过半", "乡镇卫生院提质", "老旧小区加装电梯"]
    text = COMMA_HEAD + "4个项目包括" + ",".join(clauses) + "。\n"
    try:
        plan = read_page(tmp_path, text)
    except DocumentError:  # refused is also no list of those clauses
        return
    assert [p.name for p in plan.projects] != clauses


# --- counted category runs in one paragraph -------------------------------------------------------

CATEGORIES = [
    ("教育提升类", ["城南学校新建", "幼儿园学位扩容"]),
    ("便民出行类", ["背街小巷路面硬化", "公交站台改造提升", "慢行步道贯通"]),
    ("健康养老类", ["社区嵌入式养老服务", "家庭医生签约提质"]),
]
CAT_HEAD = (
    "河西区15项民生实事项目发布\n\n2026-02-11 来源:河西发布\n\n"
    "近日,河西区民生实事项目经人大代表票决确定,计划总投资1.6亿元。"
)


def _category_paragraph(tail: str = "等工程") -> str:
    runs = [f"{cat}{len(names)}项,主要是{'、'.join(names)}{tail}" for cat, names in CATEGORIES]
    return CAT_HEAD + "其中," + ";".join(runs) + "。\n"


@pytest.mark.parametrize("tail", ["等工程", "等项目", ""])
def test_category_runs_give_projects_with_their_category(tmp_path: Path, tail: str):
    plan = read_page(tmp_path, _category_paragraph(tail))
    assert [(p.category, p.name) for p in plan.projects] == [(c, n) for c, names in CATEGORIES for n in names]
    assert [p.tasks[0].content for p in plan.projects] == [n for _, names in CATEGORIES for n in names]


def test_a_category_run_cut_by_the_copy_keeps_its_whole_names(tmp_path: Path):
    text = _category_paragraph().rstrip("。\n") + ";文化惠民类3项,主要是社区书屋提质、露天电影进村、乡村文化广"
    plan = read_page(tmp_path, text + "\n")
    names = [(p.category, p.name) for p in plan.projects]
    assert names[-2:] == [("文化惠民类", "社区书屋提质"), ("文化惠民类", "露天电影进村")]
    assert len(names) == 9


def test_a_run_whose_names_miss_its_count_is_no_category_list(tmp_path: Path):
    """Control: the count says 4 but three names follow: the runs are not read as a category list."""
    text = _category_paragraph().replace("便民出行类3项", "便民出行类4项")
    try:
        plan = read_page(tmp_path, text)
    except DocumentError:
        return
    assert not any(p.category == "便民出行类" for p in plan.projects)


# --- a (一) heading that names a project, its 一是…二是… points run on its own line ---------------------

POINTS = [
    "持续完善城乡供水保障。改造老旧供水管网18公里,新建加压泵站2座。",
    "持续推进农村饮水提质。为6个行政村接通集中供水。",
    "加强水质监测能力。建成区级水质检测中心1个。",
]
POINT_LABELS = ["一是", "二是", "三是"]


def _heading_with_points(heading: str, sep: str) -> str:
    head = "南岭区2026年民生实事实施方案\n一、总体要求\n坚持以人民为中心,办好群众身边实事。\n二、重点任务\n"
    points = sep.join(label + point for label, point in zip(POINT_LABELS, POINTS, strict=True))
    return head + heading + sep + points + "\n三、保障措施\n各单位要加强协调,确保按期完成。\n"


@pytest.mark.parametrize(
    ("heading", "sep"),
    [
        ("(一) 安全饮水提升工程。", ""),  # the points run on the heading's line
        ("(一)安全饮水提升工程。", ""),
        ("(一)安全饮水提升工程。", "\n"),  # one point a line
        ("(一)安全饮水提升工程", "\n"),
    ],
)
def test_a_project_heading_over_its_yishi_points(tmp_path: Path, heading: str, sep: str):
    plan = read_page(tmp_path, _heading_with_points(heading, sep))
    assert [p.name for p in plan.projects] == ["安全饮水提升工程"]
    assert [t.content for t in plan.projects[0].tasks] == POINTS
    assert [i.value for t in plan.projects[0].tasks for i in t.indicators] == [18, 2, 6, 1]


# --- names run with 、 inside one pair of quotes, then their count ------------------------------------

QUOTED_RUN = [
    "提升社区养老服务",
    "改善农村饮水条件",
    "扩充普惠托育资源",
    "整治背街小巷环境",
    "优化公交线网布局",
    "加强食品安全抽检",
]


@pytest.mark.parametrize(("opening", "closing"), [("“", "”"), ("「", "」")])
def test_names_inside_one_pair_of_quotes_closed_by_their_count(tmp_path: Path, opening: str, closing: str):
    text = (
        "近日,青溪区2026年度6类民生实事项目确定。2026年,青溪区将重点实施"
        f"{opening}{'、'.join(QUOTED_RUN)}{closing}6类民生实事项目。\n"
        "其中包括:新增3个社区食堂、改造管网12公里等20项子内容。\n"
    )
    plan = read_page(tmp_path, text)
    assert [p.name for p in plan.projects] == QUOTED_RUN


def test_a_quoted_run_that_misses_its_count_is_not_those_names(tmp_path: Path):
    """Control: the count says 7, six names are quoted: not read as the list of projects."""
    text = f"2026年,青溪区将重点实施“{'、'.join(QUOTED_RUN)}”7类民生实事项目。\n"
    try:
        plan = read_page(tmp_path, text)
    except DocumentError:
        return
    assert [p.name for p in plan.projects] != QUOTED_RUN


# --- a number in words inside a short quoted name ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("做好优抚、救孤、孤寡老人“三项补贴”等工作。", []),
        ("落实困难家庭“两项补助”,新增救助对象120户。", [120]),
        ("建成“15分钟”健身圈3个。", [3]),  # a figure in digits in quotes stays what it was
    ],
)
def test_a_number_in_words_inside_a_quoted_name_is_no_target(text: str, values: list[int]):
    from minsheng.indicators.extract import extract

    assert [int(i.value) for i in extract(text)] == values


# --- a copy cut inside the last task's second sentence -------------------------------------------------

CUT_HEAD = "北塘县2026年民生实事\n"
CUT_DONE = "一、新建乡镇敬老院2所。\n二、改造农村危房150户。\n三、新增城区停车泊位600个。\n"


def test_a_last_task_cut_after_its_own_full_stop_and_a_comma_is_left_out(tmp_path: Path):
    plan = read_page(tmp_path, CUT_HEAD + CUT_DONE + "四、推进就业服务提质。建设零工驿站,实现困难群众就\n")
    contents = [t.content for p in plan.projects for t in p.tasks]
    assert len(contents) == 3 and not any("零工驿站" in c for c in contents)
    assert any("处中断" in str(w) for w in plan.warnings)


def test_a_last_task_of_one_open_sentence_is_kept_to_check(tmp_path: Path):
    """Control: one sentence without its 。 may be whole (新增公益岗位300个): kept, marked to check."""
    plan = read_page(tmp_path, CUT_HEAD + CUT_DONE + "四、推进就业服务提质,新增公益岗位300个\n")
    assert plan.projects[-1].tasks[-1].content.endswith("300个") and plan.projects[-1].doubts


def test_names_joined_by_commas_in_traditional_script(tmp_path: Path):
    names = ["城東小學擴建工程", "老舊小區加裝電梯項目", "鄉鎮衛生院提質項目"]
    text = "平川縣民生實事項目確定\n\n3個項目包括" + ",".join(names) + ",估算總投資1.2億元。\n"
    plan = read_page(tmp_path, text)
    assert [p.name for p in plan.projects] == names
