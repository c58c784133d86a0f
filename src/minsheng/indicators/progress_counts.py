"""Which figures of a progress text are statements: counts of the programme's own projects,
items and areas (20件民生实事, 已完成19项, 10个方面) are not, nor differences from the plan or
numbers written in characters where the text uses digits. Pure functions on one clause, used by
progress_reader; kept apart because these rules read the words around one figure and nothing of
the paragraph's reading state.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Protocol

from ..text.normal import normal
from .extract import Quantity
from .progress_kinds import PROJECT_WORD, is_difference, is_starting_point, names_a_task
from .progress_names import core_of

# 20件民生实事, 12项重点民生工程, 6个考核项目, 实事项目有8项, 已完成子项目7个: counts of projects.
# 58个分项, 20件民生大事 (a programme's items called its 大事 or 好事) likewise.
PROJECT_AFTER = re.compile(
    r"^\s*(?:[\u4e00-\u9fff]{0,6}?(?:项目|实事|事项|指标|工程|候选|民生大事|民生好事)|[大小子分]项|工作|任务)"
)
# 12项涉及我区省级民生实事, 10件2026年县自办民生实事项目: 项/件 before the programme's words count its items.
ITEMS_AFTER = re.compile(r"^\s*(?:20\d\d年度?)?[\u4e00-\u9fff]{0,12}?(?:项目|实事|事项|大事|好事)")
# 100%达到时间过半任务过半要求, 85%的项目已开工: a percentage of the projects meeting a bar, not a task's.
PROJECTS_MEETING = re.compile(
    r"\s*(?:的?(?:项目|实事)|(?:均|已|全部)?(?:达到|符合|满足)[^，,。；;\d]{0,16}(?:要求|进度)(?:[，,。；;\s]|$))"
)
# 公路60%是双车道, 超80%城镇可在30分钟内上高速, 90%的村已通客车: a percentage of a stock that is of a
# sort or can do something describes the stock, not what a task delivered.
STOCK_SHARE = re.compile(
    r"\s*(?:是|为)(?![\d了期止])[\u4e00-\u9fff]|\s*的?(?!以上|以下|左右)[\u4e00-\u9fff]{2,8}?(?:可以?|能够?|均已|都已)"
)
# 5个已完成全年任务: what completes a year's task is a project of the programme.
TASK_DONE_AFTER = re.compile(r"^\s*(?:已经|已|均|全部)?(?:提前|超额)?完成了?(?:全年|年度)(?:目标)?任务")
PROJECT_BEFORE = re.compile(r"(?:项目|实事|事项|指标|[大小子]项)[\u4e00-\u9fff]{0,4}$|[省市县区乡镇村]级[（(]?$")
# 2个（金沙湾、翠湖苑）住宅小区雨污分流改造工程、…: a count of projects named by what they build.
NAMED_PROJECTS = re.compile(r"^\s*[（(][^（()）]*[)）][^，,。；;、\d]{0,16}?(?:工程|项目)(?:[、，,。；;]|等|$)")
AREAS = re.compile(r"^\s*(?:个)?(?:方面|领域|大类|类别|板块|类)")
# 在东湖等3个区（县）开展试点: the places a work is done in, listed then counted, say where, not how much.
PLACES_LISTED = re.compile(r"在[^，,。；;\d]{1,12}等$")
DIVISION_AFTER = re.compile(r"\s*(?:[区县市镇乡]|街道)")
# 占项目总数的30%: a share of the programme's projects, not of a task.
PROJECT_SHARE = re.compile(r"(?:项目|实事|事项)(?:总)?数?的?$")
PROJECT_UNITS = {"个", "项", "件", "大项"}
AREA_UNITS = {"方面", "领域", "大类", "类别", "板块"}
# 其中3项提前完成, 3项进展较快, 其中有22项是超额完成: 项/件 counting nothing named are items of the programme.
BARE_ITEM = re.compile(r"^(?:是|为)?(?:提前|已|完成|正|按|超|达到|未|滞后|进度|进展|推进|中|预计|全部|均|$)")
# 一万人次以上, 两千户: an amount in characters with its magnitude is a figure even where digits are used
# (一季度, 十大类, 三个方面 are not).
CHARACTER_AMOUNT = re.compile(r"[一二两三四五六七八九十]+[千万亿]")
# 完成3项 after 推广…不少于3项: the verb of progress alone before the count, nothing else named.
DURATION_AFTER = re.compile(r"月|小时|钟头|工作日")
DONE_COUNT = re.compile(r"^(?:已|已经|累计|共)?(?:完成|建成|实现|推广|落实)了?$")


class Counted(Protocol):
    """A statement read before, as far as telling a count goes."""

    kind: str
    unit: str


def counts_its_target(clause: str, q: Quantity, before: Sequence[Counted]) -> bool:
    """A bare count of 项/件 done (完成3项) counts what the target before it in its sentence counts
    (推广智慧停车系统不少于3项), not the programme's items; so does a count of areas after a target
    counted in areas."""
    unit = normal(q.unit)
    if unit in AREA_UNITS:  # 服务类别5方面，已完成5方面: areas a task itself sets (a plan can count them)
        return any(t.kind == "target" and normal(t.unit) == unit for t in before)
    if unit not in {"项", "件"} or not DONE_COUNT.match(clause[: q.start].strip()):
        return False
    return any(t.kind == "target" and normal(t.unit) == unit for t in before)


class Read(Counted, Protocol):
    text: str


# 安全建设项目16个 (read before): works projects; 已通过审核的项目7个 after it counts the same works.
WORKS_COUNTED = re.compile(r"(?:建设|改造|新建|扩建)项目(?:共|有|共有)?\s*\d")
PROJECTS_NAMED = re.compile(r"项目[\u4e00-\u9fff]{0,2}$")


def counts_the_works(clause: str, q: Quantity, earlier: Sequence[Read]) -> bool:
    """A count of 项目 in a group that has counted its works projects (…建设项目16个) counts those works
    (目前已通过审核的项目7个), not the programme's projects: a statement."""
    if normal(q.unit) != "个" or not PROJECTS_NAMED.search(clause[: q.start]):
        return False
    return any(normal(s.unit) == "个" and WORKS_COUNTED.search(normal(s.text)) for s in earlier)


