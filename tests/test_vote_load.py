"""The 票决 load test (bench/vote_load.py) as a test: 200 deputies vote at once against
gunicorn on loopback and PostgreSQL. It needs PostgreSQL, which CI's second run has."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import vote_load  # noqa: E402

DEPUTIES = 200


@pytest.mark.django_db(transaction=True)
def test_200_deputies_vote_at_once(wujin_plan: Any) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("负载测试需要 PostgreSQL（CI 的第二轮）：SQLite 不是多进程服务器的数据库")
    from minsheng.voting.models import Ballot, BallotChoice, VoteReceipt
    from minsheng.voting.services import tally

    session = vote_load.prepare(wujin_plan, DEPUTIES)
    ballots = vote_load.random_ballots(session, [f"load-{i:04d}" for i in range(DEPUTIES)])
    with vote_load.gunicorn(vote_load.database_url(connection.settings_dict), **vote_load.SERVER) as base:
        result = vote_load.storm(base, session.pk, ballots)
    assert result.errors == []
    assert Ballot.objects.filter(session=session).count() == DEPUTIES
    assert VoteReceipt.objects.filter(session=session).count() == DEPUTIES
    counted = tally(session)
    assert sum(counted.approvals.values()) == BallotChoice.objects.count() == sum(len(a) for _, a in ballots)
    expected: dict[int, int] = dict.fromkeys(counted.approvals, 0)
    for _, approvals in ballots:
        for pk in approvals:
            expected[pk] += 1
    assert counted.approvals == expected  # every ballot counted for what it approved
    assert counted.present == DEPUTIES
    print(f"{DEPUTIES} 名代表同时投票：{result.seconds:.2f} s，{result.per_second:.0f} 张/秒")
