"""Uploads waiting for confirmation (issue 19): one folder per upload, the preview's reading
kept and filed on confirmation (the file is not read twice), stale uploads purged, the
accepted formats listed once; large files read and written by a job the page follows."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from minsheng.documents.errors import DocumentError
from minsheng.documents.formats import FORMATS
from minsheng.documents.intake import jobs
from minsheng.documents.intake.staging import purge, stage, staged, staging_root
from minsheng.documents.models import ImportJob
from minsheng.documents.parse import READERS, read_document
from minsheng.plans.models import Plan, SourceDocument
from tests.conftest import ROOT, WUJIN_2026

pytestmark = pytest.mark.django_db


def _upload(client: Any, data: bytes | None = None, name: str = "计划.docx") -> str:
    response = client.post(
        reverse("documents:upload"), {"file": SimpleUploadedFile(name, data or WUJIN_2026.read_bytes())}
    )
    assert response.status_code == 302, response.content.decode()[:500]
    return str(response["Location"])


def _token(location: str) -> str:
    return location.rstrip("/").split("/")[-1]


def test_it_files_the_reading_the_preview_showed_without_reading_the_file_again(
    client: Any, office: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(office)
    location = _upload(client)
    calls: list[Path] = []
    real = jobs.plan_read
    monkeypatch.setattr(
        jobs, "plan_read", lambda path, *rest: calls.append(path) or real(path, *rest)
    )
    assert client.get(location).status_code == 200
    assert client.get(location).status_code == 200  # a second look reuses the reading too
    assert len(calls) == 1
    with django_capture_on_commit_callbacks(execute=True):  # the upload is removed once the plan is stored
        response = client.post(reverse("documents:confirm", args=[_token(location)]))
    assert response.status_code == 302 and len(calls) == 1
    plan = Plan.objects.get()
    assert plan.projects.count() > 0 and SourceDocument.objects.get(plan=plan).original_name == "计划.docx"
    assert not (staging_root() / "plan" / _token(location)).exists()  # confirmed: staging removed


def test_a_confirmation_without_a_preview_goes_to_the_preview(client: Any, office: Any) -> None:
    client.force_login(office)
    token = _token(_upload(client))
    response = client.post(reverse("documents:confirm", args=[token]))
    assert response["Location"] == reverse("documents:preview", args=[token])
    assert not Plan.objects.exists()


def test_the_workbook_confirmation_files_the_previewed_reading(
    client: Any, member: Any, parking_task: Any, monkeypatch: Any
) -> None:
    from zoneinfo import ZoneInfo

    import time_machine

    from minsheng.progress import workbook_views
    from minsheng.progress.models import Report
    from minsheng.progress.workbook import COL_ACTUAL, COL_NARRATIVE, COL_STATUS
    from tests.test_progress_workbook import _row_of, _template
    from tests.test_progress_workbook import _upload as upload_book

    with time_machine.travel(datetime.datetime(2026, 4, 2, 9, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        plan, unit = parking_task.project.plan, parking_task.units.get()
        client.force_login(member("城管局"))
        book = _template(client, plan, unit)
        sheet = book["进度报送"]
        row = _row_of(sheet, parking_task)
        sheet.cell(row, COL_ACTUAL).value, sheet.cell(row, COL_STATUS).value = 303, "推进中"
        sheet.cell(row, COL_NARRATIVE).value = "一季度新增泊位"  # a unit's words are required (filing_rules)
        first, second = (upload_book(client, plan, book).content.decode() for _ in range(2))
        key = first.split('name="key" value="')[1].split('"')[0]
        assert key != second.split('name="key" value="')[1].split('"')[0]  # same bytes, two uploads
        staged("workbook", key).path.write_bytes(b"not a workbook any more")
        monkeypatch.setattr(workbook_views, "read_upload", lambda *a: pytest.fail("read again on confirm"))
        response = client.post(reverse("progress:workbook_confirm", args=[plan.pk]), {"key": key})
    assert response.status_code == 302
    assert Report.objects.get(task=parking_task).figures.get().actual == 303


def test_two_bulletin_uploads_of_the_same_bytes_are_two_uploads(client: Any, office: Any, wujin_plan: Any) -> None:
    client.force_login(office)
    data = "截至3月底，新增公共停车泊位303个。".encode()
    keys = [
        client.post(reverse("progress:bulletin", args=[wujin_plan.pk]), {"file": SimpleUploadedFile("通报.txt", data)})
        .content.decode()
        .split('name="key" value="')[1]
        .split('"')[0]
        for _ in range(2)
    ]
    assert keys[0] != keys[1]


def test_stale_uploads_are_purged_and_fresh_ones_kept() -> None:
    old, fresh = stage("plan", "旧.docx", b"x"), stage("workbook", "新.xlsx", b"y")
    day_ago = time.time() - 25 * 3600
    for path in [old.folder / "meta.json", old.folder]:
        os.utime(path, (day_ago, day_ago))
    assert purge() == 1
    assert not old.folder.exists() and fresh.folder.exists()
    assert staged("workbook", fresh.token).name == "新.xlsx"


@pytest.mark.no_ci_database
def test_the_purge_command_runs_on_a_data_directory(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minsheng.config.settings_test",
        "MINSHENG_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    old = tmp_path / "media" / "staging" / "plan" / ("a" * 64)
    (old / "file").mkdir(parents=True)
    (old / "file" / "x.docx").write_bytes(b"x")
    (old / "meta.json").write_text("{}")
    os.utime(old / "meta.json", (0, 0))
    done = subprocess.run(
        [sys.executable, "-m", "minsheng.cli", "purge-uploads"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "已删除 1 个" in done.stdout and not old.exists()


def test_the_accepted_formats_are_one_list(client: Any, office: Any, tmp_path: Path) -> None:
    assert set(READERS) == set(FORMATS)
    client.force_login(office)
    page = client.get(reverse("documents:upload")).content.decode()
    odd = tmp_path / "plan.odt"
    odd.write_bytes(b"x")
    with pytest.raises(DocumentError) as refused:
        read_document(odd)
    helped = subprocess.run([sys.executable, "-m", "minsheng.cli", "import", "--help"], capture_output=True, text=True)
    for suffix in FORMATS:
        assert suffix in page and suffix in str(refused.value) and suffix in helped.stdout, suffix


@pytest.fixture
def as_jobs(settings: Any) -> None:
    settings.MINSHENG_INLINE_READ_BYTES = 0
    settings.MINSHENG_INLINE_IMPORT_TASKS = 0


def test_a_large_file_is_read_and_imported_by_jobs_the_page_follows(
    client: Any, office: Any, as_jobs: None, django_user_model: Any
) -> None:
    client.force_login(office)
    location = _upload(client)
    to_job = client.get(location)  # too large to read in the request: a job (run at once in tests)
    read_job = ImportJob.objects.get(kind=ImportJob.Kind.READ)
    assert to_job["Location"] == reverse("documents:job", args=[read_job.pk])
    assert read_job.state == ImportJob.State.DONE and read_job.user == office
    polled = client.get(to_job["Location"], headers={"HX-Request": "true"})
    assert polled["HX-Redirect"] == location
    assert client.get(location).status_code == 200
    confirmed = client.post(reverse("documents:confirm", args=[_token(location)]))
    import_job = ImportJob.objects.get(kind=ImportJob.Kind.IMPORT)
    assert confirmed["Location"] == reverse("documents:job", args=[import_job.pk])
    plan = Plan.objects.get()
    assert import_job.plan == plan and "已导入计划" in import_job.message
    assert client.get(confirmed["Location"])["Location"] == plan.get_absolute_url()

    other = django_user_model.objects.create_user("office2", password="x-pass-123", is_staff=True)
    client.force_login(other)
    assert client.get(confirmed["Location"]).status_code == 404  # another clerk's job
    client.logout()
    assert client.get(confirmed["Location"]).status_code == 302  # to the login page


def test_a_job_that_fails_says_why_and_writes_nothing(client: Any, office: Any, as_jobs: None) -> None:
    client.force_login(office)
    location = _upload(client, b"\xd0\xcf\x11\xe0 not really a word file" * 10, "坏文件.txt")
    job_page = client.get(location)
    if job_page.status_code == 302 and "import-jobs" in job_page["Location"]:
        job_page = client.get(job_page["Location"])
    assert job_page.status_code == 422
    assert "坏文件.txt" in job_page.content.decode()
    assert not Plan.objects.exists()


@pytest.mark.no_ci_database
def test_the_real_database_worker_runs_an_import_job(tmp_path: Path) -> None:
    """The queue as installed: the job is stored in the database and `minsheng worker` runs it."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "minsheng.config.settings_test",
        "MINSHENG_TASKS": "database",
        "MINSHENG_DATA_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
    }
    enqueue = f"""
from django.contrib.auth import get_user_model
from minsheng.documents.intake import jobs
from minsheng.documents.intake.staging import stage
user = get_user_model().objects.create_user("office", is_staff=True)
upload = stage("plan", "计划.docx", open({str(WUJIN_2026)!r}, "rb").read())
jobs.read_staged(upload, None)
job = jobs.start_job(user, "import", upload, replace=False)
print(job.pk)
"""

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "minsheng.cli", *args]
        return subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)

    assert run("manage", "migrate").returncode == 0
    queued = run("manage", "shell", "-c", enqueue)
    assert queued.returncode == 0, queued.stderr
    job_id = queued.stdout.strip().splitlines()[-1]
    state = (
        "from minsheng.documents.models import ImportJob; "
        f"j = ImportJob.objects.get(pk='{job_id}'); print(j.state, j.plan_id)"
    )
    assert run("manage", "shell", "-c", state).stdout.splitlines()[-1].split()[0] == "queued"  # stored, not run
    worked = run("worker", "--batch")
    assert worked.returncode == 0, worked.stderr
    done = run("manage", "shell", "-c", state).stdout.splitlines()[-1].split()
    assert done[0] == "done" and done[1] != "None"
    assert len(run("plans").stdout.strip().splitlines()) == 1
