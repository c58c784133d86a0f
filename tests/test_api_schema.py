"""schemathesis over the API's own OpenAPI schema: generated requests (valid and invalid,
with a district's token) never get a 5xx nor a response that breaks the schema."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from minsheng.api.api import api
from minsheng.api.models import ApiToken
from minsheng.api.tokens import create_token
from minsheng.config.wsgi import application
from minsheng.plans.models import Unit

from .jurisdiction_world import allot_all, city_world

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = application


@pytest.fixture(autouse=True)
def _connection_kept() -> Iterator[None]:
    """As Django's test client does: the request signals must not close the test's connection
    (on PostgreSQL that would end the test's transaction)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(django_user_model: Any, settings: Any) -> str:
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    settings.MINSHENG_API_RATE = "100000/m"
    world = city_world(django_user_model)
    allot_all(world, [3000, 2000])
    unit = Unit.objects.get(name="常州市武进区城管局")
    office, area = world["offices"][0], world["areas"][0]
    return create_token(user=office, name="fuzz", jurisdiction=area, role=ApiToken.Role.REPORTER, unit=unit)[1]


@pytest.mark.fuzz
@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_answers_by_its_schema(case: Any, token: str) -> None:
    case.call_and_validate(headers={"Authorization": f"Bearer {token}"})
