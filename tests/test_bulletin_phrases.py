"""Finding 10 of #27, over every target of the demo year: a bulletin sentence never leads a
figure with a fragment of a name (实施全区420台, 双癌累计完成70户, 走进城市邻里等5方面, 城区2条,
总长6公里); where the indicator's name is a fragment, it quotes the task's own clause."""

from __future__ import annotations

import datetime
import re
from types import SimpleNamespace
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minsheng.demo import EXAMPLES
from minsheng.documents.store.services import plan_import
from minsheng.plans.models import Plan
from minsheng.progress.board import build_board
from minsheng.reports.bulletin import build_bulletin, is_fragment, target_sentence

pytestmark = pytest.mark.django_db

# What a reader sees as garbled, judged on the words before the reported figure.
GARBLED = [
    re.compile(r"^.{0,2}$"),  # a name of two characters or fewer (城区2条, 双癌…)
    re.compile(r"^.{0,2}累计完成$"),
    re.compile(r"(?:实施|建设|改造|服务|提供|打造|涉及|[在与为至到等超约])$"),  # a bare verb or function word
    re.compile(r"(?:全区|城区|总长|全长|长度)$"),  # only a place or qualifier
]


def _garbled(sentence: str, unit: str) -> str | None:
    if re.search(r"等\d+方面，", sentence):
        return "等N方面"
    quoted = sentence.removeprefix("目标是").split("，已完成")[0]
    # A quoted clause is whole unless it is one clause, stopping at its unit, led by a fragment.
    alone = "，" not in quoted and re.search(r"\d[\d.万]*" + re.escape(unit) + "(?:左右|以上|余)?$", quoted)
    if sentence.startswith("目标是") and not alone:
        return None
    figure = re.search(r"\d", quoted)
    lead = quoted[: figure.start()] if figure else quoted
    return next((p.pattern for p in GARBLED if p.search(lead)), None)


def test_no_sentence_of_the_demo_year_leads_a_figure_with_a_fragment() -> None:
    checked, quoted, bad = 0, 0, []
    for path in sorted(EXAMPLES.glob("*.docx")):
        plan = plan_import(path=path, user=None, state=Plan.State.PUBLISHED).plan
        for row in build_board(plan, datetime.date(2026, 12, 7)).rows:
            for target in row.targets:
                target.actual, target.share = round(target.value * 0.9, 1), 90.0
                one = SimpleNamespace(targets=[target], status="", content=row.content, status_label="")
                (sentence,) = target_sentence(one)
                checked += 1
                if sentence.startswith("目标是"):
                    quoted += 1
                    clauses = sentence.removeprefix("目标是").split("，已完成")[0].split("，")
                    assert all(c in re.sub(r"[,;；：:\n。]", "，", row.content) for c in clauses), sentence
                why = _garbled(sentence, target.unit)
                if why:
                    bad.append((sentence, why))
    assert bad == []
    assert checked > 200 and quoted > 20


@pytest.mark.parametrize(
    "name", ["全区", "双癌", "城区", "总长", "走进城市邻里等", "各镇（街道）年内至少在", "2024年实施"]
)
def test_a_name_that_counts_nothing_is_a_fragment(name: str) -> None:
    assert is_fragment(name)


@pytest.mark.parametrize("name", ["公共停车泊位", "农村公厕", "室外篮球架", "老年人助餐点", "“微改造”路口"])
def test_a_countable_thing_is_not(name: str) -> None:
    assert not is_fragment(name)


def test_the_demo_years_bulletin_reads_in_whole_phrases(office: Any) -> None:
    """The walk the reviewer took: 武进区 plan 1, a simulated year up to 7 December, its bulletin."""
    from minsheng.demo_year import simulate_year

    from .conftest import WUJIN_2026

    day = datetime.date(2026, 12, 7)
    moment = datetime.datetime.combine(day, datetime.time(10), tzinfo=ZoneInfo("Asia/Shanghai"))
    with time_machine.travel(moment, tick=False):
        plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
        simulate_year(plan, office, day)
        bulletin = build_bulletin(plan, day)
    sentences = [s for c in bulletin.categories for p in c.projects for s in p.sentences]
    bad = []
    for sentence in sentences:
        unit = re.search(r"已完成[\d.]+([^，。]*)", sentence)
        why = _garbled(sentence, unit.group(1) if unit else "")
        if why:
            bad.append((sentence, why))
    assert len(sentences) > 30 and bad == []
    assert not any(re.search(p, s) for s in sentences for p in ("^实施全区\\d", "^双癌", "^城区\\d", "^总长\\d"))
