"""Finishing a draft plan in the browser (issue 26, item 5): the plan's own office sets its title,
jurisdiction and year and each task's units, deadline and leaders; bad input is refused naming
the row and field with nothing changed; neighbours are refused; publishing an incomplete plan
asks twice, naming the tasks."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from minsheng.accounts.models import AuditEntry
from minsheng.documents.store.services import plan_import
from minsheng.plans.models import Jurisdiction, Leader, Plan, Project, Task, TaskLeader, TaskUnit, Unit
from minsheng.regions.models import OfficeSeat

pytestmark = pytest.mark.django_db

LIST = "今年将重点办好以下民生实事：\n" + "".join(
    f"{n}. {text}\n"
    for n, text in enumerate(
        ("新建社区食堂12家，方便老年人就近就餐。", "新增公共停车泊位1500个，缓解停车难。", "完成老旧小区改造30个。"),
        start=1,
    )
)


@pytest.fixture
def places(db: None) -> dict[str, Jurisdiction]:
    city = Jurisdiction.objects.create(name="常州市", level=Jurisdiction.Level.CITY)
    return {
        "city": city,
        "wujin": Jurisdiction.objects.create(name="武进区", parent=city),
        "jintan": Jurisdiction.objects.create(name="金坛区", parent=city),
    } | {"town": Jurisdiction.objects.create(name="湖塘镇", level=Jurisdiction.Level.TOWN)}


@pytest.fixture
def offices(places: dict[str, Jurisdiction], django_user_model: Any) -> dict[str, Any]:
    places["town"].parent = places["wujin"]
    places["town"].save()
    made = {}
    for name, place in (("wujin", "wujin"), ("jintan", "jintan"), ("changzhou", "city")):
        made[name] = django_user_model.objects.create_user(name, password="pass-123456", is_staff=True)
        OfficeSeat.objects.create(user=made[name], jurisdiction=places[place])
    return made


def numbered_list_draft(tmp_path: Path, user: Any, name: str = "list.txt") -> Plan:
    path = tmp_path / name
    path.write_text(LIST, encoding="utf-8")
    return plan_import(path=path, user=user).plan


def _rows(plan: Plan) -> list[Task]:
    return list(Task.objects.filter(project__plan=plan).order_by("project__order", "order"))


def _form(plan: Plan, **changes: str) -> dict[str, str]:
    """The editor's form as the page would send it untouched, with `changes` (t1-deadline: row 1)."""
    data = {"title": plan.title, "jurisdiction": str(plan.jurisdiction_id or ""), "year": str(plan.year or "")}
    for n, task in enumerate(_rows(plan), start=1):
        for key in ("lead_units", "partner_units", "deadline", "leaders"):
            data[f"t{task.pk}-{key}"] = changes.pop(f"t{n}-{key}", "")
    return data | changes


def _confirmed(form: dict[str, Any], *names: str) -> dict[str, Any]:
    """The form sent again with the page's 确认新建 for units not yet in the directory."""
    return form | {"confirm_new": "1", "new_unit": list(names)}


def _state() -> list[Any]:
    """Everything an edit could touch."""
    return [
        list(Plan.objects.values_list("pk", "title", "jurisdiction", "year", "state").order_by("pk")),
        list(Task.objects.values_list("pk", "deadline", "due").order_by("pk")),
        list(TaskUnit.objects.values_list("task", "unit", "role", "order").order_by("pk")),
        list(TaskLeader.objects.values_list("task", "leader").order_by("pk")),
        list(Unit.objects.values_list("pk", "name", "jurisdiction").order_by("pk")),
        Leader.objects.count(),
        AuditEntry.objects.count(),
    ]


