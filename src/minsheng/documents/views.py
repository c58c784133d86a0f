"""The office's import page: upload, preview with warnings and sources, confirm."""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from ..accounts.kinds import Actor
from ..plans.access import office_required
from ..plans.models import Plan
from .errors import DocumentError
from .formats import FORMATS, formats_text
from .intake.jobs import import_inline, import_staged, kept_reading, read_inline, read_staged, start_job
from .intake.plan_fields import applied, clean_fields, form_fields, keep_fields, kept_fields, with_named_place
from .intake.staging import stage, staged
from .intake.stale import fail, stale, worker_running
from .intake.teach_page import session_example, session_remembered, teach_context
from .intake.upload_pages import upload_gone
from .mapping_views import readings, session_map
from .models import ImportJob
from .parsed import ParsedPlan
from .scan_views import scan_context, session_cells
from .store.diff import plan_changes
from .store.remember import has_tables, unread_table
from .store.services import check_upload, find_existing, has_reports, units_ahead, untaken_title
from .store.to_json import plan_to_json

# The file picker offers what the readers read: one list, formats.FORMATS.
ACCEPT = ",".join(FORMATS)


class UploadForm(forms.Form):
    file = forms.FileField(label="任务分解表文件", help_text=f"支持 {formats_text()}")

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in FORMATS:
            raise forms.ValidationError(f"不支持的文件格式“{suffix or '无扩展名'}”，请上传 {formats_text()}")
        if upload.size > settings.MINSHENG_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件过大，上限为 {settings.MINSHENG_MAX_UPLOAD_BYTES // 1024 // 1024} MB")
        return upload


@office_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        data = upload_file.read()
        try:
            check_upload(upload_file.name, data)
            uploaded = stage("plan", upload_file.name, data, request.user)  # its own folder; never served
        except DocumentError as exc:
            form.add_error("file", str(exc))
        except OSError:
            form.add_error("file", "服务器磁盘空间不足，文件未能保存，请联系管理员")
        else:
            request.session[f"import-{uploaded.token}"] = uploaded.name  # its scan pages are this session's
            return redirect("documents:preview", token=uploaded.token)
    return render(request, "documents/upload.html", {"form": form, "accept": ACCEPT})


@office_required
@upload_gone("documents:upload")
def preview(request: HttpRequest, token: str) -> HttpResponse:
    uploaded = staged("plan", token, request.user)
    column_map = session_map(request, token)
    example = session_example(request, token)  # a project the clerk showed to teach the reading
    remembered = session_remembered(request, token)
    try:
        cells = session_cells(request, token)
        parsed = kept_reading(uploaded, column_map, cells, example, remembered)
        if parsed is None and not read_inline(uploaded):
            options = {"column_map": request.session.get(f"columns-{token}"), "example": example}
            options |= {"remembered": remembered}
            return redirect("documents:job", pk=start_job(request.user, ImportJob.Kind.READ, uploaded, **options).pk)
        parsed = parsed or read_staged(uploaded, column_map, cells, request.user, example, remembered)
        parsed = with_named_place(parsed, uploaded.path)  # the same place whether taught or not
        # another place named is said on this page (plan_fields.mismatch), the reading kept
        fields = form_fields(request, token, parsed)
        shown = _as_set(parsed, fields, request.user)
        existing = find_existing(shown, request.user, uploaded.name)
    except DocumentError as exc:
        return _unread(request, uploaded.path, token, uploaded.name, str(exc))
    return render(
        request,
        "documents/preview.html",
        {
            "parsed": shown,  # as the clerk's title, year and place would store it
            "read": parsed,  # as read: the file's own place and year
            "name": uploaded.name,
            "token": token,
            **_replacing(existing, shown, fields, "title" in kept_fields(request, token)),
            "fields": fields,
            "task_count": sum(len(p.tasks) for p in parsed.projects),
            "readings": readings(parsed),
            "units_ahead": units_ahead(shown, request.user, uploaded.name),
            **scan_context(request, token, uploaded.path),  # a scan: page images, its grid, unsure cells
            **teach_context(request, token, uploaded.path, parsed),  # the text to teach from, least sure first
        },
    )


def _replacing(existing: Plan | None, shown: ParsedPlan, fields: dict[str, Any], titled: bool) -> dict[str, Any]:
    """What confirming would replace. A plan units reported on cannot be replaced (services._replaceable):
    say so now and offer a new plan beside it (a title no plan has, unless the clerk `titled` one)."""
    locked = existing is not None and has_reports(existing)
    if locked and existing and not titled:
        fields["title"] = untaken_title(existing)
    changes = plan_changes(plan_to_json(existing), shown) if existing and not locked else None
    return {"existing": existing, "locked": locked, "changes": changes}


def _as_set(parsed: ParsedPlan, fields: dict[str, Any], user: Actor) -> ParsedPlan:
    """The reading as the clerk's fields would store it; while they are unset or wrong, the
    reading with no place when the place read is not the office's own (the page says so)."""
    try:
        return applied(parsed, clean_fields(fields, user))
    except DocumentError:
        return applied(parsed, {"jurisdiction": None} if fields["place_mismatch"] else None)


def _unread(request: HttpRequest, path: Path, token: str, name: str, error: str) -> HttpResponse:
    if has_tables(path):
        # the reader found tables but could not place their columns: the clerk names them
        messages.error(request, error)
        return redirect(f"{reverse('documents:columns', args=[token])}?table={unread_table(path)}")
    context = {"form": UploadForm(), "error": error, "name": name, "accept": ACCEPT}
    return render(request, "documents/upload.html", context, status=422)


@office_required
@require_POST
@upload_gone("documents:upload")
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    uploaded = staged("plan", token, request.user)
    column_map = session_map(request, token)
    replace = request.POST.get("replace") == "1" and request.POST.get("as_new") != "1"
    try:
        fields = _confirmed_fields(request, token)
    except DocumentError as exc:  # what the clerk typed is kept for the preview (keep_fields)
        messages.error(request, str(exc))
        return redirect("documents:preview", token=token)
    cells = session_cells(request, token)  # a scan's cells the clerk corrected in the preview
    example, remembered = session_example(request, token), session_remembered(request, token)
    parsed = kept_reading(uploaded, column_map, cells, example, remembered)
    if parsed is None:  # the column map changed since the preview: preview again
        return redirect("documents:preview", token=token)
    if not import_inline(parsed):
        options = {"replace": replace, "column_map": request.session.get(f"columns-{token}"), "example": example}
        options |= ({"fields": fields} if fields else {}) | {"remembered": remembered}
        return redirect("documents:job", pk=start_job(request.user, ImportJob.Kind.IMPORT, uploaded, **options).pk)
    try:
        result = import_staged(
            uploaded,
            request.user,
            replace=replace,
            column_map=column_map,
            cells=cells,
            example=example,
            fields=fields,
            remembered=remembered,
        )
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("documents:preview", token=token)
    messages.success(request, result.summary())
    return redirect(result.plan)


def _confirmed_fields(request: HttpRequest, token: str) -> dict[str, Any] | None:
    """The title, year and place the preview's form sets (None: a form without them, as an older
    page posts: the reading's own, checked by the import as before)."""
    if "year" in request.POST or "place" in request.POST:
        keep_fields(request, token, request.POST)
        return clean_fields(request.POST, request.user)
    if request.POST.get("as_new") != "1":
        return None
    title = request.POST.get("title", "").strip()
    if not 0 < len(title) <= 200:
        raise DocumentError("“新计划标题”不能为空，最多200字")
    return {"title": title}


@office_required
def job(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The page a clerk follows while a job reads or writes a large plan (refreshes itself)."""
    found = get_object_or_404(ImportJob, pk=pk, user=request.user)
    if stale(found):  # its worker is gone: say so now rather than "running" forever
        fail(found)
    if found.state == ImportJob.State.DONE:
        if found.kind == ImportJob.Kind.READ:
            target = reverse("documents:preview", args=[found.token])
        else:
            messages.success(request, found.message)
            target = found.plan.get_absolute_url() if found.plan else reverse("documents:upload")
        if request.headers.get("HX-Request"):  # the polling page: let htmx load the next page
            return HttpResponse(headers={"HX-Redirect": target})
        return redirect(target)
    context = {"job": found, "no_worker": found.state == ImportJob.State.QUEUED and not worker_running()}
    return render(request, "documents/job.html", context, status=422 if found.finished else 200)
