"""Which kind a figure in progress prose is: a year target, an actual done to date, or a share of the target.

Told by the words around the figure: 计划/目标/预计/力争 make a target, and carry on to the
next clauses of the sentence until 已/目前/截至 starts the progress; 已/累计/截至/目前/正在 make
an actual; 占年度目标的25%, 完成率85%, 303个（20.2%） make a share. A paragraph labelled 目标：
or 进度： reads in that kind unless its own words say otherwise. Used by progress_reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ..text.normal import normal
from .extract import Quantity, quantities

# 完成率/拨付率/开工率/执行率: the rate of a verb of progress is a share of its task, whatever the verb.
RATE = r"(?:完成|完工|建成|竣工|开工|拨付|执行|达成|签约|到位|兑付|支付|办结|落实|使用|实施|发放)率"
# The figure right after these words is the target itself: 年度目标1500个, 今年20户, 目标任务为10000人.
ADJACENT_TARGET = re.compile(
    r"(?:(?:目标|计划|任务)(?:任务|数|量)?(?:为|是|数)?[:：]?|(?:今年|全年|年内|年度)(?:涉及|共|计|为)?|"
    r"(?<!完成)(?:总投资|概算投资|概算总投资)(?:为|约|达)?|(?:提高|提升|上调|调增|调整)(?:到|至))$"
)
# 不少于3项, 至少5所: a floor is what a plan sets; progress is counted, not bounded.
FLOOR = re.compile(r"(?:不少于|不低于|不小于|不得少于|至少)\s*$")
SHARE_BEFORE = re.compile(
    rf"(?:目标|计划|任务|{RATE}|完成比例|进度|形象进度)"
    r"(?:[^\d，,。；;]{0,4}|[\u4e00-\u9fff]{0,2}\s*[（(]?\s*\d[\d.,]*\s*[万亿千]?[\u4e00-\u9fff]{0,3}[）)]?的)$"
)
# 高于目标3.2个百分点, 超序时进度24.9个百分点, 超任务17元: a difference from the plan, not a statement.
DIFFERENCE = re.compile(
    r"(?:高于|低于|超出|超过|超|快于|慢于|领先)(?:年度|全年)?(?:目标|任务|序时进度|时序进度|时间进度|计划)(?:任务)?$"
    r"|(?:同比|环比|比上年|较上年|比去年|较去年)(?:同期)?(?:增长|下降|提高|上升|减少|增加|降低)了?$"
    # 比年度计划高20.3个百分点, 较计划投资多0.3亿元: the plan named first, then how far from it
    r"|(?:比|较)(?:年度|全年)?(?:目标|任务|序时进度|时序进度|时间进度|计划)(?:投资|任务|进度)?"
    r"(?:高出|高|低|多|少|快|慢|超出|超)了?$"
)
# 由每人每月180元提高到200元: the figure a standard is raised from is where it started, not a statement.
RAISED_FROM = re.compile(r"(?:由|从)[^，,。；;\d]{0,10}$")
RAISED_TO = re.compile(r"^[^，,。；;\d]{0,2}(?:提高|提升|上调|调增|增加|增长|扩大|调整)(?:到|至)")
# 建设3公里尚未启动: a figure not yet begun is the task itself. Changes on a year ago are in DIFFERENCE.
NOT_BEGUN = re.compile(
    r"^[\u4e00-\u9fff]{0,8}?(?:尚|还|仍)?未(?:启动|开工|实施|开始|动工)"
    # 运营路线36公里以上两项因客观原因无法完成: what could not be done is the task, not what was done
    r"|^[^，,。；;\d]{0,12}?(?:无法|未能|没能|没有?|不能)(?:按期|如期)?完成"
)
# 养护工程13公里5月份开工, 新建充电桩20个计划于6月底前完工: a figure whose start or end is still
# set for a month ahead is the task itself (done is written 已于3月开工).
SCHEDULED = re.compile(
    r"^\s*(?:将|拟|计划|预计|力争)?于?\d{1,2}\s*月(?:份|底|末|中旬|上旬|下旬|初)?前?"
    r"(?:开工|启动|实施|动工|开始|完工|建成|竣工|投用|投入使用)"
)
# 完成15亿元销售目标的54%, 将600个篮球场建设指标分解到各市: a figure whose own noun is the target (or the
# quota handed down) is that target, whatever verb carries it.
NAMES_ITS_TARGET = re.compile(r"^[\u4e00-\u9fff]{0,8}?(?:目标|(?:建设|任务|计划|分配|下达)指标)")
RESTATED = re.compile(r"^的?[\u4e00-\u9fff]{0,2}(?:目标|任务|计划)")
# 完成年度目标任务, 高于目标3.2个百分点, 超额完成任务: a sentence measured against its target.
# 超额完成年度8000个的目标任务: the target's own figure may stand between the verb and the word, its
# measure as long as a measure is (超额完成70万平方米的年度目标任务, 3350吨/天的).
MET_TARGET = re.compile(
    r"(?:完成|达到|高于|低于|超过|超出)(?:[^，,。；;\d]{0,4}|[^，,。；;\d]{0,4}\d[\d.]*[^，,。；;\d]{0,10})(?:目标|任务)"
)
# Words that date progress: 上半年, 一季度, 1—3月, 7、8月 (months listed: the months reported on), 今年以来.
PROGRESS_TIME = re.compile(
    r"上半年|下半年|[一二三四]季度|前三季度|季度末|今年以来|年初以来|年末|年底|\d+\s*[—\-－~～至到]\s*\d+\s*月|"
    r"(?<![\d.])\d{1,2}、\d{1,2}月(?!底|末|前|份?(?:完成|建成|开工))|截至|截止|目前"
)
BARE_SHARE = re.compile(r"^\s*(?:累计)?(?:已)?(?:完成|完成了|达)\s*$")  # 已新增303个，完成20.2%
# 目前主体完成约70%, 土建已完工85%, 提质改造及联网建设完成65%: the part of the works done is a share,
# whatever part or work is named.
WORKS_DONE = re.compile(
    r"(?:主体|土建|工程|总体|整体|施工|建设|改造|治理|项目)(?:已|已经)?(?:完成|完工)了?(?:约|近|超过|超|逾)?\s*$"
)
PAREN_SHARE = re.compile(r"(?:\d\s*[\u4e00-\u9fff]{1,3}|[已正]\S{0,6}[\u4e00-\u9fff])\s*[（(][^）)\d]{0,8}$")
SHARE_PHRASE = re.compile(
    r"(?:占|完成|达到|达|超额完成)?(?:了)?(?:年度|全年|年)?(?:目标|计划|任务)(?:任务)?(?:的)?[^\d，,。；;]{0,3}"
    r"\d+(?:\.\d+)?\s*[%％]|"
    rf"{RATE}[^\d，,。；;]{{0,4}}\d+(?:\.\d+)?\s*[%％]"
)
# 完成绿化造林任务长度302.4公里: a concrete work's task named as what was completed says it is done;
# the year's task (完成年度任务1500个, 完成目标任务) still names the plan.
COMPLETED_TASK = re.compile(r"完成[^，,。；;\d年目计]{2,8}任务")
# 争取 strives for what is planned; 共争取/已争取/累计争取/争取到 report what was obtained
STRONG_TARGET = re.compile(r"计划|目标|任务|预计|所需|(?<!已)将(?!军)|拟|力争|(?<![共已计])争取(?!到)|确保|编列")
CARRY_TARGET = re.compile(r"计划|目标|预计|拟|力争|(?<![共已计])争取(?!到)")
FIRM_ACTUAL = re.compile(
    r"已|累计|截至|截止|目前|当前|正在|进行中|施工中|准备中|在建|正施工|实际|上半年|[一二三四]季度|前三季度|今年以来|"
    r"\d+\s*[—\-－~～至到]\s*\d+\s*月"
)
VERB_ACTUAL = re.compile(r"完成|建成|开工|实现|达到|完工|投用|投入使用|共投入|惠及|办结|发放|竣工")
VERB_TARGET = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}?)(?:建设|创建|打造)")
# 目前进度：, 当前进展： (the time word before the label says it is now's), 任务目标： as 目标任务：
LABEL = re.compile(
    r"^\s*(?:(?P<target>(?:年度)?目标任务|任务目标|年度目标|建设目标|工作目标|目标|计划|任务)"
    r"|(?P<actual>(?:目前|当前|现在)?(?:进度|进展)|(?:实际)?(?:进展|完成|推进)情况|工作进展|实际完成|累计完成))\s*$"
)


@dataclass
class Clause:
    text: str
    ends_with: str = ""


def label_mode(clause: Clause) -> str | None:
    """目标 / 进展 standing as a label before a colon: the kind of what follows."""
    found = LABEL.match(clause.text)
    if not found or clause.ends_with not in ("：", ":"):
        return None
    return "target" if found.group("target") else "actual"


# 完成年度总投资的84.35%, 完成计划投资的70%: the part of the (year's) investment done is a share of it.
INVESTMENT_DONE = re.compile(r"完成了?(?:年度|全年|本年度?|年)?(?:计划)?总?投资(?:计划|总额|任务)?的?\s*$")
# 累计完成总工程量的65%: the part of the works done, a share, unless the sentence plans a part of
# the works itself (计划二季度完成工程量8%，实际完成工程量11%: a target and its actual in %).
WORKLOAD = re.compile(r"工程量[的为达]?$")
PLANNED_WORKLOAD = re.compile(r"(?:计划|目标)[^，,。；;]{0,12}工程量")


# 占年度预计投资的76.3%, 占本年度投资额的88.9%: the year's whole named in words only (no figure) is the
# plan's; the percentage is the part of it done. A region's stock (占全市人口的12%) names no year.
# 占预算安排的79%, 占计划安排资金的60%: the whole is what the budget set aside (a plan in money).
BUDGET_WHOLE = re.compile(
    r"占(?:年度|全年|本年度?|今年)?[^，,。；;\d%％]{0,6}?(?:预算|计划)安排[^，,。；;\d%％]{0,4}?\s*$"
)
YEAR_WHOLE = re.compile(
    r"占(?:年度|全年|本年度?|今年)[^，,。；;\d%％]{0,8}?(?:投资|任务|计划|目标|工程量)[^，,。；;\d%％]{0,3}?\s*$"
)


def share_of(clause: str, q: Quantity, sentence: str = "") -> str | None:
    """'share' when a percentage is the part of the year target done."""
    if q.unit != "%":
        return None
    before = clause[: q.start]
    if YEAR_WHOLE.search(before) or BUDGET_WHOLE.search(before):
        return "share"
    if WORKLOAD.search(before) and not PLANNED_WORKLOAD.search(sentence or clause):
        return "share"
    if SHARE_BEFORE.search(before) or PAREN_SHARE.search(before) or BARE_SHARE.match(before):
        return "share"
    if WORKS_DONE.search(before) or INVESTMENT_DONE.search(before):
        return "share"
    return None


def is_difference(clause: str, q: Quantity) -> bool:
    """高于目标3.2个百分点 (a difference), 低于3.5%的控制目标 (the target restated in a comparison)."""
    if DIFFERENCE.search(clause[: q.start]):
        return True
    return bool(re.search(r"(?:高于|低于|超过|不足)$", clause[: q.start]) and RESTATED.match(clause[q.end :]))


def is_starting_point(clause: str, q: Quantity) -> bool:
    return bool(RAISED_FROM.search(clause[: q.start]) and RAISED_TO.match(clause[q.end :]))


def plan_sentences(sentences: list[str]) -> int:
    """How many leading sentences of a paragraph state the plan: those before the first sentence of
    progress (dated, 已/累计/实际, or with a share), when such a sentence follows."""
    for index, sentence in enumerate(sentences):
        if _reports_progress(sentence):
            return index
    return 0


# 按计划配送到…, 按照进度拨付: work said to go as planned is being done, not planned.
AS_PLANNED = re.compile(r"按(?:照)?(?:计划|进度)(?![^，,。；;]{0,6}(?:于|在|到)\s*\d{1,2}\s*月)")


def _reports_progress(sentence: str) -> bool:
    if PROGRESS_TIME.search(sentence) or FIRM_ACTUAL.search(sentence) or MET_TARGET.search(sentence):
        return True
    if AS_PLANNED.search(sentence):
        return True
    if re.search(r"全年(?!计划|目标|任务)", sentence) and not STRONG_TARGET.search(sentence):
        return True  # 全年新招录心理健康教师34名: what the year achieved
    return bool(re.search(r"[%％]", sentence) and SHARE_PHRASE.search(sentence))


# …涉及四个村6000余亩，项目建设包括…，目前已顺利开工 / …等2734户开展能效提升，现工程已完成1420户: a clause
# that dates the progress (目前, 现, 截至目前) opens the sentence's report; what the clauses before it said
# with no word of progress is the work's scope, its targets.
PROGRESS_OPENS = re.compile(r"[，,]\s*(?=(?:截至|截止)目前|目前|现(?:已|在|阶段|工程|项目))")


def scope_then_progress(text: str, decided: bool) -> list[tuple[str, bool]]:
    """The sentence in its scope and its report ((piece, is scope)), or whole where none is told apart."""
    opens = None if decided else PROGRESS_OPENS.search(text)
    if opens is None:
        return [(text, False)]
    scope = text[: opens.start() + 1]
    if not re.search(r"\d", scope) or _reports_progress(scope) or VERB_ACTUAL.search(scope):
        return [(text, False)]
    return [(scope, True), (text[opens.start() + 1 :], False)]


# 支持既有住宅增设电梯60部项目, 新增300个普惠性托位项目: a project named by what it builds; its
# figure is the project's task. 实施14个项目 or 建设12个项目 name no object: a count of projects.
WORKS_VERB = re.compile(
    r"(?:新建|改建|扩建|新增|增设|改造|建设|提升|修缮|整治|新开工|创建|配建|配置|打造|支持|提供|安装)"
)
NAMED_TASK_TAIL = re.compile(r"^\s*([^，,。；;\d]{0,16}?)[项項]目\s*$")
PROJECT_WORD = re.compile(r"项目|实事|事项|工程|民生|重点")


# 52部电梯完成社区备案: the figure counts what did the work, the subject of a verb of progress.
DONE_BY = re.compile(rf"^[\u4e00-\u9fff]{{0,8}}?(?:{VERB_ACTUAL.pattern})")


def done_by_it(clause: str, q: Quantity) -> bool:
    """A figure opening its clause and followed by what it counts doing the work: progress, even in a
    sentence the paragraph's order would read as the plan."""
    lead = re.sub(r"^(?:其中|另有|另|其余)", "", clause[: q.start].strip())
    return not lead and bool(DONE_BY.match(clause[q.end :]))