def test_the_office_completes_a_numbered_list_draft(client: Client, offices: Any, tmp_path: Path) -> None:
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    assert (plan.title, plan.jurisdiction.name) == ("未命名计划", "武进区")  # type: ignore[union-attr]
    known = Unit.objects.create(name="区民政局", jurisdiction=plan.jurisdiction)
    Unit.objects.create(name="区商务局", jurisdiction=Jurisdiction.objects.get(name="金坛区"))  # another body
    client.force_login(offices["wujin"])
    url = reverse("plans:edit", args=[plan.pk])
    page = client.get(url)
    assert page.status_code == 200 and "新建社区食堂12家" in page.content.decode()
    form = _form(
        plan,
        title="2026年武进区民生实事项目",
        year="2026",
        **{"t1-lead_units": "区民政局", "t1-partner_units": "区商务局、各镇（街道、开发区）", "t1-deadline": "6月底"},
        **{"t1-leaders": "张三、李四", "t2-lead_units": "区城管局", "t2-deadline": "2026-09-30"},
    )
    before = _state()
    held = client.post(url, form).content.decode()  # new units are asked about, not made silently
    assert "将新建单位：<strong>区商务局</strong>" in held and "将新建单位：<strong>区城管局</strong>" in held
    assert _state() == before
    new = ("区商务局", "各镇（街道、开发区）", "区城管局")
    assert client.post(url, _confirmed(form, *new))["Location"] == url
    plan.refresh_from_db()
    assert (plan.title, plan.year) == ("2026年武进区民生实事项目", 2026)
    first, second, third = _rows(plan)
    assert [u.pk for u in first.units.filter(taskunit__role="lead")] == [known.pk]  # the existing unit, not a copy
    partners = Unit.objects.filter(taskunit__task=first, taskunit__role="partner").order_by("taskunit__order")
    assert [(u.name, u.jurisdiction) for u in partners] == [
        ("区商务局", plan.jurisdiction),
        ("各镇（街道、开发区）", plan.jurisdiction),
    ]
    assert (first.deadline, str(first.due), second.deadline, str(second.due)) == (
        "6月底",
        "2026-06-30",
        "2026-09-30",
        "2026-09-30",
    )
    assert list(first.leaders.order_by("taskleader__order").values_list("name", flat=True)) == ["张三", "李四"]
    assert Unit.objects.get(name="区城管局").jurisdiction == plan.jurisdiction  # a new name: made in the plan's place
    assert third.due is None and not third.units.exists()
    entry = AuditEntry.objects.filter(summary__startswith="完善草稿计划").get()
    assert (
        entry.after["title"] == "2026年武进区民生实事项目"
        and entry.after["tasks"][str(first.pk)]["lead_units"] == "区民政局"
    )


