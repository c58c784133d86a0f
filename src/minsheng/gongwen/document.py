"""A 公文 laid out by GB/T 9704-2012 党政机关公文格式, written with python-docx.

Every measure is a named constant with the clause it comes from. `Gongwen` lays out a
document element by element: 版头 (发文机关标志, 发文字号, red 分隔线), 标题, 主送机关,
正文 with numbered headings, 附件说明, 落款, annexed tables (gongwen/table.py)
and the 版记. Chinese fonts are named on w:eastAsia as offices name them
(仿宋_GB2312, 黑体, 楷体_GB2312, 方正小标宋简体); gongwen/fonts.conf maps them to the faces a
server has when LibreOffice makes the PDF.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt, RGBColor

# 5.2.1 纸张: A4, 210 mm × 297 mm.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
# 5.2.2 版面: 天头 (top margin) 37 mm, 订口 (left margin) 28 mm, 版心 156 mm × 225 mm.
TOP_MARGIN_MM, LEFT_MARGIN_MM = 37, 28
TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 156, 225
RIGHT_MARGIN_MM = PAGE_WIDTH_MM - LEFT_MARGIN_MM - TEXT_WIDTH_MM  # 26 mm (切口)
BOTTOM_MARGIN_MM = PAGE_HEIGHT_MM - TOP_MARGIN_MM - TEXT_HEIGHT_MM  # 35 mm
# 5.2.4 行数和字数: 22 lines of 28 characters fill the 版心.
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
# The line pitch in twentieths of a point, rounded down so that 22 lines fit in 225 mm.
LINE_PITCH_TWIPS = int(TEXT_HEIGHT_MM / 25.4 * 72 * 20 / LINES_PER_PAGE)  # 579
LINE_PITCH = Pt(LINE_PITCH_TWIPS / 20)

# 6.1 / 7.3.3 字体字号: 正文 3号仿宋 (16 pt); 7.3.1 标题 2号小标宋 (22 pt);
# 7.5 页码 and 7.4 版记 4号 (14 pt).
SIZE_3HAO, SIZE_2HAO, SIZE_4HAO, SIZE_XIAO4 = 16.0, 22.0, 14.0, 12.0
BODY_FONT = "仿宋_GB2312"  # 6.1
HEADING_FONT = "黑体"  # 7.3.3 第一层
KAI_FONT = "楷体_GB2312"  # 7.3.3 第二层
TITLE_FONT = "方正小标宋简体"  # 7.3.1, 7.2.4 (小标宋)
PAGE_NUMBER_FONT = "宋体"  # 7.5 半角宋体
# 5.2.4: 28 characters of 16 pt in 156 mm, so each character is drawn 0.21 pt narrower
# (Word's 字符网格; LibreOffice reads the run spacing). Rounded to whole twips.
CHAR_PITCH_PT = TEXT_WIDTH_MM / 25.4 * 72 / CHARS_PER_LINE  # 15.79 pt
CHAR_SPACING_TWIPS = -5  # 16 pt - 0.25 pt = 15.75 pt per character: 28 fit
INDENT_2_CHARS = Pt(2 * CHAR_PITCH_PT)  # 7.3.3 段首空二字
# Word's 文档网格 "lines": LibreOffice draws "linesAndChars" with its own, wider character grid,
# so the 28 characters come from the run spacing above and the grid holds the lines.
GRID_TYPE = "lines"
RED = RGBColor(0xFF, 0x00, 0x00)  # 7.2.4 / 7.2.7 红色

# 7.2.4 发文机关标志: 居中, 上边缘至版心上边缘 35 mm, 红色小标宋; at most 22 mm high.
ISSUER_TOP_MM = 35
ISSUER_MAX_SIZE = 48.0
# LibreOffice draws the glyphs of a line exactly one em high 0.2 em above the line's top
# (the 1 mm of FOOTER_RAISE_MM at 4号): the 发文机关标志 starts that much lower.
GLYPH_RAISE_EM = 0.2
# 7.2.5 发文字号: 发文机关标志下空二行, 居中. 7.2.7 分隔线: 发文字号之下 4 mm, 与版心等宽.
NUMBER_BLANK_LINES = 2
RULE_GAP_PT = 4 / 25.4 * 72  # 4 mm
RULE_EIGHTHS = 8  # 1 pt (0.35 mm), in eighths of a point as w:sz wants
# 7.3.1 标题: 红色分隔线下空二行. 7.3.2 主送机关: 标题下空一行, 居左顶格.
TITLE_BLANK_LINES, RECIPIENT_BLANK_LINES = 2, 1
# 7.3.5.1 加盖印章的公文: 成文日期右空四字, 发文机关署名以成文日期为准居中; the seal covers them.
DATE_RIGHT_CHARS = 4
SEAL_BLANK_LINES = 2
# 7.5 页码: 4号半角宋体, 一字线 on either side, 一字线上距版心下边缘 7 mm; 单页码居右空一字, 双页码居左空一字.
PAGE_NUMBER_GAP_MM = 7
# LibreOffice draws a footer line's glyphs 1 mm above the line's top: one mm less from the bottom.
FOOTER_RAISE_MM = 1
FOOTER_DISTANCE = Mm(BOTTOM_MARGIN_MM - PAGE_NUMBER_GAP_MM - FOOTER_RAISE_MM) - Pt(SIZE_4HAO)
# 7.4 版记: 首末条分隔线粗线 0.35 mm, 中间细线 0.25 mm; 左右各空一字.
RECORD_THICK_EIGHTHS, RECORD_THIN_EIGHTHS = 8, 6


@dataclass
class Masthead:
    """The office's 版头 and 版记 (settings in reports/models.py)."""

    issuer: str  # 发文机关标志 / 署名: 常州市武进区人民政府办公室
    number: str = ""  # 发文字号: 武政办〔2026〕12号
    recipients: str = ""  # 主送机关
    copy_to: str = ""  # 抄送机关
    printer: str = ""  # 印发机关


