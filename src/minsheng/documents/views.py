"""The office's import page: upload, preview with warnings and sources, confirm."""

from __future__ import annotations

import re
import secrets
import shutil
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import get_valid_filename
from django.views.decorators.http import require_http_methods, require_POST

from ..plans.export import plan_to_json
from .errors import DocumentError
from .mapping_views import readings, session_map
from .model import ParsedPlan
from .parse import READERS
from .remember import column_map_remember, has_tables, plan_read, unread_table
from .scan_views import scan_context, session_cells
from .services import check_upload, find_existing, plan_import
from .staging import pending_dir, pending_path

# The file picker offers what the readers read: one list, READERS.
ACCEPT = ",".join(READERS)
SUPPORTED = " ".join(READERS)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="任务分解表文件", help_text=f"支持 {SUPPORTED}（.doc .wps .xls .et 需服务器装有 LibreOffice）"
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name).suffix.lower()
        if suffix not in READERS:
            raise forms.ValidationError(
                f"不支持的文件格式“{suffix or '无扩展名'}”，请上传 {SUPPORTED}"
            )
        if upload.size > settings.MINSHENG_MAX_UPLOAD_BYTES:
            raise forms.ValidationError(f"文件过大，上限为 {settings.MINSHENG_MAX_UPLOAD_BYTES // 1024 // 1024} MB")
        return upload


@staff_member_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload_file = form.cleaned_data["file"]
        data = upload_file.read()
        try:
            check_upload(upload_file.name, data)
        except DocumentError as exc:
            form.add_error("file", str(exc))
        else:
            # A random folder per upload (the same bytes twice are two uploads); the file keeps
            # its (cleaned) name so that messages name it. Nothing here is ever served.
            token = secrets.token_hex(32)
            folder = pending_dir() / token
            folder.mkdir()
            (folder / get_valid_filename(Path(upload_file.name).name)).write_bytes(data)
            request.session[f"import-{token}"] = upload_file.name
            return redirect("documents:preview", token=token)
    return render(request, "documents/upload.html", {"form": form, "accept": ACCEPT})


@staff_member_required
def preview(request: HttpRequest, token: str) -> HttpResponse:
    path = pending_path(token)
    name = request.session.get(f"import-{token}", path.name)
    try:
        parsed = plan_read(path, session_map(request, token), session_cells(request, token))
    except DocumentError as exc:
        if has_tables(path):
            # the reader found tables but could not place their columns: the clerk names them
            messages.error(request, str(exc))
            return redirect(f"{reverse('documents:columns', args=[token])}?table={unread_table(path)}")
        context = {"form": UploadForm(), "error": str(exc), "name": name, "accept": ACCEPT}
        return render(request, "documents/upload.html", context, status=422)
    existing = find_existing(parsed)
    changes = plan_changes(plan_to_json(existing), parsed) if existing else None
    return render(
        request,
        "documents/preview.html",
        {
            "parsed": parsed,
            "name": name,
            "token": token,
            "existing": existing,
            "changes": changes,
            "task_count": sum(len(p.tasks) for p in parsed.projects),
            "readings": readings(parsed),
            **scan_context(request, token, path),  # a scan: page images, its grid, unsure cells
        },
    )


@staff_member_required
@require_POST
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    path = pending_path(token)
    name = request.session.get(f"import-{token}", path.name)
    try:
        column_map = session_map(request, token)
        result = plan_import(
            path=path,
            user=request.user,
            replace=request.POST.get("replace") == "1",
            original_name=name,
            column_map=column_map,
            cells=session_cells(request, token),
        )
        if column_map is not None:
            place = result.plan.jurisdiction.name if result.plan.jurisdiction else None
            column_map_remember(user=request.user, path=path, column_map=column_map, place=place)
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("documents:preview", token=token)
    shutil.rmtree(path.parent, ignore_errors=True)
    messages.success(request, result.summary())
    return redirect(result.plan)


FIELD_LABELS = {
    "deadline": "完成时间",
    "leaders": "分管领导",
    "lead_units": "牵头单位",
    "partner_units": "配合单位",
    "indicators": "量化指标",
    "category": "实事名称",
    "seq": "序号",
}


def _key(project: dict[str, Any]) -> tuple[str, str]:
    return (project["status"], re.sub(r"\s+", "", project["name"]))


def plan_changes(old: dict[str, Any], new: ParsedPlan) -> dict[str, list[str]]:
    """What replacing a stored plan with a new reading would change, in words, down to the task row."""
    before = {_key(p): p for p in old["projects"]}
    after = {_key(p): p for p in new.to_json()["projects"]}
    changed = [line for k in after if k in before for line in _project_changes(before[k], after[k])]
    return {
        "added": [after[k]["name"] for k in after if k not in before],
        "removed": [before[k]["name"] for k in before if k not in after],
        "changed": changed,
    }


def _project_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    name = new["name"]
    lines = [
        f"{name}：{FIELD_LABELS[f]} {old[f] or '—'} → {new[f] or '—'}" for f in ("seq", "category") if old[f] != new[f]
    ]
    old_tasks = {re.sub(r"\s+", "", t["content"]): t for t in old["tasks"]}
    new_tasks = {re.sub(r"\s+", "", t["content"]): t for t in new["tasks"]}
    lines += [f"{name}：新增任务“{t['content'][:30]}”" for k, t in new_tasks.items() if k not in old_tasks]
    lines += [f"{name}：删除任务“{t['content'][:30]}”" for k, t in old_tasks.items() if k not in new_tasks]
    for k, task in new_tasks.items():
        if k in old_tasks:
            lines += [
                f"{name}：“{task['content'][:16]}…”的{FIELD_LABELS[f]}有改动"
                for f in ("deadline", "leaders", "lead_units", "partner_units", "indicators")
                if old_tasks[k][f] != task[f]
            ]
    return lines
