"""Every URL of the site has an access rule here, generated from the URL list: a new URL
without a rule fails. For a DRAFT plan's objects, neither an anonymous visitor nor a
logged-in outsider (no unit, no role) gets a 200 from any endpoint, by GET or POST."""

from __future__ import annotations

import datetime
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from minsheng.plans.models import Plan, Task, Unit
from minsheng.progress.models import Evidence, Notice, Report

pytestmark = pytest.mark.django_db

PUBLIC = "public"  # anyone, by design (lists of published plans, the proposal form, login)
OWN = "own"  # a signed-in user's own page: an outsider sees an empty page of their own
GUARDED = "guarded"  # office, the task's units or leaders, deputies: nobody else

# name → (rule, how to fill its arguments from the objects below)
RULES: dict[str, tuple[str, Callable[[dict[str, Any]], dict[str, Any]]]] = {}


def rule(kind: str, names: str, args: Callable[[dict[str, Any]], dict[str, Any]] = lambda o: {}) -> None:
    for name in names.split():
        RULES[name] = (kind, args)


plan = lambda o: {"pk": o["plan"].pk}  # noqa: E731
task = lambda o: {"pk": o["task"].pk}  # noqa: E731
rule(PUBLIC, "plans:list plans:search reports:public_index voting:propose voting:proposal_status login logout")
rule(PUBLIC, "api:openapi-json api:openapi-view api:api-root api:list_plans")
rule(PUBLIC, "accounts:accept", lambda o: {"token": "x" * 43})  # a one-time link; a wrong one is 404
rule(OWN, "progress:mine accounts:home voting:deputy")
rule(GUARDED, "documents:upload accounts:invite voting:proposals voting:sessions voting:rating_new")
rule(GUARDED, "accounts:locked")  # the office unlocks accounts of its reach (issue #25)
rule(GUARDED, "documents:preview documents:confirm documents:columns documents:teach", lambda o: {"token": "0" * 64})
rule(GUARDED, "documents:unremember", lambda o: {"token": "0" * 64})
rule(GUARDED, "documents:job", lambda o: {"pk": uuid.UUID(int=0)})  # its clerk only (test_trust_staging)
rule(GUARDED, "documents:scan_cell", lambda o: {"token": "0" * 64})
rule(GUARDED, "documents:scan_page", lambda o: {"token": "0" * 64, "number": 1})
rule(GUARDED, "reports:letterhead")
rule(GUARDED, "plans:detail indicators:plan_targets progress:dashboard progress:board progress:settings", plan)
rule(GUARDED, "progress:remind progress:workbook progress:workbook_confirm reports:bulletin", plan)
rule(GUARDED, "progress:bulletin progress:bulletin_confirm", plan)
rule(GUARDED, "reports:public_plan reports:public_print reports:public_xlsx", plan)
rule(GUARDED, "plans:task indicators:add indicators:reextract progress:task progress:report", task)
rule(GUARDED, "progress:note progress:schedule progress:read_progress progress:forecast_review", task)
rule(GUARDED, "plans:unit", lambda o: {"pk": o["unit"].pk})
rule(GUARDED, "progress:unit_addresses", lambda o: {"pk": o["unit"].pk})
rule(GUARDED, "reports:public_project", lambda o: {"pk": o["task"].project_id})
rule(GUARDED, "reports:task_table", lambda o: {"pk": o["plan"].pk, "fmt": "docx"})
rule(GUARDED, "progress:template reports:supervision", lambda o: {"pk": o["plan"].pk, "unit_pk": o["unit"].pk})
rule(GUARDED, "indicators:edit indicators:delete", lambda o: {"pk": o["task"].indicators.get().pk})
rule(GUARDED, "progress:review", lambda o: {"pk": o["report"].pk})
rule(GUARDED, "progress:evidence", lambda o: {"pk": o["evidence"].pk})
rule(GUARDED, "progress:notice_document", lambda o: {"pk": o["notice"].pk})
rule(GUARDED, "voting:proposal", lambda o: {"pk": o["proposal"].pk})
rule(GUARDED, "voting:session voting:turnout voting:roster voting:vote", lambda o: {"pk": o["session"].pk})
rule(GUARDED, "voting:ballot", lambda o: {"pk": o["session"].pk})  # the tablet's JSON ballot
rule(GUARDED, "voting:step", lambda o: {"pk": o["session"].pk, "step": "close"})
rule(GUARDED, "voting:vote_result", lambda o: {"pk": o["session"].pk})
rule(GUARDED, "voting:rate voting:rating voting:rating_result", lambda o: {"pk": o["rating"].pk})
rule(GUARDED, "api:get_plan api:plan_progress", lambda o: {"plan_id": o["plan"].pk})
rule(GUARDED, "progress:todo progress:queue progress:review_batch plans:units plans:unit_merge")
rule(GUARDED, "plans:state plans:carry_over plans:edit", plan)
rule(GUARDED, "progress:queue_review", lambda o: {"pk": o["report"].pk})
rule(GUARDED, "plans:unit_unmerge", lambda o: {"pk": 1})
rule(GUARDED, "voting:passwords", lambda o: {"pk": o["session"].pk})
rule(GUARDED, "api:task_indicators", lambda o: {"task_id": o["task"].pk})
# Jurisdictions and the API for other systems (issue #17)
rule(GUARDED, "api:task_reports api:file_task_report", lambda o: {"task_id": o["task"].pk})
rule(GUARDED, "api:plan_tasks", lambda o: {"plan_id": o["plan"].pk})
rule(GUARDED, "api:jurisdiction_rollup", lambda o: {"jurisdiction_id": o["plan"].jurisdiction_id})
rule(GUARDED, "regions:rollup", lambda o: {"pk": o["plan"].jurisdiction_id})
rule(GUARDED, "regions:allot", task)
rule(GUARDED, "regions:upper regions:years", plan)
rule(GUARDED, "regions:task_history", task)
rule(GUARDED, "regions:unit_record", lambda o: {"pk": o["unit"].pk})
rule(GUARDED, "regions:list tokens:list")
rule(GUARDED, "tokens:revoke", lambda o: {"pk": 1})
# The office administrator's pages (issue #25): its accounts and jurisdictions only
rule(GUARDED, "regions:staff_list regions:staff_new regions:staff_jurisdiction")
rule(GUARDED, "regions:staff_deactivate regions:staff_password", lambda o: {"pk": 1})