class Valued(Read, Protocol):
    value: Decimal


PARTS_OPEN = re.compile(r"^\s*(?:包括|其中|含)")


def are_its_parts(clause: str, q: Quantity, found: Sequence[Quantity], before: Sequence[Valued]) -> bool:
    """包括新开工…等2个项目和竣工…等2个项目 after 新(改)建设施4个: counts (of projects too) that the clause
    opened by 包括/其中 lists and that add up to the figure read right before, in its unit, are its parts:
    statements, whatever they count."""
    if not PARTS_OPEN.match(clause):
        return False
    whole = next((s for s in reversed(before) if normal(s.text) not in clause), None)  # (not a part read already)
    if whole is None:
        return False
    same = [f for f in found if normal(f.unit) == normal(whole.unit)]
    return len(same) >= 2 and q in same and sum(f.value for f in same) == whole.value


def counted_anyway(clause: str, q: Quantity, found: Sequence[Quantity], out: Sequence[Valued], first: int) -> bool:
    """A count that reads like one of projects is a statement still: it counts what the target before it in
    its sentence (out[first:]) counts, the works projects its group counted, or adds up with its siblings
    to the figure before them."""
    sentence = out[first:]
    return (
        counts_its_target(clause, q, sentence)
        or counts_the_works(clause, q, out)
        or are_its_parts(clause, q, found, sentence)
    )


