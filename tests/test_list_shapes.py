"""More shapes of plans printed as lists (round 6 of tests/fixtures/unseen/SOURCES.md).

Kept apart from test_lists.py, which is long; the texts are new, the layouts real."""

from __future__ import annotations

import pytest

from minsheng.documents.rules import item_title


@pytest.mark.parametrize(
    ("text", "name", "content"),
    [
        (
            "科教惠民工程（项目5个，其中基建工程类4个、“小而美”事项类1个）。主要是新建幼儿园18所。",
            "科教惠民工程",
            "主要是新建幼儿园18所。",
        ),
        (
            "就業社保工程（項目3個，均為“小而美”事項類）。主要是舉辦招聘會260場。",
            "就業社保工程",
            "主要是舉辦招聘會260場。",
        ),
        ("便民服务（共2项）。新建便民服务中心2个。", "便民服务", "新建便民服务中心2个。"),
        # a parenthesis that counts no parts stays in the name
        (
            "新建城东学校（含幼儿园）。新增学位900个，年底前完工。",
            "新建城东学校（含幼儿园）",
            "新增学位900个，年底前完工。",
        ),
    ],
)
def test_the_count_of_an_items_parts_after_its_name_is_a_note(text: str, name: str, content: str) -> None:
    assert item_title(text) == (name, content)
