"""Pairing each actual and share of a progress reading with the target it measures.

An actual pairs with a target of its group stated before it (or in its own sentence) that
names the same thing (shared pairs of characters) in a compatible unit (个/家/所 count places,
人/名 count people); an actual that names nothing (已开工555套, 3台已建成), or that shares its sentence
with a target in its unit, takes the nearest such target; a share beside the actual vetoes a
target the two disagree with. An actual with no target but a share printed beside it points to the share,
and the implied target is derived (2500 at 25% → 10000). A share points to its actual's target.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Protocol

from ..text.normal import normal
from ..text.numbers import number_to_json
from .progress_likeness import compatible, similarity
from .progress_rates import reach_of_the_one_before

THRESHOLD = 0.25
# 每千人6.8批次, 人均12平方米: a figure per head is a ratio of its own, never done toward a total target.
PER_HEAD = re.compile(r"(?:每[十百千万]?[人户名]|人均|户均)[^\d，,。；;]{0,8}\d[\d.]*[万千]?[^\d，,。；;]{0,6}$")
OVERSHOOT = 4  # the most an actual can be of its target (the fixtures' most is 2.3: 18600 of 8000)


class Stmt(Protocol):
    text: str
    kind: str
    value: Decimal
    unit: str
    sentence: int
    core: str
    bare: bool
    remainder: bool
    said_done: bool  # its own words say it is done (已启动11600户): no share makes it a target
    row: int | None
    breakdown: bool
    item: int | None
    bracketed: bool
    pairs_with: int | None
    partner: Any


def pair(statements: list[Any]) -> None:
    """Set pairs_with (an index into the same group) on every actual and share that measures a target."""
    _printed_targets(statements)
    _measured_by_its_share(statements)
    for i, s in enumerate(statements):
        if s.kind == "actual":
            s.pairs_with = _target_of_actual(i, statements)
    for i, s in enumerate(statements):
        if s.kind == "share":
            s.pairs_with = _target_of_share(i, statements)


def _measures_no_target(i: int, statements: list[Stmt]) -> bool:
    """The rest of a whole (其余…), an increment of a total, or a figure per head (每千人6.8批次)."""
    s = statements[i]
    return s.remainder or _increment_of_total(i, statements) or bool(PER_HEAD.search(s.text))


def _target_of_actual(i: int, statements: list[Stmt]) -> int | None:
    s = statements[i]
    if _bracketed_after(i, statements):
        return i + 1  # 完成186户（年度目标任务为150户）: the bracket names this actual's target
    if s.row is not None:
        return _target_in_row(s, statements)
    if _measures_no_target(i, statements):
        return None
    if s.breakdown:
        whole = _broken_down(i, statements)
        if whole is not None:
            return _part_of(s, whole, statements)
    share = _share_beside(i, statements)
    best = _best_target(i, statements)
    if share is not None and (best is None or not _consistent(s, statements[share], statements[best])):
        implied = _implied_target(i, share, statements)
        best = implied if implied is not None else best
    if best is None:
        return share if share is not None else _scope_target(i, statements)
    if share is None or _consistent(s, statements[share], statements[best]):
        return best
    others = [t for t in statements[:share] if t.kind == "actual" and t.sentence == s.sentence and t is not s]
    if any(_consistent(t, statements[share], statements[best]) for t in others):
        return best  # 已建成5家，在建4家，完成率41.7%: the share is 5家's, 4家 still measures 12家
    return share


INCREMENT = re.compile(r"新增|增加|新招募|新扶持")
RUNNING_TOTAL = re.compile(r"^(?:累计|总计|共计?)?(?:达到|达)")


def _increment_of_total(i: int, statements: list[Stmt]) -> bool:
    """新增6320人，达41870人: the month's increment, then the running total; the total measures the
    target, the increment measures nothing of its own."""
    if i + 1 >= len(statements):
        return False
    s, t = statements[i], statements[i + 1]
    if t.kind != "actual" or t.sentence != s.sentence or t.value <= s.value or not compatible(s.unit, t.unit):
        return False  # (cheap first: the words are read only for a larger actual right after)
    return bool(INCREMENT.search(normal(s.text)) and RUNNING_TOTAL.match(normal(t.text)))


def _bracketed_after(i: int, statements: list[Stmt]) -> bool:
    if i + 1 >= len(statements):
        return False
    s, t = statements[i], statements[i + 1]
    return t.bracketed and t.kind == "target" and t.sentence == s.sentence and compatible(s.unit, t.unit)


def _target_in_row(s: Stmt, statements: list[Stmt]) -> int | None:
    """In a table row, the row's target in the actual's unit naming the same thing; else the row's first."""
    same_row = [j for j, t in enumerate(statements) if t.row == s.row and t.kind in ("target", "share")]
    targets = [j for j in same_row if statements[j].kind == "target"]
    # the year's task, not the month's step toward it (8月份目标), is what the progress cell measures
    targets = [j for j in targets if not getattr(statements[j], "interim", False)] or targets
    fitting = [j for j in targets if compatible(statements[j].unit, s.unit)]
    if fitting:
        return max(fitting, key=lambda j: (statements[j].unit == s.unit, _alike(s, statements[j]), -j))
    mates = [j for j, t in enumerate(statements) if t.row == s.row and t.kind == "actual"]
    if len(targets) == len(mates) > 1:
        return targets[mates.index(statements.index(s))]  # a row's tasks and what was done of each, in order
    chosen = targets or same_row
    return chosen[0] if chosen else None