# 完成项目投资1.1亿元, 共完成投资380万元: a clause opening on completion, no word of intent before it.
OPENS_DONE = re.compile(r"^(?:共|累计|实际)?(?:完成|建成|完工)")


def done_after_its_plan(clause: str, q: Quantity, before: list[Any]) -> bool:
    """计划投资1.7亿元，…。完成项目投资1.1亿元。: after a plan stated in so many words (计划…), a clause
    opening on completion of the same measure is what was done, even where the paragraph's order (a
    dated sentence of progress after it) would read it as the plan."""
    if not OPENS_DONE.match(clause.strip()):
        return False
    return any(s.kind == "target" and s.unit == q.unit and "计划" in normal(s.text) for s in before)


def names_a_task(lead: str, tail: str) -> bool:
    """Whether a figure sits in a project's name that states its task (…电梯60部项目)."""
    found = NAMED_TASK_TAIL.match(tail)
    if not found or FIRM_ACTUAL.search(lead):
        return False
    verbs = list(WORKS_VERB.finditer(lead))
    if not verbs:
        return False
    what = re.sub(r"[^\u4e00-\u9fff]", "", lead[verbs[-1].end() :] + found.group(1))
    return len(what) >= 2 and not PROJECT_WORD.search(what)


# …等6个项目提前完成了节点任务, …等5项实事: a list closed by how many projects it names.
LISTED_WORKS_CLOSE = re.compile(
    r"[^，,。；;]*?等\s*\d+\s*(?:[项項件][\u4e00-\u9fff]{0,4}?|[个個][\u4e00-\u9fff]{0,4}?(?:项目|實事|实事|工程|事项))"
)


