"""Finding 10 of #27: the bulletin's sentences come from the indicator's own name and unit and
never hold two figures in one clause; it is titled as offices title it, and the office is the
author of its document."""

from __future__ import annotations

import datetime
import io
import re
from types import SimpleNamespace
from typing import Any

import pytest
from docx import Document

from minsheng.gongwen.document import Masthead
from minsheng.progress.board import TargetRow
from minsheng.reports.bulletin import Issue, build_bulletin, bulletin_docx, target_sentence

pytestmark = pytest.mark.django_db


def _row(*targets: TargetRow) -> Any:
    return SimpleNamespace(targets=list(targets), status="in_progress", content="", status_label="推进中")


def _target(text: str, name: str, unit: str, value: float, actual: float) -> TargetRow:
    return TargetRow(1, name, value, unit, "gte", 1.0, actual=actual, share=actual / value * 100, text=text)


@pytest.mark.parametrize(
    "text,name,unit,value,actual,expected",
    [
        ("新增公共停车泊位1500个", "公共停车泊位", "个", 1500, 303, "新增公共停车泊位303个，完成年度目标的20.2%。"),
        # 职工 alone names a fragment: the sentence quotes the task's own words.
        ("为6万名职工提供医疗互助保障", "职工", "名", 60000, 53520, "目标是为6万名职工提供医疗互助保障，已完成53520名"),
        ("打造3-4个区级人工智能教育实验室", "区级人工智能教育实验室", "个", 3, 3, "区级人工智能教育实验室累计完成3个"),
        ("救助七十户双癌家庭", "双癌家庭", "户", 70, 70, "双癌家庭累计完成70户"),
    ],
)
def test_it_never_puts_two_figures_in_one_clause(
    text: str, name: str, unit: str, value: float, actual: float, expected: str
) -> None:
    (sentence,) = target_sentence(_row(_target(text, name, unit, value, actual)))
    assert sentence.startswith(expected)
    clause = sentence.split("，")[0]
    assert len(re.findall(r"\d+(?:\.\d+)?", clause)) == 1, clause


def test_it_is_titled_as_offices_title_it_and_authored_by_the_office(wujin_plan: Any) -> None:
    bulletin = build_bulletin(wujin_plan, datetime.date(2026, 3, 31))
    assert bulletin.title == "2026年武进区民生实事项目进度通报"
    issuer = "常州市武进区人民政府办公室"
    document = Document(io.BytesIO(bulletin_docx(bulletin, Issue(Masthead(issuer)))))
    assert document.core_properties.author == issuer
    assert "任务分解表" not in bulletin.title