def _alike(s: Stmt, t: Stmt) -> tuple[float, float]:
    """The names shared; where neither names a core (新增400台、完工200台 | 新增81台,完工52台), the words."""
    words = similarity(DIGITS.sub("", s.text), DIGITS.sub("", t.text)) if not s.core and not t.core else 0.0
    return similarity(s.core, t.core), words


DIGITS = re.compile(r"[\d.]+")


def _broken_down(i: int, statements: list[Stmt]) -> int | None:
    """其中湖塘片区186个、牛塘片区117个 (after 已新增303个): the parts measure what the whole measures."""
    s = statements[i]
    for j in range(i - 1, -1, -1):
        t = statements[j]
        if t.sentence != s.sentence:
            return None
        if t.breakdown or t.kind == "share" or not compatible(t.unit, s.unit):
            continue
        if t.kind == "target":
            return j
        pointee = t.pairs_with
        return pointee if pointee is not None and statements[pointee].kind == "target" else None
    return None


def _part_of(s: Stmt, whole: int, statements: list[Stmt]) -> int | None:
    """其中市区3380个 under 新增公共停车泊位5000个，其中市区3000个: when the whole's target is itself
    broken into parts, a part pairs with its own part's target (the part it names), or with none;
    a whole with no parts stated is what each part measures."""
    parts = []
    for j in range(whole + 1, len(statements)):
        t = statements[j]
        if t.sentence != statements[whole].sentence or t.kind != "target" or not t.breakdown:
            break
        parts.append(j)
    fitting = [j for j in parts if compatible(statements[j].unit, s.unit)]
    if not fitting:
        return whole
    best = max(fitting, key=lambda j: (similarity(s.core, statements[j].core), -j))
    return best if similarity(s.core, statements[best].core) >= THRESHOLD else None


def _printed_targets(statements: list[Stmt]) -> None:
    """为1.5万名职工体检12000名，完成年度目标的80%: the figure the actual and its share imply is the target."""
    for i, s in enumerate(statements):
        share = _share_beside(i, statements) if s.kind == "actual" else None
        if share is None:
            continue
        for t in statements:
            if t is s or t.sentence != s.sentence or t.kind == "share" or not compatible(t.unit, s.unit):
                continue
            if t.value > s.value and _consistent(s, statements[share], t) and not t.said_done:
                t.kind = "target"


OF_THE_PLAN = re.compile(r"计划|目标|任务")


def _implied_target(i: int, share: int, statements: list[Stmt]) -> int | None:
    """全省完成改造21702间，完成年度计划的108.5% under 改造…照明2万间: the target the actual and its share imply,
    stated earlier in the group in a compatible unit, is the one measured, whatever the two are named."""
    s = statements[i]
    if not OF_THE_PLAN.search(normal(statements[share].text)):
        return None  # 资金拨付率达82.2%: a rate of its own verb, measured against that verb's own base
    for j, t in enumerate(statements[:i]):
        fits = t.kind == "target" and compatible(t.unit, s.unit) and not _other_item(s, t)
        if fits and _consistent(s, statements[share], t):
            return j
    return None


