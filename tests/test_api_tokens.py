"""API tokens: created and revoked by the office on a page, stored hashed, rate-limited;
errors as JSON naming the field; every error code declared in the OpenAPI schema."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.api.api import api
from minsheng.api.models import ApiToken
from minsheng.api.tokens import create_token
from minsheng.plans.models import Task, Unit
from minsheng.progress.models import Figure, Report

from .jurisdiction_world import allotted_world, frozen_on_april_10

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _frozen() -> Iterator[None]:
    yield from frozen_on_april_10()


@pytest.fixture
def world(django_user_model: Any) -> dict[str, Any]:
    made = allotted_world(django_user_model)
    return made


def _token(world: dict[str, Any], role: str = ApiToken.Role.REPORTER) -> str:
    unit = Unit.objects.get(name="常州市武进区城管局") if role == ApiToken.Role.REPORTER else None
    office, area = world["offices"][0], world["areas"][0]
    _t, secret = create_token(user=office, name="对接", jurisdiction=area, role=role, unit=unit)
    return secret


def test_the_office_creates_a_token_shown_once_and_stored_hashed(world: dict[str, Any], client: Client) -> None:
    client.force_login(world["offices"][0])
    url = reverse("tokens:list")
    form = {"name": "武进区OA", "jurisdiction": world["areas"][0].pk, "role": "reader", "unit": ""}
    page = client.post(url, form).content.decode()
    token = ApiToken.objects.get()
    secret = page.split('id="secret"')[1].split("<code>")[1].split("</code>")[0]
    assert secret.startswith("ms_") and token.token_hash == hashlib.sha256(secret.encode()).hexdigest()
    assert secret not in client.get(url).content.decode()
    headers = {"Authorization": f"Bearer {secret}"}
    assert client.get("/api/plans", headers=headers).status_code == 200
    client.post(reverse("tokens:revoke", args=[token.pk]))
    assert client.get("/api/plans", headers=headers).status_code == 401


def test_an_office_manages_only_its_own_levels_tokens(world: dict[str, Any], client: Client) -> None:
    _token(world)
    client.force_login(world["offices"][1])
    form = {"name": "越权", "jurisdiction": world["areas"][0].pk, "role": "reader"}
    assert "请选择本级区划" in client.post(reverse("tokens:list"), form, follow=True).content.decode()
    theirs = ApiToken.objects.get().pk
    # a token outside the office's level answers as a missing id does: no hint which ids exist
    assert client.post(reverse("tokens:revoke", args=[theirs])).status_code == 404
    assert client.post(reverse("tokens:revoke", args=[theirs + 1000])).status_code == 404
    assert ApiToken.objects.get().revoked_at is None
    assert "武进区" not in client.get(reverse("tokens:list")).content.decode().split("已有令牌")[1]


def test_a_reporter_token_needs_a_unit(world: dict[str, Any], client: Client) -> None:
    client.force_login(world["offices"][0])
    form = {"name": "x", "jurisdiction": world["areas"][0].pk, "role": "reporter", "unit": ""}
    page = client.post(reverse("tokens:list"), form, follow=True).content.decode()
    assert "报送单位：单位报送令牌须指定报送单位" in page
    assert f'value="{form["name"]}"' in page  # what the clerk typed is kept
    form["unit"] = "不存在的局"
    assert "没有单位“不存在的局”" in client.post(reverse("tokens:list"), form).content.decode()
    assert not ApiToken.objects.exists()


def test_errors_are_json_naming_the_field(world: dict[str, Any], client: Client) -> None:
    headers = {"Authorization": f"Bearer {_token(world)}"}
    url = f"/api/tasks/{world['wujin_task'].pk}/reports"
    wrong = {"period_end": "三月", "status": "done"}
    bad_date = client.post(url, wrong, content_type="application/json", headers=headers)
    assert bad_date.status_code == 422 and bad_date.json()["field"] == "period_end"
    target = world["wujin_task"].indicators.get().pk
    figures = [{"indicator": target, "actual": 1}]
    late = {"period_end": "2027-03-31", "status": "done", "narrative": "已完工", "figures": figures}
    refused = client.post(url, late, content_type="application/json", headers=headers)
    assert refused.status_code == 422 and refused.json()["field"] == "period_end"
    assert "报送期" in refused.json()["detail"]
    alien = late | {"period_end": "2026-03-31", "figures": [{"indicator": target + 999, "actual": 1}]}
    assert client.post(url, alien, content_type="application/json", headers=headers).json()["field"] == "figures"
    bad = client.get("/api/plans", headers={"Authorization": "Bearer ms_wrong"})
    assert bad.status_code == 401 and bad.json()["field"] == "Authorization"
    assert client.post(url, late, content_type="application/json").status_code == 401  # writes need a token


def test_a_reused_idempotency_key_with_another_body_is_refused(world: dict[str, Any], client: Client) -> None:
    headers = {"Authorization": f"Bearer {_token(world)}", "Idempotency-Key": "wj-2026-03"}
    url = f"/api/tasks/{world['wujin_task'].pk}/reports"
    target = world["wujin_task"].indicators.get().pk
    figures = [{"indicator": target, "actual": 1200}]
    body = {"period_end": "2026-03-31", "status": "in_progress", "narrative": "一季度", "figures": figures}
    first = client.post(url, body, content_type="application/json", headers=headers)
    retry = client.post(url, body, content_type="application/json", headers=headers)
    assert (first.status_code, retry.status_code) == (201, 200)
    assert retry.json()["replayed"] and retry.json()["id"] == first.json()["id"]
    changed = body | {"figures": [{"indicator": target, "actual": 1500}]}
    refused = client.post(url, changed, content_type="application/json", headers=headers)
    assert refused.status_code == 422 and refused.json()["field"] == "Idempotency-Key"
    assert "已用于另一份不同内容的报送" in refused.json()["detail"]
    assert [f.actual for f in Figure.objects.filter(report__task=world["wujin_task"])] == [1200]
    assert Report.objects.filter(task=world["wujin_task"]).count() == 1


def test_a_token_is_rate_limited(world: dict[str, Any], client: Client, settings: Any) -> None:
    settings.MINSHENG_API_RATE = "3/m"
    headers = {"Authorization": f"Bearer {_token(world)}"}
    codes = [client.get("/api/plans", headers=headers).status_code for _ in range(5)]
    assert codes == [200, 200, 200, 429, 429]
    assert client.get("/api/plans", headers={"Authorization": f"Bearer {_token(world)}"}).status_code == 200


def test_tasks_come_in_pages(world: dict[str, Any], client: Client) -> None:
    headers = {"Authorization": f"Bearer {_token(world, ApiToken.Role.READER)}"}
    url = f"/api/plans/{world['plans'][0].pk}/tasks"
    first = client.get(url, {"limit": 1}, headers=headers).json()
    second = client.get(url, {"limit": 1, "offset": first["next_offset"]}, headers=headers).json()
    assert first["count"] == 2 and second["next_offset"] is None
    own = Task.objects.filter(project__plan=world["plans"][0])
    assert {first["items"][0]["id"], second["items"][0]["id"]} == set(own.values_list("pk", flat=True))
    too_many = client.get(url, {"limit": 5000}, headers=headers)
    assert too_many.status_code == 422 and too_many.json()["field"] == "limit"


def test_every_endpoint_declares_its_error_codes() -> None:
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            declared = {str(code) for code in operation["responses"]}
            assert {"401", "403", "404", "422", "429"} <= declared, (method, path, declared)


def _count(client: Client, url: str, headers: dict[str, str] | None = None) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, headers=headers or {})  # warm: the session's first read
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url, headers=headers or {}).status_code == 200
    return len(queries)


def test_list_pages_do_not_grow(world: dict[str, Any], client: Client) -> None:
    from .factories import ProjectFactory, TaskFactory
    from .jurisdiction_world import DISTRICTS

    headers = {"Authorization": f"Bearer {_token(world, ApiToken.Role.READER)}"}
    tasks_url = f"/api/plans/{world['plans'][0].pk}/tasks"
    client.force_login(world["offices"][0])
    before = [_count(client, tasks_url, headers), _count(client, reverse("tokens:list"))]
    before.append(_count(client, reverse("regions:list")))
    for n in range(12):
        TaskFactory(project=ProjectFactory(plan=world["plans"][0], name=f"{DISTRICTS[0]}新项目{n}"))
        _token(world)
    after = [_count(client, tasks_url, headers), _count(client, reverse("tokens:list"))]
    after.append(_count(client, reverse("regions:list")))
    assert before == after


def test_a_lower_cumulative_figure_needs_confirm_lower(world: dict[str, Any], client: Client) -> None:
    """#27 finding 4 through the API: a figure below the last approved one is refused unless the
    caller says it is a correction; the web form asks the same."""
    headers = {"Authorization": f"Bearer {_token(world)}"}
    task = world["wujin_task"]
    url = f"/api/tasks/{task.pk}/reports"
    target = task.indicators.get().pk
    figures = [{"indicator": target, "actual": 1224}]
    body = {"period_end": "2026-02-28", "status": "in_progress", "narrative": "二月", "figures": figures}
    assert client.post(url, body, content_type="application/json", headers=headers).status_code == 201
    Report.objects.filter(task=task).update(review=Report.Review.APPROVED)
    lower = body | {"period_end": "2026-03-31", "figures": [{"indicator": target, "actual": 1200}]}
    refused = client.post(url, lower, content_type="application/json", headers=headers)
    assert refused.status_code == 422 and "累计完成数低于上次审核通过的数" in refused.json()["detail"]
    # the flag that accepts it is named, as the API spells it (#31 finding 5)
    assert refused.json()["field"] == "confirm_lower" and '"confirm_lower": true' in refused.json()["detail"]
    confirmed = client.post(url, lower | {"confirm_lower": True}, content_type="application/json", headers=headers)
    assert confirmed.status_code == 201
