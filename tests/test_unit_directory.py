"""The directory of units: suggested merges by normalised name, merge (audited) and its undo,
collective entries never invited, aliases honoured by the next import; outsiders get 403."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from minsheng.accounts.models import AuditEntry, Invite, Membership
from minsheng.plans.directory import DirectoryError, is_collective, normalize
from minsheng.plans.models import Jurisdiction, Leader, TaskUnit, Unit
from minsheng.progress.unit_merge import unit_merge, unit_unmerge

from .factories import PlanFactory, ProjectFactory, UnitFactory, full_task

pytestmark = pytest.mark.django_db


def test_names_are_normalised_and_collectives_recognised() -> None:
    assert normalize("区城管局") == normalize("城管局") == "城管局"
    assert normalize("市城管局") != normalize("城管局")  # the city's bureau is another body
    assert normalize("区 卫健局") == "卫健局" and normalize("区委") == "区委"
    assert is_collective("各镇（街道）") and is_collective("各辖市、区") and not is_collective("城管局")


def _two_plans() -> tuple[Unit, Unit, Any]:
    leader = Leader.objects.create(name="领导")
    keep, other = UnitFactory(name="城管局"), UnitFactory(name="区城管局")
    old = full_task(ProjectFactory(plan=PlanFactory(year=2025)), other, leader)
    both = full_task(ProjectFactory(plan=PlanFactory()), keep, leader)
    TaskUnit.objects.create(task=both, unit=other, role=TaskUnit.Role.LEAD, order=1)  # same task, both names
    return keep, other, old


def test_it_merges_and_undoes(office: Any, django_user_model: Any) -> None:
    keep, other, old = _two_plans()
    other_pk = other.pk
    reporter = django_user_model.objects.create_user("r")
    Membership.objects.create(user=reporter, unit=other)
    entry = unit_merge(user=office, keep=keep, other=other)
    assert not Unit.objects.filter(name="区城管局").exists()
    assert Unit.objects.get(pk=keep.pk).aliases == ["区城管局"]
    assert TaskUnit.objects.filter(task=old, unit=keep, role="lead").exists()
    assert Membership.objects.get(user=reporter).unit == keep
    assert entry.user == office and entry.summary == "合并单位：区城管局 → 城管局"
    links_after_merge = TaskUnit.objects.count()
    restored = unit_unmerge(user=office, entry=entry)
    assert (restored.pk, restored.name) == (other_pk, "区城管局")
    assert TaskUnit.objects.filter(unit=restored).count() == 2 and TaskUnit.objects.count() == links_after_merge + 1
    assert Membership.objects.get(user=reporter).unit == restored and Unit.objects.get(pk=keep.pk).aliases == []
    with pytest.raises(DirectoryError, match="已撤销过"):
        unit_unmerge(user=office, entry=entry)


def test_it_refuses_outsiders_and_collectives(office: Any, outsider: Any) -> None:
    keep, other, _ = _two_plans()
    with pytest.raises(DirectoryError):
        unit_merge(user=outsider, keep=keep, other=other)
    with pytest.raises(DirectoryError, match="集体"):
        unit_merge(user=office, keep=keep, other=UnitFactory(name="各镇（街道）"))
    assert Unit.objects.filter(name="区城管局").exists() and not AuditEntry.objects.exists()


def test_the_directory_page_suggests_and_merges(client: Client, office: Any) -> None:
    keep, other, _ = _two_plans()
    other_pk = other.pk
    UnitFactory(name="各镇（街道）")
    client.force_login(office)
    page = client.get(reverse("plans:units")).content.decode()
    assert f'data-keep="{keep.pk}"' in page and "将“区城管局”" in page and "集体名称（不邀请）" in page
    client.post(reverse("plans:unit_merge"), {"keep": keep.pk, "other": other.pk})
    assert not Unit.objects.filter(pk=other_pk).exists()
    entry = AuditEntry.objects.get(summary__startswith="合并单位")
    client.post(reverse("plans:unit_unmerge", args=[entry.pk]))
    assert Unit.objects.filter(pk=other_pk).exists()


def test_invitations_pick_from_the_directory(client: Client, office: Any) -> None:
    keep, other, _ = _two_plans()
    unit_merge(user=office, keep=keep, other=other)
    UnitFactory(name="各镇（街道）")
    client.force_login(office)
    page = client.get(reverse("accounts:invite")).content.decode()
    assert '<option value="城管局">又名 区城管局</option>' in page and "各镇（街道）" not in page
    client.post(reverse("accounts:invite"), {"unit": "区城管局", "name": "张三"})  # an alias finds the unit
    assert Invite.objects.get().unit == keep
    refused = client.post(reverse("accounts:invite"), {"unit": "各镇（街道）", "name": "李四"}).content.decode()
    assert "集体名称" in refused and Invite.objects.count() == 1


def test_an_alias_in_a_new_import_is_filed_under_its_unit(office: Any) -> None:
    from minsheng.documents.store.services import plan_import

    from .conftest import WUJIN_2026

    wujin = Jurisdiction.objects.create(name="武进区")  # the place the plan's title names
    keep = UnitFactory(name="区城管局", jurisdiction=wujin)
    keep.aliases = ["城管局"]
    keep.save()
    elsewhere = UnitFactory(name="区教育局", jurisdiction=Jurisdiction.objects.create(name="金坛区"))
    elsewhere.aliases = ["教育局"]  # another district's alias names another body
    elsewhere.save()
    plan = plan_import(path=WUJIN_2026, user=None).plan
    assert plan.jurisdiction == wujin
    assert not Unit.objects.filter(name="城管局").exists()
    assert TaskUnit.objects.filter(task__project__plan=plan, unit=keep).exists()
    assert Unit.objects.get(name="教育局").jurisdiction == wujin
    assert not TaskUnit.objects.filter(task__project__plan=plan, unit=elsewhere).exists()


@pytest.mark.parametrize("n", [2, 12])
def test_directory_queries_do_not_grow(client: Client, office: Any, django_assert_max_num_queries: Any, n: int) -> None:
    leader = Leader.objects.create(name="领导")
    plan = PlanFactory()
    for i in range(n):
        full_task(ProjectFactory(plan=plan), UnitFactory(name=f"区单位{i}局"), leader)
        UnitFactory(name=f"单位{i}局")
    client.force_login(office)
    with django_assert_max_num_queries(8):
        assert client.get(reverse("plans:units")).status_code == 200


def test_outsiders_get_403(client: Client, outsider: Any) -> None:
    keep, other, _ = _two_plans()
    client.force_login(outsider)
    assert client.get(reverse("plans:units")).status_code == 403
    assert client.post(reverse("plans:unit_merge"), {"keep": keep.pk, "other": other.pk}).status_code == 403
    assert client.post(reverse("plans:unit_unmerge", args=[1])).status_code == 403
    assert Unit.objects.filter(pk=other.pk).exists()


@pytest.mark.parametrize(
    ("known", "made"),
    [
        (["城管局", "教育局"], "低空经济发展中心"),  # a directory of bare names: the new one is bare too
        (["区城管局", "区教育局"], "区低空经济发展中心"),  # one that keeps the word: so does the new one
    ],
)
def test_a_new_unit_is_named_the_way_the_directory_names_its_units(known: list[str], made: str) -> None:
    from minsheng.plans.directory import NameLookup

    wujin = Jurisdiction.objects.create(name="武进区", level=Jurisdiction.Level.COUNTY)
    for name in known:
        UnitFactory(name=name, jurisdiction=wujin)
    lookup = NameLookup(Unit, wujin)
    assert lookup.new_name("区低空经济发展中心") == made
    new = lookup("区低空经济发展中心")
    assert new.name == made and new.jurisdiction == wujin
    assert NameLookup(Unit, wujin)("区低空经济发展中心") == new  # the printed name files under it next time
    assert lookup("区城管局").name == known[0] and lookup("市城管局").name == "市城管局"  # the city's: another body


@pytest.mark.parametrize(
    "printed", ["常州市武进区人社局", "常州武进区人社局", "江苏省常州市武进区人社局", "武进人社局"]
)
def test_a_unit_named_after_the_places_above_is_the_known_one(printed: str) -> None:
    """A name that spells out the places above the plan's own (常州市武进区人社局) is its own
    place's unit, not a new one; a name of the place above alone (常州市人社局) is the city's."""
    from minsheng.plans.directory import NameLookup

    province = Jurisdiction.objects.create(name="江苏省", level=Jurisdiction.Level.PROVINCE)
    city = Jurisdiction.objects.create(name="常州市", level=Jurisdiction.Level.CITY, parent=province)
    wujin = Jurisdiction.objects.create(name="武进区", level=Jurisdiction.Level.COUNTY, parent=city)
    known = UnitFactory(name="人社局", jurisdiction=wujin)
    UnitFactory(name="城管局", jurisdiction=wujin)
    lookup = NameLookup(Unit, wujin)
    assert lookup(printed) == known
    assert lookup("常州市人社局") != known and lookup.new_name("常州市人社局") == "常州市人社局"
