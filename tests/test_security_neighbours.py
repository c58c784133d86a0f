"""The security matrix with neighbours (issue #25): every URL of the site and the API, asked by
every kind of actor (anonymous, a signed-in member of the public, a unit of this district, the
same-named unit of the sibling district, this office, the sibling office, the city office above,
a town office below, a deputy, a leader), for a plan of 武进区 in each state. Every cell is
asserted; a URL without a rule here fails.

Outcomes:
- ALLOW: the gate lets the actor through (never 403, 404 or a login page), asked by GET;
- DENY: refused (403; the anonymous are sent to log in or refused);
- HIDDEN: the actor cannot know the object exists (404). For an office a 403 here is a
  failure: it tells a neighbour that another district's draft exists. Anyone else may also be
  refused outright (a page for offices only says 403 to a unit whatever number it is asked);
- REFUSED: DENY or HIDDEN (objects whose existence is no secret: jurisdictions, units);
- PASSED: through every check to a placeholder object that does not exist (ALLOW or 404).
A refused POST must change nothing (the database is compared before and after); an allowed
POST is not sent (it would change the world the next URL is asked in).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import Membership, Profile
from minsheng.plans.models import Jurisdiction, Plan, Task, TaskUnit, Unit
from minsheng.progress.models import Evidence, Note, Notice, Report
from minsheng.regions.models import OfficeSeat

from .conftest import WUJIN_2026
from .factories import PlanFactory, ProjectFactory, TaskFactory
from .test_security_matrix import RULES as URL_RULES
from .test_security_matrix import _names

pytestmark = pytest.mark.django_db

ALLOW, DENY, HIDDEN, REFUSED, PASSED = "allow", "deny", "hidden", "refused", "passed"
ACTORS = [
    "anonymous",
    "public",
    "unit_here",
    "unit_sibling",
    "office_here",
    "office_sibling",
    "office_parent",
    "office_child",
    "deputy",
    "leader",
]
OFFICES = {"office_here", "office_sibling", "office_parent", "office_child"}
READERS = {"office_here", "office_parent"}  # the plan's own office and the one above it
STATES = [Plan.State.DRAFT, Plan.State.PUBLISHED, Plan.State.CLOSED]

Rule = Callable[[str, str], str]  # (actor, state) → outcome


def _on_draft(actor: str, published: Rule, readers: str = ALLOW) -> Rule:
    """A rule for a plan-bound URL: `published` once public; a draft is its own office's working
    copy, which gets `readers` ("supervise": ALLOW); everyone else, the city above included, HIDDEN."""

    def rule(who: str, state: str) -> str:
        if state != Plan.State.DRAFT:
            return published(who, state)
        if who != "office_here":
            return HIDDEN
        return ALLOW if readers == "supervise" else readers

    return rule


def _among(allowed: set[str]) -> Rule:
    return lambda who, state: ALLOW if who in allowed else DENY


EVERYONE: Rule = lambda who, state: ALLOW  # noqa: E731
PLAN_PUBLIC = _on_draft("", EVERYONE)
PLAN_READ = _on_draft("", _among(READERS))
TASK_READ = _on_draft("", _among(READERS | {"unit_here", "leader", "deputy"}))
TASK_NOTE = _on_draft("", _among({"office_here", "unit_here", "leader"}), readers="supervise")
TASK_REPORT = _on_draft("", _among({"unit_here"}), readers=DENY)
UNIT_PAPERS = _on_draft("", _among(READERS | {"unit_here"}))
UNIT_UPLOAD = _on_draft("", _among({"unit_here"}), readers=DENY)
SUPERVISE = _on_draft("", _among({"office_here"}), readers="supervise")
PUBLIC_PAGE = _on_draft("", EVERYONE, readers=HIDDEN)  # never a draft, whoever asks
NOBODY: Rule = lambda who, state: HIDDEN  # noqa: E731  (an unpublished result)
NOT_OPEN: Rule = lambda who, state: REFUSED  # noqa: E731  (a vote or rating not yet open: no deputy's page)
ANY_OFFICE = _among(OFFICES)
OFFICE_PLACEHOLDER: Rule = lambda who, state: PASSED if who in OFFICES else DENY  # noqa: E731
SIGNED_IN = _among(set(ACTORS) - {"anonymous"})
JURISDICTION_READ: Rule = lambda who, state: ALLOW if who in READERS else REFUSED  # noqa: E731
UNIT_RECORD: Rule = lambda who, state: ALLOW if who in READERS | {"unit_here"} else REFUSED  # noqa: E731
def UNIT_PAGE(who: str, state: str) -> str:  # noqa: N802  (a unit's own reporters read its page)
    # and the offices whose directory holds it (its tasks in a draft not listed to the one above)
    return ALLOW if who in {"unit_here", "office_parent"} else _on_draft("", EVERYONE)(who, state)

RULES: dict[str, Rule] = {}


def rule(kind: Rule, names: str) -> None:
    for name in names.split():
        RULES[name] = kind


rule(PLAN_PUBLIC, "plans:detail plans:task indicators:plan_targets reports:task_table")
rule(PLAN_PUBLIC, "api:get_plan api:plan_tasks api:plan_progress api:task_indicators api:task_reports")
rule(PUBLIC_PAGE, "reports:public_plan reports:public_print reports:public_xlsx reports:public_project")
rule(PLAN_READ, "progress:dashboard progress:board reports:bulletin reports:supervision")
rule(TASK_READ, "progress:task progress:evidence regions:task_history")
rule(TASK_NOTE, "progress:note")
rule(TASK_REPORT, "progress:report progress:read_progress")
rule(UNIT_PAPERS, "progress:template progress:notice_document")
rule(UNIT_UPLOAD, "progress:workbook progress:workbook_confirm")
rule(SUPERVISE, "plans:state plans:carry_over plans:edit progress:settings progress:remind progress:schedule")
rule(SUPERVISE, "progress:forecast_review")  # 已研判: the plan's own office only
rule(SUPERVISE, "progress:bulletin progress:bulletin_confirm progress:review progress:queue_review")
rule(SUPERVISE, "indicators:add indicators:reextract indicators:edit indicators:delete")
rule(SUPERVISE, "regions:allot regions:upper regions:years")
rule(SUPERVISE, "voting:session voting:turnout voting:roster voting:passwords voting:step voting:rating")
rule(NOT_OPEN, "voting:vote voting:ballot")  # on no deputy's roster yet
rule(lambda who, state: ALLOW if who == "deputy" and state != Plan.State.DRAFT else REFUSED, "voting:rate")
rule(NOBODY, "voting:vote_result voting:rating_result")
rule(JURISDICTION_READ, "regions:rollup api:jurisdiction_rollup")
rule(UNIT_RECORD, "regions:unit_record")
rule(UNIT_PAGE, "plans:unit")
# A unit's notice addresses (robot webhooks, a signing secret): its own office only; an office
# of another level or district does not find the unit, anyone else is refused.
rule(lambda who, state: ALLOW if who == "office_here" else HIDDEN, "progress:unit_addresses")
# Not bound to a plan: what each lists is kept to the actor's reach (tests below and in
# test_security_matrix / test_office_admin); here, who may open them at all.
rule(EVERYONE, "plans:list plans:search reports:public_index voting:propose voting:proposal_status login logout")
rule(EVERYONE, "api:openapi-json api:openapi-view api:list_plans")
rule(lambda who, state: PASSED, "api:api-root")  # the API's root has no page of its own
rule(lambda who, state: PASSED, "accounts:accept")  # a one-time link: a wrong one is 404 for all
rule(SIGNED_IN, "accounts:home")
rule(_among(set(ACTORS) - {"anonymous", "public"}), "progress:mine")  # units, leaders, deputies; offices go on
rule(_among({"deputy"}), "voting:deputy")
rule(ANY_OFFICE, "progress:todo progress:queue progress:review_batch plans:units plans:unit_merge")
rule(ANY_OFFICE, "documents:upload accounts:invite accounts:locked reports:letterhead")
rule(ANY_OFFICE, "voting:proposals voting:sessions voting:rating_new regions:list tokens:list")
# a proposal for 武进区: its office screens it; other offices cannot know it
rule(lambda who, state: ALLOW if who == "office_here" else HIDDEN if who in OFFICES else DENY, "voting:proposal")
rule(OFFICE_PLACEHOLDER, "documents:preview documents:confirm documents:columns documents:teach documents:job")
rule(OFFICE_PLACEHOLDER, "documents:scan_page documents:scan_cell plans:unit_unmerge tokens:revoke")
rule(OFFICE_PLACEHOLDER, "documents:unremember")
rule(_among(set()), "regions:staff_list regions:staff_new regions:staff_jurisdiction")  # administrators only
rule(_among(set()), "regions:staff_deactivate regions:staff_password api:file_task_report")  # a token only


def test_every_url_has_a_neighbour_rule() -> None:
    names = set(_names(__import__("django.urls", fromlist=["get_resolver"]).get_resolver().url_patterns))
    assert names - set(RULES) == set(), "新的网址没有邻居访问规则：请在 RULES 中写明"
    assert set(RULES) - names == set()


def _seat(django_user_model: Any, name: str, place: Jurisdiction) -> Any:
    user = django_user_model.objects.create_user(name, password="pass-123456", is_staff=True)
    OfficeSeat.objects.create(user=user, jurisdiction=place)
    return user


def _world(state: str, django_user_model: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """常州市 with 武进区 (the plan, imported from the real document) and 金坛区 (a plan with its
    own 城管局), a town below 武进区, and one account of each kind."""
    from minsheng.documents.store.services import plan_import
    from minsheng.voting.models import Deputy, RatingSession, VotingSession

    province = Jurisdiction.objects.create(name="江苏省", level=Jurisdiction.Level.PROVINCE)
    city = Jurisdiction.objects.create(name="常州市", level=Jurisdiction.Level.CITY, parent=province)
    wujin = Jurisdiction.objects.create(name="武进区", parent=city)
    jintan = Jurisdiction.objects.create(name="金坛区", parent=city)
    town = Jurisdiction.objects.create(name="湖塘镇", level=Jurisdiction.Level.TOWN, parent=wujin)
    plan = plan_import(path=WUJIN_2026, user=None, state=state).plan
    assert plan.jurisdiction == wujin
    task = Task.objects.get(project__plan=plan, project__name="推进停车便利化")
    unit = Unit.objects.get(name="城管局", jurisdiction=wujin)
    theirs = Unit.objects.create(name="城管局", jurisdiction=jintan)
    their_task = TaskFactory(project=ProjectFactory(plan=PlanFactory(jurisdiction=jintan, title="金坛区2026")))
    TaskUnit.objects.create(task=their_task, unit=theirs, role=TaskUnit.Role.LEAD)
    users = {
        "public": django_user_model.objects.create_user("public", password="pass-123456"),
        "unit_here": django_user_model.objects.create_user("unit_here", password="pass-123456"),
        "unit_sibling": django_user_model.objects.create_user("unit_sibling", password="pass-123456"),
        "office_here": _seat(django_user_model, "office_here", wujin),
        "office_sibling": _seat(django_user_model, "office_sibling", jintan),
        "office_parent": _seat(django_user_model, "office_parent", city),
        "office_child": _seat(django_user_model, "office_child", town),
        "deputy": django_user_model.objects.create_user("deputy", password="pass-123456"),
        "leader": django_user_model.objects.create_user("leader", password="pass-123456"),
    }
    Membership.objects.create(user=users["unit_here"], unit=unit)
    Membership.objects.create(user=users["unit_sibling"], unit=theirs)
    Profile.objects.create(user=users["deputy"], is_deputy=True)
    Deputy.objects.create(user=users["deputy"], name="代表", number="320412001")
    Profile.objects.create(user=users["leader"], leader=task.task_leaders.get().leader)
    report = Report.objects.create(task=task, period_end=datetime.date(2026, 3, 31), version=1, status="in_progress")
    evidence = Evidence.objects.create(
        report=report, file=ContentFile(b"\x89PNG", name="a.png"), name="a.png", content_type="image/png", size=4
    )
    notice = Notice.objects.create(plan=plan, unit=unit, period_end=datetime.date(2026, 3, 31), kind="escalation")
    notice.document.save("n.docx", ContentFile(b"PK"))
    session = VotingSession.objects.create(
        plan=plan, congress="第十七届", name="一次", date=datetime.date(2026, 1, 10), seats=3
    )
    rating = RatingSession.objects.create(plan=plan, title="测评", date=datetime.date(2026, 12, 20))
    objects = {"plan": plan, "task": task, "unit": unit, "report": report, "evidence": evidence, "notice": notice}
    return objects | {"session": session, "rating": rating, "proposal": None, "wujin": wujin}, users


ARGS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "regions:rollup": lambda o: {"pk": o["wujin"].pk},
    "api:jurisdiction_rollup": lambda o: {"jurisdiction_id": o["wujin"].pk},
    "regions:unit_record": lambda o: {"pk": o["unit"].pk},
    "plans:unit": lambda o: {"pk": o["unit"].pk},
    "progress:unit_addresses": lambda o: {"pk": o["unit"].pk},
}


def _url(name: str, objects: dict[str, Any]) -> str:
    if name in ARGS:
        return reverse(name, kwargs=ARGS[name](objects))
    if name == "voting:proposal":
        from minsheng.voting import proposals

        objects["proposal"] = objects["proposal"] or proposals.submit(
            title="增设公交站", content="小区门口", proposer="市民", contact="138", jurisdiction=objects["wujin"]
        )
    return reverse(name, kwargs=URL_RULES[name][1](objects))


def _outcome(response: Any) -> str:
    status = response.status_code
    assert status < 500, response
    if status == 302 and "login" in response["Location"]:
        return "login"
    return {401: "login", 403: DENY, 404: HIDDEN, 405: "method"}.get(status, ALLOW)


def _agrees(expected: str, got: str, actor: str) -> bool:
    if got == "method":  # a method the URL does not take: nothing done, nothing said of the object
        return True
    if expected == ALLOW:
        return got == ALLOW
    if expected == PASSED:
        return got in (ALLOW, HIDDEN)
    if actor == "anonymous":
        return got in ("login", DENY, HIDDEN)
    if expected == HIDDEN:
        return got == HIDDEN or (got == DENY and actor not in OFFICES)
    if expected == REFUSED:
        return got in (DENY, HIDDEN)
    return got == DENY


QUERY = {"plans:state": "?to=closed"}  # the confirmation page asks which step


def _dump() -> list[Any]:
    """What a refused POST must leave as it was."""
    from minsheng.accounts.models import AuditEntry
    from minsheng.indicators.models import Indicator, TargetChange

    return [
        list(Plan.objects.values_list("pk", "state").order_by("pk")),
        list(Indicator.objects.values_list("pk", "value").order_by("pk")),
        list(Report.objects.values_list("pk", "review").order_by("pk")),
        AuditEntry.objects.count(),
        Notice.objects.count(),
        Note.objects.count(),
        TargetChange.objects.count(),
    ]


# The matrix is asked in two halves of about equal cost, each in a world of its own, so that
# CI's two workers share it instead of one waiting on a single long test: the plan's working
# pages, and the rest (papers, votes, the API, accounts). Every URL falls in one half.
WORK_APPS = {"plans", "progress", "regions", "indicators", "documents"}
HALVES = ["work", "rest"]


def _half(name: str) -> str:
    return "work" if name.split(":")[0] in WORK_APPS else "rest"


@pytest.mark.parametrize("half", HALVES)
@pytest.mark.parametrize("state", STATES)
def test_every_url_answers_every_neighbour_as_its_rule_says(state: str, half: str, django_user_model: Any) -> None:
    objects, users = _world(state, django_user_model)
    clients = {"anonymous": Client()}
    for actor, user in users.items():
        clients[actor] = Client()
        clients[actor].force_login(user)
    skipped = {"logout", "api:file_task_report"}  # logging out ends the session; a token-only POST
    urls = {name: _url(name, objects) for name in sorted(set(RULES) - skipped) if _half(name) == half}
    wrong = []
    for name, url in urls.items():
        for actor in ACTORS:
            expected = RULES[name](actor, state)
            got = _outcome(clients[actor].get(url + QUERY.get(name, "")))
            if not _agrees(expected, got, actor):
                wrong.append(f"{name} GET {actor}: expected {expected}, got {got}")
            if expected in (ALLOW, PASSED):
                continue
            before = _dump()
            got = _outcome(clients[actor].post(url))
            if got == "login" and name.startswith("api:"):
                got = "method"  # the API's writes take a token, never a session: 401 to all of these
            if not _agrees(expected, got, actor) or _dump() != before:
                wrong.append(f"{name} POST {actor}: expected {expected}, got {got}")
    assert wrong == [], "\n".join(wrong)
