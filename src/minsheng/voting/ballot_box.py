"""The electronic ballot's reads and writes, made few: on PostgreSQL the session's state,
seats and candidates in one locked query, and the presence, receipt, ballot and choices
in one statement (data-modifying CTEs run once, all or nothing with the statement).
SQLite, one writer at a time, goes through the ORM."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from django.db import connection

from ..accounts.models import Profile
from .models import Attendance, Ballot, BallotChoice, Deputy, VoteReceipt, VotingSession


def _locked(session_pk: int) -> VotingSession:
    return VotingSession.objects.select_for_update().get(pk=session_pk)


def read(session_pk: int, user_pk: int | None = None) -> tuple[str, int, set[int], int | None]:
    """The session's state, seats and candidates, kept until the transaction ends without
    making ballots wait for each other: on PostgreSQL a share lock, which the office's close
    (FOR UPDATE) waits for and which waits for a close under way (then reads the closed
    state); one query. With `user_pk`, the same query also finds that user's deputy record
    (services.deputy_of's join: a deputy whose profile says so), else None; SQLite reads it
    apart. SQLite has one writer at a time anyway."""
    if connection.vendor != "postgresql":
        session = _locked(session_pk)
        deputy = Deputy.objects.filter(user_id=user_pk, user__profile__is_deputy=True).first() if user_pk else None
        found = deputy.pk if deputy is not None else None
        return session.state, session.seats, set(session.candidates.values_list("pk", flat=True)), found
    table = connection.ops.quote_name(VotingSession._meta.db_table)
    through = VotingSession.candidates.through._meta
    link, column = connection.ops.quote_name(through.db_table), through.get_field("votingsession").column
    target = through.get_field("project").column
    deputies, profiles = (connection.ops.quote_name(m._meta.db_table) for m in (Deputy, Profile))
    sql = (
        f"SELECT s.state, s.seats, ARRAY(SELECT c.{target} FROM {link} c WHERE c.{column} = s.id), "
        f"(SELECT d.id FROM {deputies} d JOIN {profiles} p ON p.user_id = d.user_id "
        f"WHERE d.user_id = %s AND p.is_deputy LIMIT 1) "
        f"FROM {table} s WHERE s.id = %s FOR SHARE OF s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_pk, session_pk])
        row = cursor.fetchone()
    if row is None:
        raise VotingSession.DoesNotExist
    return str(row[0]), int(row[1]), set(row[2]), row[3]


def drop_in(session_pk: int, deputy_pk: int, chosen: Sequence[int]) -> bool:
    """Mark the deputy present, write the receipt (who) and the ballot with its choices
    (what, under random keys: never linked to the receipt); False when the deputy is not on
    the session's roster (nothing written). A second receipt raises IntegrityError."""
    if connection.vendor != "postgresql":
        return _drop_in_orm(session_pk, deputy_pk, chosen)
    table = {m: connection.ops.quote_name(m._meta.db_table) for m in (Attendance, VoteReceipt, Ballot, BallotChoice)}
    sql = (
        f"WITH present AS (UPDATE {table[Attendance]} SET present = true "
        f"WHERE session_id = %(session)s AND deputy_id = %(deputy)s RETURNING id), "
        f"receipt AS (INSERT INTO {table[VoteReceipt]} (session_id, deputy_id, channel) "
        f"SELECT %(session)s, %(deputy)s, %(channel)s FROM present RETURNING id), "
        f"ballot AS (INSERT INTO {table[Ballot]} (id, session_id, paper) "
        f"SELECT %(ballot)s, %(session)s, false FROM receipt RETURNING id), "
        f"choices AS (INSERT INTO {table[BallotChoice]} (id, ballot_id, project_id) "
        f"SELECT c.id, ballot.id, c.project FROM ballot, unnest(%(keys)s::uuid[], %(projects)s::bigint[]) "
        f"AS c(id, project) RETURNING 1) "
        f"SELECT count(*) FROM present"
    )
    params: dict[str, Any] = {
        "session": session_pk,
        "deputy": deputy_pk,
        "channel": VoteReceipt.Channel.ELECTRONIC.value,
        "ballot": uuid.uuid4(),
        "keys": [uuid.uuid4() for _ in chosen],
        "projects": list(chosen),
    }
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        (present,) = cursor.fetchone()
    return bool(present)


def _drop_in_orm(session_pk: int, deputy_pk: int, chosen: Sequence[int]) -> bool:
    if not Attendance.objects.filter(session_id=session_pk, deputy_id=deputy_pk).update(present=True):
        return False
    VoteReceipt.objects.create(session_id=session_pk, deputy_id=deputy_pk, channel=VoteReceipt.Channel.ELECTRONIC)
    ballot = Ballot.objects.create(session_id=session_pk)
    BallotChoice.objects.bulk_create(BallotChoice(ballot=ballot, project_id=pk) for pk in chosen)
    return True
