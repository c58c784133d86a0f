from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
WUJIN_2026 = EXAMPLES / "000_1f7f5f0c3bb78009.docx"
CHROMIUM = Path("/usr/bin/chromium")

# Playwright's sync API runs an event loop; Django's ORM is then used from the test thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.DATA_DIR = tmp_path


@pytest.fixture(autouse=True)
def _no_forecasts_from_another_test() -> None:
    # A test database rolled back reuses ids: a cached forecast must not outlive its test.
    from minsheng.progress.forecast_cache import forget_local
    from minsheng.progress.forecast_learned import _LEARNED

    forget_local()
    _LEARNED.clear()


@pytest.fixture
def office(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("office", password="office-pass-123", is_staff=True)


@pytest.fixture
def outsider(django_user_model: Any) -> Any:
    return django_user_model.objects.create_user("outsider", password="outsider-pass-123")


@pytest.fixture
def wujin_plan(db: None) -> Any:
    from minsheng.documents.store.services import plan_import
    from minsheng.plans.models import Plan

    return plan_import(path=WUJIN_2026, user=None, state=Plan.State.PUBLISHED).plan


@pytest.fixture
def member(django_user_model: Any) -> Any:
    """Make a user who reports for the named unit: member("城管局")."""
    from minsheng.accounts.models import Membership
    from minsheng.plans.models import Unit

    def make(unit_name: str, username: str | None = None, email: str = "") -> Any:
        unit = Unit.objects.get(name=unit_name)
        user = django_user_model.objects.create_user(username or f"u{unit.pk}", password="unit-pass-123", email=email)
        Membership.objects.create(user=user, unit=unit)
        return user

    return make


@pytest.fixture
def parking_task(wujin_plan: Any) -> Any:
    """推进停车便利化 of the 武进区 2026 plan: 新增公共停车泊位1500个, led by 城管局."""
    from minsheng.plans.models import Task

    return Task.objects.get(project__plan=wujin_plan, project__name="推进停车便利化")


@pytest.fixture
def page() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        pytest.fail("需要 Debian 的 chromium（make test 会自动安装）")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--no-first-run",
                "--disable-sync",
            ],
        )
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
        yield context.new_page()
        browser.close()


# What opens the test database, directly or through another fixture (pytest-django's own names).
DATABASE_FIXTURES = {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}


def _touches_database(item: pytest.Item) -> bool:
    """Marked for the database, asks for it through a fixture, or starts a process that may find
    it through DATABASE_URL (the CLI and server tests)."""
    if item.get_closest_marker("django_db") or DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    source = Path(str(item.fspath)).read_text(encoding="utf-8")
    return "subprocess" in source or "DATABASE_URL" in source


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """CI's second run, on PostgreSQL (.ci/run sets MINSHENG_TESTS_DATABASE_ONLY=1): a test that never
    opens a database has just passed on SQLite in the same run and cannot read otherwise on
    PostgreSQL, so only the tests that touch the database run again. Tests marked `browser` or
    `one_engine` are not run again either: the browser drives the same views the client tests drive
    on PostgreSQL, and a `one_engine` test checks a rule over a demo year (notices, forecasts) on
    data the other tests show both engines store alike; together they cost minutes a run. A
    `no_ci_database` test is here only for the processes it starts (the check above reads its
    file's source), which open no database or an SQLite file of their own (DATABASE_URL dropped
    or set to a file): on PostgreSQL it would run the very same again."""
    if os.environ.get("MINSHENG_TESTS_DATABASE_ONLY") != "1":
        return
    once = ("browser", "one_engine", "no_ci_database")
    kept = [i for i in items if _touches_database(i) and not any(i.get_closest_marker(m) for m in once)]
    config.hook.pytest_deselected(items=[item for item in items if item not in kept])
    items[:] = kept
