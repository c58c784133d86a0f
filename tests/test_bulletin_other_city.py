"""Issue #28's done-when, as one path: the office uploads a bulletin written in another city's style
(category headings, 目标： / 完成情况： lines, a part of a whole), the preview offers each figure against
the task it names, the one figure worded unlike the plan is corrected once, filed, and read right
the next time the office uploads."""

from __future__ import annotations

import datetime
import re
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minsheng.indicators.models import Indicator
from minsheng.progress.models import Figure, FigureAlias

pytestmark = pytest.mark.django_db

# 栝州-style: numbered categories, a 目标 line and a 完成情况 line each, a 其中 part, a children's comment.
OTHER_CITY = """2026年一季度民生实事完成情况

一、方便群众停车
目标：新增公共停车泊位1500个。
完成情况：新增公共停车泊位420个，其中新城片区260个。
小记者林语桐：以前爸爸送我上学总要绕好几圈找车位，现在方便多了。

二、居家养老服务
目标：建设家庭病床500张；新增公益爱心托班40场。
完成情况：建成家庭病床130张；开展公益爱心托班12场。

三、农村人居环境
目标：农村公厕改扩建18座。
完成情况：农村公厕改扩建7座。

四、其他
幸福社区新增长者饭堂{meals}个。
"""
OFFERED = re.compile(r'aria-label="采用 (.+?) ([\d.]+)(\S+?)"')


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        yield


def _upload(client: Any, plan: Any, meals: int) -> str:
    text = OTHER_CITY.format(meals=meals).encode()
    response = client.post(reverse("progress:bulletin", args=[plan.pk]), {"file": SimpleUploadedFile("通报.txt", text)})
    assert response.status_code == 200
    return response.content.decode()


def _offered(page: str) -> dict[str, str]:
    """figure as printed (420个) → the indicator the preview offers it against."""
    return {f"{value}{unit}": name for name, value, unit in OFFERED.findall(page)}


def _key(page: str, marker: str) -> str:
    for row in page.split("<tr"):
        if marker in row and 'name="pair-' in row:
            return row.split('name="pair-')[1].split('"')[0]
    raise AssertionError(marker)


def test_another_citys_bulletin_is_offered_by_task_corrected_once_and_read_right_next_time(
    client: Any, office: Any, wujin_plan: Any
) -> None:
    client.force_login(office)
    names = dict(Indicator.objects.filter(task__project__plan=wujin_plan).values_list("name", "pk"))
    page = _upload(client, wujin_plan, 6)
    offered = _offered(page)
    assert offered["420个"] == "公共停车泊位"
    assert offered["130张"] == "家庭病床"
    assert offered["12场"] == "各类公益爱心托班"
    assert offered["7座"] == "农村公厕"
    assert "260个" not in offered  # a part of 420个, not the district's figure
    assert offered.get("6个") != "老年人助餐点"  # 长者饭堂 is not yet known as 老年人助餐点
    key = page.split('name="key" value="')[1].split('"')[0]
    form = {
        "key": key,
        "period_end": "2026-03-31",
        "accept": re.findall(r'name="accept" value="([^"]+)" aria-label="采用 ', page),  # the rows offered
        f"pair-{_key(page, '长者饭堂6个')}": str(names["老年人助餐点"]),
    }
    form["accept"] = [*form["accept"], _key(page, "长者饭堂6个")]  # re-paired and ticked: filed
    assert client.post(reverse("progress:bulletin_confirm", args=[wujin_plan.pk]), form).status_code == 302
    filed = dict(Figure.objects.values_list("indicator__name", "actual"))
    assert {k: int(v) for k, v in filed.items()} == {
        "公共停车泊位": 420,
        "家庭病床": 130,
        "各类公益爱心托班": 12,
        "老年人助餐点": 6,
        "农村公厕": 7,
    }
    assert FigureAlias.objects.get().indicator_name == "老年人助餐点"
    again = _offered(_upload(client, wujin_plan, 9))
    assert again["9个"] == "老年人助餐点"
    assert again["420个"] == "公共停车泊位" and again["7座"] == "农村公厕"