def in_listed_works(clause: str, q: Quantity) -> bool:
    """改造燃气管道120公里、新建社区食堂15家等9个项目已提前完成…: works named by their tasks, listed and
    closed by the count of projects they are; each figure is its project's task. A list opened by a word
    of progress (已建成充电桩260个、…等12个项目) says what was done."""
    if not LISTED_WORKS_CLOSE.match(clause, q.end):
        return False
    first = re.split(r"[、\d]", clause, maxsplit=1)[0]
    return not (FIRM_ACTUAL.search(first) or VERB_ACTUAL.search(first))


# 完成186户（年度目标任务为150户）, 2130人（目标3500人）, 12所（全年计划10所）: a bracket right after a
# figure stating a target gives that figure's target; the figure before it is what has been done.
BRACKET_AFTER = re.compile(r"\s*[（(]([^（()）\d，,。；;]{0,12})\d")
BRACKET_OPENED = re.compile(r"\d\s*[^\d\s（()），,。；;]{0,3}\s*[（(]([^（()）\d，,。；;]{0,12})$")


def has_bracketed_target(clause: str, q: Quantity) -> bool:
    """The figure is followed by a bracket stating its target (186户（年度目标任务为150户）)."""
    found = BRACKET_AFTER.match(clause, q.end)
    return bool(found and ADJACENT_TARGET.search(found.group(1)))


