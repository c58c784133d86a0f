"""The report form's 进展情况 read into proposed 累计完成: proposals only, for the lead unit only."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.progress.models import Report

TEXT = "一季度新增公共停车位303个，完成年度目标的20.2%。"


def url(task: Any) -> str:
    return reverse("progress:read_progress", args=[task.pk])


def test_the_lead_unit_gets_303_proposed_for_the_1500_target(client: Client, member: Any, parking_task: Any) -> None:
    client.force_login(member("城管局"))
    data = client.post(url(parking_task), {"text": TEXT}).json()
    [proposal] = data["proposals"]
    assert proposal["indicator"] == parking_task.indicators.get().pk
    assert (proposal["value"], proposal["unit"], proposal["source"]) == ("303", "个", "actual")
    assert Report.objects.count() == 0  # nothing is filed without the unit's confirmation


def test_a_share_alone_proposes_share_times_target(client: Client, member: Any, parking_task: Any) -> None:
    client.force_login(member("城管局"))
    [proposal] = client.post(url(parking_task), {"text": "已完成年度目标的40%。"}).json()["proposals"]
    assert (proposal["value"], proposal["source"]) == ("600", "share")


@pytest.mark.parametrize("text", ["", "本季度工作有序推进。", "河道清淤12.5公里。"])
def test_text_without_a_matching_figure_proposes_nothing(
    client: Client, member: Any, parking_task: Any, text: str
) -> None:
    client.force_login(member("城管局"))
    data = client.post(url(parking_task), {"text": text}).json()
    assert data["proposals"] == [] and data["message"]


def test_outsiders_and_other_units_are_refused(
    client: Client, outsider: Any, member: Any, office: Any, parking_task: Any
) -> None:
    client.force_login(outsider)
    assert client.post(url(parking_task), {"text": TEXT}).status_code == 403
    client.force_login(member("教育局"))
    assert client.post(url(parking_task), {"text": TEXT}).status_code == 403
    client.force_login(office)  # the office reviews; only the lead unit reports
    assert client.post(url(parking_task), {"text": TEXT}).status_code == 403
    client.logout()
    assert client.post(url(parking_task), {"text": TEXT}).status_code == 302


def test_only_post(client: Client, member: Any, parking_task: Any) -> None:
    client.force_login(member("城管局"))
    assert client.get(url(parking_task)).status_code == 405
