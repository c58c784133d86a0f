"""When a result stands on too few voices: the office is told the turnout and confirms before
publishing. The rules, said once (the confirmation pages and the public pages print them):

- a 票决 whose result fills fewer seats than the session has (当选 1 of 应选 3);
- a 测评 in which no more than half of the deputies on the roster rated (RATING_QUORUM).

Publishing is not refused: a meeting may decide to publish a thin result, but never unaware.
"""

from __future__ import annotations

from .models import RatingSession, VotingSession
from .ratings import electorate
from .services import tally, turnout

# A rating speaks for the congress when more than half of its deputies took part (过半数).
RATING_QUORUM_TEXT = "参加测评的代表须超过代表总数的一半"


def vote_turnout_text(session: VotingSession) -> str:
    """名单 5 人，出席 3 人，收回选票 3 张."""
    seen = turnout(session)
    return f"名单 {seen['roster']} 人，出席 {seen['present']} 人，收回选票 {seen['ballots']} 张"


def vote_warning(session: VotingSession) -> str:
    """Why publishing this result needs a confirmation ("" when it does not)."""
    result = tally(session)
    filled = len(result.chosen) + (result.tied_seats if result.tied else 0)
    if filled >= session.seats:
        return ""
    return f"应选 {session.seats} 项，当选仅 {filled} 项（{vote_turnout_text(session)}）"


def rating_turnout(session: RatingSession) -> tuple[int, int]:
    """(deputies who rated, deputies on the roster)."""
    return session.receipts.count(), electorate(session.plan).count()


def rating_warning(session: RatingSession) -> str:
    rated, deputies = rating_turnout(session)
    if rated * 2 > deputies:
        return ""
    return f"仅 {rated}/{deputies} 名代表参加测评，未过半数（{RATING_QUORUM_TEXT}）"