def is_bracketed_target(clause: str, q: Quantity) -> bool:
    """The figure is the target in a bracket right after another figure (…186户（年度目标任务为150户）)."""
    found = BRACKET_OPENED.search(clause[: q.start])
    return bool(found and ADJACENT_TARGET.search(found.group(1)))


def kind_of(clause: str, q: Quantity, carry: str | None, mode: str | None, sentence: str = "") -> str:
    """target or actual for one figure of a clause."""
    before = clause[: q.start]
    if has_bracketed_target(clause, q):
        return "actual"
    if FLOOR.search(before) or ADJACENT_TARGET.search(before) or _quoted(sentence, clause, q):
        return "target"
    if names_a_task(before, clause[q.end :]) or in_listed_works(clause, q) or NAMES_ITS_TARGET.match(clause[q.end :]):
        return "target"
    if NOT_BEGUN.match(clause[q.end :]) or SCHEDULED.match(clause[q.end :]):
        return "target"
    words = COMPLETED_TASK.sub("完成", SHARE_PHRASE.sub("", clause))
    if STRONG_TARGET.search(words):
        return "target"
    if FIRM_ACTUAL.search(words):
        return "actual"
    if not VERB_ACTUAL.search(words) and _progress_follows(sentence, clause, q):
        return "target"  # 新增泊位1500个，已建成303个: the task, then how far it has got
    if mode:
        return mode
    if VERB_ACTUAL.search(words):
        return "actual"
    if carry:
        return carry
    if VERB_TARGET.search(before) and not VERB_ACTUAL.search(sentence):
        return "target"  # 建设5个功能中心, unless the sentence reports what was done (or its share)
    return "actual"


