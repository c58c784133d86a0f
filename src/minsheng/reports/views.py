"""Downloads: the task table (a plan is visible here exactly as on its page); the bulletin
and the 督办单, which are the office's."""

from __future__ import annotations

import datetime
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from ..plans import gate
from ..plans.models import Plan, Unit
from .bulletin import Bulletin, Issue, PdfUnavailable, build_bulletin, bulletin_docx, docx_to_pdf
from .models import Letterhead
from .supervision import build_notice, notice_docx, notice_number
from .tasktable import task_table_docx, task_table_xlsx

PDF = "application/pdf"

TYPES = {
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", task_table_docx),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", task_table_xlsx),
}


def task_table(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    plan = gate.plan_for(request.user, pk, gate.PUBLIC)
    if fmt not in TYPES:
        raise Http404("只能导出 .docx 或 .xlsx")
    content_type, build = TYPES[fmt]
    response = HttpResponse(build(plan), content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(plan.title)}.{fmt}"
    return response


def _as_of(request: HttpRequest) -> datetime.date | None:
    """?as_of=2026-03-31, today when absent; None when it is not a date."""
    try:
        return datetime.date.fromisoformat(request.GET["as_of"]) if request.GET.get("as_of") else timezone.localdate()
    except ValueError:
        return None


def _bulletin_issue(request: HttpRequest, plan: Plan, result: Bulletin) -> tuple[Issue, str]:
    """The 发文字号 and the office's own words: posted from the bulletin page, else the defaults."""
    settings = Letterhead.for_plan(plan)
    year = plan.year or result.as_of.year
    number = request.POST.get("number", settings.proposed_number(year)).strip()
    issue = Issue(
        settings.layout(number),
        lagging=request.POST.get("lagging", "").strip(),
        next_steps=request.POST.get("next_steps", "").strip(),
    )
    if request.method == "POST":
        settings.issue(number, year)
    return issue, number


@login_required
def bulletin(request: HttpRequest, pk: int) -> HttpResponse:
    """进度通报 of a plan as of a date (?as_of=2026-03-31, default today), as a page, .docx or .pdf.

    The office's: it counts reports not yet reviewed. The page's form posts the 发文字号 and the
    滞后 and 下一步 sections to download; a plain ?format=docx uses the letterhead's next number.
    The public reads reports/public_views.
    """
    plan = gate.plan_for(request.user, pk, gate.READ)
    as_of = _as_of(request)
    if as_of is None:
        return HttpResponseBadRequest("as_of 应写作 2026-03-31")
    result = build_bulletin(plan, as_of)
    issue, number = _bulletin_issue(request, plan, result)
    fmt = request.POST.get("format") or request.GET.get("format", "html")
    context = {"bulletin": result, "plan": plan, "number": number}
    if fmt == "html":
        return render(request, "reports/bulletin.html", context)
    data = bulletin_docx(result, issue)
    if fmt == "pdf":
        try:
            data = docx_to_pdf(data)
        except PdfUnavailable as exc:
            return render(request, "reports/bulletin.html", {**context, "error": str(exc)}, status=503)
    elif fmt != "docx":
        raise Http404("格式应为 html、docx 或 pdf")
    response = HttpResponse(data, content_type=PDF if fmt == "pdf" else TYPES["docx"][0])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(result.title)}.{fmt}"
    return response


@login_required
def supervision_notice(request: HttpRequest, pk: int, unit_pk: int) -> HttpResponse:
    """督办单 of one unit as of a date (?as_of=…; ?number=… for its 发文字号), as .docx or ?format=pdf."""
    plan = gate.plan_for(request.user, pk, gate.READ)
    unit = get_object_or_404(Unit, pk=unit_pk)
    as_of = _as_of(request)
    if as_of is None:
        return HttpResponseBadRequest("as_of 应写作 2026-03-31")
    notice = build_notice(plan, unit, as_of)
    settings = Letterhead.for_plan(plan)
    # Never without a 文号: the unit's own for this period, taken from the letterhead's sequence
    # (under the default 代字 if none is set) the first time; the office may write another.
    number = request.GET.get("number", "").strip() or notice_number(notice, settings)
    data, fmt = notice_docx(notice, settings.layout(number)), request.GET.get("format", "docx")
    if fmt == "pdf":
        try:
            data = docx_to_pdf(data)
        except PdfUnavailable as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")
    elif fmt != "docx":
        raise Http404("格式应为 docx 或 pdf")
    response = HttpResponse(data, content_type=PDF if fmt == "pdf" else TYPES["docx"][0])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(notice.title)}.{fmt}"
    return response