def _names(patterns: list[Any], namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern) != "admin/":  # the admin has its own staff check
                yield from _names(pattern.url_patterns, pattern.namespace or namespace)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name


def test_every_url_has_a_rule() -> None:
    names = set(_names(get_resolver().url_patterns))
    assert names - set(RULES) == set(), "新的网址没有访问规则：请在 RULES 中写明谁可以访问"
    assert set(RULES) - names == set()


@pytest.fixture
def objects(wujin_plan: Any, django_user_model: Any) -> dict[str, Any]:
    from django.core.files.base import ContentFile

    from minsheng.voting import proposals
    from minsheng.voting.models import RatingSession, VotingSession

    wujin_plan.state = Plan.State.DRAFT
    wujin_plan.save()
    parking = Task.objects.get(project__plan=wujin_plan, project__name="推进停车便利化")
    unit = Unit.objects.get(name="城管局")
    report = Report.objects.create(task=parking, period_end=datetime.date(2026, 3, 31), version=1, status="in_progress")
    evidence = Evidence.objects.create(
        report=report, file=ContentFile(b"\x89PNG", name="a.png"), name="a.png", content_type="image/png", size=4
    )
    notice = Notice.objects.create(
        plan=wujin_plan, unit=unit, period_end=datetime.date(2026, 3, 31), kind="escalation", text="催办"
    )
    notice.document.save("n.docx", ContentFile(b"PK"))
    session = VotingSession.objects.create(
        plan=wujin_plan, congress="第十七届", name="第七次会议", date=datetime.date(2026, 1, 10), seats=3
    )
    rating = RatingSession.objects.create(plan=wujin_plan, title="测评", date=datetime.date(2026, 12, 20))
    proposal = proposals.submit(title="增设公交站", content="小区门口", proposer="市民", contact="138")
    return {"plan": wujin_plan, "task": parking, "unit": unit, "report": report, "evidence": evidence} | {
        "notice": notice,
        "session": session,
        "rating": rating,
        "proposal": proposal,
    }


@pytest.mark.parametrize("name", sorted(n for n, (kind, _) in RULES.items() if kind == GUARDED))
def test_a_drafts_objects_are_closed_to_strangers(name: str, objects: dict[str, Any], outsider: Any) -> None:
    url = reverse(name, kwargs=RULES[name][1](objects))
    anonymous, stranger = Client(), Client()
    stranger.force_login(outsider)
    for client in (anonymous, stranger):
        for method in (client.get, client.post):
            response = method(url)
            assert response.status_code in (302, 401, 403, 404, 405, 422), (name, method, response.status_code)
            if response.status_code == 302:
                assert "login" in response["Location"], (name, response["Location"])


def test_units_of_draft_plans_are_not_found_by_search(client: Any, objects: dict[str, Any], office: Any) -> None:
    page = client.get(reverse("plans:search"), {"q": "城管局"}).content.decode()
    assert reverse("plans:unit", args=[objects["unit"].pk]) not in page
    client.force_login(office)
    page = client.get(reverse("plans:search"), {"q": "城管局"}).content.decode()
    assert reverse("plans:unit", args=[objects["unit"].pk]) in page