def test_a_bulk_lead_unit_and_deadline_for_the_selected_tasks(client: Client, offices: Any, tmp_path: Path) -> None:
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    first, second, third = _rows(plan)
    client.force_login(offices["wujin"])
    url = reverse("plans:edit", args=[plan.pk])
    form = _form(plan, bulk="1", bulk_lead_units="区住建局", bulk_deadline="2026年12月底")
    response = client.post(url, _confirmed(form, "区住建局") | {"pick": [str(first.pk), str(third.pk)]})
    assert response.status_code == 302
    leads = {t.pk: list(t.units.values_list("name", flat=True)) for t in _rows(plan)}
    assert leads == {first.pk: ["区住建局"], second.pk: [], third.pk: ["区住建局"]}
    assert [str(t.due) for t in _rows(plan)] == ["2026-12-31", "None", "2026-12-31"]
    # "every task still without one" reaches the rest
    client.post(
        url,
        _form(plan, bulk="1", bulk_deadline="2026年10月底", bulk_empty="1")
        | {f"t{t.pk}-deadline": t.deadline for t in _rows(plan)}
        | {f"t{t.pk}-lead_units": "区住建局" for t in (first, third)},
    )
    assert [str(t.due) for t in _rows(plan)] == ["2026-12-31", "2026-10-31", "2026-12-31"]


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"t2-deadline": "明年春天"}, "第2行（新增公共停车泊位1500个，缓解停车难）“完成时间”：无法识别“明年春天”"),
        ({"title": "  "}, "“计划标题”不能为空"),
        ({"year": "二〇二六"}, "“年度”应为四位年份"),
        ({"jurisdiction": "jintan"}, "“行政区划”：所选区划不在本级及下级范围内"),
        ({"jurisdiction": "city"}, "“行政区划”：所选区划不在本级及下级范围内"),
        ({"t3-lead_units": "局" * 101}, "第3行（完成老旧小区改造30个）“牵头单位”"),
    ],
)
def test_bad_input_is_refused_naming_row_and_field_and_nothing_changes(
    client: Client, offices: Any, places: Any, tmp_path: Path, changes: dict[str, str], message: str
) -> None:
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    client.force_login(offices["wujin"])
    if "jurisdiction" in changes:
        changes = {"jurisdiction": str(places[changes["jurisdiction"]].pk)}
    # row 1 is valid and would be saved: one transaction, so it is not
    form = _form(plan, **{"t1-lead_units": "区民政局", "t1-deadline": "2026年6月底", **changes})
    before = _state()
    response = client.post(reverse("plans:edit", args=[plan.pk]), form)
    assert response.status_code == 422
    assert message in response.content.decode()
    assert 'value="区民政局"' in response.content.decode()  # what the clerk typed stays on the page
    assert _state() == before


def test_a_place_below_the_seat_may_be_chosen_and_the_units_follow_the_plan(
    client: Client, office: Any, places: Any, tmp_path: Path
) -> None:
    """The unseated operator's import has no place; filed under 武进区, its units are 武进区's."""
    plan = numbered_list_draft(tmp_path, office)
    assert plan.jurisdiction is None
    client.force_login(office)
    url = reverse("plans:edit", args=[plan.pk])
    client.post(url, _confirmed(_form(plan, **{"t1-lead_units": "区民政局"}), "区民政局"))
    assert Unit.objects.get(name="区民政局").jurisdiction is None
    mine = Unit.objects.create(name="区民政局", jurisdiction=places["wujin"])
    assert (
        client.post(url, _form(plan, jurisdiction=str(places["wujin"].pk), **{"t1-lead_units": "区民政局"})).status_code
        == 302
    )
    assert list(_rows(plan)[0].units.all()) == [mine]


def test_neighbours_are_refused_and_nothing_changes(
    client: Client, offices: Any, tmp_path: Path, member: Any, django_user_model: Any
) -> None:
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    Unit.objects.create(name="区民政局", jurisdiction=plan.jurisdiction)
    unit_user = member("区民政局")
    url = reverse("plans:edit", args=[plan.pk])
    form = _form(plan, title="被改的标题", **{"t1-lead_units": "区民政局"})
    # a draft is its office's working copy: the city above cannot know it exists either
    for who, expected in (("jintan", 404), ("changzhou", 404), ("unit", 404), ("anonymous", 302)):
        asker = Client()
        if who != "anonymous":
            asker.force_login(unit_user if who == "unit" else offices[who])
        before = _state()
        got, sent = asker.get(url), asker.post(url, form)
        assert (got.status_code, sent.status_code) == (expected, expected), who
        if expected == 302:
            assert "login" in got["Location"] and "login" in sent["Location"]
        assert _state() == before, who
    for state in (Plan.State.PUBLISHED,):  # the city above reads a published plan, never edits it
        Plan.objects.filter(pk=plan.pk).update(state=state)
        asker = Client()
        asker.force_login(offices["changzhou"])
        assert asker.post(url, form).status_code == 403


