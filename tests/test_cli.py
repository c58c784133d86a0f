"""The `minsheng` command: parse, import, export-json, and one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from minsheng.cli import main

from .conftest import EXAMPLES, SHARED


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "minsheng.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=120,
    )


def test_it_parses_a_file_to_the_interchange_json() -> None:
    result = run_cli("parse", str(EXAMPLES / "000_1f7f5f0c3bb78009.docx"))
    assert result.returncode == 0, result.stderr
    plan = json.loads(result.stdout)
    assert plan["title"] == "2026年武进区民生实事项目任务分解表"
    assert sum(p["status"] == "formal" for p in plan["projects"]) == 30
    parking = next(p for p in plan["projects"] if p["name"] == "推进停车便利化")
    assert parking["tasks"][0]["indicators"][0] == {
        "text": "新增公共停车泊位1500个",
        "name": "公共停车泊位",
        "value": 1500,
        "unit": "个",
        "op": "eq",
    }


@pytest.mark.parametrize(
    "args, message",
    [
        (["parse", "/no/such/file.docx"], "文件不存在"),
        (["parse", str(SHARED / "gold" / "INDICATORS.md")], "不支持的文件格式"),
        (["export-json", "999"], "没有编号为 999 的计划"),
    ],
)
@pytest.mark.no_ci_database
def test_it_reports_bad_arguments_in_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    env = {"MINSHENG_DATA_DIR": str(tmp_path), "SECRET_KEY": "x", "DATABASE_URL": f"sqlite:///{tmp_path}/cli.db"}
    result = run_cli(*args, env=env)
    assert result.returncode == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_it_rejects_an_unknown_command_with_usage() -> None:
    result = run_cli("frobnicate")
    assert result.returncode == 2 and "usage" in result.stderr


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("example", sorted(EXAMPLES.glob("*.docx")), ids=lambda p: p.stem[:3])
def test_it_round_trips_import_and_export(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from minsheng.plans.models import Plan

    assert main(["parse", str(example)]) == 0
    parsed = capsys.readouterr().out
    assert main(["import", str(example)]) == 0
    plan = Plan.objects.get()
    capsys.readouterr()
    assert main(["export-json", str(plan.pk)]) == 0
    assert capsys.readouterr().out == parsed


@pytest.mark.django_db(transaction=True)
def test_it_does_not_import_the_same_file_twice(capsys: pytest.CaptureFixture[str]) -> None:
    from minsheng.plans.models import Plan, Task

    example = EXAMPLES / "004_ec3afaf71d2d5714.docx"
    assert main(["import", str(example)]) == 0
    tasks = Task.objects.count()
    assert main(["import", str(example)]) == 0
    assert "未重复导入" in capsys.readouterr().out
    assert (Plan.objects.count(), Task.objects.count()) == (1, tasks)


def test_it_prints_targets_of_a_text(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["targets", "处理规模1.25万吨/日"]) == 0
    [target] = json.loads(capsys.readouterr().out)
    assert (target["value"], target["unit"], target["start"], target["end"]) == (12500, "吨/日", 0, 12)