def is_dropped(clause: str, q: Quantity, arabic: bool, about_projects: bool, projects_named: bool) -> bool:
    """Not a statement, or a share or bare count following a count of projects in its sentence."""
    if not is_statement(clause, q, arabic) or (q.unit == "%" and about_projects):
        return True
    if not projects_named or not BARE_ITEM.match(clause[q.end :]):
        return False
    # 58个民生项目中，42个已开工: a bare 个 naming nothing right after them (nothing read between) counts them too
    bare_count = normal(q.unit) == "个" and about_projects and not core_of(clause[: q.start])
    return normal(q.unit) in {"项", "件"} or bare_count


# “新增养老床位”、“新建11个医疗急救(120)分站”等项目在评议中…: a figure inside a project's quoted name,
# in a list of names closed by 等项目, names the project; it reports nothing.
QUOTED_PROJECT_NAMES = re.compile(
    r"[^“”]*”(?:\s*[、，,和及]\s*“[^“”]*”)*\s*等[^，,。；;\d]{0,4}?(?:项目|实事|事项|工程)"
)
# 101家开放场馆（含2022年60家已开放场馆）: a part included in the figure before the bracket, counted there.
INCLUDED = re.compile(r"\d\s*[^\d\s（()），,。；;]{0,8}\s*[（(]\s*含[^（()）]*$")


def in_characters(clause: str, q: Quantity, arabic: bool) -> bool:
    """A number in characters where the text uses digits (二次供水, 一季度): a word, no figure at all;
    unless it counts the names listed right before it (甲村、乙村、丙村三个村): a count as good as a digit."""
    if not arabic or clause[q.start].isdigit() or CHARACTER_AMOUNT.match(clause, q.start, q.end):
        return False
    return not _counts_its_list(clause[: q.start], q)


# 柳庄、河口、石桥: short names joined by 、 ending right where a count follows.
LISTED_NAMES = re.compile(r"[\u4e00-\u9fff]{1,6}(?:、[\u4e00-\u9fff]{1,6})+$")


def _counts_its_list(lead: str, q: Quantity) -> bool:
    """The count is the number of names listed right before it (the list's own tally)."""
    found = LISTED_NAMES.search(lead)
    return found is not None and found.group().count("、") + 1 == q.value


# 由13个省级单位牵头, 由6个部门负责: how many share out the programme's lead, organisation and no work done
IN_CHARGE = re.compile(r"[^\d，,。；;]{0,8}?(?:单位|部门|厅局|机关)(?:共同|分别)?(?:牵头|负责|承担|实施)")


def is_statement(clause: str, q: Quantity, arabic: bool) -> bool:
    """Not: counts of projects, differences from the plan, numbers in characters where digits are used,
    figures in a project's quoted name, parts a bracket says the figure before already includes."""
    if in_characters(clause, q, arabic):
        return False
    if normal(q.unit) == "个" and DURATION_AFTER.match(clause, q.end):
        return False  # 6-18个月, 近1个小时: a duration or an age, not a count
    if is_difference(clause, q) or is_starting_point(clause, q):
        return False
    if q.unit == "%" and (PROJECTS_MEETING.match(clause, q.end) or STOCK_SHARE.match(clause, q.end)):
        return False
    if PLACES_LISTED.search(clause[: q.start]) and DIVISION_AFTER.match(clause, q.end):
        return False
    if "”" in clause[q.end :] and QUOTED_PROJECT_NAMES.match(clause, q.end):
        return False
    if "含" in clause[: q.start] and INCLUDED.search(clause[: q.start]):
        return False
    if clause[: q.start].endswith("由") and IN_CHARGE.match(clause, q.end):
        return False
    return not _counts_projects(clause[: q.start], clause[q.end :], normal(q.unit))


