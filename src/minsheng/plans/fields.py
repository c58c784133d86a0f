"""Every field of a plan's task table, declared once.

A field is a column offices print (序号, 项目名称, 牵头单位, 投资（万元）…). Its entry says what
the readers need (the header words that name it, the kind of cell), what the stores need
(project or task, one value or a list), and what the writers need (the task table's column and
its separator, the JSON format's name, the label pages show). Header words (documents/shapes/
headers.py), the column map (documents/store/mapping.py), the diff, labelled records, the cell
reader (documents/shapes/task_cells.py), the task table (reports/tasktable.py) and the JSON
format (documents/parsed.py, documents/store/to_json.py) read this list: adding a sum in 万元 is
adding an entry here and its migration (the model's column is made from SUMS); a field of another
kind also needs its attribute on ParsedTask, its column on Task and its place in TABLE_ORDER.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Field:
    key: str  # the attribute on ParsedTask / ParsedProject and the name in the JSON format
    label: str  # how pages, the preview and the diff name it
    words: tuple[str, ...]  # header words that name the column (exact, or the longest contained)
    cell: str  # kind of cell: seq, text, date, units, leaders, money
    level: str = "task"  # project, task, or column (read beside the plan, never stored)
    many: bool = False  # a list of values
    separator: str = ""  # how the task table prints the list
    column: str = ""  # the task table's header ("" = never printed there)
    width_cm: float = 0.0
    optional: bool = False  # the task table prints the column only when some task has a value
    schema: bool = True  # in the JSON format
    not_words: tuple[str, ...] = ()  # header words that rule it out (当年投资 is no total)
    offer: str = ""  # how the import preview offers it, when not by its label
    # A blank cell under a filled one continues it (DESIGN.md), except where a blank means
    # "none": a sum left blank is no sum, unless the file merged the cell.
    inherits: bool = True

    @property
    def choice(self) -> str:
        return self.offer or self.label


# Ordered: the first field whose word a header is wins, and among contained words the longest,
# then the earliest: so the more specific words come first (牵头领导 is a leader, 实事名称 a category).
FIELDS: tuple[Field, ...] = (
    Field("seq", "序号", ("序号", "编号", "序"), "seq", level="project", column="序号", width_cm=1.2),
    Field(
        "leaders", "分管领导", ("领导", "分管"), "leaders",
        many=True, separator="、", column="分管领导", width_cm=2.0, optional=True,
    ),
    Field(
        "partner_units", "配合单位",
        ("配合", "协办", "协助", "参与单位", "参与部门", "协同", "协作", "业主单位"), "units",
        many=True, separator="\n", column="配合单位", width_cm=3.0, optional=True,
    ),
    Field(
        "lead_units", "牵头单位",
        (
            "牵头", "责任单位", "责任部门", "主办", "承办", "实施单位", "责任主体", "主责", "负责单位",
            "负责部门", "实施主体", "落实单位", "责任处室", "责任科室",
        ),
        "units", many=True, separator="\n", column="牵头单位", width_cm=3.0,
    ),
    Field(
        "deadline", "完成时间", ("完成时间", "完成时限", "时间节点", "完成期限", "时限", "时间", "期限", "年限"),
        "date", column="完成时间", width_cm=2.2,
    ),
    # The project's total investment in 万元 (a figure in 亿元 is converted); a year's share, money
    # already spent or where the money comes from is no total.
    Field(
        "investment", "投资（万元）", ("投资", "总投资", "投资金额", "计划投资", "投资额", "估算投资", "概算投资"),
        "money", column="投资（万元）", width_cm=2.0, optional=True,
        not_words=("当年", "年度", "本年", "已完成", "完成投资", "累计", "来源"), inherits=False,
    ),
    # This year's share of it (年度计划投资): what the year's budget holds for the task.
    Field(
        "year_investment", "当年投资（万元）",
        ("当年投资", "年度投资", "年度计划投资", "本年投资", "当年计划投资", "本年度投资"),
        "money", column="当年投资（万元）", width_cm=2.0, optional=True,
        not_words=("已完成", "完成投资", "累计", "来源"), inherits=False,
    ),
    # 关键词 教育: a newspaper's keyword line over the items it groups
    Field(
        "category", "实事名称", ("实事名称", "类别", "领域", "类型", "分类", "主题", "关键词"), "text", level="project",
        column="实事名称", width_cm=2.4, optional=True, offer="类别（实事名称）",
    ),
    # 民生实事 / 实事 over a column of the items themselves (名称：内容, or the content alone)
    # 指标要求 (a target and what it asks) over the content of a 目标任务分解表
    Field(
        "content", "内容",
        ("概况", "内容", "目标任务", "任务", "目标", "举措", "措施", "民生实事", "实事", "事项", "指标", "要求"),
        "text", column="项目概况", width_cm=9.0,
        # a timetable (工作举措及实施计划: "1.4月底前… 2.8月底前…") says when and how, not what is
        # delivered: the content is then the item beside it
        not_words=(
            "实施计划", "推进计划", "工作计划", "进度计划", "计划安排", "实施步骤", "工作步骤", "进度安排", "时间安排",
        ),
    ),
    Field("name", "项目名称", ("项目名称", "实事项目", "项目", "名称"), "text", level="project",
          column="项目名称", width_cm=3.2),
    # 目标类型 (A类 责任目标, B类 激励目标) grades a target; it is no category of projects
    Field("notes", "备注", ("备注", "说明", "进展", "进度", "目标类型"), "text", level="column", schema=False),
)
BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
# The task's own fields, read from a cell beside its content (not the content itself).
TASK_CELLS: tuple[Field, ...] = tuple(f for f in FIELDS if f.level == "task" and f.key != "content")
LISTS: tuple[str, ...] = tuple(f.key for f in FIELDS if f.many)
# Sums in 万元 (投资（万元）…): each is a column of plans.Task (plans/models.py makes it from this
# list; a new one needs its migration), ParsedTask.sums while read, a number in the JSON format.
SUMS: tuple[str, ...] = tuple(f.key for f in FIELDS if f.cell == "money")
# The order the task table prints its columns in.
TABLE_ORDER = ("seq", "category", "name", "content", "deadline", *SUMS, "leaders", "lead_units", "partner_units")
# What the clerk may name a column (the import preview, `minsheng parse --columns`): the fields, and
# name_content (`名称：内容` in one cell), figure (a target's number in its own column) and ignore.
COLUMN_CHOICES = (*TABLE_ORDER[:4], "name_content", *TABLE_ORDER[4:], "figure", "ignore")


def label(key: str) -> str:
    return BY_KEY[key].label