def set_font(run: Any, name: str, size: float, *, bold: bool = False, color: RGBColor | None = None) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    if color is not None:
        run.font.color.rgb = color
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def exact(para: Any, height: Any = LINE_PITCH) -> Any:
    """Exact line height, no space around: the paragraph sits on the 22-line grid
    (or, for any other height, is kept off it)."""
    if height != LINE_PITCH:
        off = OxmlElement("w:snapToGrid")
        off.set(qn("w:val"), "0")
        para._p.get_or_add_pPr().append(off)
    fmt = para.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = height
    fmt.space_before = fmt.space_after = Pt(0)
    return para


def chinese_numeral(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


def text_width_chars(text: str) -> float:
    """Width in full-width characters: digits and Latin letters are half-width."""
    return sum(0.5 if ord(ch) < 0x2000 else 1 for ch in text)


def _border(element: Any, tag: str, edges: dict[str, tuple[int, str, float]]) -> None:
    borders = OxmlElement(tag)
    for edge, (size, color, space) in edges.items():
        line = OxmlElement(f"w:{edge}")
        line.set(qn("w:val"), "single" if size else "nil")
        line.set(qn("w:sz"), str(size))
        line.set(qn("w:space"), str(round(space)))
        line.set(qn("w:color"), color)
        borders.append(line)
    element.append(borders)


def set_section(section: Any, *, landscape: bool = False) -> None:
    """A4 and the 版心 of 5.2.2. A landscape annex (9 表格) turns the page so that the
    table's head lies on the 订口 side: its top margin is the 订口, its left the 天头's opposite."""
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(PAGE_HEIGHT_MM), Mm(PAGE_WIDTH_MM)
        section.top_margin, section.bottom_margin = Mm(LEFT_MARGIN_MM), Mm(RIGHT_MARGIN_MM)
        section.left_margin, section.right_margin = Mm(BOTTOM_MARGIN_MM), Mm(TOP_MARGIN_MM)
        section.footer_distance = Mm(RIGHT_MARGIN_MM - PAGE_NUMBER_GAP_MM - FOOTER_RAISE_MM) - Pt(SIZE_4HAO)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
        section.top_margin, section.bottom_margin = Mm(TOP_MARGIN_MM), Mm(BOTTOM_MARGIN_MM)
        section.left_margin, section.right_margin = Mm(LEFT_MARGIN_MM), Mm(RIGHT_MARGIN_MM)
        section.footer_distance = FOOTER_DISTANCE
    section.header_distance = Mm(15)
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    # 5.2.4 as Word's 文档网格: 22 lines, 28 characters (charSpace in 1/4096 pt).
    grid.set(qn("w:type"), GRID_TYPE)
    grid.set(qn("w:linePitch"), str(LINE_PITCH_TWIPS))
    grid.set(qn("w:charSpace"), str(round((CHAR_PITCH_PT - SIZE_3HAO) * 4096)))
    _page_numbers(section)


def _page_field(para: Any) -> None:
    def run_with(tag: str, **attrs: str) -> None:
        run = para.add_run()
        set_font(run, PAGE_NUMBER_FONT, SIZE_4HAO)
        element = OxmlElement(tag)
        for key, value in attrs.items():
            element.set(qn(key), value)
        if tag == "w:instrText":
            element.text = " PAGE "
        run._element.append(element)

    set_font(para.add_run("— "), PAGE_NUMBER_FONT, SIZE_4HAO)
    run_with("w:fldChar", **{"w:fldCharType": "begin"})
    run_with("w:instrText")
    run_with("w:fldChar", **{"w:fldCharType": "separate"})
    set_font(para.add_run("1"), PAGE_NUMBER_FONT, SIZE_4HAO)
    run_with("w:fldChar", **{"w:fldCharType": "end"})
    set_font(para.add_run(" —"), PAGE_NUMBER_FONT, SIZE_4HAO)


def _page_numbers(section: Any) -> None:
    """7.5: odd pages right, even pages left, one character in (different odd/even footers)."""
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        para = exact(footer.paragraphs[0], Pt(SIZE_4HAO))
        for run in list(para.runs):
            run._element.getparent().remove(run._element)
        if align == "right":
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            para.paragraph_format.right_indent = Pt(SIZE_4HAO)
        else:
            para.alignment = WD_ALIGN_PARAGRAPH.LEFT
            para.paragraph_format.left_indent = Pt(SIZE_4HAO)
        _page_field(para)


def new_document() -> Any:
    """An empty 公文: Normal is 3号仿宋 on the line grid, Chinese text marked zh-CN (so that a
    fallback font draws Simplified forms), odd and even footers on."""
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.name = BODY_FONT
    normal.font.size = Pt(SIZE_3HAO)
    r_pr = normal.element.get_or_add_rPr()
    r_pr.get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    lang = OxmlElement("w:lang")
    # Figures (89.8%, 100.0%) are Latin script and take w:val: marked zh-CN, LibreOffice breaks a
    # line between any two digits (平均完成8 / 9.8%); en-US keeps a figure and its % whole, as Word
    # does for Chinese documents.
    lang.set(qn("w:val"), "en-US")
    lang.set(qn("w:eastAsia"), "zh-CN")
    r_pr.append(lang)
    spacing = OxmlElement("w:spacing")
    spacing.set(qn("w:val"), str(CHAR_SPACING_TWIPS))
    r_pr.append(spacing)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = LINE_PITCH
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = False
    doc.settings.odd_and_even_pages_header_footer = True
    set_section(doc.sections[0])
    return doc


class Gongwen:
    """One 公文, written top to bottom; `save()` returns the .docx bytes."""

    def __init__(self, letterhead: Masthead | None = None) -> None:
        self.doc = new_document()
        self.letterhead = letterhead
        if letterhead is not None:  # the office is the document's author, not the library
            props = self.doc.core_properties
            props.author = props.last_modified_by = letterhead.issuer
            props.comments = ""
        self._note_at: int | None = None  # index of the first 附件说明 paragraph, once written
        self._started = False
        self._counters = [0, 0, 0, 0]
        if letterhead is not None:
            self._head(letterhead)

    def line(self, text: str = "", *, font: str = BODY_FONT, size: float = SIZE_3HAO, **kwargs: Any) -> Any:
        """One paragraph on the grid; align="center"/"right", indent=first-line indent."""
        para = exact(self.doc.add_paragraph())
        if kwargs.get("align") == "center":
            para.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kwargs.get("align") == "right":
            para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        else:
            para.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        if kwargs.get("indent"):
            para.paragraph_format.first_line_indent = kwargs["indent"]
        if text:
            set_font(para.add_run(text), font, size, color=kwargs.get("color"))
        return para

    def blank(self, count: int = 1) -> None:
        for _ in range(count):
            self.line()

    def _head(self, head: Masthead) -> None:
        """7.2.4 发文机关标志, 7.2.5 发文字号, 7.2.7 分隔线."""
        size = min(ISSUER_MAX_SIZE, TEXT_WIDTH_MM / 25.4 * 72 / max(text_width_chars(head.issuer), 1))
        issuer = self.line(head.issuer, font=TITLE_FONT, size=size, align="center", color=RED)
        exact(issuer, Pt(size)).paragraph_format.space_before = Mm(ISSUER_TOP_MM) + Pt(GLYPH_RAISE_EM * size)
        self.blank(NUMBER_BLANK_LINES)
        number = self.line(head.number, align="center")
        _border(number._p.get_or_add_pPr(), "w:pBdr", {"bottom": (RULE_EIGHTHS, "FF0000", RULE_GAP_PT)})

    def title(self, text: str) -> None:
        """7.3.1: 2号小标宋, centred, 红色分隔线下空二行 (or at the top without a 版头)."""
        if self.letterhead is not None:
            self.blank(TITLE_BLANK_LINES)
        self.line(text, font=TITLE_FONT, size=SIZE_2HAO, align="center")

    def recipients(self, text: str) -> None:
        """7.3.2: 标题下空一行, 居左顶格, 全角冒号."""
        if text:
            self.blank(RECIPIENT_BLANK_LINES)
            self.line(f"{text.rstrip('：:')}：")

    def body(self, text: str) -> Any:
        """7.3.3 正文: 段首空二字."""
        return self.line(text, indent=INDENT_2_CHARS)

    def heading(self, level: int, text: str, rest: str = "") -> Any:
        """7.3.3 结构层次序数: 一、(黑体) （一）(楷体) 1.（仿宋）（1）(仿宋); `rest` follows on the line."""
        self._counters[level - 1] += 1
        for deeper in range(level, len(self._counters)):
            self._counters[deeper] = 0
        n = self._counters[level - 1]
        label, font = {
            1: (f"{chinese_numeral(n)}、", HEADING_FONT),
            2: (f"（{chinese_numeral(n)}）", KAI_FONT),
            3: (f"{n}.", BODY_FONT),
            4: (f"（{n}）", BODY_FONT),
        }[level]
        para = self.line(label + text, font=font, indent=INDENT_2_CHARS)
        if rest:
            set_font(para.add_run(rest), BODY_FONT, SIZE_3HAO)
        return para

    def attachments_note(self, names: list[str]) -> None:
        """7.3.4 附件说明: 正文下空一行, 左空二字, 顺序号 1. 2., 回行与附件名称首字对齐."""
        if not names:
            return
        self._note_at = len(self.doc.paragraphs)
        self.blank()
        for i, name in enumerate(names, start=1):
            label = "附件：" if i == 1 else "　　　"
            number = f"{i}." if len(names) > 1 else ""
            para = self.line(f"{label}{number}{name}")
            fmt = para.paragraph_format
            fmt.left_indent = Pt(CHAR_PITCH_PT * (5 + (0.5 + 0.5 if number else 0)))
            fmt.first_line_indent = -Pt(CHAR_PITCH_PT * (3 + (1 if number else 0)))

    def signature(self, issuer: str, date: str) -> None:
        """7.3.5.1: 成文日期右空四字; 署名 centred on the date, above it; room for the seal.
        7.3.5: no page holds only the signature, nor only the 附件说明 and the signature: the
        last lines of the text before them go with them. That paragraph may split (two lines
        at least on either side), so the block never takes a whole page's body along and leaves
        the addressee alone on the first page."""
        paragraphs = self.doc.paragraphs
        end = self._note_at if self._note_at is not None else len(paragraphs)
        written = [i for i in range(end) if paragraphs[i].text.strip()]
        self.blank(SEAL_BLANK_LINES)
        paragraphs = self.doc.paragraphs
        if written:
            paragraphs[written[-1]].paragraph_format.widow_control = True
        for para in paragraphs[written[-1] if written else len(paragraphs) : len(paragraphs)]:
            para.paragraph_format.keep_with_next = True
        date_chars = text_width_chars(date)
        name_chars = text_width_chars(issuer)
        name_right = DATE_RIGHT_CHARS + max((date_chars - name_chars) / 2, 0)
        for text, right in ((issuer, name_right), (date, DATE_RIGHT_CHARS)):
            para = self.line(text, align="right")
            para.paragraph_format.right_indent = Pt(CHAR_PITCH_PT * right)
            para.paragraph_format.keep_with_next = True  # and the 版记 (its blank line keeps on)

    def new_section(self, *, landscape: bool) -> None:
        """A new page (另面编排), turned for a wide annex; an empty document turns its first page."""
        if len(self.doc.element.body) > 1:  # more than the closing w:sectPr
            set_section(self.doc.add_section(WD_SECTION.NEW_PAGE), landscape=landscape)
        else:
            set_section(self.doc.sections[0], landscape=landscape)

    def record(self, copy_to: str, printer: str, date: str) -> None:
        """7.4 版记: 抄送 and 印发机关/印发日期 between a thick first, thin middle and thick last rule."""
        if not (copy_to or printer):
            return
        section = self.doc.sections[-1]
        width = Emu(section.page_width - section.left_margin - section.right_margin)
        rows = []
        if copy_to:
            rows.append(f"　抄送：{copy_to.rstrip('。')}。")  # 左空一字
        rows.append(f"　{printer}\t{date}印发")  # 印发机关左空一字, 印发日期右空一字
        # No page holds only the 版记: it goes with what is above it (the signature, the last
        # annex's last row), as its blank line does.
        last = self.doc.element.body[-2] if len(self.doc.element.body) > 1 else None
        if last is not None and last.tag == qn("w:tbl"):
            for cell in self.doc.tables[-1].rows[-1].cells:
                for para in cell.paragraphs:
                    para.paragraph_format.keep_with_next = True
        self.blank()
        self.doc.paragraphs[-1].paragraph_format.keep_with_next = True
        for i, text in enumerate(rows):
            para = self.line(text, size=SIZE_4HAO)
            fmt = para.paragraph_format
            fmt.keep_with_next = i < len(rows) - 1
            fmt.tab_stops.add_tab_stop(Emu(width - Pt(SIZE_4HAO)), WD_TAB_ALIGNMENT.RIGHT)
            top = (RECORD_THICK_EIGHTHS if i == 0 else RECORD_THIN_EIGHTHS, "000000", 1.0)
            edges = {"top": top}
            if i == len(rows) - 1:
                edges["bottom"] = (RECORD_THICK_EIGHTHS, "000000", 1.0)
            _border(para._p.get_or_add_pPr(), "w:pBdr", edges)

    def save(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