def _counts_projects(lead: str, tail: str, unit: str) -> bool:
    """A figure counting the programme's projects, items or areas rather than what a task builds."""
    if unit in AREA_UNITS:
        return True  # 已完成5方面: a count of the programme's areas, whatever the verb
    if names_a_task(lead, tail) or _named_by_its_works(lead) or QUOTA.match(tail) or SIZED_WORKS.match(tail):
        return False  # 改造城镇老旧小区14个项目: a project named by its task
    if _projects_after(tail, unit) or _projects_before(lead, unit) or _programme_items(lead, tail, unit):
        return True
    return _chained_count(tail, unit) or _listed_items(lead, tail, unit)


# 医疗卫生服务建设项目221个: projects named by the service whose facilities they build (not the programme's
# 民生/实事/重点 projects) count those facilities, the task of the item.
WORKS_PROJECTS = re.compile(r"([\u4e00-\u9fff]{2,10}?)(?:建设|改造|新建|扩建)项目(?:共|有|共有)?$")


# 累计完工183项工程40397户: works counted with what they reached right after them are the task's works.
SIZED_WORKS = re.compile(r"^\s*工程\s*\d")


# 300个健身广场建设指标: the quota of what is to be built, handed down; not a count of indicators.
QUOTA = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:建设|任务|计划|分配|下达)指标")


def _named_by_its_works(lead: str) -> bool:
    found = WORKS_PROJECTS.search(lead)
    return found is not None and not PROJECT_WORD.search(found.group(1))


def _projects_after(tail: str, unit: str) -> bool:
    """The words after the figure say it counts projects (12项民生实事, 5个已完成全年任务) or areas."""
    if unit in PROJECT_UNITS and TASK_DONE_AFTER.match(tail):
        return True
    if unit in {"项", "件"} and ITEMS_AFTER.match(tail):
        return True
    if unit in PROJECT_UNITS and (PROJECT_AFTER.match(tail) or NAMED_PROJECTS.match(tail)):
        return True
    return bool(AREAS.match(tail))  # 等10个方面, 12类: a count of areas of the programme


def _projects_before(lead: str, unit: str) -> bool:
    """The words before the figure say it counts projects (实事项目有8项), or is a share of them."""
    if unit in PROJECT_UNITS and PROJECT_BEFORE.search(lead):
        return True
    return (unit == "项" and lead.endswith("工程")) or (unit == "%" and bool(PROJECT_SHARE.search(lead)))


def _programme_items(lead: str, tail: str, unit: str) -> bool:
    """项/件 counting nothing a task builds: items listed by name, or the programme's items."""
    if unit not in {"项", "件"}:
        return False
    if re.match(r"\s*[（(][\u4e00-\u9fff]", tail) or lead.endswith("等"):
        return True  # 1项（…工作）, …等3项: items listed by name
    # 已完成19项, 其中民生类的8项: items of the programme
    return bool(BARE_ITEM.match(tail)) and (not core_of(lead) or lead.endswith("的"))


# 12类36件43个事项: counts of a programme's levels run together, the last naming what they count.
# 10件、27项为民办实事项目: the run may be listed with a mark between its counts.
CHAINED = re.compile(r"^\s*、?\s*\d+\s*(?:个|项|件|类|大类)(?!\d)")


def _chained_count(tail: str, unit: str) -> bool:
    """A count of 件/项/类 followed at once by another count that counts the programme's items: all
    of the run count them (12类42件50个事项: the 42件 too)."""
    if unit not in PROJECT_UNITS | {"类"}:
        return False
    found = CHAINED.match(tail)
    if found is None:
        return False
    after = tail[found.end() :]
    return bool(PROJECT_AFTER.match(after) or ITEMS_AFTER.match(after))


def _listed_items(lead: str, tail: str, unit: str) -> bool:
    """城镇老旧小区改造、无障碍改造2项正在进行前期工作: items named in a list (、), then how many they
    are and how they stand: a count of the listed items, not a figure of work."""
    return unit in {"项", "件"} and "、" in lead and bool(BARE_ITEM.match(tail))
