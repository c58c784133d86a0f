"""Attacks on uploaded files (issue 19), repeated: each test fails if the attack works again.

Uploads leave only through access-checked views, never as static files; they are stored
under random names with the extension of the type found in their content; downloads are
attachments (images inline) with nosniff and a sandboxing Content-Security-Policy."""

from __future__ import annotations

import datetime
import importlib
import io
import re
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import Resolver404, resolve, reverse
from PIL import Image

from minsheng.plans.models import SourceDocument
from minsheng.progress.models import Evidence, Report

pytestmark = pytest.mark.django_db
MARCH_31 = datetime.datetime(2026, 3, 31, 16, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
TEMPLATES = Path(__file__).resolve().parent.parent / "src" / "minsheng" / "templates"


@pytest.fixture(autouse=True)
def _frozen() -> Any:
    with time_machine.travel(MARCH_31, tick=False):
        yield


def _file(data: bytes, name: str) -> io.BytesIO:
    out = io.BytesIO(data)
    out.name = name
    return out


def _pdf() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, "PDF")
    return out.getvalue()


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "PNG")
    return out.getvalue()


def _file_report(client: Any, task: Any, evidence: io.BytesIO) -> Any:
    target = task.indicators.get()
    data = {
        "period_end": "2026-03-31",
        "status": "in_progress",
        "narrative": "一季度新增公共停车泊位303个。",
        f"fig_{target.pk}": "303",
        "base_version": "0",
        "evidence": evidence,
    }
    return client.post(reverse("progress:report", args=[task.pk]), data)


@pytest.mark.parametrize("debug", [False, True])
def test_it_never_serves_uploads_as_static_files(settings: Any, debug: bool) -> None:
    from minsheng.config import urls

    settings.DEBUG = debug
    try:
        module = importlib.reload(urls)
        for path in ("/media/evidence/2026/03/photo.png", "/media/pending/x/plan.docx", "/media/documents/a.pdf"):
            with pytest.raises(Resolver404):
                resolve(path, urlconf=module)
    finally:
        settings.DEBUG = False
        importlib.reload(urls)


def test_a_pdf_named_html_is_stored_as_pdf_and_downloaded_as_an_attachment(
    client: Any, member: Any, parking_task: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(member("城管局"))
    with django_capture_on_commit_callbacks(execute=True):  # the file is moved into place on commit
        assert _file_report(client, parking_task, _file(_pdf(), "poc.html")).status_code == 302
    evidence = Evidence.objects.get()
    stored = Path(evidence.file.name).name
    assert re.fullmatch(r"[0-9a-f]{32}\.pdf", stored), stored  # random, with the detected type's extension
    assert evidence.content_type == "application/pdf"
    response = client.get(reverse("progress:evidence", args=[evidence.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert "poc.pdf" in response["Content-Disposition"] and ".html" not in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy


def test_a_web_page_behind_a_pdf_signature_is_refused(client: Any, member: Any, parking_task: Any) -> None:
    client.force_login(member("城管局"))
    fake = _file(b"%PDF-1.4\n<html><script>alert(document.cookie)</script></html>", "poc.html")
    page = _file_report(client, parking_task, fake).content.decode()
    assert "poc.html" in page and "不是有效的 PDF" in page
    assert not Report.objects.exists() and not Evidence.objects.exists()


def test_images_are_shown_inline_but_never_sniffed(
    client: Any, member: Any, outsider: Any, parking_task: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client.force_login(member("城管局"))
    with django_capture_on_commit_callbacks(execute=True):
        assert _file_report(client, parking_task, _file(_png(), "现场.jpg")).status_code == 302
    evidence = Evidence.objects.get()
    assert Path(evidence.file.name).suffix == ".png" and "现场" not in evidence.file.name
    url = reverse("progress:evidence", args=[evidence.pk])
    response = client.get(url)
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    client.force_login(outsider)
    assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302  # to the login page


@pytest.mark.parametrize(
    ("name", "data", "needle"),
    [
        ("plan.pdf", b"<html><body><script>alert(1)</script></body></html>", "不是 PDF"),
        ("plan.html", b"%PDF-1.4\n%fake", "不是文本或网页"),
        ("plan.txt", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 64, "不是文本或网页"),
    ],
)
def test_an_import_whose_content_is_not_its_extension_is_refused(
    client: Any, office: Any, name: str, data: bytes, needle: str
) -> None:
    client.force_login(office)
    response = client.post(reverse("documents:upload"), {"file": _file(data, name)}, follow=True)
    assert needle in response.content.decode()
    assert not SourceDocument.objects.exists()


def test_a_docx_that_is_a_workbook_is_refused(client: Any, office: Any) -> None:
    import openpyxl

    out = io.BytesIO()
    openpyxl.Workbook().save(out)
    client.force_login(office)
    response = client.post(reverse("documents:upload"), {"file": _file(out.getvalue(), "plan.docx")}, follow=True)
    assert "与扩展名“.docx”不符" in response.content.decode()


def test_imports_are_staged_apart_and_stored_under_random_names(client: Any, office: Any) -> None:
    from tests.conftest import WUJIN_2026

    client.force_login(office)
    data = WUJIN_2026.read_bytes()
    first = client.post(reverse("documents:upload"), {"file": _file(data, "计划.docx")})
    second = client.post(reverse("documents:upload"), {"file": _file(data, "计划.docx")})
    assert first.status_code == second.status_code == 302
    assert first["Location"] != second["Location"]  # the same bytes twice are two uploads
    token = first["Location"].rstrip("/").split("/")[-1]
    assert client.get(first["Location"]).status_code == 200  # the preview, whose reading is confirmed
    assert client.post(reverse("documents:confirm", args=[token])).status_code == 302
    stored = SourceDocument.objects.get()
    assert re.fullmatch(r"[0-9a-f]{32}\.docx", Path(stored.file.name).name)
    assert stored.original_name == "计划.docx"


def test_every_page_carries_a_content_security_policy(client: Any) -> None:
    policy = client.get(reverse("plans:list"))["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src")[1].split(";")[0]


def test_no_template_has_an_inline_script_or_event_handler() -> None:
    """Under script-src 'self' an inline script would silently not run."""
    inline = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>|\son[a-z]+=\"", re.IGNORECASE)
    offenders = [
        f"{path.relative_to(TEMPLATES)}: {match.group(0)}"
        for path in TEMPLATES.rglob("*.html")
        for match in inline.finditer(path.read_text())
    ]
    assert offenders == []