# The next clause reports progress: ，已… / ，目前已… / ，截至3月底累计… / a row's next cell 完成…
FOLLOWING_PROGRESS = re.compile(r"^[，,]\s*(?:目前|现|截至[^，,。；;]{0,10}?)?\s*(?:已经|已|累计|完成(?!率))")


def _progress_follows(sentence: str, clause: str, q: Quantity) -> bool:
    """A figure stated with no word of progress, and the very next clause tells progress in the
    same unit (新增公共停车泊位1500个，已建成303个): the first figure is the task's target."""
    at = sentence.find(clause)
    if at < 0 or not q.unit:
        return False
    rest = sentence[at + len(clause) :]
    found = FOLLOWING_PROGRESS.match(rest)
    if found is None:
        return _sibling_of_a_task(rest, clause, q)
    # the progress clauses that follow, to the sentence's end (已完成5方面，服务32场次: the first figure
    # in this unit may stand in a later clause of the same run)
    return _counted_up_to(sentence[at + len(clause) + found.end() :], clause, q)


def _counted_up_to(run: str, clause: str, q: Quantity) -> bool:
    """Progress toward this figure in the run after it: a figure in its unit no more than it, naming
    nothing else (已建成303个, not 已过户待建充电桩198个, which is another count of its own)."""
    for following in re.split(r"[，,；;]", run):
        for done in (f for f in quantities(following) if f.unit == q.unit):
            if done.value <= q.value and not _names_more(following[: done.start], clause):
                return True
    return False


