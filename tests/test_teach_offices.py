"""Each office's imports and teachings are its own (review of teaching by one example): a file one
office imported and taught can be imported and taught by its neighbour as its own plan, and a file
imported again and taught anew replaces the office's draft and the reading it remembered."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from minsheng.documents.models import TaughtReading
from minsheng.plans.models import Plan, SourceDocument, Task

from .test_preview_sure import _cards, _upload
from .test_teach import offices  # noqa: F401  (a fixture, used by name)
from .test_teach_form import CONFIRM, HEADINGS, HEADS, PICKED, UNTAUGHT

BARE = "\n".join(line[3:] for line in PICKED.split("\n"))  # the same tasks picked without their marks


def _confirm(client: Client, preview: str, office: Any, **more: str) -> Any:
    form = CONFIRM | {"place": str(office.office_seat.jurisdiction_id)} | more
    return client.post(preview + "confirm/", form, follow=True)


@pytest.mark.django_db
def test_a_file_the_neighbour_imported_and_taught_is_imported_as_ones_own(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
) -> None:
    wujin, jintan = offices
    client.force_login(wujin)
    preview = _upload(client, "wushui.txt", HEADINGS)
    client.post(preview + "teach/", {"name": HEADS[0], "content": PICKED})
    _confirm(client, preview, wujin)
    ours = Plan.objects.get(jurisdiction__name="武进区")
    client.force_login(jintan)  # the very same file, from the neighbour: nothing of wujin's applies
    preview = _upload(client, "wushui.txt", HEADINGS)
    page = client.get(preview).content.decode()
    assert len(_cards(page)) == UNTAUGHT and "本单位上次确认的读法" not in page
    client.post(preview + "teach/", {"name": HEADS[0], "content": BARE})
    done = _confirm(client, preview, jintan, title="金坛区2030年为民办实事项目")
    assert done.redirect_chain[-1][0].startswith("/plans/"), done.content.decode()[:2000]
    theirs = Plan.objects.get(jurisdiction__name="金坛区")
    assert [p.name for p in theirs.projects.order_by("seq")] == HEADS
    assert SourceDocument.objects.filter(plan=theirs).count() == 1 and SourceDocument.objects.count() == 2
    # wujin's plan and reading are untouched; each office remembers its own
    assert Task.objects.filter(project__plan=ours, content__startswith="(1)").exists()
    assert sorted(TaughtReading.objects.values_list("jurisdiction", flat=True)) == [
        "江苏省/常州市/武进区",
        "江苏省/常州市/金坛区",
    ]


@pytest.mark.django_db
def test_a_file_imported_again_and_taught_anew_replaces_the_draft_and_the_reading(
    client: Client,
    offices: tuple[Any, Any],  # noqa: F811
) -> None:
    wujin, _ = offices
    client.force_login(wujin)
    preview = _upload(client, "wushui.txt", HEADINGS)
    client.post(preview + "teach/", {"name": HEADS[0], "content": PICKED})  # marks kept as picked
    _confirm(client, preview, wujin)
    plan = Plan.objects.get()
    assert Task.objects.filter(project__plan=plan, content="(1)铺设污水支管28公里").exists()
    # the same file again: read as taught, then taught anew without the marks, and the draft replaced
    preview = _upload(client, "wushui.txt", HEADINGS)
    page = client.get(preview).content.decode()
    assert "本单位上次确认的读法" in page and "将替换已有计划" in page
    client.post(preview + "teach/", {"name": HEADS[0], "content": BARE})
    done = _confirm(client, preview, wujin, replace="1")
    assert "已更新计划" in done.content.decode() and Plan.objects.get() == plan
    contents = list(Task.objects.filter(project__plan=plan).values_list("content", flat=True))
    assert "铺设污水支管28公里" in contents and not any(c.startswith("(") for c in contents)
    assert SourceDocument.objects.count() == 1  # the file is kept once
    # the office remembers the last teaching only: next year's page reads without the marks
    assert TaughtReading.objects.count() == 1
    page = client.get(_upload(client, "wushui_2031.txt", HEADINGS.replace("2030", "2031"))).content.decode()
    assert "本单位上次确认的读法" in page and len(_cards(page)) == len(HEADS)
    first = _cards(page)[0]
    assert "铺设污水支管28公里" in first and "(1)" not in first
