"""Issue #17, done when: 市 → 2 区, a city target allotted to both, district reports filed
through the API with a token (a retry files once), the city roll-up shows the sum with its
coverage. Also: offices at each level read down, never sideways."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.api.models import ApiToken
from minsheng.api.tokens import create_token
from minsheng.plans.models import Plan, Task, Unit
from minsheng.progress.models import Report
from minsheng.progress.services import ProgressError, review_report
from minsheng.regions.models import Allotment
from minsheng.regions.services import AllotError, Share, allot_task

from .jurisdiction_world import allot_all, city_world, draft

pytestmark = pytest.mark.django_db
APRIL_10 = datetime.datetime(2026, 4, 10, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(APRIL_10, tick=False):
        yield


@pytest.fixture
def world(django_user_model: Any) -> dict[str, Any]:
    return city_world(django_user_model)


def _file(client: Client, secret: str, task: Task, actual: int, key: str) -> Any:
    target = task.indicators.get()
    figures = [{"indicator": target.pk, "actual": actual}]
    body = {"period_end": "2026-03-31", "status": "in_progress", "narrative": "一季度", "figures": figures}
    return client.post(
        f"/api/tasks/{task.pk}/reports",
        body,
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}", "Idempotency-Key": key},
    )


def _reporter(world: dict[str, Any], index: int, task: Task) -> str:
    unit = Unit.objects.get(taskunit__task=task, taskunit__role="lead")
    office = world["offices"][index]
    _token, secret = create_token(
        user=office, name="区报送系统", jurisdiction=world["areas"][index], role=ApiToken.Role.REPORTER, unit=unit
    )
    return secret


def test_it_allots_files_through_the_api_and_sums_with_coverage(world: dict[str, Any], client: Client) -> None:
    wujin, xinbei = allot_all(world, [3000, 2000])
    assert wujin.project.plan == world["plans"][0] and wujin.allotment.parent == world["parking"]
    assert [i.value for i in xinbei.indicators.all()] == [2000]
    first = _file(client, _reporter(world, 0, wujin), wujin, 1200, "wj-2026-03")
    secret = _reporter(world, 1, xinbei)
    second = _file(client, secret, xinbei, 800, "xb-2026-03")
    retry = _file(client, secret, xinbei, 800, "xb-2026-03")
    assert (first.status_code, second.status_code, retry.status_code) == (201, 201, 200)
    assert retry.json()["replayed"] and retry.json()["id"] == second.json()["id"]
    assert Report.objects.filter(task=xinbei).count() == 1
    review_report(user=world["offices"][0], report=Report.objects.get(task=wujin), approve=True)
    client.force_login(world["city_office"])
    page = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
    assert "1200个" in page and "1/2 个下级已报送（武进区）" in page  # only approved figures count
    review_report(user=world["offices"][1], report=Report.objects.get(task=xinbei), approve=True)
    page = client.get(reverse("regions:rollup", args=[world["city"].pk])).content.decode()
    assert "2000个" in page and "2/2 个下级已报送（新北区、武进区）" in page
    assert "2/2 个区县已报送" in page


def test_a_district_token_cannot_reach_another_district(world: dict[str, Any], client: Client) -> None:
    wujin, xinbei = allot_all(world, [3000, 2000])
    secret = _reporter(world, 1, xinbei)
    auth = {"Authorization": f"Bearer {secret}"}
    assert _file(client, secret, wujin, 5, "x").status_code == 404
    assert client.get(f"/api/tasks/{wujin.pk}/reports", headers=auth).status_code == 404
    assert client.get(f"/api/plans/{world['plans'][0].pk}/tasks", headers=auth).status_code == 404
    # a place's name is no secret: its roll-up is refused, as on the page
    assert client.get(f"/api/jurisdictions/{world['areas'][0].pk}/rollup", headers=auth).status_code == 403
    assert world["plans"][0].pk not in [p["id"] for p in client.get("/api/plans", headers=auth).json()]
    own = client.get(f"/api/plans/{world['plans'][1].pk}/tasks", headers=auth)
    assert own.status_code == 200 and xinbei.pk in [t["id"] for t in own.json()["items"]]
    other_task = Task.objects.filter(project__plan=world["plans"][1]).exclude(pk=xinbei.pk).first()
    denied = _file(client, secret, other_task, 5, "y")  # its own district, but not its unit's task
    assert denied.status_code == 403 and "牵头单位" in denied.json()["detail"]
    assert not Report.objects.exists()


def test_offices_read_down_and_never_sideways(world: dict[str, Any], client: Client) -> None:
    wujin_plan, xinbei_plan = world["plans"]
    draft(wujin_plan)
    wujin_office, xinbei_office = world["offices"]
    assert set(Plan.objects.visible_to(world["city_office"])) >= {xinbei_plan}
    assert wujin_plan not in Plan.objects.visible_to(world["city_office"])  # a draft: its office's own
    assert wujin_plan not in Plan.objects.visible_to(xinbei_office)
    client.force_login(xinbei_office)
    # a sibling's draft: the office cannot know it exists
    assert client.get(reverse("progress:dashboard", args=[wujin_plan.pk])).status_code == 404
    assert client.get(reverse("progress:dashboard", args=[xinbei_plan.pk])).status_code == 200
    assert client.get(reverse("regions:rollup", args=[world["city"].pk])).status_code == 403
    client.force_login(world["city_office"])
    assert client.get(reverse("progress:dashboard", args=[xinbei_plan.pk])).status_code == 200  # drill-down
    assert client.post(reverse("progress:settings", args=[xinbei_plan.pk])).status_code == 403  # read, not supervise
    assert client.get(reverse("progress:dashboard", args=[wujin_plan.pk])).status_code == 404  # nor a draft


def test_only_the_citys_office_allots_and_bad_shares_change_nothing(world: dict[str, Any]) -> None:
    target = world["parking"].indicators.get()
    share = Share(world["areas"][0].pk, "武进区城管局", {target.pk: 3000})
    with pytest.raises(Exception, match="本级督查室"):
        allot_task(user=world["offices"][0], task=world["parking"], shares=[share])
    bad = [share, Share(world["areas"][1].pk, "新北区城管局", {target.pk: -1})]
    with pytest.raises(AllotError, match="values：新北区的分解数须大于0"):
        allot_task(user=world["city_office"], task=world["parking"], shares=bad)
    with pytest.raises(AllotError, match="不是 常州市 的下级区划"):
        allot_task(user=world["city_office"], task=world["parking"], shares=[Share(world["city"].pk, "x", {})])
    assert not Allotment.objects.exists() and Task.objects.filter(project__plan=world["plans"][0]).count() == 1
    allot_all(world, [3000, 2000])
    with pytest.raises(AllotError, match="已下达给武进区"):
        allot_task(user=world["city_office"], task=world["parking"], shares=[share])
    assert AuditEntry.objects.filter(summary__startswith="分解下达").count() == 1


def test_the_allot_page_allots_and_names_a_bad_cell(world: dict[str, Any], client: Client) -> None:
    target = world["parking"].indicators.get()
    wujin, xinbei = world["areas"]
    url = reverse("regions:allot", args=[world["parking"].pk])
    client.force_login(world["offices"][0])
    assert client.get(url).status_code == 403
    client.force_login(world["city_office"])
    bad = {f"unit_{wujin.pk}": "武进区城管局", f"value_{wujin.pk}_{target.pk}": "三千"}
    page = client.post(url, bad, follow=True).content.decode()
    assert "武进区 · 公共停车泊位：“三千”不是数字" in page and not Allotment.objects.exists()
    good = {f"unit_{wujin.pk}": "武进区城管局", f"value_{wujin.pk}_{target.pk}": "3000"}
    page = client.post(url, good, follow=True).content.decode()
    assert "已下达给 1 个下级区划" in page and "1/1" not in page
    assert Allotment.objects.get().jurisdiction == wujin and "0/1 个下级已报送" in page


def test_a_seated_office_cannot_review_another_districts_report(world: dict[str, Any], client: Client) -> None:
    wujin, _xinbei = allot_all(world, [3000, 2000])
    _file(client, _reporter(world, 0, wujin), wujin, 10, "k")
    with pytest.raises(ProgressError, match="本级督查室"):
        review_report(user=world["offices"][1], report=Report.objects.get(), approve=True)
