"""The scripted attack of issue #25: each finding, repeated by the second district's office and
unit (金坛区 against 武进区, both under 常州市), refused every time. The page-by-page refusals
are in test_security_neighbours' matrix; here are the findings a status code does not show."""

from __future__ import annotations

import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import Invite, Membership
from minsheng.documents.errors import DocumentError
from minsheng.documents.models import ColumnMapping
from minsheng.documents.store.services import plan_import
from minsheng.indicators.services import indicator_save
from minsheng.plans.models import Jurisdiction, Plan, Task, TaskUnit, Unit
from minsheng.plans.services import PlanStateError, plan_close
from minsheng.progress.models import Note, Report
from minsheng.progress.services import Filing, ProgressError, add_note, file_report, recount

from .conftest import WUJIN_2026
from .test_security_neighbours import _seat, _world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_user_model: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    return _world(Plan.State.PUBLISHED, django_user_model)


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_sibling_office_reads_only_approved_progress_through_the_api(world: Any) -> None:
    objects, users = world
    parking = objects["task"].indicators.get()
    report = objects["report"]
    report.figures.create(indicator=parking, actual=Decimal(900))
    recount(objects["task"])  # as filing does: the latest version counts
    url = reverse("api:plan_progress", kwargs={"plan_id": objects["plan"].pk})
    own = _client(users["office_here"]).get(url + "?basis=filed").json()
    theirs = _client(users["office_sibling"]).get(url + "?basis=filed").json()
    public = Client().get(url).json()
    # the plan's office may count the report awaiting review, when it asks (the default counts
    # approved reports, as the roll-up does: #31 finding 2)
    assert own["reported"] == 1 and _client(users["office_here"]).get(url).json()["reported"] == 0
    assert theirs == public and theirs["reported"] == 0  # the sibling reads what the public does
    listed = _client(users["office_sibling"]).get(reverse("api:task_reports", kwargs={"task_id": objects["task"].pk}))
    assert listed.json() == []  # versions awaiting review are the district's own


def test_the_sibling_office_cannot_note_change_a_target_or_file(world: Any) -> None:
    objects, users = world
    task, sibling = objects["task"], users["office_sibling"]
    target = task.indicators.get()
    with pytest.raises(PermissionDenied):
        indicator_save(user=sibling, task=task, data={"value": Decimal(1)}, indicator=target)
    with pytest.raises(PermissionDenied):
        add_note(user=sibling, task=task, text="督办")
    filing = Filing(period_end=datetime.date(2026, 3, 31), status="in_progress", narrative="", figures={})
    with pytest.raises(PermissionDenied):
        file_report(user=users["unit_sibling"], task=task, filing=filing)
    page = _client(sibling).post(reverse("indicators:edit", args=[target.pk]), {"value": "1", "name": "x"})
    assert page.status_code == 403
    target.refresh_from_db()
    assert target.value == Decimal(1500) and not Note.objects.exists() and Report.objects.count() == 1


def test_a_draft_task_takes_no_note_from_a_neighbour(django_user_model: Any) -> None:
    objects, users = _world(Plan.State.DRAFT, django_user_model)
    for actor in ("office_sibling", "unit_here", "unit_sibling"):
        response = _client(users[actor]).post(reverse("progress:note", args=[objects["task"].pk]), {"text": "x"})
        assert response.status_code == 404, actor
    with pytest.raises((PermissionDenied, ProgressError)):
        add_note(user=users["office_sibling"], task=objects["task"], text="x")
    assert not Note.objects.exists()


def test_an_office_cannot_import_another_districts_plan(world: Any, tmp_path: Path) -> None:
    from minsheng.reports.tasktable import task_table_docx

    objects, users = world
    copy = tmp_path / "武进区任务分解表.docx"  # the same plan in other bytes: the task table as exported
    copy.write_bytes(task_table_docx(objects["plan"]))
    jurisdictions = Jurisdiction.objects.count()
    with pytest.raises(DocumentError, match="不是本级（金坛区）"):
        plan_import(path=copy, user=users["office_sibling"], replace=True)
    assert Jurisdiction.objects.count() == jurisdictions and Jurisdiction.objects.filter(name="武进区").count() == 1
    assert Plan.objects.filter(jurisdiction__name="金坛区").count() == 1  # its own, nothing added


def test_a_copy_under_another_title_is_not_a_way_into_the_other_district(world: Any, tmp_path: Path) -> None:
    objects, users = world
    # the very file 武进 stored: the city office is refused as for any page naming another place
    # (what the file itself says), never told another office holds it, nor which plan
    plans = list(Plan.objects.values_list("pk", "title"))
    with pytest.raises(DocumentError, match="不是本级（常州市）") as refused:
        plan_import(path=WUJIN_2026, user=users["office_parent"])
    assert "其他督查室" not in str(refused.value) and "编号" not in str(refused.value)
    assert list(Plan.objects.values_list("pk", "title")) == plans


def test_a_column_map_is_kept_under_the_seat_that_made_it(world: Any) -> None:
    from minsheng.documents.store.place import map_owner

    _, users = world
    assert map_owner(users["office_here"]) == "江苏省/常州市/武进区"
    assert map_owner(users["office_sibling"]) == "江苏省/常州市/金坛区"
    assert map_owner(None) is None  # the command line reads the document's place, as before
    ColumnMapping.objects.create(jurisdiction=map_owner(users["office_sibling"]) or "", header_key="k", columns={})
    from minsheng.documents.store.remember import remembered_maps

    assert remembered_maps(map_owner(users["office_here"]) or "")("k") is None
    assert remembered_maps(map_owner(users["office_sibling"]) or "")("k") is not None


