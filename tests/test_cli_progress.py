"""`minsheng read-progress`: the reading of .txt .docx .html .pdf as JSON, and matching a plan."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from bench.common import PROGRESS_GOLD, PROGRESS_SEED, progress_scorer

from minsheng.cli import main

PARAGRAPHS = [
    "一季度民生实事项目进展",
    "“吾优所行”工程",
    "市民出行体验提升：1—3月新增公共停车位303个，完成年度目标的20.2%；新建公共充电桩102个。",
]


def read(capsys: pytest.CaptureFixture[str], *args: str) -> Any:
    assert main(["read-progress", *args]) == 0
    return json.loads(capsys.readouterr().out)


def parking(data: dict[str, Any]) -> dict[str, Any]:
    return next(s for g in data["groups"] for s in g["statements"] if s["value"] == 303)


def test_it_reads_the_shared_bulletin_to_its_gold(capsys: pytest.CaptureFixture[str]) -> None:
    data = read(capsys, str(PROGRESS_SEED))
    result = progress_scorer().score(json.loads(PROGRESS_GOLD.read_text(encoding="utf-8")), data)
    assert result["f1"] >= 0.95 and result["kind_accuracy"] >= 0.95 and result["pairing_accuracy"] >= 0.90
    assert data["as_of"] == "2024-03-31" and data["title"] == "一季度我区民生实事项目有序推进"


def _docx(path: Path) -> Path:
    document = docx.Document()
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def _html(path: Path) -> Path:
    body = "".join(f"<p>{t}</p>" for t in PARAGRAPHS)
    path.write_text(f"<html><head><meta charset='utf-8'></head><body>{body}</body></html>", encoding="utf-8")
    return path


def _pdf(path: Path) -> Path:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.fail("需要 LibreOffice（make test 会自动安装）")
    source = _docx(path.with_suffix(".docx"))
    subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(path.parent), str(source)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    return path


@pytest.mark.parametrize("make", [_docx, _html, _pdf], ids=["docx", "html", "pdf"])
def test_it_reads_word_web_and_pdf(tmp_path: Path, make: Any, capsys: pytest.CaptureFixture[str]) -> None:
    suffix = {"_docx": ".docx", "_html": ".html", "_pdf": ".pdf"}[make.__name__]
    data = read(capsys, str(make(tmp_path / f"bulletin{suffix}")))
    statement = parking(data)
    assert (statement["kind"], statement["unit"], data["derived_checks"][0]["implied_target"]) == ("actual", "个", 1500)


def test_it_names_the_plans_task_and_indicator(
    wujin_plan: Any, parking_task: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "report.txt"
    path.write_text("\n\n".join(PARAGRAPHS) + "\n\n另外完成河道清淤12.5公里。", encoding="utf-8")
    data = read(capsys, str(path), "--plan", str(wujin_plan.pk), "--as-of", "2026-03-31")
    assert data["as_of"] == "2026-03-31"
    match = parking(data)["match"]
    indicator = parking_task.indicators.get()
    expected = (parking_task.pk, indicator.pk, "1500", "个")
    assert (match["task"], match["indicator"], match["target"], match["unit"]) == expected
    assert 0 < match["score"] <= 1.2
    dredged = next(s for g in data["groups"] for s in g["statements"] if s["unit"] == "公里")
    assert dredged["match"] is None  # nothing in the plan is measured in 公里 of dredging


def test_an_empty_text_reads_to_nothing_with_a_warning(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("今年以来，各项工作有序推进。\n", encoding="utf-8")
    assert main(["read-progress", str(path)]) == 0
    out = capsys.readouterr()
    assert json.loads(out.out)["groups"] == [] and "没有读到" in out.err


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.txt", None, "文件不存在"),
        ("table.xlsx", b"PK", "不支持的文件格式"),
        ("bad.docx", b"not a zip", "bad.docx"),
    ],
)
def test_bad_files_get_one_line_in_chinese(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, message: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    assert main(["read-progress", str(path)]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
