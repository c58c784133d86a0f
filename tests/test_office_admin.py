"""The office administrator's pages (/office/accounts/): a city's administrator manages the
accounts of its city and districts, a district's those of its own district only; sideways is
404, a non-administrator 403; every step is audited and a refusal changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minsheng.accounts.models import AuditEntry, Membership, Profile
from minsheng.plans import access
from minsheng.plans.models import Jurisdiction, Leader, Unit
from minsheng.regions.models import HomeJurisdiction, OfficeSeat
from minsheng.voting.models import Deputy

from .jurisdiction_world import city_world

pytestmark = pytest.mark.django_db

LIST = reverse("regions:staff_list")
NEW = reverse("regions:staff_new")


@pytest.fixture
def world(django_user_model: Any) -> dict[str, Any]:
    world = city_world(django_user_model)
    for office in (world["city_office"], world["offices"][0]):
        OfficeSeat.objects.filter(user=office).update(is_admin=True)
    wujin, xinbei = world["areas"]
    for area in (wujin, xinbei):
        unit = Unit.objects.create(name=f"{area.name}团区委", jurisdiction=area)
        reporter = django_user_model.objects.create_user(f"reporter-{area.pk}", password="unit-pass-123")
        Membership.objects.create(user=reporter, unit=unit)
        world[f"reporter_{area.name}"] = reporter
    return world


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _logs_in(username: str, password: str) -> bool:
    """Through the login page, as the person would (django-axes checks every attempt)."""
    return Client().post(reverse("login"), {"username": username, "password": password}).status_code == 302


def _new(client: Client, **fields: Any) -> Any:
    return client.post(NEW, {"kind": "office", "name": "张三", "email": "", **fields})


def test_it_lists_the_accounts_of_its_jurisdiction_and_below(world: dict[str, Any]) -> None:
    city_page = _client(world["city_office"]).get(LIST).content.decode()
    for user in (world["offices"][0], world["offices"][1], world["reporter_武进区"], world["reporter_新北区"]):
        assert f'id="account-{user.pk}"' in city_page
    district_page = _client(world["offices"][0]).get(LIST).content.decode()
    assert f'id="account-{world["reporter_武进区"].pk}"' in district_page
    for other in (world["offices"][1], world["reporter_新北区"], world["city_office"]):
        assert f'id="account-{other.pk}"' not in district_page


def test_the_list_reads_the_same_number_of_queries_for_more_accounts(world: dict[str, Any]) -> None:
    client = _client(world["city_office"])

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    before = count()
    wujin = world["areas"][0]
    for n, kind in enumerate(["office", "teller", "reporter", "leader", "deputy"]):
        fields = {"kind": kind, "username": f"more{n}", "name": f"王{n}", "jurisdiction": wujin.pk}
        assert _new(client, unit="武进区城管局", deputy_number=f"D{n}", **fields).status_code == 200
    assert count() == before


def test_a_non_administrator_gets_403_and_a_stranger_is_sent_to_log_in(world: dict[str, Any]) -> None:
    for user in (world["offices"][1], world["reporter_武进区"]):  # a seated office without the flag; a unit
        client = _client(user)
        assert client.get(LIST).status_code == 403
        assert _new(client, username="x1", jurisdiction=world["areas"][1].pk).status_code == 403
    assert not get_user_model().objects.filter(username="x1").exists()
    assert "login" in Client().get(LIST)["Location"]


def test_a_siblings_accounts_and_jurisdictions_are_not_found(world: dict[str, Any]) -> None:
    client = _client(world["offices"][0])  # 武进区's administrator
    xinbei = world["areas"][1]
    for other in (world["offices"][1], world["reporter_新北区"], world["city_office"]):
        assert client.post(reverse("regions:staff_deactivate", args=[other.pk])).status_code == 404
        assert client.post(reverse("regions:staff_password", args=[other.pk])).status_code == 404
        other.refresh_from_db()
        assert other.is_active and other.check_password("office-pass-123" if other.is_staff else "unit-pass-123")
    assert _new(client, username="spy", jurisdiction=xinbei.pk).status_code == 404
    assert not get_user_model().objects.filter(username="spy").exists()
    assert not AuditEntry.objects.exists()


def test_it_creates_office_staff_seated_one_level_below_with_a_one_time_password(world: dict[str, Any]) -> None:
    wujin = world["areas"][0]
    response = _new(_client(world["city_office"]), username="wj-clerk", jurisdiction=wujin.pk, is_admin="1")
    password = response.context["password"]
    assert response["Cache-Control"] == "no-store" and password in response.content.decode()
    clerk = get_user_model().objects.get(username="wj-clerk")
    assert access.is_office(clerk) and clerk.office_seat.jurisdiction == wujin and clerk.office_seat.is_admin
    assert _logs_in("wj-clerk", password)
    entry = AuditEntry.objects.get(object_id=str(clerk.pk))
    assert entry.user == world["city_office"] and "武进区" in entry.summary
    assert password not in str(entry.after) + entry.summary


def test_it_refuses_a_taken_user_name_in_chinese_and_changes_nothing(world: dict[str, Any]) -> None:
    client = _client(world["city_office"])
    users = get_user_model().objects.count()
    response = _new(client, username=world["offices"][0].username.upper(), jurisdiction=world["city"].pk)
    assert "已被使用" in response.content.decode()
    response = _new(client, username="", jurisdiction=world["city"].pk)
    assert "用户名：请填写" in response.content.decode()
    assert get_user_model().objects.count() == users and not AuditEntry.objects.exists()


def test_a_unit_reporter_gets_its_unit_in_the_chosen_jurisdiction_and_a_second_joins_it(
    world: dict[str, Any],
) -> None:
    client = _client(world["offices"][0])
    wujin = world["areas"][0]
    for username in ("cg1", "cg2"):
        _new(client, kind="reporter", username=username, jurisdiction=wujin.pk, unit="武进区城管局")
    unit = Unit.objects.get(name="武进区城管局", jurisdiction=wujin)
    assert sorted(m.user.username for m in unit.members.select_related("user")) == ["cg1", "cg2"]
    refused = _new(client, kind="reporter", username="cg3", jurisdiction=wujin.pk, unit="")
    assert "单位填报人须填写单位名称" in refused.content.decode()
    assert not get_user_model().objects.filter(username="cg3").exists()


def test_a_unit_name_held_by_another_jurisdiction_is_a_unit_of_its_own(world: dict[str, Any]) -> None:
    wujin, xinbei = world["areas"][0], world["areas"][1]
    city = _client(world["city_office"])  # the city's administrator places accounts in both districts
    _new(city, kind="reporter", username="xb", jurisdiction=xinbei.pk, unit="团区委")
    _new(_client(world["offices"][0]), kind="reporter", username="wj", jurisdiction=wujin.pk, unit="团区委")
    theirs, ours = (Unit.objects.get(name="团区委", jurisdiction=j) for j in (xinbei, wujin))
    assert theirs != ours
    assert [m.user.username for m in ours.members.select_related("user")] == ["wj"]


def test_it_creates_a_leader_a_deputy_and_a_teller(world: dict[str, Any]) -> None:
    client = _client(world["offices"][0])
    wujin = world["areas"][0]
    _new(client, kind="leader", username="ld", name="王斐", jurisdiction=wujin.pk)
    _new(client, kind="deputy", username="dp", name="李四", jurisdiction=wujin.pk, deputy_number="320412001")
    _new(client, kind="teller", username="tl", name="赵六", jurisdiction=wujin.pk)
    leader = Profile.objects.get(user__username="ld").leader
    assert leader == Leader.objects.get(name="王斐")
    assert HomeJurisdiction.objects.get(user__username="ld").jurisdiction == wujin
    assert Deputy.objects.get(number="320412001").user.profile.is_deputy
    teller = get_user_model().objects.get(username="tl")
    assert access.is_office(teller) and teller.office_seat.duty == OfficeSeat.Duty.TELLER
    again = _new(client, kind="leader", username="ld2", name="王斐", jurisdiction=wujin.pk)
    assert "已有账号" in again.content.decode()
    assert not get_user_model().objects.filter(username="ld2").exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.CREATE).count() == 3


def test_it_creates_jurisdictions_below_its_own_only(world: dict[str, Any]) -> None:
    client = _client(world["offices"][0])
    url = reverse("regions:staff_jurisdiction")
    client.post(url, {"name": "湖塘镇", "level": "town"})
    town = Jurisdiction.objects.get(name="湖塘镇")
    assert town.parent == world["areas"][0] and AuditEntry.objects.filter(object_id=str(town.pk)).exists()
    same_level = client.post(url, {"name": "新区", "level": "county"}).content.decode()
    assert "下级区划的层级须低于它" in same_level
    twice = client.post(url, {"name": "湖塘镇", "level": "town"}).content.decode()
    assert "已有“湖塘镇”" in twice
    assert Jurisdiction.objects.filter(parent=world["areas"][0]).count() == 1


def test_it_deactivates_an_account_and_resets_a_password(world: dict[str, Any]) -> None:
    client = _client(world["offices"][0])
    reporter, admin = world["reporter_武进区"], world["offices"][0]
    response = client.post(reverse("regions:staff_password", args=[reporter.pk]))
    password = response.context["password"]
    reporter.refresh_from_db()
    assert reporter.check_password(password) and not reporter.check_password("unit-pass-123")
    client.post(reverse("regions:staff_deactivate", args=[reporter.pk]))
    assert not _logs_in(reporter.username, password)
    self_stop = client.post(reverse("regions:staff_deactivate", args=[admin.pk]), follow=True)
    assert "不能停用自己的账号" in self_stop.content.decode()
    admin.refresh_from_db()
    assert admin.is_active
    summaries = list(AuditEntry.objects.values_list("summary", flat=True))
    assert any("停用账号" in s for s in summaries) and any("重置账号" in s for s in summaries)


def test_the_todo_page_links_account_management_for_administrators_only(world: dict[str, Any]) -> None:
    assert LIST in _client(world["offices"][0]).get(reverse("progress:todo")).content.decode()
    assert LIST not in _client(world["offices"][1]).get(reverse("progress:todo")).content.decode()


def test_a_seated_superuser_and_an_integrations_user_are_not_an_offices_to_manage(
    world: dict[str, Any], django_user_model: Any
) -> None:
    from minsheng.api.tokens import create_token

    operator = django_user_model.objects.create_superuser("operator", password="operator-pass-123")
    OfficeSeat.objects.create(user=operator, jurisdiction=world["areas"][0])
    token, _ = create_token(user=world["offices"][0], name="大数据局", jurisdiction=world["areas"][0], role="office")
    client = _client(world["city_office"])
    page = client.get(LIST).content.decode()
    for hidden in (operator, token.user):
        assert f'id="account-{hidden.pk}"' not in page
        assert client.post(reverse("regions:staff_password", args=[hidden.pk])).status_code == 404
    operator.refresh_from_db()
    assert operator.check_password("operator-pass-123")


def test_two_tellers_and_a_deputy_made_on_the_page_count_a_paper_ballot(world: dict[str, Any]) -> None:
    import datetime

    from minsheng.plans.models import Project
    from minsheng.voting import services
    from minsheng.voting.models import Ballot, VotingSession
    from minsheng.voting.roster import RosterRow, import_roster

    from .factories import ProjectFactory

    admin, wujin = world["offices"][0], world["areas"][0]
    client = _client(admin)
    for username in ("teller-a", "teller-b"):
        _new(client, kind="teller", username=username, name=username, jurisdiction=wujin.pk)
    _new(client, kind="deputy", username="dp", name="李四", jurisdiction=wujin.pk, deputy_number="320412009")
    plan = world["plans"][0]
    candidate, other = (
        ProjectFactory(plan=plan, name=n, status=Project.Status.CANDIDATE) for n in ("候选一", "候选二")
    )
    vote = VotingSession.objects.create(
        plan=plan, congress="第十七届", name="第七次会议", date=datetime.date(2026, 1, 10), seats=1
    )
    vote.candidates.set([candidate, other])
    import_roster(user=admin, session=vote, rows=[RosterRow(line=2, name="李四", number="320412009")])
    services.open_session(user=admin, session=vote)
    services.issue_paper_ballot(user=admin, session=vote, deputy=Deputy.objects.get(number="320412009"))
    tellers = get_user_model().objects.filter(username__in=["teller-a", "teller-b"]).order_by("username")
    for teller in tellers:
        services.enter_paper_ballot(user=teller, session=vote, serial="001", approvals=[candidate.pk])
    assert Ballot.objects.get(session=vote).paper