def _measured_by_its_share(statements: list[Stmt]) -> None:
    """投用后预计新增学位10.74万个，完成年度计划的214.8% under 新增学位5万个: a figure read as a target (预计)
    whose share of the plan follows it, and which with that share implies a target stated before it, is
    what has been done against that target: an actual."""
    for i, s in enumerate(statements[:-1]):
        share = statements[i + 1]
        if s.kind != "target" or share.kind != "share" or share.sentence != s.sentence or s.bracketed:
            continue
        if getattr(s, "interim", False):
            continue  # 4月:1480人(20%) in a month's plan: the stage target and its planned share of the year's
        earlier = [t for t in statements[:i] if t.kind == "target" and compatible(t.unit, s.unit)]
        if any(t.value != s.value and _consistent(s, share, t) for t in earlier):
            s.kind = "actual"


def _share_beside(i: int, statements: list[Stmt]) -> int | None:
    """The share printed after an actual in its sentence (新增303个，完成年度目标的20.2%), or named
    for it by 分别 (its partner)."""
    partner = statements[i].partner
    if partner is not None and partner in statements:
        return statements.index(partner)
    if reach_of_the_one_before(statements[i]):
        return None
    for j in range(i + 1, len(statements)):
        t = statements[j]
        if t.sentence != statements[i].sentence or (t.kind == "actual" and not reach_of_the_one_before(t)):
            return None
        if t.kind == "share":
            return j
    return None


def _consistent(actual: Stmt, share: Stmt, target: Stmt) -> bool:
    """A target the actual and its share disagree with (12.85亿 at 68.4% is not 31.5亿) is another one's."""
    if not share.value or not target.value:
        return True
    implied = actual.value * 100 / share.value
    return abs(implied - target.value) / target.value <= Decimal("0.03")


def _best_target(i: int, statements: list[Stmt]) -> int | None:
    """The target an actual measures, as the best of its group's candidates: a target it may
    measure (a compatible unit, its own item, before it or in its sentence) scores by the name
    they share, then its own sentence and item, the same unit, and nearness; a target naming
    nothing it names is a candidate only where the actual names nothing or shares its sentence or
    item. Bare actuals sharing a sentence with as many targets take them in order (one each)."""
    s = statements[i]
    scored: list[tuple[float, float, int]] = []
    for j, t in enumerate(statements):
        if t.kind != "target" or not compatible(s.unit, t.unit) or _other_item(s, t) or _far_past(s, t):
            continue
        same_sentence = t.sentence == s.sentence
        if j > i and not same_sentence:
            continue
        sim = similarity(s.core, t.core)
        if sim >= THRESHOLD:
            cost = 2 + sim + 0.2 * same_sentence + 0.1 * (s.unit == t.unit)
            scored.append((cost, -abs(i - j), j))
        elif _bare_match(s, t, same_sentence, j < i):
            scored.append((0.5 + 0.4 * same_sentence, j, j))  # the nearest before it, its own sentence first
    if not scored:
        return _item_target(i, statements)
    best = max(scored)[2]
    return _in_order(i, best, statements) if max(scored)[0] < 2 else best


def _far_past(s: Stmt, t: Stmt) -> bool:
    """An actual many times its candidate (303个 against 20个) measures another target, or the
    candidate is a figure misread as one: years overshoot their targets by half, twice at most."""
    return bool(t.value) and s.unit != "%" and s.value > OVERSHOOT * t.value


def _in_order(i: int, chosen: int, statements: list[Stmt]) -> int:
    """新建A10个、B20个，已完成6个、15个: bare actuals of a sentence holding as many targets in their
    unit, with no name to tell them apart, measure them one each, in the order printed."""
    s = statements[i]
    if not s.bare:
        return chosen
    same = [j for j, t in enumerate(statements) if t.sentence == s.sentence and t.unit == s.unit]
    targets = [j for j in same if statements[j].kind == "target"]
    bare = [j for j in same if statements[j].kind == "actual" and statements[j].bare and not statements[j].breakdown]
    if len(targets) < 2 or len(bare) != len(targets) or targets[-1] > bare[0] or chosen not in targets:
        return chosen
    return targets[bare.index(i)] if i in bare else chosen


def _item_target(i: int, statements: list[Stmt]) -> int | None:
    """An item's paragraph counting in another word for the same kind of thing (已完成选址2处 under
    建设城市书房3家): the item's one target it can measure."""
    s = statements[i]
    if s.item is None:
        return None
    fitting = [
        j
        for j, t in enumerate(statements[:i])
        if t.kind == "target" and t.item == s.item and compatible(s.unit, t.unit)
    ]
    return fitting[0] if len(fitting) == 1 else None


