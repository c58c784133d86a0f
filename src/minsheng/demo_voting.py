"""The demo's 人大 side, so a new user can try it as a deputy: a 票决 of the live plan's
candidates under way (two deputies have voted, the demo deputy has not), and the year-end
满意度测评 of the same plan's projects (the deputies sit in its place's congress, and rate
only their own place's plans). Everything goes through the voting services, as the
office's pages do; passwords are kept in the data directory, never in the repository."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from .plans.models import Plan, Project
from .voting import roster, services, setup
from .voting.models import VotingSession

# Deputies of the demo 人代会: (name, 代表证号, 代表团). The first is the demo deputy's login.
DEPUTIES = [
    ("周明华", "DB2026001", "湖塘镇代表团"),
    ("陈秀英", "DB2026002", "湖塘镇代表团"),
    ("王建国", "DB2026003", "牛塘镇代表团"),
    ("李桂芳", "DB2026004", "南夏墅街道代表团"),
    ("赵志强", "DB2026005", "南夏墅街道代表团"),
]
VOTED = 2  # deputies who have voted already, so turnout shows a session under way


def _path() -> Path:
    return Path(settings.DATA_DIR) / "demo-credentials-deputy.txt"


def _office_of(plan: Plan) -> User | None:
    """The office seated at the plan's jurisdiction (the demo seats one at each place)."""
    return get_user_model().objects.filter(office_seat__jurisdiction=plan.jurisdiction_id).first()


def ensure_voting_demo() -> str:
    path = _path()
    if path.exists() or VotingSession.objects.exists():
        saved = path.read_text().split() if path.exists() else []
        return _line(*saved[:2]) if len(saved) >= 2 else "演示票决已存在"
    live = Plan.objects.filter(state=Plan.State.PUBLISHED).order_by("-year", "pk").first()
    candidates = Project.objects.filter(plan=live, status=Project.Status.CANDIDATE) if live else Project.objects.none()
    office = _office_of(live) if live else None
    if live is None or office is None or candidates.count() < 2:
        return "演示数据中没有可票决的候选项目"
    with transaction.atomic():
        login, password = _vote(live, office, list(candidates.order_by("order").values_list("pk", flat=True)))
        _rating(live, office)
    path.write_text(f"{login}\t{password}\n")
    return _line(login, password)


def _line(login: str, password: str) -> str:
    return f"人大代表演示账号：用户名 {login}，密码 {password}（票决进行中、满意度测评进行中；保存在 {_path()}）"


def _vote(plan: Plan, office: User, candidates: list[int]) -> tuple[str, str]:
    seats = max(1, len(candidates) - 2)
    place = plan.jurisdiction.name if plan.jurisdiction else ""
    spec = setup.SessionSpec(
        plan=plan, congress=f"{place}第十八届人民代表大会", name="第六次会议", date=timezone.localdate(), seats=seats
    )
    session = setup.session_create(user=office, spec=spec)
    rows = [roster.RosterRow(line, *deputy) for line, deputy in enumerate(DEPUTIES, start=2)]
    created = roster.import_roster(user=office, session=session, rows=rows).created
    services.open_session(user=office, session=session)
    users = get_user_model().objects
    for _, login, _ in created[1 : 1 + VOTED]:  # the demo deputy (the first) is left to vote
        services.cast_ballot(user=users.get(username=login), session=session, approvals=candidates[:seats])
    _, login, password = created[0]
    return login, password


def _rating(plan: Plan, office: User) -> None:
    """The year-end 测评 of the plan's formal projects, open for the demo deputy."""
    if not Project.objects.filter(plan=plan, status=Project.Status.FORMAL).exists():
        return
    place = plan.jurisdiction.name if plan.jurisdiction else ""
    fields = {"plan": plan, "title": f"{plan.year}年{place}民生实事项目满意度测评", "date": timezone.localdate()}
    setup.rating_create(user=office, fields=fields)  # open: the demo deputy rates it
