"""Finding 10 of #27 in the PDF: LibreOffice must never break a figure over two lines
(平均完成8 / 9.8%, 1 / 00.0%, 100.0 / %). Rendered and read back with pdftotext."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from minsheng.gongwen.document import Gongwen, Masthead
from minsheng.gongwen.pdf import docx_to_pdf

pytestmark = pytest.mark.no_ci_database  # a PDF made and read by LibreOffice and poppler

FIGURES = ["89.8%", "100.0%", "7700", "22000", "35/50"]


def _paragraphs() -> list[str]:
    """Each figure after every count of lead characters from 0 to 27: in a 28-character line
    some of them must reach the line's end."""
    return [f"{'进' * lead}完成年度目标的{figure}，" * 3 for figure in FIGURES for lead in range(28)]


def test_no_figure_is_broken_over_two_lines(tmp_path: Path) -> None:
    assert shutil.which("pdftotext") and shutil.which("soffice"), "缺少 poppler 或 LibreOffice"
    doc = Gongwen(Masthead("常州市武进区人民政府办公室"))
    doc.title("2026年武进区民生实事项目进度通报")
    for text in _paragraphs():
        doc.body(text)
    pdf = tmp_path / "b.pdf"
    pdf.write_bytes(docx_to_pdf(doc.save()))
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    lines = [line.replace(" ", "").replace("\u2060", "") for line in text.splitlines() if line.strip()]
    broken = [
        f"{a} / {b}"
        for a, b in zip(lines, lines[1:], strict=False)
        if re.search(r"[\d.]$", a) and re.match(r"[\d.%/]", b)
    ]
    assert broken == []
    body = [line for line in lines if not re.fullmatch(r"—\d+—", line)]  # 页码
    found = re.findall(r"\d[\d./]*%?", "\n".join(body))
    assert {f for f in found if f != "2026"} <= set(FIGURES), set(found) - set(FIGURES)
    assert len([f for f in found if f in FIGURES]) == len(FIGURES) * 28 * 3