PROGRESS_AHEAD = re.compile(r"[，,]\s*(?:目前|现|截至[^，,。；;]{0,10}?)?\s*(?:已经|已|累计|完成(?!率))")
SIBLING = re.compile(r"^[，,、]\s*([^，,。；;]*)")


def _sibling_of_a_task(rest: str, clause: str, q: Quantity) -> bool:
    """新增停车泊位1500个，改造小区20个，已完成303个，8个: tasks listed clause after clause, no word of
    plan or progress in them, then the progress run: a figure the run counts up to in its unit is a task."""
    if not PROGRESS_AHEAD.search(rest):
        return False  # (cheap first: this runs for most figures with no word of plan or progress)
    for _ in range(4):
        sibling = SIBLING.match(rest)
        if sibling is None or not re.search(r"\d", sibling.group(1)) or not quantities(sibling.group(1)):
            return False
        if STRONG_TARGET.search(sibling.group(1)) or FIRM_ACTUAL.search(sibling.group(1)):
            return False
        if VERB_ACTUAL.search(sibling.group(1)):
            return False
        rest = rest[sibling.end() :]
        found = FOLLOWING_PROGRESS.match(rest)
        if found is not None:
            return _counted_up_to(rest[found.end() :], clause, q)
    return False


def _names_more(lead: str, clause: str) -> bool:
    """Whether the words before a progress figure name a thing the clause before did not."""
    words = re.sub(rf"^(?:{VERB_ACTUAL.pattern}|了|成|好|{FIRM_ACTUAL.pattern})+", "", lead)
    return len(words) >= 2 and words not in clause


def _quoted(sentence: str, clause: str, q: Quantity) -> bool:
    """A figure inside quotation marks cites a task's own wording (“新增公交车40辆”等6小项已完成): its target."""
    at = sentence.find(clause)
    if at < 0:
        return False
    before = sentence[: at + q.start]
    after = sentence[at + q.end :]
    if before.count("“") <= before.count("”") or "”" not in after:
        return False
    # a quotation standing as the whole sentence (“新建提灌站2座，改建灌溉管网3.5公里”) is a line
    # quoted for what it says, an achievement as much as a task: its words tell its kind
    opened = before.rfind("“")
    return bool(_WORDS.search(before[:opened]) or _WORDS.search(after[after.index("”") + 1 :]))


_WORDS = re.compile(r"[\u4e00-\u9fff\w]")


def carry_after(clause: str, carry: str | None) -> str | None:
    """A plan stated in one clause goes on to the next until progress words begin."""
    words = SHARE_PHRASE.sub("", clause)
    if CARRY_TARGET.search(words):
        return "target"
    if FIRM_ACTUAL.search(words) or VERB_ACTUAL.search(words):
        return None
    return carry


def opens_with_label(line: str) -> bool:
    """实际完成情况：已…, 年度目标：…: a labelled line begins a paragraph of its own."""
    head = re.match(r"^\s*([^，,。；;：:]{2,8})[：:]", line)
    return bool(head and LABEL.match(head.group(1)))
