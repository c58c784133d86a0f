"""The read-replica router: safe requests read from the replica, writes and the requests
of a client that just wrote stay on the primary, as do reads inside a transaction."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from minsheng.config.replica import COOKIE, PRIMARY, REPLICA, ReplicaMiddleware, ReplicaRouter
from minsheng.plans.models import Plan

pytestmark = pytest.mark.django_db(transaction=True)
router = ReplicaRouter()


def _through(request: HttpRequest) -> tuple[list[str], HttpResponse]:
    """Where the reads of a request would go, and its response."""
    seen: list[str] = []

    def view(request: HttpRequest) -> HttpResponse:
        seen.append(router.db_for_read(Plan))
        with transaction.atomic():
            seen.append(router.db_for_read(Plan))
        seen.append(router.db_for_write(Plan))
        return HttpResponse("ok")

    return seen, ReplicaMiddleware(view)(request)


def test_it_reads_a_safe_request_from_the_replica_but_not_inside_a_transaction() -> None:
    seen, response = _through(RequestFactory().get("/plans/"))
    assert seen == [REPLICA, PRIMARY, PRIMARY] and COOKIE not in response.cookies


def test_a_write_keeps_the_clients_next_reads_on_the_primary(settings: Any) -> None:
    settings.MINSHENG_REPLICA_STICK_SECONDS = 7
    seen, response = _through(RequestFactory().post("/api/tasks/1/reports"))
    assert seen == [PRIMARY, PRIMARY, PRIMARY]
    assert response.cookies[COOKIE]["max-age"] == 7
    after = RequestFactory().get("/plans/1/dashboard/")
    after.COOKIES[COOKIE] = "1"
    assert _through(after)[0][0] == PRIMARY


def test_outside_a_request_everything_is_on_the_primary() -> None:
    assert router.db_for_read(Plan) == PRIMARY
    assert router.allow_migrate(REPLICA, "plans") is False and router.allow_migrate(PRIMARY, "plans")
