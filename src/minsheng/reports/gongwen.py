"""Word documents in the shape of a 政府办 公文: 仿宋_GB2312 body, 黑体 headings.

The East Asian font is set on w:eastAsia (Word takes Chinese glyphs from there);
a machine without 仿宋_GB2312 falls back to the fonts named in w:altName order
of Word itself, so the names are kept as offices expect them.
"""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"
TITLE_FONT = "方正小标宋简体"


def document() -> Any:
    """A new Word document whose text is marked Chinese (zh-CN), so that Word and
    LibreOffice pick Simplified Chinese glyphs when they fall back from 仿宋_GB2312."""
    doc = Document()
    r_pr = doc.styles["Normal"].element.get_or_add_rPr()
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "zh-CN")
    lang.set(qn("w:eastAsia"), "zh-CN")
    r_pr.append(lang)
    return doc


def set_font(run: Any, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def paragraph(
    container: Any, text: str, *, font: str = BODY_FONT, size: float = 16, center: bool = False, bold: bool = False
) -> Any:
    para = container.add_paragraph()
    if center:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    set_font(para.add_run(text), font, size, bold)
    return para


def cell_text(cell: Any, text: str, *, font: str = BODY_FONT, size: float = 10.5, center: bool = False) -> None:
    """Text into a table cell, one paragraph per line."""
    lines = text.split("\n") if text else [""]
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        para = first if index == 0 else cell.add_paragraph()
        if center:
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        set_font(para.add_run(line), font, size)


def landscape_a4(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    section.left_margin = section.right_margin = Cm(2.0)
    section.top_margin = section.bottom_margin = Cm(2.2)


def repeat_header(row: Any) -> None:
    """Mark a table row as a header row repeated at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