def test_a_published_plan_is_not_edited_here(client: Client, offices: Any, tmp_path: Path) -> None:
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    Plan.objects.filter(pk=plan.pk).update(state=Plan.State.PUBLISHED)
    client.force_login(offices["wujin"])
    url = reverse("plans:edit", args=[plan.pk])
    assert client.get(url)["Location"] == reverse("plans:detail", args=[plan.pk])
    before = _state()
    client.post(url, _form(plan, title="发布后改标题"))
    assert _state() == before


def test_the_editor_page_reads_in_queries_that_do_not_grow_with_tasks(
    client: Client, offices: Any, tmp_path: Path
) -> None:
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    client.force_login(offices["wujin"])
    url = reverse("plans:edit", args=[plan.pk])
    client.post(url, _confirmed(_form(plan, **{"t1-lead_units": "区民政局", "t1-leaders": "张三"}), "区民政局"))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = count()
    project = Project.objects.filter(plan=plan).first()
    assert project is not None
    for n in range(40):
        task = Task.objects.create(project=project, order=100 + n, content=f"任务{n}")
        TaskUnit.objects.create(task=task, unit=Unit.objects.get(name="区民政局"), role="lead")
    assert count() == few


def test_publishing_an_incomplete_draft_names_the_tasks_and_asks_twice(
    client: Client, offices: Any, tmp_path: Path
) -> None:
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    client.force_login(offices["wujin"])
    state_url = reverse("plans:state", args=[plan.pk])
    page = client.get(state_url + "?to=published").content.decode()
    assert "标题仍为“未命名计划”" in page and "未设置年度" in page
    assert "3 条任务没有牵头单位" in page and "新增公共停车泊位1500个，缓解停车难：新增公共停车泊位1500个" in page
    refused = client.post(state_url, {"to": "published"})
    assert refused.status_code == 422 and "请确认后再发布" in refused.content.decode()
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.DRAFT
    client.post(
        reverse("plans:edit", args=[plan.pk]),
        _confirmed(
            _form(
                plan,
                title="2026年武进区民生实事项目",
                year="2026",
                bulk="1",
                bulk_lead_units="区民政局",
                bulk_deadline="2026年12月底",
                bulk_empty="1",
            ),
            "区民政局",
        ),
    )
    plan.refresh_from_db()
    page = client.get(state_url + "?to=published").content.decode()
    assert 'id="gaps"' not in page
    assert client.post(state_url, {"to": "published"}).status_code == 302
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.PUBLISHED


def test_the_clerk_may_publish_anyway_once_told(client: Client, offices: Any, tmp_path: Path) -> None:
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    client.force_login(offices["wujin"])
    assert client.post(reverse("plans:state", args=[plan.pk]), {"to": "published", "anyway": "1"}).status_code == 302
    assert Plan.objects.get(pk=plan.pk).state == Plan.State.PUBLISHED


def test_a_place_below_the_seat_hands_the_draft_to_that_office(
    client: Client, offices: Any, places: Any, tmp_path: Path
) -> None:
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    client.force_login(offices["wujin"])
    url = reverse("plans:edit", args=[plan.pk])
    form = _confirmed(_form(plan, jurisdiction=str(places["town"].pk), **{"t1-lead_units": "镇民政办"}), "镇民政办")
    response = client.post(url, form, follow=True)
    assert response.redirect_chain[-1][0] == reverse("plans:list")
    assert "计划已归入湖塘镇" in response.content.decode() and "发布后本级可以查看" in response.content.decode()
    assert Unit.objects.get(name="镇民政办").jurisdiction == places["town"]  # the town's unit
    # the town's draft now: the district meets it once the town publishes it
    assert client.get(url).status_code == 404
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 404
    Plan.objects.filter(pk=plan.pk).update(state=Plan.State.PUBLISHED)
    assert client.get(reverse("plans:detail", args=[plan.pk])).status_code == 200