def _scope_target(i: int, statements: list[Stmt]) -> int | None:
    """…共有8条河沟进行综合治理。截止目前，8条河沟全部具备行洪泄洪能力: the one target in the actual's unit,
    in its sentence or the one before, states the scope the actual reports on in other words."""
    s, near = statements[i], (statements[i].sentence - 1, statements[i].sentence)
    if s.item is not None or s.breakdown or s.remainder:
        return None
    fitting = [j for j, t in enumerate(statements[:i]) if t.sentence in near and t.unit == s.unit]
    one = statements[fitting[0]] if len(fitting) == 1 else None
    return fitting[0] if one is not None and one.kind == "target" and one.value >= s.value else None


def _other_item(s: Stmt, t: Stmt) -> bool:
    """An item's progress measures its own title's targets, never another item's."""
    return s.item is not None and t.item is not None and s.item != t.item


def _bare_match(s: Stmt, t: Stmt, same_sentence: bool, before: bool) -> bool:
    """An actual naming nothing (已开工555套), or read in the item whose title states the target
    (■新建社区食堂4家 / 已有2家完成装修), measures the target in its unit before it."""
    if not (before or same_sentence) or (s.unit != t.unit and not same_sentence):
        return False  # in its own sentence a unit for the same kind of thing will do (1758例 of 2000名)
    return s.bare or same_sentence or (s.item is not None and s.item == t.item)


def _target_of_share(i: int, statements: list[Stmt]) -> int | None:
    s = statements[i]
    if s.partner is not None and s.partner in statements:
        return _paired_target(s.partner, statements)
    if s.row is not None:
        return _share_target_in_row(i, statements)
    for j in range(i - 1, -1, -1):
        t = statements[j]
        if t.sentence != s.sentence:
            break
        if t.kind == "actual":
            return _paired_target(t, statements)
        if t.kind == "target":
            return j
    return None


def _paired_target(s: Stmt, statements: list[Stmt]) -> int | None:
    """The target `s` pairs with, if what it pairs with is a target."""
    pointee = s.pairs_with
    return pointee if pointee is not None and statements[pointee].kind == "target" else None


def _share_target_in_row(i: int, statements: list[Stmt]) -> int | None:
    """In a table row: the target of the actual before the share (新增泊位860个，占年度目标的28.7%),
    else the row's first target."""
    row = statements[i].row
    before = [t for t in statements[:i] if t.row == row and t.kind == "actual"]
    if before and _paired_target(before[-1], statements) is not None:
        return before[-1].pairs_with
    return next((j for j, t in enumerate(statements) if t.row == row and t.kind == "target"), None)


ORDINALS = "一二三四五六七八九十"


def sub_items_report_tasks(statements: list[Any], subs: list[tuple[str, int, int]]) -> None:
    """一、新增学位5万个，改造教室照明2万间 over （一）…（二）…: a heading stating as many tasks as it has
    numbered paragraphs, in order, has each paragraph report on its own task: the k-th paragraph's figures
    measure the k-th target (items, for pairing), whatever each is named."""
    tasks = [j for j, s in enumerate(statements) if s.kind == "target" and s.sentence == statements[0].sentence]
    if len(tasks) < 2 or len(subs) != len(tasks) or "".join(o for o, _, _ in subs) != ORDINALS[: len(subs)]:
        return
    for task, (_, first, end) in zip(tasks, subs, strict=True):
        statements[task].item = task
        for statement in statements[first:end]:
            statement.item = task if statement.item is None else statement.item


def derived_checks(statements: list[Any]) -> list[dict[str, Any]]:
    """For each actual paired with a share only: the target they imply (2500 at 25% → 10000)."""
    checks = []
    for s in statements:
        if s.kind != "actual" or s.pairs_with is None:
            continue
        share = statements[s.pairs_with]
        if share.kind != "share" or not share.value:
            continue
        implied = s.value * 100 / share.value
        rounded = implied.to_integral_value()
        if rounded and abs(implied - rounded) / rounded < Decimal("0.02"):
            implied = rounded
        else:
            implied = implied.quantize(Decimal("0.01"))
        checks.append({"actual_text": s.text, "share_text": share.text, "implied_target": number_to_json(implied)})
    return checks
