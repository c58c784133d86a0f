"""Teaching a reading on the import preview: the clerk shows one project as it should read.

The example (name, content, lead and partner units, deadline, copied or picked out of the
document's text shown beside the form) is kept in the session for this upload; the preview
then reads the whole document the way that yields it (shapes/teach.py) and shows the result
at once. Nothing is stored until the clerk confirms the import; the reading is then
remembered for the office and the document's shape (store/remember.reading_remember)."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.decorators.http import require_POST

from ..plans.access import office_required
from .errors import DocumentError
from .intake.jobs import read_staged
from .intake.staging import staged
from .intake.teach_page import FIELDS, session_remembered
from .intake.upload_pages import upload_gone
from .mapping_views import session_map
from .scan_views import session_cells
from .shapes.best import NOT_FOUND, SAME
from .store.place import map_owner
from .store.remember import reading_forget

LONGEST = 2000  # characters a field may hold: one project, not a document
_UNIT_SPLIT = re.compile(r"[、，,；;\n]+")
_UNITS = ("lead_units", "partner_units")  # the form's units and deadline hold for each of its tasks


def example_from(post: Any) -> dict[str, Any]:
    """The project the form shows, as plan.schema.json writes one; a clear message when it cannot teach."""
    values = {key: str(post.get(key, "")).strip() for key in FIELDS}
    for key, label in FIELDS.items():
        if len(values[key]) > LONGEST:
            raise DocumentError(f"示范项目的“{label}”超过 {LONGEST} 字：请只选一个项目的文字")
    if not values["name"] and not values["content"]:
        raise DocumentError("示范项目至少要填“名称”或“内容”：从文件文字中复制或选取一个项目的名称")
    # one task a line: a project of several tasks (a heading over its sub-items) is shown as it reads;
    # a line's sub-item mark (（一）) is kept as picked, the taught cut learns whether it belongs
    lines = [line.strip() for line in values["content"].splitlines() if line.strip()] or [values["name"]]
    units = {key: [u.strip() for u in _UNIT_SPLIT.split(values[key]) if u.strip()] for key in _UNITS}
    tasks = [{"content": line, **units, "deadline": values["deadline"] or None} for line in lines]
    return {"name": values["name"] or lines[0], "category": values["category"] or None, "tasks": tasks}


@office_required
@require_POST
@upload_gone("documents:upload")
def teach(request: HttpRequest, token: str) -> HttpResponse:
    """Read the upload the way the clerk's example shows (or, with `clear`, forget the example)."""
    uploaded = staged("plan", token, request.user)
    if request.POST.get("clear"):
        request.session.pop(f"example-{token}", None)
        return redirect("documents:preview", token=token)
    try:
        example = example_from(request.POST)
        cells, remembered = session_cells(request, token), session_remembered(request, token)
        read = read_staged(uploaded, session_map(request, token), cells, request.user, example, remembered)
    except DocumentError as exc:
        messages.error(request, str(exc))
        return redirect("documents:preview", token=token)
    request.session[f"example-{token}"] = example  # kept even when it taught nothing: the form shows it to mend
    if NOT_FOUND in read.taught_doubts:  # the example matches nothing in the document (shapes/best.FOUND)
        messages.warning(request, "示范项目在原文中未找到，仍按原来的读法读取")
    elif SAME in read.taught_doubts:
        messages.info(request, "按示范读出的结果与原读法相同：读法未改变，确认导入时也不会记住")
    elif read.taught_doubts:
        messages.warning(request, "已按示范项目重新读取整份文件，但读出的结果需要核对（见页首）")
    else:
        messages.success(request, "已按示范项目重新读取整份文件；确认导入后，本单位同样形式的文件将按此读取")
    return redirect("documents:preview", token=token)


@office_required
@require_POST
@upload_gone("documents:upload")
def unremember(request: HttpRequest, token: str) -> HttpResponse:
    """Read this upload without the reading the office confirmed before for its shape; with `forget`,
    the office forgets that reading too (its own: store/remember.reading_forget)."""
    path = staged("plan", token, request.user).path  # another office's upload: 404
    request.session[f"unremembered-{token}"] = True
    if request.POST.get("forget"):
        reading_forget(user=request.user, path=path, owner=map_owner(request.user))
        messages.success(request, "本单位已不再使用这种读法：同样形式的文件将按通常的规则读取")
    else:
        messages.success(request, "本次导入不用上次的读法，已按通常的规则重新读取")
    return redirect("documents:preview", token=token)
