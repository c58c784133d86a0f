"""Finding 11 of #27: the 督办单 carries a 文号; no page holds only the signature; a unit with
nothing late gets no pages of 无; a 催办单 is numbered from the letterhead's own sequence, never
by a database id."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from docx import Document

from minsheng.gongwen import document as gongwen
from minsheng.plans.models import Task, Unit
from minsheng.progress.models import Notice
from minsheng.progress.notice_doc import escalation_docx
from minsheng.reports.models import Letterhead
from minsheng.reports.supervision import build_notice, notice_docx

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 3, 31)
HEAD = gongwen.Masthead("常州市武进区人民政府办公室", "武政办〔2026〕12号")


def _text(data: bytes) -> tuple[Any, str]:
    doc = Document(io.BytesIO(data))
    return doc, "\n".join(p.text for p in doc.paragraphs)


def test_the_supervision_notice_has_a_number_even_without_a_prefix(client: Any, office: Any, wujin_plan: Any) -> None:
    from django.urls import reverse

    unit = Unit.objects.get(name="城管局")
    client.force_login(office)
    response = client.get(reverse("reports:supervision", args=[wujin_plan.pk, unit.pk]), {"as_of": "2026-03-31"})
    _, text = _text(response.content)
    assert "督办〔2026〕1号" in text


def test_the_signature_stays_on_the_page_of_its_text(wujin_plan: Any) -> None:
    doc, _ = _text(notice_docx(build_notice(wujin_plan, Unit.objects.get(name="城管局"), AS_OF), HEAD))
    paragraphs = doc.paragraphs
    signed = next(i for i, p in enumerate(paragraphs) if p.text.strip() == HEAD.issuer and i > 3)
    last_text = max(i for i in range(signed) if paragraphs[i].text.strip())
    # Word moves the kept block whole: from the last line of text down to the issuer.
    assert all(paragraphs[i].paragraph_format.keep_with_next for i in range(last_text, signed + 1))


def test_a_unit_with_nothing_late_gets_one_page_not_pages_of_none(wujin_plan: Any) -> None:
    unit = Unit.objects.create(name="档案馆", jurisdiction=wujin_plan.jurisdiction)
    doc, text = _text(notice_docx(build_notice(wujin_plan, unit, AS_OF), HEAD))
    assert "均按序时推进，暂无滞后" in text and "附件" not in text
    assert doc.tables == [] and len(doc.sections) == 1


def test_a_reminder_letter_takes_the_letterheads_next_number(wujin_plan: Any) -> None:
    Letterhead.objects.create(jurisdiction=wujin_plan.jurisdiction, number_prefix="武政办", next_number=13)
    unit = Unit.objects.get(name="城管局")
    tasks = list(Task.objects.filter(task_units__unit=unit)[:1])
    Notice.objects.create(plan=wujin_plan, unit=unit, period_end=AS_OF, kind=Notice.Kind.ESCALATION, text="")
    first = _text(escalation_docx(wujin_plan, unit, AS_OF, tasks, 3))[1]
    second = _text(escalation_docx(wujin_plan, unit, AS_OF, tasks, 3))[1]
    assert "武政办〔2026〕13号" in first and "武政办〔2026〕14号" in second
    assert Letterhead.objects.get(jurisdiction=wujin_plan.jurisdiction).next_number == 15


def test_each_units_supervision_notice_takes_its_own_number_and_keeps_it(
    client: Any, office: Any, wujin_plan: Any
) -> None:
    from django.urls import reverse

    Letterhead.objects.create(jurisdiction=wujin_plan.jurisdiction, number_prefix="武政办", next_number=71)
    client.force_login(office)

    def number(unit: Unit) -> str:
        response = client.get(reverse("reports:supervision", args=[wujin_plan.pk, unit.pk]), {"as_of": "2026-03-31"})
        return next(line for line in _text(response.content)[1].splitlines() if line.startswith("武政办"))

    units = list(Unit.objects.filter(tasks__project__plan=wujin_plan).distinct().order_by("pk")[:3])
    first = [number(unit) for unit in units]
    assert first == ["武政办〔2026〕71号", "武政办〔2026〕72号", "武政办〔2026〕73号"]
    assert [number(unit) for unit in units] == first  # downloaded again: the same document, the same number
    assert Letterhead.objects.get(jurisdiction=wujin_plan.jurisdiction).next_number == 74
