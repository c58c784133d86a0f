"""Ballots and the close on PostgreSQL, on separate connections: ballots in flight do not
wait for one another, the office's close waits for them, and a ballot sent while the close
is under way waits for it and is then refused. (SQLite has one writer at a time.)"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection, connections, transaction

from minsheng.voting import services
from minsheng.voting.models import Ballot, Deputy, VoteReceipt, VotingSession
from tests.test_voting import candidates, session  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db(transaction=True)


class Elsewhere(threading.Thread):
    """`work` on a connection of its own (another request); keeps its error."""

    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__(daemon=True)
        self.work, self.error = work, ""

    def run(self) -> None:
        try:
            self.work()
        except services.VotingError as exc:
            self.error = str(exc)
        finally:
            connections.close_all()


def _postgresql_only() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("行锁只在 PostgreSQL 上（CI 的第二轮）")


def test_ballots_do_not_wait_for_each_other_but_the_close_waits_for_them(
    session: VotingSession,  # noqa: F811
    office: Any,
) -> None:
    _postgresql_only()
    services.open_session(user=office, session=session)
    first, second = (d.user for d in Deputy.objects.order_by("number")[:2])
    ids = candidates(session)[:2]
    with transaction.atomic():  # the first ballot, not yet committed
        services.cast_ballot(user=first, session=session, approvals=ids)
        meanwhile = Elsewhere(lambda: services.cast_ballot(user=second, session=session, approvals=ids))
        meanwhile.start()
        meanwhile.join(timeout=10)
        assert not meanwhile.is_alive() and meanwhile.error == ""  # it did not wait
        closing = Elsewhere(lambda: services.close_session(user=office, session=session))
        closing.start()
        closing.join(timeout=1)
        assert closing.is_alive()  # the close waits for the ballot in flight
    closing.join(timeout=10)
    assert not closing.is_alive() and closing.error == ""
    assert VotingSession.objects.get().state == VotingSession.State.CLOSED
    assert Ballot.objects.count() == VoteReceipt.objects.count() == 2


def test_a_ballot_sent_during_the_close_waits_and_is_refused(
    session: VotingSession,  # noqa: F811
    office: Any,
) -> None:
    _postgresql_only()
    services.open_session(user=office, session=session)
    late = Deputy.objects.order_by("number").first()
    assert late is not None
    with transaction.atomic():  # the office's close, not yet committed
        services.close_session(user=office, session=session)
        ballot = Elsewhere(lambda: services.cast_ballot(user=late.user, session=session, approvals=[]))
        ballot.start()
        ballot.join(timeout=1)
        assert ballot.is_alive()  # it waits for the close
    ballot.join(timeout=10)
    assert not ballot.is_alive() and ballot.error == "票决未在进行中"
    assert Ballot.objects.count() == VoteReceipt.objects.count() == 0
