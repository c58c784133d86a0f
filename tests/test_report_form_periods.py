"""The filing form offers every period of the year so far; a unit that picks an earlier period (to
correct May's report in July) files a new version of that period as the page showed it, not a
conflict with its own report: the form knew only the current period's version before, so the
earlier period's newer version read as somebody else's update and the form could never file it."""

from __future__ import annotations

import datetime
from decimal import Decimal
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from minsheng.progress import services
from minsheng.progress.models import Report

from .browser import sign_in

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")
MAY_31 = datetime.date(2026, 5, 31)


class _FormInputs(HTMLParser):
    """The report form's inputs as a browser would send them (hidden ones and their values)."""

    def __init__(self) -> None:
        super().__init__()
        self.inside, self.values = False, {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if tag == "form":
            self.inside = named.get("id") == "report-form"
        elif self.inside and tag == "input" and named.get("name") and named.get("type") != "file":
            self.values[named["name"]] = named.get("value") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False


def _page_inputs(client: Any, task: Any) -> dict[str, str]:
    response = client.get(reverse("progress:task", args=[task.pk]))
    assert response.status_code == 200
    parser = _FormInputs()
    parser.feed(response.content.decode())
    return parser.values


def _may_form(client: Any, task: Any, actual: str, words: str) -> dict[str, str]:
    """The task page's form as a browser would send it, with May picked and corrected to `actual`."""
    data = _page_inputs(client, task)
    data.update({"period_end": MAY_31.isoformat(), "status": "in_progress", "narrative": words})
    data[f"fig_{task.indicators.get().pk}"] = actual
    return data


def _filed_may(client: Any, task: Any, data: dict[str, str]) -> Report:
    """Send the form; it must file (the page's alerts say why not), and May's newest version is it."""
    response = client.post(reverse("progress:report", args=[task.pk]), data)
    assert response.status_code == 302, [line for line in response.content.decode().splitlines() if "alert" in line]
    return Report.objects.filter(task=task, period_end=MAY_31).order_by("-version").first()


def _file(user: Any, task: Any, period: datetime.date, actual: int, version: int, words: str = "推进中") -> Report:
    target = task.indicators.get()
    filing = services.Filing(period, "in_progress", words, {target.pk: Decimal(actual)}, base_version=version)
    return services.file_report(user=user, task=task, filing=filing)


def test_an_earlier_period_is_filed_as_its_own_next_version(client: Any, member: Any, parking_task: Any) -> None:
    lead = member("城管局")
    with time_machine.travel(datetime.datetime(2026, 6, 8, 10, 0, tzinfo=SHANGHAI), tick=False):
        _file(lead, parking_task, MAY_31, 300, 0)
        _file(lead, parking_task, MAY_31, 320, 1)  # May has two versions
    with time_machine.travel(datetime.datetime(2026, 7, 8, 10, 0, tzinfo=SHANGHAI), tick=False):
        client.force_login(lead)
        data = _may_form(client, parking_task, "330", "更正五月数字")
        corrected = _filed_may(client, parking_task, data)
    assert (corrected.version, corrected.figures.get().actual) == (3, 330)


def test_a_period_changed_since_the_page_was_read_is_still_a_conflict(
    client: Any, member: Any, parking_task: Any
) -> None:
    lead = member("城管局")
    with time_machine.travel(datetime.datetime(2026, 7, 8, 10, 0, tzinfo=SHANGHAI), tick=False):
        _file(lead, parking_task, MAY_31, 300, 0)
        client.force_login(lead)
        data = _may_form(client, parking_task, "330", "更正")
        _file(lead, parking_task, MAY_31, 310, 1)  # a colleague files May while the page is open
        response = client.post(reverse("progress:report", args=[parking_task.pk]), data)
    assert response.status_code == 200
    assert "已由" in response.content.decode()
    assert Report.objects.filter(task=parking_task, period_end=MAY_31).count() == 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_picking_a_filed_period_shows_its_own_figures(live_server: Any, page: Any, member: Any) -> None:
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan, Task

    from .conftest import WUJIN_2026

    with time_machine.travel(datetime.datetime(2026, 7, 8, 10, 0, tzinfo=SHANGHAI), tick=True):
        plan = plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan
        task = Task.objects.get(project__plan=plan, project__name="推进停车便利化")
        lead = member("城管局", username="chengguan")
        _file(lead, task, datetime.date(2026, 4, 30), 150, 0)
        _file(lead, task, MAY_31, 320, 0, "五月新增泊位")
        _file(lead, task, datetime.date(2026, 6, 30), 480, 0, "六月新增泊位")
        sign_in(page, live_server.url, "chengguan", "unit-pass-123")
        page.goto(f"{live_server.url}/progress/tasks/{task.pk}/")
        figure = page.get_by_label("公共停车泊位（目标 1500个）累计完成")
        opened = figure.input_value()
        assert opened == "480"  # the last counted, cumulative
        words = page.get_by_label("进展情况")
        page.get_by_label("报送期").select_option(MAY_31.isoformat())
        assert figure.input_value() == "320"  # May's own report, to correct
        assert words.input_value() == "五月新增泊位"  # and its own words, not another month's
        page.get_by_label("报送期").select_option("2026-04-30")
        assert figure.input_value() == "150"
        page.get_by_label("报送期").select_option("2026-06-30")
        assert figure.input_value() == "480"


def test_after_a_newer_version_is_shown_submitting_again_files_over_it(
    client: Any, member: Any, parking_task: Any
) -> None:
    """Refused once for a colleague's newer version, the form comes back with what was typed and the
    versions as they are now: the unit has been shown the newer one, and its second submission files."""
    lead = member("城管局")
    with time_machine.travel(datetime.datetime(2026, 7, 8, 10, 0, tzinfo=SHANGHAI), tick=False):
        _file(lead, parking_task, MAY_31, 300, 0)
        client.force_login(lead)
        data = _may_form(client, parking_task, "330", "更正")
        _file(lead, parking_task, MAY_31, 310, 1)
        refused = client.post(reverse("progress:report", args=[parking_task.pk]), data)
        assert "已由" in refused.content.decode()
        parser = _FormInputs()
        parser.feed(refused.content.decode())
        assert parser.values[f"fig_{parking_task.indicators.get().pk}"] == "330"  # what was typed stays
        assert "period-figures" in refused.content.decode() and '"fig_' in refused.content.decode()
        resent = parser.values | {"period_end": MAY_31.isoformat(), "status": "in_progress", "narrative": "更正"}
        newest = _filed_may(client, parking_task, resent)
    assert (newest.version, newest.figures.get().actual) == (3, 330)


def test_a_correction_above_a_later_periods_figure_asks_to_be_confirmed(
    client: Any, member: Any, parking_task: Any
) -> None:
    """Actuals are cumulative: May corrected to 1400 while June says 662 sends the series backwards
    after May; the unit is told which figure and why, and files it only when it confirms."""
    lead = member("城管局")
    with time_machine.travel(datetime.datetime(2026, 7, 8, 10, 0, tzinfo=SHANGHAI), tick=False):
        _file(lead, parking_task, MAY_31, 600, 0)
        _file(lead, parking_task, datetime.date(2026, 6, 30), 662, 0)
        client.force_login(lead)
        data = _may_form(client, parking_task, "1400", "更正五月")
        refused = client.post(reverse("progress:report", args=[parking_task.pk]), data).content.decode()
        assert "高于之后已报的数" in refused and "2026年6月已报 662个" in refused
        assert Report.objects.filter(task=parking_task, period_end=MAY_31).count() == 1
        confirmed = client.post(reverse("progress:report", args=[parking_task.pk]), data | {"confirm_lower": "on"})
        assert confirmed.status_code == 302
        _file(lead, parking_task, datetime.date(2026, 6, 30), 1450, 1)  # the current period: no later one
    assert Report.objects.filter(task=parking_task, period_end=MAY_31).count() == 2