def test_a_name_with_the_place_word_is_the_known_unit_and_new_names_are_confirmed(
    client: Client, offices: Any, places: Any, tmp_path: Path
) -> None:
    """区城管局 and 武进区城管局 are 武进区's 城管局; 市城管局 is the city's bureau and 城管所 a new
    name: those two are only made after the clerk confirms, and the page names the close ones."""
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    known = Unit.objects.create(name="城管局", jurisdiction=places["wujin"])
    Unit.objects.create(name="城管局", jurisdiction=places["jintan"])  # the sibling's: never offered
    client.force_login(offices["wujin"])
    url = reverse("plans:edit", args=[plan.pk])
    page = client.get(url).content.decode()
    assert 'placeholder="如：城管局"' in page and "区民政局" not in page
    form = _form(plan, **{"t1-lead_units": "区城管局", "t2-lead_units": "武进区城管局"})
    assert client.post(url, form).status_code == 302
    assert [list(t.units.all()) for t in _rows(plan)[:2]] == [[known], [known]]
    assert Unit.objects.filter(jurisdiction=places["wujin"]).count() == 1
    form = _form(plan, **{"t1-lead_units": "区城管局", "t2-lead_units": "市城管局", "t3-lead_units": "城管所"})
    before = _state()
    held = client.post(url, form)
    page = held.content.decode()
    assert held.status_code == 200 and _state() == before
    assert "将新建单位：<strong>市城管局</strong>（相近的已有单位：城管局" in page and "城管所" in page
    assert 'value="城管所"' in page  # what the clerk typed stays
    assert client.post(url, form | {"new_unit": ["市城管局", "城管所"]}).status_code == 200  # 保存, not 确认
    assert client.post(url, _confirmed(form, "市城管局")).status_code == 200  # 城管所 not confirmed
    assert _state() == before
    assert client.post(url, _confirmed(form, "市城管局", "城管所")).status_code == 302
    assert set(Unit.objects.filter(jurisdiction=places["wujin"]).values_list("name", flat=True)) == {
        "城管局",
        "市城管局",
        "城管所",
    }


@pytest.mark.parametrize("deadline", ["2026-02-30", "2026年2月30日", "2月29日", "2026.4.31"])
def test_a_day_its_month_does_not_have_is_refused(client: Client, offices: Any, tmp_path: Path, deadline: str) -> None:
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    client.force_login(offices["wujin"])
    before = _state()
    response = client.post(reverse("plans:edit", args=[plan.pk]), _form(plan, year="2026", **{"t2-deadline": deadline}))
    assert response.status_code == 422 and _state() == before
    assert "第2行（新增公共停车泊位1500个，缓解停车难）“完成时间”" in response.content.decode()
    assert "不存在（该月没有这一天）" in response.content.decode()


def test_a_deadline_outside_the_plans_year_is_taken_with_a_warning(
    client: Client, offices: Any, tmp_path: Path
) -> None:
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    client.force_login(offices["wujin"])
    url = reverse("plans:edit", args=[plan.pk])
    form = _form(plan, year="2026", **{"t1-deadline": "2025年12月底", "t2-deadline": "2026年6月底"})
    page = client.post(url, form, follow=True).content.decode()
    assert str(_rows(plan)[0].due) == "2025-12-31"
    assert "请核对：第1行（新建社区食堂12家，方便老年人就近就餐）“完成时间”“2025年12月底”在2025年" in page
    assert "第2行" not in page.split("请核对")[1][:200]


def test_a_draft_without_year_or_place_says_so_instead_of_a_bare_year_mark(
    client: Client, offices: Any, tmp_path: Path
) -> None:
    """A list imported with no year printed read `武进区 · 年 · 草稿`: the page now names what is missing."""
    plan = numbered_list_draft(tmp_path, offices["wujin"])
    Plan.objects.filter(pk=plan.pk).update(year=None)
    client.force_login(offices["wujin"])
    for url in (reverse("plans:detail", args=[plan.pk]), reverse("plans:list")):
        page = client.get(url).content.decode()
        assert "年度未填" in page and " · 年 · " not in page, url
