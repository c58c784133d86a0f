"""Defects found by an office running its year (issue 16), each pinned by a test."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine

from minsheng.progress import services
from minsheng.progress.board import build_board

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")
MARCH = datetime.date(2026, 3, 31)


def _file(user: Any, task: Any, actual: int, base: int, period: datetime.date = MARCH) -> Any:
    target = task.indicators.get()
    filing = services.Filing(period, "in_progress", "", {target.pk: Decimal(actual)}, base_version=base)
    return services.file_report(user=user, task=task, filing=filing)


def _row(plan: Any, task: Any, as_of: datetime.date) -> Any:
    return next(r for r in build_board(plan, as_of).rows if r.id == task.pk)


def test_returning_a_report_does_not_bring_back_an_older_unreviewed_version(
    parking_task: Any, member: Any, office: Any
) -> None:
    unit = member("城管局")
    plan = parking_task.project.plan
    with time_machine.travel(datetime.datetime(2026, 2, 10, 9, tzinfo=TZ), tick=False):
        january = _file(unit, parking_task, 150, 0, datetime.date(2026, 1, 31))
        services.review_report(user=office, report=january, approve=True)
    with time_machine.travel(datetime.datetime(2026, 4, 3, 9, tzinfo=TZ), tick=False):
        _file(unit, parking_task, 280, 0)  # version 1, never reviewed
        second = _file(unit, parking_task, 303, 1)
        services.review_report(user=office, report=second, approve=False, comment="口径不一致")
        for as_of in (datetime.date(2026, 4, 3), datetime.date(2026, 3, 31)):  # today (counts flag) and a past date
            row = _row(plan, parking_task, as_of)
            assert row.targets[0].actual == 150, as_of  # January's approved figure, not v1's 280
        _file(unit, parking_task, 310, 2)
        assert _row(plan, parking_task, datetime.date(2026, 4, 3)).targets[0].actual == 310


def test_remind_counts_only_units_that_can_receive_it(client: Any, wujin_plan: Any, office: Any) -> None:
    from django.urls import reverse

    from minsheng.progress.models import Notice

    client.force_login(office)
    with time_machine.travel(datetime.datetime(2026, 4, 6, 9, tzinfo=TZ), tick=False):
        page = client.post(reverse("progress:remind", args=[wujin_plan.pk]), follow=True).content.decode()
    assert "催报 0 个单位" in page and "尚无填报账号，无法催报" in page
    assert not Notice.objects.exists()


def _cli(args: list[str], data_dir: Any) -> Any:
    import os
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE")}
    env["MINSHENG_DATA_DIR"] = str(data_dir)
    env.pop("DATABASE_URL", None)
    command = [sys.executable, "-m", "minsheng.cli", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)


@pytest.mark.django_db(False)
@pytest.mark.no_ci_database
def test_the_cli_uses_the_dev_key_that_make_run_left(tmp_path: Any) -> None:
    data = tmp_path / "var"
    data.mkdir()
    refused = _cli(["plans"], data)  # no key anywhere: a clear one-line refusal
    assert refused.returncode != 0 and "SECRET_KEY" in refused.stderr
    (data / "dev-secret-key").write_text("a-development-key-made-by-make-run-0123456789")
    done = _cli(["plans"], data)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("url", ["/no-such-page/", "/plans/999999/"])
def test_a_wrong_address_gets_the_chinese_page_under_debug(client: Any, settings: Any, url: str) -> None:
    settings.DEBUG = True
    response = client.get(url)
    page = response.content.decode()
    assert response.status_code == 404 and "未找到" in page
    assert "URLconf" not in page and "Page not found" not in page


def test_a_server_error_gets_the_chinese_page_under_debug(rf: Any, settings: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    from minsheng.config.errors import SitePagesMiddleware

    settings.DEBUG = True
    request = rf.get("/")
    request.user = AnonymousUser()
    middleware = SitePagesMiddleware(lambda r: None)  # type: ignore[arg-type,return-value]
    response = middleware.process_exception(request, ValueError("boom"))
    assert response is not None and response.status_code == 500 and "服务器出错" in response.content.decode()
    settings.DEBUG = False
    assert middleware.process_exception(request, ValueError("boom")) is None


def test_initial_passwords_cannot_be_misread() -> None:
    from minsheng.voting.roster import readable_password

    passwords = [readable_password() for _ in range(200)]
    assert all(len(p) == 12 for p in passwords) and len(set(passwords)) == 200
    assert not set("".join(passwords)) & set("Il1O0-_")
