"""The progress bulletin (进度通报): the plan as of a date, by category and project,
each target's progress in plain sentences, the tasks behind 序时进度 and overdue,
and a summary at the top. Rendered as a web page, a .docx and (via LibreOffice) a .pdf."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..plans.models import Plan
from ..progress.board import Board, TaskRow, build_board, counting_reports
from ..progress.metrics import Light
from ..progress.templatetags.progress_tags import num, pct
from . import gongwen


def cn_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


@dataclass
class ProjectNews:
    name: str
    sentences: list[str] = field(default_factory=list)
    narratives: list[str] = field(default_factory=list)


@dataclass
class CategoryNews:
    name: str
    projects: list[ProjectNews] = field(default_factory=list)


@dataclass
class Bulletin:
    plan: Plan
    as_of: datetime.date
    summary: str
    categories: list[CategoryNews]
    behind: list[TaskRow]
    overdue: list[TaskRow]

    @property
    def title(self) -> str:
        return f"{self.plan.title}进度通报（截至{cn_date(self.as_of)}）"


def target_sentence(row: TaskRow) -> list[str]:
    """新增公共停车泊位303个，完成年度目标的20.2%。"""
    sentences = []
    for target in row.targets:
        if target.actual is None:
            continue
        text = f"{target.phrase}{num(target.actual)}{target.unit}"
        if target.share is not None:
            text += f"，完成年度目标的{pct(target.share)}"
        sentences.append(text + "。")
    if not sentences and row.status:
        sentences.append(f"{row.content.rstrip('。')}：{row.status_label}。")
    return sentences


def _summary(board: Board) -> str:
    rows = board.rows
    projects = len({r.project_id for r in rows})
    done = sum(1 for r in rows if r.status == "done")
    on_track = sum(1 for r in rows if r.light in (Light.GREEN, Light.BLUE) and r.status != "done")
    behind = sum(1 for r in rows if r.light in (Light.YELLOW, Light.RED))
    missing = sum(1 for r in rows if r.light == Light.NONE)
    overall = board.overall
    return (
        f"截至{cn_date(board.as_of)}，{projects}个民生实事项目共{len(rows)}项任务："
        f"已完成{done}项，按序时推进{on_track}项，滞后{behind}项，未报送{missing}项。"
        f"{overall.coverage_text.replace(' ', '')}，序时进度{pct(overall.expected)}。"
    )


def build_bulletin(plan: Plan, as_of: datetime.date) -> Bulletin:
    board = build_board(plan, as_of)
    narratives = dict(counting_reports(plan, as_of).values_list("task_id", "narrative"))
    categories: dict[str, CategoryNews] = {}
    projects: dict[int, ProjectNews] = {}
    for row in board.rows:
        category = categories.setdefault(row.category, CategoryNews(row.category))
        if row.project_id not in projects:
            projects[row.project_id] = ProjectNews(row.project)
            category.projects.append(projects[row.project_id])
        news = projects[row.project_id]
        news.sentences += target_sentence(row)
        if narratives.get(row.id):
            news.narratives.append(narratives[row.id])
    return Bulletin(plan, as_of, _summary(board), list(categories.values()), board.behind, board.overdue)


def bulletin_docx(bulletin: Bulletin) -> bytes:
    doc = gongwen.document()
    gongwen.paragraph(doc, bulletin.title, font=gongwen.TITLE_FONT, size=20, center=True)
    gongwen.paragraph(doc, bulletin.summary)
    for category in bulletin.categories:
        gongwen.paragraph(doc, category.name, font=gongwen.HEADING_FONT, size=16)
        for project in category.projects:
            text = "".join(project.sentences) or "暂无报送。"
            gongwen.paragraph(doc, f"{project.name}：{text}")
            for narrative in project.narratives:
                gongwen.paragraph(doc, f"　　{narrative}", size=14)
    for heading, rows in (("滞后于序时进度的任务", bulletin.behind), ("逾期未完成的任务", bulletin.overdue)):
        gongwen.paragraph(doc, heading, font=gongwen.HEADING_FONT, size=16)
        for row in rows or []:
            units = "、".join(name for _, name in row.units)
            gongwen.paragraph(
                doc, f"{row.project}（{units}）：完成{pct(row.completion)}，序时进度{pct(row.expected)}。", size=14
            )
        if not rows:
            gongwen.paragraph(doc, "无。", size=14)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# 公文 font names mapped to the Chinese fonts a Debian server has (see the file).
FONTS_CONF = Path(__file__).with_name("fonts.conf")


class PdfUnavailable(Exception):
    """LibreOffice is not installed: the PDF cannot be made here."""


def docx_to_pdf(data: bytes) -> bytes:
    """Convert with LibreOffice (soffice --headless), which embeds the fonts it uses.

    Each conversion has its own LibreOffice profile: two at once would otherwise
    share one and the second would fail.
    """
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise PdfUnavailable(
            "生成 PDF 需要 LibreOffice 和中文字体（Debian：apt-get install libreoffice-writer-nogui fonts-noto-cjk）"
        )
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "bulletin.docx"
        source.write_bytes(data)
        profile = (Path(tmp) / "profile").as_uri()
        command = [soffice, f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf"]
        env = {**os.environ, "FONTCONFIG_FILE": str(FONTS_CONF)}
        try:
            subprocess.run(
                [*command, "--outdir", tmp, str(source)], check=True, capture_output=True, timeout=120, env=env
            )
            return (Path(tmp) / "bulletin.pdf").read_bytes()
        except (subprocess.SubprocessError, OSError) as exc:
            raise PdfUnavailable(f"LibreOffice 未能生成 PDF：{exc}") from exc