def test_an_office_of_another_province_neither_closes_nor_sees_the_step(
    world: Any, django_user_model: Any
) -> None:
    objects, _ = world
    other = Jurisdiction.objects.create(name="杭州市", level=Jurisdiction.Level.CITY)
    foreign = _seat(django_user_model, "hangzhou", other)
    with pytest.raises(PlanStateError):
        plan_close(user=foreign, plan=objects["plan"])
    client = _client(foreign)
    assert client.post(reverse("plans:state", args=[objects["plan"].pk]), {"to": "closed"}).status_code == 403
    draft = Plan.objects.create(jurisdiction=objects["wujin"], year=2027, title="武进区2027年草稿")
    assert client.get(reverse("plans:state", args=[draft.pk]) + "?to=published").status_code == 404
    assert Plan.objects.get(pk=objects["plan"].pk).state == Plan.State.PUBLISHED


def test_todo_lists_only_the_offices_own_plans(world: Any) -> None:
    objects, users = world
    theirs = _client(users["office_sibling"]).get(reverse("progress:todo")).content.decode()
    own = _client(users["office_here"]).get(reverse("progress:todo")).content.decode()
    assert objects["plan"].title in own and objects["plan"].title not in theirs
    assert "金坛区2026" in theirs


def test_units_of_the_same_name_in_two_districts_are_two_units(world: Any) -> None:
    objects, users = world
    assert Unit.objects.filter(name="城管局").count() == 2
    theirs = Unit.objects.get(name="城管局", jurisdiction__name="金坛区")
    assert not TaskUnit.objects.filter(task__project__plan=objects["plan"], unit=theirs).exists()
    # the sibling's reporter sees no task of 武进 as its own
    page = _client(users["unit_sibling"]).get(reverse("progress:mine")).content.decode()
    assert objects["task"].content[:12] not in page


def test_invitations_and_pickers_keep_to_the_offices_units(world: Any) -> None:
    objects, users = world
    here = _client(users["office_here"])
    here.post(reverse("accounts:invite"), {"unit": "城管局", "name": "张三"})
    invite = Invite.objects.get()
    assert invite.unit == objects["unit"]  # 武进's 城管局, not 金坛's of the same name
    theirs = _client(users["office_sibling"])
    page = theirs.get(reverse("accounts:invite")).content.decode()
    assert "张三" not in page
    refused = theirs.post(reverse("accounts:invite"), {"unit": str(objects["unit"].pk), "name": "李四"})
    assert Invite.objects.count() == 1 and "名录中没有" in refused.content.decode()
    from minsheng.voting.forms import ScreeningForm, scoped

    form = scoped(ScreeningForm(), users["office_sibling"])
    units = set(form.fields["lead_unit"].queryset)  # type: ignore[attr-defined]
    plans = set(form.fields["plan"].queryset)  # type: ignore[attr-defined]
    assert objects["unit"] not in units and units and objects["plan"] not in plans


def test_a_reporter_of_the_sibling_unit_cannot_file_on_this_districts_task(world: Any) -> None:
    objects, users = world
    client = _client(users["unit_sibling"])
    response = client.post(reverse("progress:report", args=[objects["task"].pk]), {"period_end": "2026-03-31"})
    assert response.status_code == 403 and Report.objects.count() == 1
    assert client.get(reverse("progress:workbook", args=[objects["plan"].pk])).status_code == 403
    assert Membership.objects.filter(user=users["unit_sibling"], unit=objects["unit"]).count() == 0
    assert Task.objects.filter(task_units__unit__members__user=users["unit_sibling"]).count() == 1


def test_a_proposal_is_screened_by_the_office_it_was_proposed_to(world: Any) -> None:
    from minsheng.voting import proposals
    from minsheng.voting.services import VotingError

    objects, users = world
    jintan = Jurisdiction.objects.get(name="金坛区")
    theirs = proposals.submit(title="东门菜市场加装雨棚", content="东门", proposer="市民", contact="13800000000",
                              jurisdiction=jintan)
    wujin = _client(users["office_here"])
    assert "雨棚" not in wujin.get(reverse("voting:proposals")).content.decode()
    assert "13800000000" not in wujin.get(reverse("voting:proposal", args=[theirs.pk])).content.decode()
    assert wujin.get(reverse("voting:proposal", args=[theirs.pk])).status_code == 404
    with pytest.raises(VotingError):
        proposals.reject(user=users["office_here"], proposal=theirs, reason="不采纳")
    assert "雨棚" in _client(users["office_sibling"]).get(reverse("voting:proposals")).content.decode()
    theirs.refresh_from_db()
    assert theirs.status == theirs.Status.RECEIVED and not theirs.reason


def test_pages_offer_only_what_the_gate_allows(world: Any) -> None:
    """No button or link that answers 403: the sibling and the office above are offered neither
    closing the plan nor its supervision settings, 催报 or the bulletin upload."""
    objects, users = world
    plan = objects["plan"]
    close = reverse("plans:state", args=[plan.pk]) + "?to=closed"
    assert close in _client(users["office_here"]).get(reverse("plans:detail", args=[plan.pk])).content.decode()
    for actor in ("office_sibling", "office_parent"):
        page = _client(users[actor]).get(reverse("plans:detail", args=[plan.pk])).content.decode()
        assert close not in page and reverse("regions:years", args=[plan.pk]) not in page, actor
    above = _client(users["office_parent"]).get(reverse("progress:dashboard", args=[plan.pk])).content.decode()
    for name in ("progress:settings", "progress:remind", "progress:bulletin"):
        assert reverse(name, args=[plan.pk]) not in above, name
    own = _client(users["office_here"]).get(reverse("progress:dashboard", args=[plan.pk])).content.decode()
    assert all(reverse(n, args=[plan.pk]) in own for n in ("progress:settings", "progress:remind"))
